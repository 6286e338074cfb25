<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Compat;

/**
 * The signature does not match the key ("Signature verification failed").
 *
 * As firebase/php-jwt's class of the same name: extends `\UnexpectedValueException`;
 * the `OnlyOffice\Jwt\BadSignatureException` raised by the core is the previous
 * exception.
 */
class SignatureInvalidException extends \UnexpectedValueException
{
}
