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
 * `exp`/`nbf`/`iat` must be numbers (tokens of any size, as firebase); the header written is always
 * `{"alg":…,"typ":"JWT"}`.
 */
final class JWT
{
    /**
     * Seconds of clock skew accepted on `exp`, `nbf` and `iat` (firebase's default: 0).
     * `decode` applies at least the ini setting `onlyoffice_jwt.compat_leeway_floor`
     * (default 0, firebase's behaviour), for a connector that leaves this at 0.
     */
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
     * The core's verify options for each key algorithm: every check of the core, its
     * time checks by firebase's rules (`time_rules`: `firebase`; the clock and the
     * leeway are set per call), a waiver for its key policy (the key rule is
     * firebase's), and the claims as firebase's json_decode gives them (`objects`:
     * stdClass, big integers as strings). Made once per algorithm.
     *
     * @var array<string, array<string, mixed>>
     */
    private static array $verifyOptions = [];

    /**
     * Signs `$payload` as a JWT (no claim is added), byte for byte as firebase/php-jwt
     * writes it: the header `{"typ":"JWT",…,"alg":…,"kid":…}` (members of `$head` after
     * `typ`, `alg` and `kid` set last), both JSON texts from `json_encode` with
     * unescaped slashes (non-ASCII as `\uXXXX`). The core signs those exact bytes and
     * refuses a header its own verification would refuse (`crit`, another `typ`).
     *
     * @param array       $payload the claims (an associative array; `[]` is `{}`)
     * @param mixed       $key     the shared secret (a string)
     * @param string      $alg     HS256, HS384 or HS512
     * @param string|null $keyId   the `kid` header member
     * @param array|null  $head    further header members
     *
     * @throws \DomainException          unsupported algorithm, header or claims; a key too
     *                                   short under `onlyoffice_jwt.compat_strict_keys`
     * @throws \InvalidArgumentException a key that is not a string, or empty
     */
    public static function encode(
        array $payload,
        #[\SensitiveParameter] $key,
        string $alg,
        ?string $keyId = null,
        ?array $head = null
    ): string {
        $header = ['typ' => 'JWT'];
        if (isset($head)) {
            $header = array_merge($header, $head);
        }
        $header['alg'] = $alg;
        if ($keyId !== null) {
            $header['kid'] = $keyId;
        }
        if (!isset(self::$supported_algs[$alg])) {
            throw new \DomainException('Algorithm not supported');
        }
        if (!is_string($key)) {
            throw new \InvalidArgumentException('key must be a string when using hmac');
        }
        self::checkKeyLength($key, $alg);
        $claims = $payload === [] ? '{}' : static::jsonEncode($payload);
        try {
            // The key rule is firebase's (checkKeyLength), so the core's stricter
            // policy for its own API (length, variety, `secret`) is waived here.
            return Native\sign_jws(static::jsonEncode($header), $claims, $key, ['allow_weak' => true]);
        } catch (Native\WeakSecretException $e) {
            throw new \InvalidArgumentException($e->getMessage(), 0, $e);
        } catch (Native\JwtException $e) {
            throw new \DomainException($e->getMessage(), 0, $e);
        }
    }

    /**
     * The HMAC of `$msg` (raw bytes), as firebase/php-jwt's `JWT::sign` (PHP's
     * `hash_hmac`): a helper for code that signs its own messages; tokens are signed by
     * `encode`, in the core. Only HS256/HS384/HS512.
     *
     * @throws \DomainException          unsupported algorithm
     * @throws \InvalidArgumentException a key that is not a string
     */
    public static function sign(string $msg, #[\SensitiveParameter] $key, string $alg): string
    {
        if (!isset(self::$supported_algs[$alg])) {
            throw new \DomainException('Algorithm not supported');
        }
        if (!is_string($key)) {
            throw new \InvalidArgumentException('key must be a string when using hmac');
        }
        return hash_hmac(strtolower(self::$supported_algs[$alg][1]), $msg, $key, true);
    }

    /**
     * JSON text of `$input`, as firebase/php-jwt writes it (unescaped slashes).
     *
     * @throws \DomainException the input cannot be written as JSON
     */
    public static function jsonEncode(array $input): string
    {
        $json = json_encode($input, JSON_UNESCAPED_SLASHES);
        if (json_last_error() !== JSON_ERROR_NONE) {
            throw new \DomainException(self::jsonError(json_last_error()));
        }
        if ($json === false || $json === 'null') {
            throw new \DomainException('Provided object could not be encoded to valid JSON');
        }
        return $json;
    }

    /**
     * The value of a JSON text (objects as `\stdClass`, big integers as strings), as
     * firebase/php-jwt reads it.
     *
     * @return mixed
     * @throws \DomainException the text is not JSON
     */
    public static function jsonDecode(string $input)
    {
        $value = json_decode($input, false, 512, JSON_BIGINT_AS_STRING);
        if (json_last_error() !== JSON_ERROR_NONE) {
            throw new \DomainException(self::jsonError(json_last_error()));
        }
        if ($value === null && $input !== 'null') {
            throw new \DomainException('Null result with non-null input');
        }
        return $value;
    }

    /** firebase/php-jwt's message for a JSON error number. */
    private static function jsonError(int $error): string
    {
        switch ($error) {
            case JSON_ERROR_DEPTH:
                return 'Maximum stack depth exceeded';
            case JSON_ERROR_STATE_MISMATCH:
                return 'Invalid or malformed JSON';
            case JSON_ERROR_CTRL_CHAR:
                return 'Unexpected control character found';
            case JSON_ERROR_SYNTAX:
                return 'Syntax error, malformed JSON';
            case JSON_ERROR_UTF8:
                return 'Malformed UTF-8 characters';
            default:
                return 'Unknown JSON error: ' . $error;
        }
    }

    /** Whether two strings are equal, in constant time (`hash_equals`). */
    public static function constantTimeEquals(string $left, string $right): bool
    {
        return hash_equals($left, $right);
    }

    /** Base64url (no padding) turned into standard base64 with its padding. */
    public static function convertBase64UrlToBase64(string $input): string
    {
        $remainder = strlen($input) % 4;
        return strtr($input, '-_', '+/') . ($remainder ? str_repeat('=', 4 - $remainder) : '');
    }

    /**
     * Verifies `$jwt` and returns its claims as an object. The leeway is the larger of
     * `JWT::$leeway` and the ini setting `onlyoffice_jwt.compat_leeway_floor`.
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
    public static function decode(string $jwt, #[\SensitiveParameter] $keyOrKeyArray, ?\stdClass &$headers = null): \stdClass
    {
        $timestamp = self::$timestamp === null ? time() : self::integerSetting('timestamp', self::$timestamp);
        $leeway = max(
            is_int(self::$leeway) ? self::$leeway : self::integerSetting('leeway', self::$leeway),
            (int) ini_get('onlyoffice_jwt.compat_leeway_floor')
        );
        if (empty($keyOrKeyArray)) {
            throw new \InvalidArgumentException('Key may not be empty');
        }
        if (substr_count($jwt, '.') !== 2) {
            throw new \UnexpectedValueException('Wrong number of segments');
        }
        // The text and the header, read as firebase reads them, only to choose the key
        // (and, with one key, only when the core refuses the token: to give firebase's
        // reason first). The core checks them strictly with everything else before
        // anything is trusted.
        $header = $keyOrKeyArray instanceof Key ? null : self::checkedHeader($jwt, $keyOrKeyArray);
        $key = $header === null ? $keyOrKeyArray : self::selectKey($header, $keyOrKeyArray);
        $alg = $key->getAlgorithm();
        $options = self::$verifyOptions[$alg] ??= ['algorithms' => [$alg], 'time_rules' => 'firebase', 'allow_weak' => true, 'objects' => true, 'max_size' => PHP_INT_MAX];
        $options['now'] = $timestamp;
        $options['leeway'] = $leeway;
        $material = $key->getKeyMaterial();
        try {
            self::checkKeyLength($material, $alg);
            $payload = Native\verify($jwt, $material, $options);
        } catch (Native\NotYetValidException | Native\ExpiredException $e) {
            // Verified but for its times: the header is given back as on success.
            if (func_num_args() > 2) {
                $headers = self::segmentObject(strstr($jwt, '.', true));
            }
            throw self::timeException($e, $jwt, $timestamp);
        } catch (Native\JwtException | \DomainException $e) {
            if ($header === null) {
                self::checkedHeader($jwt, $keyOrKeyArray);
            }
            throw $e instanceof Native\JwtException ? self::translate($e) : $e;
        }
        if (func_num_args() > 2) {
            $headers = self::segmentObject(strstr($jwt, '.', true));
        }
        return $payload;
    }

    /**
     * firebase's exception for a token the core found not yet valid or expired by
     * firebase's time rules, with the verified claims it carries (the signature was
     * checked before the times) and firebase's message; as firebase's, it has no
     * previous exception (an uncaught one is logged as firebase's would be).
     */
    private static function timeException(Native\JwtException $e, string $jwt, int $timestamp): \Exception
    {
        $payload = self::segmentObject(explode('.', $jwt)[1]);
        $claim = substr((string) $e->getDetail(), strlen('claims.'));
        if ($e instanceof Native\ExpiredException) {
            $refused = new ExpiredException('Expired token');
            $refused->setTimestamp($timestamp);
        } else {
            $refused = new BeforeValidException(
                "Cannot handle token with {$claim} prior to " . date(\DateTime::ISO8601, (int) floor((float) $payload->$claim))
            );
        }
        $refused->setPayload($payload);
        return $refused;
    }

    /**
     * Applies the key-length rule: with `onlyoffice_jwt.compat_strict_keys`, firebase
     * 7's minimum for the algorithm (`\DomainException('Provided key is too short')`);
     * without it, a shorter key is accepted as firebase 6.11 does and one warning per
     * process goes to the PHP log.
     */
    private static function checkKeyLength(#[\SensitiveParameter] string $key, string $alg): void
    {
        $minimum = (int) substr($alg, 2) / 8;
        if (strlen($key) >= $minimum) {
            return;
        }
        if (filter_var(ini_get('onlyoffice_jwt.compat_strict_keys'), FILTER_VALIDATE_BOOLEAN)) {
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

    /**
     * The checks of the token's text and header, in firebase/php-jwt's order: UTF-8, the
     * header's encoding, its algorithm, and the key (chosen by `kid` from an array),
     * whose algorithm must be the header's.
     */
    private static function checkedHeader(string $jwt, #[\SensitiveParameter] $keyOrKeyArray): array
    {
        if (!mb_check_encoding($jwt, 'UTF-8')) {
            // What firebase/php-jwt answers: its JSON decoding of the segments fails.
            throw new \DomainException('Syntax error, malformed JSON');
        }
        $header = self::headerArray(strstr($jwt, '.', true));
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
        return $header;
    }

    /** The key for the token: the one given, or the entry named by the header's `kid`. */
    private static function selectKey(array $header, #[\SensitiveParameter] $keyOrKeyArray): Key
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

    /** A header segment as an array (for the key choice only), or firebase's exception. */
    private static function headerArray(string $segment): array
    {
        $json = base64_decode(strtr($segment, '-_', '+/'), true);
        $header = $json === false ? null : json_decode($json, true, 512, JSON_BIGINT_AS_STRING);
        if (!is_array($header)) {
            throw new \UnexpectedValueException('Invalid header encoding');
        }
        return $header;
    }

    /** A verified token segment as an object, decoded as firebase/php-jwt does. */
    private static function segmentObject(string $segment): \stdClass
    {
        return json_decode(self::urlsafeB64Decode($segment), false, 512, JSON_BIGINT_AS_STRING);
    }

    /** firebase/php-jwt's exception for a failure of the core (times excepted: see `timeException`). */
    private static function translate(Native\JwtException $e): \Exception
    {
        switch (true) {
            case $e instanceof Native\BadSignatureException:
                return new SignatureInvalidException('Signature verification failed', 0, $e);
            case $e instanceof Native\InvalidClaimException
                && in_array($e->getDetail(), ['claims.iat', 'claims.nbf', 'claims.exp'], true):
                $claim = substr((string) $e->getDetail(), strlen('claims.'));
                return new \UnexpectedValueException("Payload {$claim} must be a number", 0, $e);
            case $e instanceof Native\WeakSecretException:
            case $e instanceof Native\InvalidInputException:
                return new \InvalidArgumentException($e->getMessage(), 0, $e);
            default:
                return new \UnexpectedValueException($e->getMessage(), 0, $e);
        }
    }
}
