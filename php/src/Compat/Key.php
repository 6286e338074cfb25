<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Compat;

/**
 * A key and the one algorithm it may be used with, as firebase/php-jwt's `Key`.
 *
 * Only HMAC keys exist here: the key material is a string of bytes, the algorithm one
 * of HS256, HS384, HS512 (another algorithm is refused when the key is used).
 */
final class Key
{
    private string $keyMaterial;

    private string $algorithm;

    /**
     * @param mixed  $keyMaterial the shared secret (a non-empty string)
     * @param string $algorithm   HS256, HS384 or HS512
     *
     * @throws \TypeError               when the key material is not a string
     * @throws \InvalidArgumentException when the key material or the algorithm is empty
     */
    public function __construct(#[\SensitiveParameter] $keyMaterial, string $algorithm)
    {
        if (!is_string($keyMaterial)) {
            throw new \TypeError('Key material must be a string (only HMAC keys are supported)');
        }
        if ($keyMaterial === '') {
            throw new \InvalidArgumentException('Key material must not be empty');
        }
        if ($algorithm === '') {
            throw new \InvalidArgumentException('Algorithm must not be empty');
        }
        $this->keyMaterial = $keyMaterial;
        $this->algorithm = $algorithm;
    }

    /** The algorithm this key may be used with. */
    public function getAlgorithm(): string
    {
        return $this->algorithm;
    }

    /** The key material (the shared secret). */
    public function getKeyMaterial(): string
    {
        return $this->keyMaterial;
    }
}
