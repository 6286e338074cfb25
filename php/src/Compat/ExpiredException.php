<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Compat;

/**
 * The token's `exp` has passed (beyond `JWT::$leeway`).
 *
 * As firebase/php-jwt's class of the same name: extends `\UnexpectedValueException`,
 * carries the payload; the `OnlyOffice\Jwt\JwtException` raised by the core is the
 * previous exception.
 */
class ExpiredException extends \UnexpectedValueException implements JWTExceptionWithPayloadInterface
{
    private object $payload;

    private ?int $timestamp = null;

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

    /** The time the token was judged at (firebase/php-jwt 7's `getTimestamp`). */
    public function getTimestamp(): ?int
    {
        return $this->timestamp;
    }

    /** Sets the time the token was judged at. */
    public function setTimestamp(int $timestamp): void
    {
        $this->timestamp = $timestamp;
    }
}
