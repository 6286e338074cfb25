<?php

/**
 * Opt-in: makes firebase/php-jwt's class names run on the onlyoffice-jwt core.
 *
 * Aliases `Firebase\JWT\{JWT, JWK, Key, SignatureInvalidException, ExpiredException,
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

// A closure, so that no variable leaks into the including scope (e.g. when the file
// is PHP's auto_prepend_file).
return (static function (): array {
    $aliased = [];
    foreach ([
        'JWTExceptionWithPayloadInterface',
        'SignatureInvalidException',
        'ExpiredException',
        'BeforeValidException',
        'Key',
        'JWT',
        'JWK',
    ] as $name) {
        $firebase = 'Firebase\\JWT\\' . $name;
        if (class_exists($firebase, false) || interface_exists($firebase, false)) {
            continue;
        }
        class_alias('OnlyOffice\\Jwt\\Compat\\' . $name, $firebase, true);
        $aliased[] = $firebase;
    }
    return $aliased;
})();
