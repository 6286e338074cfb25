<?php

declare(strict_types=1);

namespace OCA\Onlyoffice;

use OCP\IConfig;

/**
 * Stand-in of the connector's AppConfig, written from its behaviour (app value, else
 * config.php's `onlyoffice` array; demo mode's address, header and secret) for the
 * settings the callback controller uses. Kept apart from the guard app's Settings on
 * purpose: the two must agree without sharing code.
 */
final class AppConfig
{
    /** The demo server's values, as the connector publishes them. */
    public const DEMO_ADDR = 'https://onlinedocs.docs.onlyoffice.com/';
    public const DEMO_HEADER = 'AuthorizationJWT';
    public const DEMO_SECRET = 'sn2puSUF7muF5Jas';

    public function __construct(private IConfig $config)
    {
    }

    /** The Document Server's secret ('' when none). */
    public function getDocumentServerSecret(): string
    {
        return $this->useDemo() ? self::DEMO_SECRET : $this->value('jwt_secret');
    }

    /** The secret of the connector's links: the Document Server's, else Nextcloud's own. */
    public function getSKey(): string
    {
        $secret = $this->getDocumentServerSecret();
        return $secret !== '' ? $secret : (string) $this->config->getSystemValue('secret');
    }

    /** The header of the Document Server's tokens. */
    public function jwtHeader(): string
    {
        if ($this->useDemo()) {
            return self::DEMO_HEADER;
        }
        $header = $this->value('jwt_header');
        return $header === '' ? 'Authorization' : $header;
    }

    /** Nextcloud's instance id (the prefix of the user ids given to the Document Server). */
    public function instanceId(): string
    {
        return (string) $this->config->getSystemValue('instanceid');
    }

    /**
     * A Document Server URL moved to its internal address: the public address's text
     * replaced, a path-only address taken on the URL's own origin.
     */
    public function replaceDocumentServerUrlToInternal(string $url): string
    {
        $internal = $this->documentServerInternalUrl();
        $from = $this->documentServerUrl();
        if ($internal === '') {
            return $url;
        }
        if (!preg_match('/^https?:\/\//i', $from)) {
            $parts = parse_url($url);
            $from = $parts['scheme'] . '://' . $parts['host'] . (isset($parts['port']) ? ':' . $parts['port'] : '') . $from;
        }
        return $from === $internal ? $url : str_replace($from, $internal, $url);
    }

    /** The public address, ending in `/`. */
    private function documentServerUrl(): string
    {
        if ($this->useDemo()) {
            return self::DEMO_ADDR;
        }
        $url = $this->value('DocumentServerUrl');
        return $url === '' || $url === '/' ? $url : rtrim($url, '/') . '/';
    }

    /** The internal address, else the public one. */
    private function documentServerInternalUrl(): string
    {
        if ($this->useDemo()) {
            return $this->documentServerUrl();
        }
        $url = $this->value('DocumentServerInternalUrl');
        return $url === '' ? $this->documentServerUrl() : $url;
    }

    /** Demo mode: the `demo` JSON says enabled (the 30-day trial is not modelled: the tests start it now). */
    private function useDemo(): bool
    {
        $demo = json_decode((string) $this->config->getAppValue('onlyoffice', 'demo', ''), true);
        return is_array($demo) && ($demo['enabled'] ?? null) === true;
    }

    /** A setting: the app value, else config.php's `onlyoffice` member. */
    private function value(string $key): string
    {
        $value = (string) $this->config->getAppValue('onlyoffice', $key, '');
        if ($value === '') {
            $system = $this->config->getSystemValue('onlyoffice', []);
            $value = is_array($system) ? (string) ($system[$key] ?? '') : '';
        }
        return $value;
    }
}
