<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Compat;

use OnlyOffice\Jwt as Native;

/**
 * firebase/php-jwt's `JWT` API for the HMAC algorithms, running on the onlyoffice-jwt
 * core (the `onlyoffice_jwt` extension).
 *
 * Same calls, same exception classes and meanings, and the time rules of
 * firebase/php-jwt 6.11 (the version the Nextcloud connector pins): `nbf` and `iat`
 * rounded down, `iat` checked only without `nbf`, whole-second clock. Keys shorter than
 * firebase 7's minimums (32/48/64 bytes for HS256/384/512) are accepted as 6.11 does,
 * with one warning per process in the PHP log, unless the ini setting
 * `onlyoffice_jwt.compat_strict_keys = 1` refuses them as firebase 7 does
 * (`\DomainException('Provided key is too short')`). Stricter checks (see
 * docs/nextcloud.md, "Differences from firebase/php-jwt"): only HS256/HS384/HS512,
 * canonical base64url, no duplicate JSON members, `typ` absent or `JWT`, no `crit`,
 * tokens ≤ 1 MiB, `exp`/`nbf`/`iat` must be numbers; the header written is always
 * `{"alg":…,"typ":"JWT"}`.
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

    /** Whether the one warning about a short key was written in this process. */
    private static bool $warnedShortKey = false;

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
        $strict = self::checkKeyLength($key, $alg);
        try {
            return Native\sign($payload, $key, ['alg' => $alg, 'iat' => false, 'allow_weak' => !$strict]);
        } catch (Native\WeakSecretException $e) {
            throw $strict ? new \DomainException($e->getMessage(), 0, $e) : new \InvalidArgumentException($e->getMessage(), 0, $e);
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
        $timestamp = self::$timestamp === null ? time() : self::integerSetting('timestamp', self::$timestamp);
        $leeway = self::integerSetting('leeway', self::$leeway);
        if (empty($keyOrKeyArray)) {
            throw new \InvalidArgumentException('Key may not be empty');
        }
        if (substr_count($jwt, '.') !== 2) {
            throw new \UnexpectedValueException('Wrong number of segments');
        }
        if (!mb_check_encoding($jwt, 'UTF-8')) {
            // What firebase/php-jwt answers: its JSON decoding of the segments fails.
            throw new \DomainException('Syntax error, malformed JSON');
        }
        try {
            $header = Native\decode_unverified($jwt)['header'];
        } catch (Native\JwtException $e) {
            throw new \UnexpectedValueException($e->getMessage(), 0, $e);
        }
        $alg = $header['alg'] ?? null;
        if (empty($alg)) {
            throw new \UnexpectedValueException('Empty algorithm');
        }
        if (!is_string($alg) || !isset(self::$supported_algs[$alg])) {
            throw new \UnexpectedValueException('Algorithm not supported');
        }
        $key = self::selectKey($header, $keyOrKeyArray);
        if (!hash_equals($key->getAlgorithm(), $alg)) {
            throw new \UnexpectedValueException('Incorrect key for this algorithm');
        }
        $strict = self::checkKeyLength($key->getKeyMaterial(), $alg);
        // The core checks structure, signature and claim types; the time rules are
        // firebase's (below), so the core's own are given a clock that accepts all.
        $options = ['algorithms' => [$alg], 'now' => 0, 'leeway' => PHP_INT_MAX, 'verify_iat' => false, 'allow_weak' => !$strict];
        try {
            Native\verify($jwt, $key->getKeyMaterial(), $options);
        } catch (Native\JwtException $e) {
            throw self::translate($e, $strict);
        }
        [$headerSegment, $payloadSegment] = explode('.', $jwt);
        if (func_num_args() > 2) {
            $headers = self::segmentObject($headerSegment);
        }
        $payload = self::segmentObject($payloadSegment);
        self::checkTimes($payload, $timestamp, $leeway);
        return $payload;
    }

    /**
     * firebase/php-jwt 6.11's time rules: `nbf` and `iat` rounded down, `iat` only
     * without `nbf`, `exp` against a whole-second clock.
     */
    private static function checkTimes(\stdClass $payload, int $timestamp, int $leeway): void
    {
        if (isset($payload->nbf) && floor($payload->nbf) > $timestamp + $leeway) {
            $early = new BeforeValidException('Cannot handle token with nbf prior to ' . date(\DateTime::ISO8601, (int) floor($payload->nbf)));
            $early->setPayload($payload);
            throw $early;
        }
        if (!isset($payload->nbf) && isset($payload->iat) && floor($payload->iat) > $timestamp + $leeway) {
            $early = new BeforeValidException('Cannot handle token with iat prior to ' . date(\DateTime::ISO8601, (int) floor($payload->iat)));
            $early->setPayload($payload);
            throw $early;
        }
        if (isset($payload->exp) && $timestamp - $leeway >= $payload->exp) {
            $expired = new ExpiredException('Expired token');
            $expired->setPayload($payload);
            $expired->setTimestamp($timestamp);
            throw $expired;
        }
    }

    /**
     * Applies the key-length rule: with `onlyoffice_jwt.compat_strict_keys`, firebase
     * 7's minimum for the algorithm (`\DomainException('Provided key is too short')`);
     * without it, a shorter key is accepted as firebase 6.11 does and one warning per
     * process goes to the PHP log. Returns whether the strict rule applies.
     */
    private static function checkKeyLength(string $key, string $alg): bool
    {
        $strict = filter_var(ini_get('onlyoffice_jwt.compat_strict_keys'), FILTER_VALIDATE_BOOLEAN);
        $minimum = (int) substr($alg, 2) / 8;
        if (strlen($key) >= $minimum) {
            return $strict;
        }
        if ($strict) {
            throw new \DomainException('Provided key is too short');
        }
        if (!self::$warnedShortKey) {
            self::$warnedShortKey = true;
            error_log(sprintf(
                'onlyoffice-jwt: a %s key of fewer than %d bytes is in use; it is accepted as firebase/php-jwt 6 '
                . 'accepts it. Rotate to a random secret (onlyoffice-jwt keygen), then set '
                . 'onlyoffice_jwt.compat_strict_keys = 1 to refuse short keys.',
                $alg,
                $minimum
            ));
        }
        return false;
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
    private static function selectKey(array $header, $keyOrKeyArray): Key
    {
        if ($keyOrKeyArray instanceof Key) {
            return $keyOrKeyArray;
        }
        if (!is_array($keyOrKeyArray) && !$keyOrKeyArray instanceof \ArrayAccess) {
            throw new \InvalidArgumentException('$keyOrKeyArray must be a Key or an array of Keys by kid');
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

    /** firebase/php-jwt's exception for a failure of the core (time rules excluded). */
    private static function translate(Native\JwtException $e, bool $strict): \Exception
    {
        switch (true) {
            case $e instanceof Native\BadSignatureException:
                return new SignatureInvalidException('Signature verification failed', 0, $e);
            case $e instanceof Native\InvalidClaimException
                && preg_match('/claim "(iat|nbf|exp)"/', $e->getMessage(), $claim) === 1:
                return new \UnexpectedValueException("Payload {$claim[1]} must be a number", 0, $e);
            case $e instanceof Native\WeakSecretException:
                return $strict ? new \DomainException($e->getMessage(), 0, $e) : new \InvalidArgumentException($e->getMessage(), 0, $e);
            case $e instanceof Native\InvalidInputException:
                return new \InvalidArgumentException($e->getMessage(), 0, $e);
            default:
                return new \UnexpectedValueException($e->getMessage(), 0, $e);
        }
    }
}
