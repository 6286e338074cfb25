<?php

declare(strict_types=1);

namespace OCP\AppFramework\Http;

use OCP\AppFramework\Http;

/** Test stand-in of Nextcloud's OCP\AppFramework\Http\Response: a status. */
class Response
{
    public function __construct(private int $status = Http::STATUS_OK)
    {
    }

    /** The HTTP status. */
    public function getStatus(): int
    {
        return $this->status;
    }
}
