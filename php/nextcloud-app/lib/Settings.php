<?php

declare(strict_types=1);

namespace OCA\OnlyofficeJwtGuard;

use OCA\OnlyofficeJwtGuard\AppInfo\Application;
use OCP\IConfig;

/**
 * The ONLYOFFICE app's settings, read as that app reads them (its AppConfig): the app
 * value of `onlyoffice` first, and when it is empty the member of config.php's
 * `'onlyoffice' => [...]`; in demo mode the public demo server's address, header and
 * secret. Nothing is cached: every call reads the configuration again, so a secret
 * changed in Nextcloud's settings applies to the next request.
 */
final class Settings
{
    /** The ONLYOFFICE app's id: its app values and its config.php section. */
    public const CONNECTOR_APP = 'onlyoffice';

    /** The public demo server the ONLYOFFICE app offers for a trial. */
    private const DEMO_URL = 'https://onlinedocs.docs.onlyoffice.com/';

    /** The header the demo server sends its tokens in. */
    private const DEMO_HEADER = 'AuthorizationJWT';

    /** The demo server's secret, published in the ONLYOFFICE app's source. */
    private const DEMO_SECRET = 'sn2puSUF7muF5Jas';

    /** Days the demo mode lasts after it was switched on. */
    private const DEMO_DAYS = 30;

    public function __construct(private readonly IConfig $config)
    {
    }

    /** The Document Server's secret (`jwt_secret`), '' when none is set. */
    public function documentServerSecret(): string
    {
        return $this->demo() ? self::DEMO_SECRET : $this->connectorValue('jwt_secret');
    }

    /** The header the Document Server's tokens come in (`jwt_header`, default `Authorization`). */
    public function jwtHeader(): string
    {
        if ($this->demo()) {
            return self::DEMO_HEADER;
        }
        $header = $this->connectorValue('jwt_header');
        return $header === '' ? 'Authorization' : $header;
    }

    /**
     * The Document Server's public address (`DocumentServerUrl`) ending in one `/`, as
     * the ONLYOFFICE app writes it; it may be a path only (`/ds-vpath/`), on
     * Nextcloud's own host. '' when none is set.
     */
    public function documentServerUrl(): string
    {
        if ($this->demo()) {
            return self::DEMO_URL;
        }
        $url = $this->connectorValue('DocumentServerUrl');
        if ($url === '' || $url === '/') {
            return $url;
        }
        $url = rtrim($url, '/');
        return $url === '' ? '' : $url . '/';
    }

    /**
     * The address Nextcloud reaches the Document Server at
     * (`DocumentServerInternalUrl`), the public one when none is set.
     */
    public function documentServerInternalUrl(): string
    {
        if ($this->demo()) {
            return $this->documentServerUrl();
        }
        $url = $this->connectorValue('DocumentServerInternalUrl');
        return $url === '' ? $this->documentServerUrl() : $url;
    }

    /**
     * Further Document Server addresses the callbacks' URLs may be on (e.g. the origin
     * of its `storage.externalHost`): this app's own setting `extra_ds_urls`, a
     * comma-separated list (`occ config:app:set onlyoffice_jwt_guard extra_ds_urls
     * --value=https://ds-files.example/`).
     *
     * @return list<string>
     */
    public function extraDocumentServerUrls(): array
    {
        $list = (string) $this->config->getAppValue(Application::APP_ID, 'extra_ds_urls', '');
        return array_values(array_filter(array_map('trim', explode(',', $list)), static fn (string $url): bool => $url !== ''));
    }

    /**
     * Whether the ONLYOFFICE app is in demo mode: its `demo` value (JSON) says
     * `"enabled": true` and the trial, counted from its `start`, has not run out.
     */
    private function demo(): bool
    {
        $demo = json_decode((string) $this->config->getAppValue(self::CONNECTOR_APP, 'demo', ''), true);
        if (!is_array($demo) || ($demo['enabled'] ?? null) !== true) {
            return false;
        }
        $start = $demo['start']['date'] ?? null;
        $end = (new \DateTimeImmutable(is_string($start) ? $start : 'now'))->modify('+' . self::DEMO_DAYS . ' days');
        return $end > new \DateTimeImmutable();
    }

    /**
     * A setting of the ONLYOFFICE app: its app value, or when that is empty (PHP's
     * `empty`, as the app tests it) the member of config.php's `'onlyoffice'` array;
     * '' when neither is set.
     */
    private function connectorValue(string $key): string
    {
        $value = $this->config->getAppValue(self::CONNECTOR_APP, $key, '');
        if (empty($value)) {
            $system = $this->config->getSystemValue(self::CONNECTOR_APP, []);
            $value = is_array($system) && array_key_exists($key, $system) ? $system[$key] : '';
        }
        return is_scalar($value) ? (string) $value : '';
    }
}
