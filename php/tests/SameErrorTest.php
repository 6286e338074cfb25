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
    /** The option rules of python/tests/test_api.py, with the same messages. */
    public function testOptionsReadFromTheArrayKeepTheCoresRules(): void
    {
        $cases = [
            [['iat' => 1], 'sign: option iat must be true or false'],
            [['ttl' => -1], 'sign: option ttl must be a non-negative integer'],
            [['ttl' => 1.5], 'sign: option ttl must be a non-negative integer'],
            [['alg' => ['HS256']], 'sign: option alg must be a string'],
            [['allow_weak' => 'yes'], 'option allow_weak must be true or false'],
            [['algorithm' => 'HS256'], 'sign: unknown option "algorithm"'],
            [['HS256'], 'sign: options must be an object'],
        ];
        foreach ($cases as [$options, $message]) {
            try {
                Jwt\sign([], self::SECRET, $options);
                self::fail('accepted: ' . json_encode($options));
            } catch (Jwt\InvalidInputException $e) {
                self::assertStringStartsWith($message, $e->getMessage());
            }
        }
    }

    public function testVerifyOptionsMayBeAnArrayOrAnObject(): void
    {
        $now = 1_700_000_000;
        $token = Jwt\sign(['sub' => 'u'], self::SECRET, ['alg' => 'HS384', 'ttl' => 10, 'iat' => false, 'now' => $now]);
        $expected = ['sub' => 'u', 'exp' => $now + 10];
        $options = ['algorithms' => ['HS384'], 'require' => ['sub'], 'now' => $now];
        self::assertSame($expected, Jwt\verify($token, self::SECRET, $options));
        self::assertSame($expected, Jwt\verify($token, self::SECRET, (object) $options));
        self::assertSame($expected, Jwt\verify($token, self::SECRET, $options + ['leeway' => null]));
        self::assertEquals((object) $expected, Jwt\verify($token, self::SECRET, (object) ($options + ['objects' => true])));
        foreach ([['HS384', 7], 'HS384', ['a' => 'HS384']] as $algorithms) {
            try {
                Jwt\verify($token, self::SECRET, ['algorithms' => $algorithms] + $options);
                self::fail('accepted algorithms ' . json_encode($algorithms));
            } catch (Jwt\InvalidInputException $e) {
                self::assertStringContainsString('algorithms must be a list of strings', $e->getMessage());
            }
        }
        $this->expectException(Jwt\InvalidInputException::class);
        $this->expectExceptionMessage('option objects must be true or false');
        Jwt\verify($token, self::SECRET, ['objects' => 1]);
    }

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
