<?php

/**
 * Loads the Nextcloud stand-ins for the tests of the guard app (php/nextcloud-app):
 * OCP and PSR-3 (ocp/), the ONLYOFFICE connector's callback controller (connector/),
 * the harness that plays Nextcloud and the Document Server (harness/), and the app
 * itself. Only NextcloudGuardTest and the scripts of this directory include it.
 */

declare(strict_types=1);

require_once __DIR__ . '/../../autoload.php';

spl_autoload_register(static function (string $class): void {
    $roots = [
        'OCP\\' => __DIR__ . '/ocp/OCP/',
        'Psr\\Log\\' => __DIR__ . '/ocp/Psr/Log/',
        'OCA\\Onlyoffice\\' => __DIR__ . '/connector/',
        'OCA\\OnlyofficeJwtGuard\\' => __DIR__ . '/../../nextcloud-app/lib/',
        'OnlyOffice\\Jwt\\Tests\\Nextcloud\\' => __DIR__ . '/harness/',
    ];
    foreach ($roots as $prefix => $dir) {
        if (strncmp($class, $prefix, strlen($prefix)) === 0) {
            $file = $dir . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
            if (is_file($file)) {
                require $file;
            }
            return;
        }
    }
});
