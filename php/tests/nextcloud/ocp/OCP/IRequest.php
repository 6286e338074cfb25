<?php

declare(strict_types=1);

namespace OCP;

/**
 * Test stand-in of Nextcloud's OCP\IRequest: the methods the guard app and the
 * connector stand-in call, with Nextcloud's signatures.
 */
interface IRequest
{
    /** A header's value ('' when absent), its name matched case-insensitively. */
    public function getHeader(string $name): string;

    /**
     * A request parameter: the query string's, overridden by a JSON body's members.
     *
     * @param mixed $default the value when the parameter is absent
     * @return mixed
     */
    public function getParam(string $key, $default = null);

    /** `http` or `https`. */
    public function getServerProtocol(): string;

    /** The request target as received: path and query. */
    public function getRequestUri(): string;

    /** The host (and port) the request came to. */
    public function getServerHost(): string;
}
