<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests\Docs;

use OnlyOffice\Jwt\Tests\Nextcloud\Config;
use OnlyOffice\Jwt\Tests\Nextcloud\Database;
use OnlyOffice\Jwt\Tests\Nextcloud\Installation;

/**
 * What the stand-ins of the docs' snippets share in one child process, where Nextcloud
 * has its server container and PHP its request: the installation being played (its
 * configuration, database, files), the current request's raw body (`php://input`) and the
 * requests the connector sent to the Document Server.
 */
final class Current
{
    /** The installation whose request is being handled (null outside the attack scenarios). */
    public static ?Installation $nc = null;

    public static ?Config $config = null;

    public static ?Database $db = null;

    /** The raw body of the current request. */
    public static string $body = '';

    /** @var list<array{url: string, method: string, opts: ?array}> requests of DocumentService::request */
    public static array $requests = [];

    /** Makes `$nc` the current installation. */
    public static function enter(Installation $nc): void
    {
        self::$nc = $nc;
        self::$config = $nc->config;
        self::$db = $nc->db;
    }
}
