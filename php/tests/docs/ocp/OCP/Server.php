<?php

declare(strict_types=1);

namespace OCP;

use OnlyOffice\Jwt\Tests\Docs\Current;

/**
 * Test stand-in of Nextcloud's OCP\Server (the server container, since Nextcloud 25): the
 * current installation's configuration and database.
 */
final class Server
{
    /**
     * @template T
     * @param class-string<T> $serviceName
     * @return T
     */
    public static function get(string $serviceName)
    {
        $service = match ($serviceName) {
            IConfig::class => Current::$config,
            IDBConnection::class => Current::$db,
            default => throw new \LogicException("no stand-in for $serviceName"),
        };
        if ($service === null) {
            throw new \LogicException("no current installation for $serviceName");
        }
        return $service;
    }
}
