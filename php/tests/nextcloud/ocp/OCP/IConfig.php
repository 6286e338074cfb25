<?php

declare(strict_types=1);

namespace OCP;

/** Test stand-in of Nextcloud's OCP\IConfig: the two reads the guard app uses. */
interface IConfig
{
    /**
     * A value of config.php.
     *
     * @param mixed $default
     * @return mixed
     */
    public function getSystemValue($key, $default = '');

    /** An app's value (`occ config:app:get`), `$default` when unset. */
    public function getAppValue($appName, $key, $default = '');
}
