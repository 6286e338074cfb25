<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests\Nextcloud;

use OCP\IRequest;

/**
 * A request as Nextcloud's OC\AppFramework\Http\Request presents it: the parameters
 * are the query string's, then a form body's (POST), then a JSON body's members
 * (`Content-Type` application/json or +json), each overriding the ones before.
 */
final class Request implements IRequest
{
    /** @var array<string, string> header names in lower case => values */
    private array $headers = [];

    /** @var array<string, mixed> */
    private array $parameters;

    /**
     * @param string                $target  path and query, as received
     * @param array<string, string> $headers
     */
    public function __construct(
        private string $method,
        private string $target,
        array $headers = [],
        private string $body = '',
        private string $protocol = 'https',
        private string $host = 'nc.example'
    ) {
        foreach ($headers as $name => $value) {
            $this->headers[strtolower($name)] = $value;
        }
        parse_str((string) parse_url('http://h' . $target, PHP_URL_QUERY), $query);
        $type = $this->headers['content-type'] ?? '';
        $fromBody = [];
        if (preg_match('/^application\/(?:[a-z0-9.-]+\+)?json\b/', $type) === 1) {
            $decoded = json_decode($body, true);
            $fromBody = is_array($decoded) ? $decoded : [];
        } elseif ($method === 'POST' && str_starts_with($type, 'application/x-www-form-urlencoded')) {
            parse_str($body, $fromBody);
        }
        $this->parameters = array_merge($query, $fromBody);
    }

    public function getHeader(string $name): string
    {
        return $this->headers[strtolower($name)] ?? '';
    }

    public function getParam(string $key, $default = null)
    {
        return isset($this->parameters[$key]) ? $this->parameters[$key] : $default;
    }

    public function getServerProtocol(): string
    {
        return $this->protocol;
    }

    public function getRequestUri(): string
    {
        return $this->target;
    }

    public function getServerHost(): string
    {
        return $this->host;
    }

    /** The raw body (what `php://input` gives). */
    public function getBody(): string
    {
        return $this->body;
    }

    /**
     * The same request with another target, more headers or another body (a request
     * tampered with on its way).
     *
     * @param array<string, string> $headers replacing those of the same name
     */
    public function with(?string $target = null, array $headers = [], ?string $body = null): self
    {
        return new self($this->method, $target ?? $this->target, array_merge($this->headers, array_change_key_case($headers)), $body ?? $this->body, $this->protocol, $this->host);
    }
}
