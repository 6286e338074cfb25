<?php

declare(strict_types=1);

namespace OCP\AppFramework\Http;

use OCP\AppFramework\Http;

/** Test stand-in of Nextcloud's JSONResponse: data and a status. */
class JSONResponse extends Response
{
    /**
     * @param mixed $data the value sent as JSON
     */
    public function __construct(protected mixed $data = [], int $statusCode = Http::STATUS_OK)
    {
        parent::__construct($statusCode);
    }

    /** @return mixed the value sent as JSON */
    public function getData()
    {
        return $this->data;
    }
}
