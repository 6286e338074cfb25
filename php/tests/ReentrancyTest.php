<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests;

use OnlyOffice\Jwt;
use PHPUnit\Framework\TestCase;

/**
 * Host code that runs in the middle of a call. PHP's cycle collector starts when its
 * buffer of possible roots fills up, and runs the destructors of the garbage it finds:
 * arbitrary PHP code. Each test fills that buffer to within a few entries of its
 * threshold, leaves a garbage cycle in it whose destructor frees what the call is reading
 * (an array behind a reference, an option string passed by reference), then passes the
 * call objects whose conversion, before the fix, added the last entries. What the call signs must be what the arguments held when it was
 * called; `make test` runs this suite under valgrind too, which reports any read of
 * freed memory. (Before the fix: 224 009 invalid reads, and tokens holding the strings
 * the destructor allocated.)
 */
final class ReentrancyTest extends TestCase
{
    private const SECRET = 'reentrancy-test-secret-0123456789abcdef';
    private const OBJECTS = 400;

    /** @var list<string> What destructors allocated: kept alive until the test ends. */
    public static array $churn = [];

    /** @var list<object> Objects that filled the collector's buffer. */
    private static array $keep = [];

    protected function setUp(): void
    {
        gc_enable();
        gc_collect_cycles();
        self::$churn = [];
        self::$keep = [];
    }

    protected function tearDown(): void
    {
        gc_collect_cycles();
        self::$churn = [];
    }

    /** A list of distinct stdClass objects: each one the conversion has to read. */
    private static function objects(): array
    {
        $objects = [];
        for ($i = 0; $i < self::OBJECTS; $i++) {
            $object = new \stdClass();
            $object->n = $i;
            $objects[] = $object;
        }
        return $objects;
    }

    /**
     * Leaves a garbage cycle in the collector's buffer whose destructor runs $free and
     * then allocates strings where the freed memory was; fills the buffer up to
     * OBJECTS / 4 entries below the threshold where the collector starts.
     */
    private static function armDestructor(\Closure $free): void
    {
        gc_collect_cycles();
        $status = gc_status();
        $fill = $status['threshold'] - $status['roots'] - intdiv(self::OBJECTS, 4);
        self::$keep = [];
        for ($i = 0; $i < $fill; $i++) {
            // Each assignment drops the previous object's count: one possible root.
            $object = new \stdClass();
            self::$keep[] = $object;
        }
        unset($object);
        self::assertGreaterThan($status['threshold'] - self::OBJECTS, gc_status()['roots']);
        $cycle = new DestructorCycle($free);
        $cycle->self = $cycle;
        unset($cycle);
    }

    private static function payloadJson(string $token): string
    {
        return base64_decode(strtr(explode('.', $token)[1], '-_', '+/'));
    }

    /** Runs the destructor (if the call did not) and asserts that it ran at all. */
    private static function assertDestructorRan(): void
    {
        gc_collect_cycles();
        self::assertTrue(DestructorCycle::$ran, 'the armed destructor never ran');
        DestructorCycle::$ran = false;
    }

    public function testAnArrayBehindAReferenceFreedDuringSign(): void
    {
        $inner = self::objects();
        $claims = ['first' => 'kept', 'a' => &$inner, 'last' => 'kept'];
        $expected = json_encode($claims);
        self::armDestructor(function () use (&$inner): void {
            $inner = null;
        });
        $token = Jwt\sign($claims, self::SECRET, ['iat' => false]);
        self::assertSame($expected, self::payloadJson($token));
        self::assertDestructorRan();
    }

    public function testAnObjectPropertyBehindAReferenceFreedDuringSign(): void
    {
        $inner = self::objects();
        $claims = new \stdClass();
        $claims->a = &$inner;
        $claims->b = 'kept';
        $expected = json_encode($claims);
        self::armDestructor(function () use (&$inner): void {
            $inner = null;
        });
        $token = Jwt\sign($claims, self::SECRET, ['iat' => false]);
        self::assertSame($expected, self::payloadJson($token));
        self::assertDestructorRan();
    }

    public function testAnOptionStringByReferenceFreedDuringSignRequest(): void
    {
        // Not interned: made at run time, so that the destructor can free it.
        $prefix = str_repeat('P', 6) . ' ';
        $body = ['c' => 'info', 'key' => 'k', 'objects' => self::objects()];
        self::armDestructor(function () use (&$prefix): void {
            $prefix = null;
        });
        $signed = Jwt\sign_request($body, self::SECRET, ['prefix' => &$prefix, 'now' => 1767225600]);
        self::assertStringStartsWith('PPPPPP eyJ', $signed['headers']['Authorization']);
        self::assertDestructorRan();
    }

    public function testAnArrayBehindAReferenceFreedDuringSignConfig(): void
    {
        $inner = self::objects();
        $config = [
            'document' => ['key' => 'k1', 'url' => 'https://nc.example/doc', 'info' => ['list' => &$inner]],
            'editorConfig' => ['callbackUrl' => 'https://nc.example/track', 'mode' => 'edit'],
        ];
        $expected = json_encode($config);
        self::armDestructor(function () use (&$inner): void {
            $inner = null;
        });
        $signed = Jwt\sign_config($config, self::SECRET, ['now' => 1767225600]);
        $claims = json_decode(self::payloadJson($signed['token']), true);
        unset($claims['iat']);
        self::assertSame($expected, json_encode($claims));
        self::assertSame(json_decode($expected, true)['document'], $signed['document']);
        self::assertDestructorRan();
    }

    public function testAHeaderNameByReferenceAndABodyObjectFreedDuringSignRequest(): void
    {
        $header = str_repeat('X-Jwt', 1) . '-Header';
        $inner = self::objects();
        $body = new \stdClass();
        $body->c = 'info';
        $body->key = 'k';
        $body->list = &$inner;
        $expected = json_encode($body);
        self::armDestructor(function () use (&$header, &$inner): void {
            $header = null;
            $inner = null;
        });
        $signed = Jwt\sign_request($body, self::SECRET, ['header' => &$header, 'now' => 1767225600]);
        self::assertSame(['X-Jwt-Header'], array_keys($signed['headers']));
        $claims = json_decode(self::payloadJson($signed['body']['token']), true);
        unset($claims['iat'], $claims['exp']);
        self::assertSame($expected, json_encode($claims));
        self::assertDestructorRan();
    }
}

/** A garbage cycle whose destructor frees what a test says, then reuses the memory. */
final class DestructorCycle
{
    private const CHURN = 48000;
    public static bool $ran = false;
    public ?DestructorCycle $self = null;

    public function __construct(private \Closure $free)
    {
    }

    public function __destruct()
    {
        ($this->free)();
        for ($i = 0; $i < self::CHURN; $i++) {
            // Strings of every small size, so that the freed blocks are reused whatever their size.
            ReentrancyTest::$churn[] = str_repeat('X', $i % 64) . $i;
        }
        self::$ran = true;
    }
}
