<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests;

use OnlyOffice\Jwt;
use PHPUnit\Framework\TestCase;

/**
 * PHP 8.4's objects whose properties PHP code computes (run by php/phpunit11.xml only:
 * this file does not parse before PHP 8.4). A lazy object would run its initializer in
 * the middle of the conversion, and a class with property hooks is written by
 * json_encode from its hooks, not its property table: both are refused, with the
 * initializer never run.
 */
final class Php84ObjectsTest extends TestCase
{
    private const SECRET = 'php84-objects-secret-Xqv8Fch7uueywdm1Oebr5EqY';

    /**
     * A lazy stdClass has no declared property to initialize: PHP marks it initialized
     * at once, without running its initializer. It converts as json_encode writes it.
     */
    public function testALazyStdClassIsAlreadyInitializedAndConvertsAsJsonEncode(): void
    {
        $ran = false;
        $lazy = (new \ReflectionClass(\stdClass::class))->newLazyGhost(function (\stdClass $object) use (&$ran): void {
            $ran = true;
        });
        self::assertFalse((new \ReflectionClass(\stdClass::class))->isUninitializedLazyObject($lazy));
        $token = Jwt\sign(['x' => $lazy], self::SECRET, ['iat' => false]);
        self::assertSame(json_encode(['x' => $lazy]), base64_decode(strtr(explode('.', $token)[1], '-_', '+/')));
        self::assertFalse($ran, 'the initializer ran');
    }

    public function testALazyObjectIsRefusedAndItsInitializerNeverRuns(): void
    {
        $ran = false;
        $class = new \ReflectionClass(Php84Declared::class);
        $ghost = $class->newLazyGhost(function () use (&$ran): void {
            $ran = true;
        });
        $proxy = $class->newLazyProxy(function () use (&$ran): Php84Declared {
            $ran = true;
            return new Php84Declared();
        });
        foreach ([
            fn () => Jwt\sign(['x' => $ghost], self::SECRET),
            fn () => Jwt\sign($ghost, self::SECRET),
            fn () => Jwt\sign(['x' => $proxy], self::SECRET),
            fn () => Jwt\sign_config(['document' => ['key' => 'k', 'url' => 'https://x/'], 'x' => $ghost], self::SECRET),
        ] as $call) {
            try {
                $call();
                self::fail('a lazy object was converted');
            } catch (Jwt\InvalidInputException $e) {
                self::assertStringContainsString('lazy object', $e->getMessage());
            }
        }
        self::assertFalse($ran, 'an initializer ran');
        // Initialized, it converts as any object.
        $class->initializeLazyObject($ghost);
        self::assertCount(3, explode('.', Jwt\sign(['x' => $ghost], self::SECRET)));
    }

    public function testAnObjectWithPropertyHooksIsRefused(): void
    {
        $hooked = new Php84Hooked();
        self::assertSame('{"a":1,"b":2}', json_encode($hooked), 'json_encode writes the hook');
        $this->expectException(Jwt\InvalidInputException::class);
        $this->expectExceptionMessage('property hooks');
        Jwt\sign(['x' => $hooked], self::SECRET);
    }

    public function testPlainObjectsStillSignAsJsonEncodeWritesThem(): void
    {
        $object = new Php84Declared();
        $object->dynamic = 'd';
        $token = Jwt\sign(['x' => $object], self::SECRET, ['iat' => false]);
        $payload = base64_decode(strtr(explode('.', $token)[1], '-_', '+/'));
        self::assertSame(json_encode(['x' => $object]), $payload);
    }
}

/** A stdClass subclass with a declared property. */
class Php84Declared extends \stdClass
{
    public int $a = 1;
}

/** A stdClass subclass whose property b is computed by a hook. */
class Php84Hooked extends \stdClass
{
    public int $a = 1;

    public int $b {
        get => 2;
    }
}
