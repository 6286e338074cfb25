<?php

declare(strict_types=1);

/**
 * The baseline of the benchmark: HS256 JWTs in plain PHP, written the way
 * firebase/php-jwt works (json_encode, base64url, hash_hmac, hash_equals, then the
 * exp/nbf/iat checks on the decoded object). Written for this benchmark, not copied.
 */
final class PlainJwt
{
    public static function encode(array $payload, string $key): string
    {
        $segments = [
            self::b64(json_encode(['typ' => 'JWT', 'alg' => 'HS256'], JSON_UNESCAPED_SLASHES)),
            self::b64(json_encode($payload, JSON_UNESCAPED_SLASHES)),
        ];
        $input = implode('.', $segments);
        $segments[] = self::b64(hash_hmac('sha256', $input, $key, true));
        return implode('.', $segments);
    }

    public static function decode(string $jwt, string $key, int $leeway = 60): stdClass
    {
        $parts = explode('.', $jwt);
        if (count($parts) !== 3) {
            throw new UnexpectedValueException('Wrong number of segments');
        }
        [$head64, $body64, $sig64] = $parts;
        $header = json_decode(self::unb64($head64), false, 512, JSON_BIGINT_AS_STRING);
        $payload = json_decode(self::unb64($body64), false, 512, JSON_BIGINT_AS_STRING);
        if (!$header instanceof stdClass || !$payload instanceof stdClass) {
            throw new UnexpectedValueException('Invalid segment encoding');
        }
        if (($header->alg ?? null) !== 'HS256') {
            throw new UnexpectedValueException('Algorithm not supported');
        }
        $expected = hash_hmac('sha256', "$head64.$body64", $key, true);
        if (!hash_equals($expected, self::unb64($sig64))) {
            throw new UnexpectedValueException('Signature verification failed');
        }
        $now = time();
        if (isset($payload->nbf) && floor($payload->nbf) > $now + $leeway) {
            throw new UnexpectedValueException('Cannot handle token with nbf prior to ...');
        }
        if (isset($payload->iat) && floor($payload->iat) > $now + $leeway) {
            throw new UnexpectedValueException('Cannot handle token with iat prior to ...');
        }
        if (isset($payload->exp) && $now - $leeway >= $payload->exp) {
            throw new UnexpectedValueException('Expired token');
        }
        return $payload;
    }

    private static function b64(string $data): string
    {
        return str_replace('=', '', strtr(base64_encode($data), '+/', '-_'));
    }

    private static function unb64(string $data): string
    {
        $remainder = strlen($data) % 4;
        if ($remainder) {
            $data .= str_repeat('=', 4 - $remainder);
        }
        return (string) base64_decode(strtr($data, '-_', '+/'));
    }
}
