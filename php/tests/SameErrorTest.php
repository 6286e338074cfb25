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

    /**
     * A fiber's stack may be 512 KiB: converting, signing and verifying the deepest
     * accepted claims must fit, and deeper ones (up to the 512 levels json_encode
     * takes) must be refused, not crash the worker. Run in a child PHP so that a crash
     * fails this test instead of the run.
     */
    public function testTheDeepestClaimsAreSafeOnA512KibFiberStack(): void
    {
        $script = <<<'PHP'
            $nested = function (int $containers) {
                $value = 1;
                for ($i = 1; $i < $containers; $i++) {
                    $value = [$value];
                }
                return ['deep' => $value];
            };
            $fiber = new Fiber(function () use ($nested) {
                $secret = 'same-error-test-secret-0123456789abcdef';
                foreach ([128, 129, 512] as $containers) {
                    try {
                        OnlyOffice\Jwt\verify(OnlyOffice\Jwt\sign($nested($containers), $secret), $secret);
                        echo "$containers:ok\n";
                    } catch (OnlyOffice\Jwt\JwtException $e) {
                        echo "$containers:", $e->getErrorName(), "\n";
                    }
                }
            });
            $fiber->start();
            PHP;
        $command = [PHP_BINARY, '-d', 'fiber.stack_size=512K', '-r', $script];
        $process = proc_open($command, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
        self::assertIsResource($process);
        $output = stream_get_contents($pipes[1]);
        $errors = stream_get_contents($pipes[2]);
        $status = proc_close($process);
        self::assertSame(0, $status, $errors);
        self::assertSame("128:ok\n129:invalid_input\n512:invalid_input\n", $output);
    }

    public function testFailuresNameThePartThatFailed(): void
    {
        $detail = static function (callable $call): ?string {
            try {
                $call();
            } catch (Jwt\JwtException $e) {
                return $e->getDetail();
            }
            return 'none';
        };
        self::assertSame('token.segments', $detail(fn () => Jwt\verify('a.b', self::SECRET)));
        // {"alg":"HS256","typ":"JOSE"} . {} . AAAA
        self::assertSame('header.typ', $detail(fn () => Jwt\verify('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpPU0UifQ.e30.AAAA', self::SECRET)));
        $expired = Jwt\sign(['exp' => 1], self::SECRET, ['iat' => false]);
        self::assertSame('claims.exp', $detail(fn () => Jwt\verify($expired, self::SECRET)));
        self::assertNull($detail(fn () => Jwt\verify($expired, 'another-secret-of-at-least-32-bytes!!')));
        $e = new Jwt\MalformedException('made by PHP code');
        self::assertNull($e->getDetail());
        self::assertSame('made by PHP code', $e->getMessage());
    }
}
