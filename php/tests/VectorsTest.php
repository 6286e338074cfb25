<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests;

use OnlyOffice\Jwt;
use PHPUnit\Framework\TestCase;

/**
 * The shared vectors of tests/vectors and the attack corpus of tests/attacks (made by
 * independent generators, see tests/vectors/README.md): every case through the PHP
 * functions, results identical to the expected ones, failures with the expected
 * exception class, code and name.
 */
final class VectorsTest extends TestCase
{
    private const DIRS = [__DIR__ . '/../../tests/vectors', __DIR__ . '/../../tests/attacks'];

    /** @return iterable<string, array{string, \stdClass}> */
    public static function cases(): iterable
    {
        foreach (self::DIRS as $dir) {
            $files = glob($dir . '/*.json');
            self::assertNotEmpty($files, "no vector files in $dir");
            yield from self::casesOf($files);
        }
    }

    /**
     * @param list<string> $files
     * @return iterable<string, array{string, \stdClass}>
     */
    private static function casesOf(array $files): iterable
    {
        foreach ($files as $file) {
            // Arguments keep JSON objects as stdClass, so that a nested {} stays an object.
            $vectors = json_decode((string) file_get_contents($file), false, 512, JSON_THROW_ON_ERROR);
            foreach ($vectors->cases as $case) {
                $operation = $case->operation ?? $vectors->operation;
                if (isset($case->token_repeat)) {
                    $repeat = $case->token_repeat;
                    $case->args->token = $repeat->prefix
                        . str_repeat($repeat->char, $repeat->total_length - strlen($repeat->prefix));
                }
                yield basename(dirname($file)) . '/' . basename($file, '.json') . ': ' . $case->name => [$operation, $case];
            }
        }
    }

    /** @dataProvider cases */
    #[\PHPUnit\Framework\Attributes\DataProvider('cases')]
    public function testVector(string $operation, \stdClass $case): void
    {
        $call = fn () => $this->call($operation, $case->args);
        // The expectation as PHP values, converted the way the extension returns them.
        $expect = json_decode(json_encode($case->expect, JSON_THROW_ON_ERROR), true, 512, JSON_THROW_ON_ERROR);
        if (array_key_exists('ok', $expect)) {
            self::assertSame($expect['ok'], $call());
            return;
        }
        $name = $expect['error'];
        try {
            $call();
            self::fail("expected a $name exception");
        } catch (Jwt\JwtException $e) {
            $class = 'OnlyOffice\\Jwt\\' . str_replace('_', '', ucwords($name, '_')) . 'Exception';
            self::assertInstanceOf($class, $e, $e->getMessage());
            self::assertSame($name, $e->getErrorName());
            self::assertSame(Errors::NUMBERS[$name], $e->getCode());
        }
    }

    /**
     * Calls `OnlyOffice\Jwt\<operation>` with the case's arguments, each put where the
     * function's parameter of that name is (the functions are made from the table of
     * operations, so their parameters are the table's arguments); `options` last.
     */
    private function call(string $operation, \stdClass $args)
    {
        $function = 'OnlyOffice\\Jwt\\' . $operation;
        self::assertTrue(function_exists($function), "unknown operation $operation");
        $values = [];
        foreach ((new \ReflectionFunction($function))->getParameters() as $parameter) {
            $name = $parameter->getName();
            $value = $name === 'options' ? ($args->options ?? []) : ($args->$name ?? null);
            $values[] = in_array($name, ['secret', 'master'], true) ? self::secret($value) : $value;
        }
        return $function(...$values);
    }

    /** A vector's secret: text, `{"base64url": …}` bytes, or a list of those. */
    private static function secret($secret)
    {
        if (is_array($secret)) {
            return array_map([self::class, 'secret'], $secret);
        }
        if ($secret instanceof \stdClass) {
            return base64_decode(strtr($secret->base64url, '-_', '+/'), true);
        }
        return $secret;
    }
}
