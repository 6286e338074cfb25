<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Compat;

use OnlyOffice\Jwt as Native;

/**
 * firebase/php-jwt's `JWT` API for the HMAC algorithms, running on the onlyoffice-jwt
 * core (the `onlyoffice_jwt` extension).
 *
 * Same calls, same exception classes and meanings; stricter checks (see
 * docs/nextcloud.md, "Differences from firebase/php-jwt"): only HS256/HS384/HS512,
 * keys of at least 32 bytes unless `JWT::$allowWeakKeys`, canonical base64url, no
 * duplicate JSON members, `typ` absent or `JWT`, no `crit`, tokens ≤ 1 MiB, `exp`/`nbf`/
 * `iat` must be numbers; the header written is always `{"alg":…,"typ":"JWT"}`.
 */
final class JWT
{
    /** Seconds of clock skew accepted on `exp`, `nbf` and `iat` (firebase's default: 0). */
    public static $leeway = 0;

    /** The current time used to check tokens, or null for `time()`. */
    public static $timestamp = null;

    /** The supported algorithms (HMAC only), keyed by their JWT names. */
    public static $supported_algs = [
        'HS256' => ['hash_hmac', 'SHA256'],
        'HS384' => ['hash_hmac', 'SHA384'],
        'HS512' => ['hash_hmac', 'SHA512'],
    ];

    /**
     * Whether keys shorter than 32 bytes (or the literal `secret`) are accepted; not in
     * firebase/php-jwt, which accepts any non-empty key. Off by default.
     */
    public static $allowWeakKeys = false;

    /**
     * Signs `$payload` as a JWT (no claim is added).
     *
     * @param array       $payload the claims (an associative array; `[]` is `{}`)
     * @param mixed       $key     the shared secret (a string)
     * @param string      $alg     HS256, HS384 or HS512
     * @param string|null $keyId   not supported: must be null
     * @param array|null  $head    not supported: must be null or empty
     *
     * @throws \DomainException          unsupported algorithm, header fields, or claims
     * @throws \InvalidArgumentException a key that is not a string or is too weak
     */
    public static function encode(
        array $payload,
        $key,
        string $alg,
        ?string $keyId = null,
        ?array $head = null
    ): string {
        if ($keyId !== null || !empty($head)) {
            throw new \DomainException('Custom header fields (kid, head) are not supported: the header is always {"alg","typ"}');
        }
        if (!isset(self::$supported_algs[$alg])) {
            throw new \DomainException('Algorithm not supported');
        }
        if (!is_string($key)) {
            throw new \InvalidArgumentException('key must be a string when using hmac');
        }
        try {
            return Native\sign($payload, $key, ['alg' => $alg, 'iat' => false, 'allow_weak' => self::$allowWeakKeys]);
        } catch (Native\WeakSecretException $e) {
            throw new \InvalidArgumentException($e->getMessage(), 0, $e);
        } catch (Native\JwtException $e) {
            throw new \DomainException($e->getMessage(), 0, $e);
        }
    }

    /**
     * Verifies `$jwt` and returns its claims as an object.
     *
     * @param string                          $jwt           the token
     * @param Key|array<string,Key>|\ArrayAccess $keyOrKeyArray one key, or keys by `kid`
     * @param \stdClass|null                  $headers       set to the token's header
     *
     * @throws \InvalidArgumentException  empty or weak key, invalid `JWT::$leeway`/`$timestamp`
     * @throws \DomainException           the key's algorithm is not HS256/HS384/HS512
     * @throws \UnexpectedValueException  malformed token, wrong algorithm, unknown `kid`
     * @throws SignatureInvalidException  the signature does not match
     * @throws BeforeValidException       `nbf` or `iat` in the future
     * @throws ExpiredException           `exp` passed
     */
    public static function decode(string $jwt, $keyOrKeyArray, ?\stdClass &$headers = null): \stdClass
    {
        if (empty($keyOrKeyArray)) {
            throw new \InvalidArgumentException('Key may not be empty');
        }
        $key = self::selectKey($jwt, $keyOrKeyArray);
        $alg = $key->getAlgorithm();
        if (!isset(self::$supported_algs[$alg])) {
            throw new \DomainException('Algorithm not supported');
        }
        $options = [
            'algorithms' => [$alg],
            'leeway' => self::integerSetting('leeway', self::$leeway),
            'now' => self::$timestamp === null ? null : self::integerSetting('timestamp', self::$timestamp),
            'allow_weak' => self::$allowWeakKeys,
        ];
        try {
            Native\verify($jwt, $key->getKeyMaterial(), $options);
        } catch (Native\JwtException $e) {
            throw self::translate($e, $jwt, $options['now'] ?? time());
        }
        [$headerSegment, $payloadSegment] = explode('.', $jwt);
        if (func_num_args() > 2) {
            $headers = self::segmentObject($headerSegment);
        }
        return self::segmentObject($payloadSegment);
    }

    /** Base64url encoding without padding, as firebase/php-jwt's helper. */
    public static function urlsafeB64Encode(string $input): string
    {
        return rtrim(strtr(base64_encode($input), '+/', '-_'), '=');
    }

    /**
     * Base64url decoding (padding optional), as firebase/php-jwt's helper.
     *
     * @throws \InvalidArgumentException the input is not base64url
     */
    public static function urlsafeB64Decode(string $input): string
    {
        $decoded = base64_decode(strtr($input, '-_', '+/'), true);
        if ($decoded === false) {
            throw new \InvalidArgumentException('Invalid base64url input');
        }
        return $decoded;
    }

    /** The key for the token: the one given, or the entry named by the header's `kid`. */
    private static function selectKey(string $jwt, $keyOrKeyArray): Key
    {
        if ($keyOrKeyArray instanceof Key) {
            return $keyOrKeyArray;
        }
        if (!is_array($keyOrKeyArray) && !$keyOrKeyArray instanceof \ArrayAccess) {
            throw new \InvalidArgumentException('$keyOrKeyArray must be a Key or an array of Keys by kid');
        }
        try {
            $header = Native\decode_unverified($jwt)['header'];
        } catch (Native\JwtException $e) {
            throw new \UnexpectedValueException($e->getMessage(), 0, $e);
        }
        $kid = $header['kid'] ?? null;
        if (!is_string($kid) || $kid === '') {
            throw new \UnexpectedValueException('"kid" empty, unable to lookup correct key');
        }
        if (!isset($keyOrKeyArray[$kid]) || !$keyOrKeyArray[$kid] instanceof Key) {
            throw new \UnexpectedValueException('"kid" invalid, unable to lookup correct key');
        }
        return $keyOrKeyArray[$kid];
    }

    /** `JWT::$leeway` or `JWT::$timestamp` as an integer (numeric strings accepted). */
    private static function integerSetting(string $name, $value): int
    {
        if (is_int($value)) {
            return $value;
        }
        if (is_numeric($value) && (float) $value === floor((float) $value)) {
            return (int) $value;
        }
        throw new \InvalidArgumentException("JWT::\$$name must be an integer number of seconds");
    }

    /** A verified token segment as an object, decoded as firebase/php-jwt does. */
    private static function segmentObject(string $segment): \stdClass
    {
        return json_decode(self::urlsafeB64Decode($segment), false, 512, JSON_BIGINT_AS_STRING);
    }

    /** firebase/php-jwt's exception for a failure of the core. */
    private static function translate(Native\JwtException $e, string $jwt, int $now): \Exception
    {
        switch (true) {
            case $e instanceof Native\BadSignatureException:
                return new SignatureInvalidException('Signature verification failed', 0, $e);
            case $e instanceof Native\ExpiredException:
                $expired = new ExpiredException('Expired token', 0, $e);
                $expired->setPayload(self::verifiedPayload($jwt));
                return $expired;
            case $e instanceof Native\NotYetValidException:
                $payload = self::verifiedPayload($jwt);
                $claim = isset($payload->nbf) && is_numeric($payload->nbf)
                    && $payload->nbf > $now + self::integerSetting('leeway', self::$leeway) ? 'nbf' : 'iat';
                $early = new BeforeValidException(
                    sprintf('Cannot handle token with %s prior to %s', $claim, date(\DateTime::ISO8601, (int) $payload->$claim)),
                    0,
                    $e
                );
                $early->setPayload($payload);
                return $early;
            case $e instanceof Native\AlgNotAllowedException:
                $alg = self::headerAlgorithm($jwt);
                return new \UnexpectedValueException(
                    isset(self::$supported_algs[$alg]) ? 'Incorrect key for this algorithm' : 'Algorithm not supported',
                    0,
                    $e
                );
            case $e instanceof Native\WeakSecretException:
            case $e instanceof Native\InvalidInputException:
                return new \InvalidArgumentException($e->getMessage(), 0, $e);
            default:
                return new \UnexpectedValueException($e->getMessage(), 0, $e);
        }
    }

    /**
     * The payload of a token whose signature the core has already checked (it checks
     * the time claims only after the signature).
     */
    private static function verifiedPayload(string $jwt): \stdClass
    {
        return self::segmentObject(explode('.', $jwt)[1]);
    }

    /** The header's `alg` of a token the core refused for its algorithm. */
    private static function headerAlgorithm(string $jwt): string
    {
        try {
            $alg = Native\decode_unverified($jwt)['header']['alg'] ?? '';
        } catch (Native\JwtException $e) {
            return '';
        }
        return is_string($alg) ? $alg : '';
    }
}
