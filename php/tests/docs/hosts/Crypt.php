<?php

declare(strict_types=1);

namespace OCA\Onlyoffice;

use Firebase\JWT\JWT;
use Firebase\JWT\Key;

/**
 * Host of the docs' Crypt snippet. It models, in code of our own, the ONLYOFFICE app's
 * Crypt (the `doc` tokens of its links): getHash signs through firebase/php-jwt's API
 * with AppConfig::getSKey(); readHash gives `[$result, $error]`, and of the failures
 * catches `\UnexpectedValueException` only. The `@region` holds today's code.
 */
class Crypt
{
    public function __construct(private AppConfig $config)
    {
    }

    // @region crypt-methods
    public function getHash($object)
    {
        $linkSecret = $this->config->getSKey();
        return JWT::encode($object, $linkSecret, "HS256");
    }

    public function readHash($token)
    {
        if ($token === null) {
            return [null, "token is empty"];
        }
        $linkSecret = $this->config->getSKey();
        try {
            $claims = JWT::decode($token, new Key($linkSecret, "HS256"));
        } catch (\UnexpectedValueException $failure) {
            return [null, $failure->getMessage()];
        }
        return [$claims, null];
    }
    // @endregion
}
