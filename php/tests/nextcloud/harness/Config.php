<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests\Nextcloud;

use OCP\IConfig;

/** Nextcloud's configuration: app values (the `appconfig` table) and config.php. */
final class Config implements IConfig
{
    /** @var array<string, array<string, string>> */
    private array $app = [];

    /** @var array<string, mixed> */
    private array $system = [];

    public function getSystemValue($key, $default = '')
    {
        return $this->system[$key] ?? $default;
    }

    public function getAppValue($appName, $key, $default = '')
    {
        return $this->app[$appName][$key] ?? $default;
    }

    /** `occ config:app:set $app $key --value=$value`. */
    public function setAppValue(string $app, string $key, string $value): void
    {
        $this->app[$app][$key] = $value;
    }

    /** A value of config.php. */
    public function setSystemValue(string $key, mixed $value): void
    {
        $this->system[$key] = $value;
    }
}
