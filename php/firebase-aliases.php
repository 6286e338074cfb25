<?php

/**
 * Opt-in: makes firebase/php-jwt's class names run on the onlyoffice-jwt core.
 *
 * Aliases `Firebase\JWT\{JWT, Key, SignatureInvalidException, ExpiredException,
 * BeforeValidException, JWTExceptionWithPayloadInterface}` to the classes of
 * `OnlyOffice\Jwt\Compat`, each only when that name is not already defined (loaded
 * or declared; autoloaders are not consulted, so include this file before an
 * autoloader would load firebase/php-jwt itself). Returns the names it aliased.
 *
 *     require '/path/to/onlyoffice-jwt/php/firebase-aliases.php';
 *     $token = \Firebase\JWT\JWT::encode($claims, $secret, 'HS256');   // Rust core
 *
 * @return list<string>
 */

declare(strict_types=1);

require_once __DIR__ . '/autoload.php';

$onlyofficeJwtAliased = [];
foreach ([
    'JWTExceptionWithPayloadInterface',
    'SignatureInvalidException',
    'ExpiredException',
    'BeforeValidException',
    'Key',
    'JWT',
] as $onlyofficeJwtName) {
    $onlyofficeJwtFirebase = 'Firebase\\JWT\\' . $onlyofficeJwtName;
    if (class_exists($onlyofficeJwtFirebase, false) || interface_exists($onlyofficeJwtFirebase, false)) {
        continue;
    }
    class_alias('OnlyOffice\\Jwt\\Compat\\' . $onlyofficeJwtName, $onlyofficeJwtFirebase, true);
    $onlyofficeJwtAliased[] = $onlyofficeJwtFirebase;
}

return $onlyofficeJwtAliased;
