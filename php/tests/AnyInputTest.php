<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests;

use OnlyOffice\Jwt;
use PHPUnit\Framework\TestCase;

/**
 * Every function with every kind of PHP value in every argument position: the result
 * is a value or a JwtException, never a warning, a notice, a TypeError or a crash
 * (PHPUnit turns any diagnostic into a failure here).
 */
final class AnyInputTest extends TestCase
{
    private const FUNCTIONS = [
        'sign' => 3, 'sign_jws' => 4, 'verify' => 3, 'decode_unverified' => 2, 'sign_config' => 3,
        'sign_request' => 3, 'verify_callback' => 3, 'verify_incoming' => 3,
        'check_download_url' => 3, 'document_key' => 4, 'derive_secrets' => 2,
        'sign_link' => 3, 'verify_link' => 3, 'audit_ds_config' => 2,
    ];

    /** @return array<string, mixed> */
    private static function values(): array
    {
        $self = ['a' => 1];
        $self['self'] = &$self;
        return [
            'null' => null,
            'true' => true,
            'int' => -1,
            'big int' => PHP_INT_MAX,
            'float' => 1.5,
            'nan' => NAN,
            'empty string' => '',
            'secret' => 'any-input-secret-0123456789abcdefghij',
            'binary' => "\x00\xff\xfe",
            'token' => 'eyJhbGciOiJIUzI1NiJ9.e30.' . str_repeat('A', 43),
            'url' => 'https://ds.example/cache/files/x',
            'json' => '{"key":"k","status":2}',
            'empty array' => [],
            'list' => [1, 'a', null],
            'map' => ['alg' => 'HS256', 'now' => 'x', 'k' => [1 => 2]],
            'options of wrong types' => ['ttl' => -5, 'leeway' => 1.5, 'require' => 'sub', 'algorithms' => []],
            'nested' => ['document' => ['key' => str_repeat('k', 200), 'url' => 5]],
            'self reference' => $self,
            'stdClass' => (object) ['a' => (object) []],
            'closure' => static fn () => 1,
            'other object' => new \ArrayObject([1]),
            'resource' => STDERR,
            'non-utf8 key' => ["\xff" => 1],
        ];
    }

    public function testNoInputEscapesAsSomethingElseThanAJwtException(): void
    {
        $values = self::values();
        $calls = 0;
        foreach (self::FUNCTIONS as $function => $arity) {
            $function = 'OnlyOffice\\Jwt\\' . $function;
            for ($position = 0; $position < $arity; $position++) {
                foreach ($values as $name => $value) {
                    $args = array_fill(0, $arity, 'any-input-secret-0123456789abcdefghij');
                    $args[$arity - 1] = [];
                    $args[$position] = $value;
                    try {
                        $function(...$args);
                    } catch (Jwt\JwtException $e) {
                        self::assertGreaterThan(0, $e->getCode(), "$function #$position $name: " . $e->getMessage());
                        self::assertNotSame('internal', $e->getErrorName());
                    }
                    $calls++;
                }
            }
        }
        self::assertSame(array_sum(self::FUNCTIONS) * count($values), $calls);
    }
}
