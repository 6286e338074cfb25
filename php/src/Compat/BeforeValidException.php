<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Compat;

/**
 * The token's `nbf` or `iat` is in the future (beyond `JWT::$leeway`).
 *
 * As firebase/php-jwt's class of the same name: extends `\UnexpectedValueException`,
 * carries the payload; the `OnlyOffice\Jwt\JwtException` raised by the core is the
 * previous exception.
 */
class BeforeValidException extends \UnexpectedValueException implements JWTExceptionWithPayloadInterface
{
    private object $payload;

    /** The payload of the refused token (an empty object when none was set). */
    public function getPayload(): object
    {
        return $this->payload ?? new \stdClass();
    }

    /** Sets the payload of the refused token. */
    public function setPayload(object $payload): void
    {
        $this->payload = $payload;
    }
}
