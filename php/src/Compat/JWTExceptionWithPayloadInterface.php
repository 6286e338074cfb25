<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Compat;

/**
 * An exception that carries the token's (verified) payload, as firebase/php-jwt's
 * interface of the same name: thrown for expired and not-yet-valid tokens, whose
 * signature was checked before the time claims.
 */
interface JWTExceptionWithPayloadInterface
{
    /** The payload of the token that was refused. */
    public function getPayload(): object;

    /** Sets the payload of the token that was refused. */
    public function setPayload(object $payload): void;
}
