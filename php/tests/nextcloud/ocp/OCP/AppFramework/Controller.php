<?php

declare(strict_types=1);

namespace OCP\AppFramework;

use OCP\IRequest;

/** Test stand-in of Nextcloud's OCP\AppFramework\Controller. */
abstract class Controller
{
    /** @var string */
    protected $appName;

    /** @var IRequest */
    protected $request;

    public function __construct($appName, IRequest $request)
    {
        $this->appName = $appName;
        $this->request = $request;
    }
}
