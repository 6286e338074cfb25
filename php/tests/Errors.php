<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests;

/** The error table of docs/api.md, copied by hand: name => number. */
final class Errors
{
    public const NUMBERS = [
        'malformed' => 1,
        'bad_signature' => 2,
        'alg_not_allowed' => 3,
        'expired' => 4,
        'not_yet_valid' => 5,
        'missing_claim' => 6,
        'invalid_claim' => 7,
        'missing_token' => 8,
        'key_mismatch' => 9,
        'weak_secret' => 10,
        'too_large' => 11,
        'url_not_allowed' => 12,
        'invalid_input' => 13,
        'invalid_config' => 14,
    ];
}
