<?php

declare(strict_types=1);

namespace OCP\AppFramework;

/** Test stand-in of Nextcloud's OCP\AppFramework\Http: the status codes used here. */
class Http
{
    public const STATUS_OK = 200;
    public const STATUS_BAD_REQUEST = 400;
    public const STATUS_FORBIDDEN = 403;
    public const STATUS_NOT_FOUND = 404;
    public const STATUS_INTERNAL_SERVER_ERROR = 500;
}
