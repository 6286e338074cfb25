<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests;

use OnlyOffice\Jwt\Compat\ExpiredException;
use OnlyOffice\Jwt\Compat\JWT;
use OnlyOffice\Jwt\Compat\Key;
use PHPUnit\Framework\TestCase;

/**
 * The facade against the answers of the real firebase/php-jwt (tests/data/
 * firebase_answers.json: produced by running firebase's own code, 6.11.1 — the version
 * the Nextcloud connector pins — and 7.0.5). By default the facade answers as 6.11.1;
 * with `onlyoffice_jwt.compat_strict_keys = 1` its key rule is 7's. Where it differs on
 * purpose, the case is listed in DELIBERATE with the reason (docs/nextcloud.md).
 */
final class FirebaseAnswersTest extends TestCase
{
    /** Cases answered differently on purpose, with why. */
    private const DELIBERATE = [
        // 6.11.1 dies with a TypeError in floor(); 7 names the claim: we answer as 7.
        '6.11.1/iat-not-a-number' => 'a TypeError is a crash: answered as firebase 7',
        '6.11.1/nbf-not-a-number' => 'a TypeError is a crash: answered as firebase 7',
        // 6.11.1 compares exp "soon" as a string and accepts the token.
        '6.11.1/exp-not-a-number' => 'a string exp is refused (claim type confusion, CVE-2026-25537 class)',
    ];

    protected function tearDown(): void
    {
        JWT::$leeway = 0;
        JWT::$timestamp = null;
    }

    /** @return iterable<string, array{string, array}> */
    public static function answers(): iterable
    {
        $data = json_decode((string) file_get_contents(__DIR__ . '/data/firebase_answers.json'), true);
        foreach ($data['versions'] as $version => $cases) {
            foreach ($cases as $case) {
                yield "$version/{$case['name']}" => [$version, $case];
            }
        }
    }

    /** @dataProvider answers */
    #[\PHPUnit\Framework\Attributes\DataProvider('answers')]
    public function testTheFacadeAnswersAsFirebase(string $version, array $case): void
    {
        $name = "$version/{$case['name']}";
        if (str_starts_with($version, '7.') && ini_get('onlyoffice_jwt.compat_strict_keys') !== '1' && isset($case['encode'])) {
            // firebase 7 refuses short keys; the facade does so only when strict
            // (checked in testStrictKeysAreFirebaseSeven, in a PHP of its own).
            self::assertArrayHasKey('error', $case['expect']);
            $token = JWT::encode(['sub' => 'u1'], $case['key'], $case['alg']);
            self::assertSame('u1', JWT::decode($token, new Key($case['key'], $case['alg']))->sub);
            return;
        }
        if (isset($case['encode'])) {
            self::markTestIncomplete('unreachable');
        }
        JWT::$timestamp = $case['timestamp'];
        JWT::$leeway = $case['leeway'];
        $token = $case['token'] ?? base64_decode($case['token_base64']);
        $expected = $case['expect'];
        if (isset(self::DELIBERATE[$name])) {
            $this->expectException(\UnexpectedValueException::class);
            $this->expectExceptionMessageMatches('/^Payload (iat|nbf|exp) must be a number$/');
            JWT::decode($token, new Key($case['key'], $case['alg']));
            return;
        }
        try {
            $payload = JWT::decode($token, new Key($case['key'], $case['alg']));
        } catch (\Exception $e) {
            self::assertArrayHasKey('error', $expected, "$name: {$e->getMessage()}");
            self::assertSame(self::firebaseClass($expected['error']['class']), self::firebaseClass(get_class($e)), $name);
            $message = $expected['error']['message'];
            if (str_starts_with($version, '7.')) {
                // 7 writes dates as DATE_ATOM (+00:00), 6.11 as DATE_ISO8601 (+0000).
                $message = preg_replace('/\\+00:00$/', '+0000', $message);
            }
            self::assertSame($message, $e->getMessage(), $name);
            if (isset($expected['error']['payload'])) {
                self::assertEquals((object) $expected['error']['payload'], $e->getPayload(), $name);
            }
            if ($e instanceof ExpiredException) {
                self::assertSame($case['timestamp'], $e->getTimestamp(), $name);
            }
            return;
        }
        self::assertArrayHasKey('ok', $expected, $name);
        self::assertEquals((object) $expected['ok'], $payload, $name);
    }

    /** @return iterable<string, array{array}> */
    public static function tokens(): iterable
    {
        $data = json_decode((string) file_get_contents(__DIR__ . '/data/firebase_answers.json'), true);
        foreach ($data['tokens'] as $version => $cases) {
            foreach ($cases as $case) {
                yield "$version/{$case['name']}" => [$case];
            }
        }
    }

    /** @dataProvider tokens */
    #[\PHPUnit\Framework\Attributes\DataProvider('tokens')]
    public function testEncodeWritesFirebasesBytes(array $case): void
    {
        $token = JWT::encode($case['payload'], $case['key'], $case['alg'], $case['kid'], $case['head']);
        self::assertSame($case['token'], $token);
        $headers = new \stdClass();
        JWT::decode($token, new Key($case['key'], $case['alg']), $headers);
        self::assertSame($case['alg'], $headers->alg);
    }

    /** firebase's class names and the facade's (aliased by php/firebase-aliases.php). */
    private static function firebaseClass(string $class): string
    {
        return str_replace(['Firebase\\JWT\\', 'OnlyOffice\\Jwt\\Compat\\'], '', $class);
    }

    public function testShortKeysAreAcceptedWithOneWarningPerProcess(): void
    {
        $log = tempnam(sys_get_temp_dir(), 'oojwt-log');
        $script = 'require "' . __DIR__ . '/../autoload.php";'
            . 'use OnlyOffice\\Jwt\\Compat\\{JWT, Key};'
            . 'for ($i = 0; $i < 3; $i++) { echo JWT::decode(JWT::encode(["a" => $i], "connector-secret", "HS256"), new Key("connector-secret", "HS256"))->a; }';
        $output = self::php(['-d', "error_log=$log", '-d', 'log_errors=1', '-r', $script]);
        self::assertSame('012', $output);
        $logged = (string) file_get_contents($log);
        unlink($log);
        self::assertSame(1, substr_count($logged, 'onlyoffice-jwt: a HS256 key of fewer than 32 bytes'), $logged);
        self::assertStringNotContainsString('connector-secret', $logged);
    }

    public function testStrictKeysAreFirebaseSeven(): void
    {
        $script = 'require "' . __DIR__ . '/../autoload.php";'
            . 'use OnlyOffice\\Jwt\\Compat\\{JWT, Key};'
            . 'foreach ([["connector-secret", "HS256"], [str_repeat("k", 47), "HS384"], [str_repeat("k", 63), "HS512"]] as [$k, $a]) {'
            . ' try { JWT::encode(["a" => 1], $k, $a); echo "accepted "; } catch (\\DomainException $e) { echo get_class($e), ":", $e->getMessage(), " "; } }'
            . 'echo JWT::decode(JWT::encode(["a" => 1], "abcdefghijklmnopqrstuvwxyz0123456789", "HS256"), new Key("abcdefghijklmnopqrstuvwxyz0123456789", "HS256"))->a;';
        $output = self::php(['-d', 'onlyoffice_jwt.compat_strict_keys=1', '-r', $script]);
        self::assertSame(str_repeat('DomainException:Provided key is too short ', 3) . '1', $output);
    }

    /** Runs the PHP of this test (same ini files) with `$arguments`; its stdout. */
    private static function php(array $arguments): string
    {
        $command = array_merge([PHP_BINARY], $arguments);
        $process = proc_open($command, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
        self::assertIsResource($process);
        $output = (string) stream_get_contents($pipes[1]);
        $errors = (string) stream_get_contents($pipes[2]);
        proc_close($process);
        self::assertSame('', $errors);
        return $output;
    }
}
