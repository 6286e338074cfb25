<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Compat;

/**
 * firebase/php-jwt's `JWK` for the keys this facade can use: symmetric (`"kty": "oct"`)
 * keys of a JSON Web Key Set, as `Key` objects by `kid`. Asymmetric keys (RSA, EC,
 * OKP) are skipped, as firebase skips a key type it does not know.
 */
final class JWK
{
    /**
     * The keys of a JWK Set, keyed by their `kid` (else their position).
     *
     * @param array<mixed> $jwks       the decoded JWK Set (`['keys' => [...]]`)
     * @param string|null  $defaultAlg the algorithm of keys without `alg`
     *
     * @return array<string, Key>
     *
     * @throws \InvalidArgumentException the set holds no keys
     * @throws \UnexpectedValueException no `keys` member, or no usable key in it
     */
    public static function parseKeySet(#[\SensitiveParameter] array $jwks, ?string $defaultAlg = null): array
    {
        if (!isset($jwks['keys'])) {
            throw new \UnexpectedValueException('"keys" member must exist in the JWK Set');
        }
        if (empty($jwks['keys'])) {
            throw new \InvalidArgumentException('JWK Set did not contain any keys');
        }
        $keys = [];
        foreach ($jwks['keys'] as $position => $jwk) {
            $key = self::parseKey($jwk, $defaultAlg);
            if ($key !== null) {
                $keys[(string) ($jwk['kid'] ?? $position)] = $key;
            }
        }
        if ($keys === []) {
            throw new \UnexpectedValueException('No supported algorithms found in JWK Set');
        }
        return $keys;
    }

    /**
     * One JWK as a `Key`: for `"kty": "oct"` the base64url-decoded `k` with the key's
     * `alg` (else `$defaultAlg`); null for a key type this facade cannot use.
     *
     * @param array<mixed> $jwk
     *
     * @throws \InvalidArgumentException an empty JWK
     * @throws \UnexpectedValueException no `kty`, no algorithm, or an `oct` key without `k`
     */
    public static function parseKey(#[\SensitiveParameter] array $jwk, ?string $defaultAlg = null): ?Key
    {
        if (empty($jwk)) {
            throw new \InvalidArgumentException('JWK must not be empty');
        }
        if (!isset($jwk['kty'])) {
            throw new \UnexpectedValueException('JWK must contain a "kty" parameter');
        }
        $alg = $jwk['alg'] ?? $defaultAlg;
        if ($alg === null) {
            throw new \UnexpectedValueException('JWK must contain an "alg" parameter');
        }
        if ($jwk['kty'] !== 'oct') {
            return null;
        }
        if (!isset($jwk['k'])) {
            throw new \UnexpectedValueException('k not set');
        }
        return new Key(JWT::urlsafeB64Decode((string) $jwk['k']), (string) $alg);
    }
}
