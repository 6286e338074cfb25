<?php

declare(strict_types=1);

namespace OCA\Onlyoffice;

use OCP\IConfig;

/**
 * Stand-in of the ONLYOFFICE app's AppConfig (app 10.0.0) for the docs' snippets, written
 * from its behaviour, with its public method names and settings: an app value of
 * `onlyoffice`, else the member of config.php's `'onlyoffice'` array; the demo mode's
 * address, header and secret for 30 days from its start; `jwt_leeway` and
 * `jwt_expiration` from config.php only. (The guard's tests use their own, smaller
 * stand-in, php/tests/nextcloud/connector/AppConfig.php.)
 */
class AppConfig
{
    /** The demo server's values, as the connector publishes them. */
    public const DEMO_ADDR = 'https://onlinedocs.docs.onlyoffice.com/';
    public const DEMO_HEADER = 'AuthorizationJWT';
    public const DEMO_SECRET = 'sn2puSUF7muF5Jas';
    private const DEMO_TRIAL_DAYS = 30;

    private string $appName = 'onlyoffice';

    public function __construct(private IConfig $config)
    {
    }

    /** config.php: `$key` itself when `$system`, else the member of the app's array (null when unset). */
    public function getSystemValue(string $key, bool $system = false)
    {
        if ($system) {
            return $this->config->getSystemValue($key);
        }
        $values = $this->config->getSystemValue($this->appName);
        return is_array($values) && array_key_exists($key, $values) ? $values[$key] : null;
    }

    /** The demo server is switched on and its trial has not run out. */
    public function useDemo()
    {
        $demo = json_decode((string) $this->config->getAppValue($this->appName, 'demo', ''), true);
        if (!is_array($demo) || ($demo['enabled'] ?? null) !== true) {
            return false;
        }
        $start = new \DateTimeImmutable(is_string($demo['start']['date'] ?? null) ? $demo['start']['date'] : 'now');
        return $start->modify('+' . self::DEMO_TRIAL_DAYS . ' days') > new \DateTimeImmutable();
    }

    /** The Document Server's public address, ending in `/` (it may be a path on Nextcloud's host). */
    public function getDocumentServerUrl(bool $origin = false)
    {
        if (!$origin && $this->useDemo()) {
            return self::DEMO_ADDR;
        }
        $url = $this->value('DocumentServerUrl');
        return $url === '' || $url === '/' ? $url : rtrim($url, '/') . '/';
    }

    /** The address Nextcloud reaches the Document Server at; the public one when unset. */
    public function getDocumentServerInternalUrl(bool $origin = false)
    {
        if (!$origin && $this->useDemo()) {
            return $this->getDocumentServerUrl();
        }
        $url = $this->value('DocumentServerInternalUrl');
        return $url === '' && !$origin ? $this->getDocumentServerUrl() : $url;
    }

    /** A URL of the Document Server moved to its internal address (text replacement). */
    public function replaceDocumentServerUrlToInternal($address)
    {
        $from = $this->getDocumentServerUrl();
        $to = $this->getDocumentServerInternalUrl();
        if ($to === '' || $from === $to) {
            return $address;
        }
        if (!preg_match('/^https?:\/\//i', $from)) {
            $parts = parse_url($address);
            $from = $parts['scheme'] . '://' . $parts['host'] . (isset($parts['port']) ? ':' . $parts['port'] : '') . $from;
        }
        return str_replace($from, $to, $address);
    }

    /** The address the Document Server reaches Nextcloud at, when it differs. */
    public function getStorageUrl()
    {
        return $this->value('StorageUrl');
    }

    /** The Document Server's secret ('' when none); the demo's in demo mode. */
    public function getDocumentServerSecret(bool $origin = false)
    {
        if (!$origin && $this->useDemo()) {
            return self::DEMO_SECRET;
        }
        return $this->value('jwt_secret');
    }

    /** The secret of the connector's links: the Document Server's, else Nextcloud's `secret`. */
    public function getSKey()
    {
        $secret = $this->getDocumentServerSecret();
        return empty($secret) ? $this->getSystemValue('secret', true) : $secret;
    }

    /** The header of the Document Server's tokens. */
    public function jwtHeader(bool $origin = false)
    {
        if (!$origin && $this->useDemo()) {
            return self::DEMO_HEADER;
        }
        $header = $this->value('jwt_header');
        return $header === '' && !$origin ? 'Authorization' : $header;
    }

    /** Seconds of firebase/php-jwt's leeway: config.php `jwt_leeway`, 0 when unset. */
    public function getJwtLeeway()
    {
        return (int) $this->getSystemValue('jwt_leeway');
    }

    /** Minutes its own tokens live: config.php `jwt_expiration`, 5 when unset. */
    public function getJwtExpiration()
    {
        $minutes = $this->getSystemValue('jwt_expiration');
        return empty($minutes) ? 5 : (int) $minutes;
    }

    /** Whether versions get their history (on by default). */
    public function getVersionHistory()
    {
        return true;
    }

    /** A setting: the app value, else config.php's `onlyoffice` member ('' when neither). */
    private function value(string $key): string
    {
        $value = $this->config->getAppValue($this->appName, $key, '');
        if (empty($value)) {
            $value = $this->getSystemValue($key) ?? '';
        }
        return is_scalar($value) ? (string) $value : '';
    }
}
