<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests;

use OnlyOffice\Jwt;
use PHPUnit\Framework\TestCase;

/**
 * The same faults give the same error as in Python (python/tests/test_api.py) and C
 * (test_same_errors in bindings/c/tests/test_oojwt.c).
 */
final class SameErrorTest extends TestCase
{
    private const SECRET = 'same-error-test-secret-0123456789abcdef';

    private static function nested(int $depth): array
    {
        $claims = [];
        for ($i = 1; $i < $depth; $i++) {
            $claims = ['a' => $claims ?: new \stdClass()];
        }
        return $claims;
    }

    private static function errorOf(callable $call): string
    {
        try {
            $call();
        } catch (Jwt\JwtException $e) {
            return $e->getErrorName();
        }
        return 'none';
    }

    public function testTheSameFaultsGiveTheSameErrors(): void
    {
        self::assertSame('invalid_input', self::errorOf(fn () => Jwt\verify("\xff\xfe.e30.sig", self::SECRET)));
        self::assertSame('invalid_input', self::errorOf(fn () => Jwt\sign(self::nested(201), self::SECRET)));
        self::assertSame('invalid_input', self::errorOf(fn () => Jwt\sign(self::nested(129), self::SECRET)));
        $deepest = Jwt\sign(self::nested(128), self::SECRET);
        self::assertIsArray(Jwt\verify($deepest, self::SECRET));
        self::assertSame('invalid_input', self::errorOf(fn () => Jwt\sign(['a' => 1], self::SECRET, ['allow_weak' => 'yes'])));
        // The secret is judged before the other arguments.
        self::assertSame('weak_secret', self::errorOf(fn () => Jwt\sign('not claims', 'short')));
        self::assertSame('invalid_input', self::errorOf(fn () => Jwt\document_key(self::SECRET, "file-\xff", '1')));
    }
}
