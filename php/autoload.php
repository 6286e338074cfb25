<?php

/**
 * Autoloader for the facade classes `OnlyOffice\Jwt\Compat\*` (php/src/Compat), for
 * installations without Composer: `require '/path/to/onlyoffice-jwt/php/autoload.php';`.
 * The functions and exceptions `OnlyOffice\Jwt\*` come from the `onlyoffice_jwt`
 * extension itself.
 */

declare(strict_types=1);

spl_autoload_register(static function (string $class): void {
    $prefix = 'OnlyOffice\\Jwt\\Compat\\';
    if (strncmp($class, $prefix, strlen($prefix)) !== 0) {
        return;
    }
    $file = __DIR__ . '/src/Compat/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
    if (is_file($file)) {
        require $file;
    }
});
