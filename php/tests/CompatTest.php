<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests;

use OnlyOffice\Jwt as Native;
use OnlyOffice\Jwt\Compat\BeforeValidException;
use OnlyOffice\Jwt\Compat\ExpiredException;
use OnlyOffice\Jwt\Compat\JWK;
use OnlyOffice\Jwt\Compat\JWT;
use OnlyOffice\Jwt\Compat\JWTExceptionWithPayloadInterface;
use OnlyOffice\Jwt\Compat\Key;
use OnlyOffice\Jwt\Compat\SignatureInvalidException;
use PHPUnit\Framework\TestCase;

/**
 * The facade against firebase/php-jwt's documented behaviour (its README and the
 * docblocks of JWT::encode/decode, Key and the exception classes). Foreign tokens are
 * built here by hand with hash_hmac, the way firebase/php-jwt writes them.
 */
final class CompatTest extends TestCase
{
    private const KEY = 'compat-test-key-0123456789abcdefghij';
    private const NOW = 1767225600;

    protected function tearDown(): void
    {
        JWT::$leeway = 0;
        JWT::$timestamp = null;
    }

    private static function b64(string $bytes): string
    {
        return rtrim(strtr(base64_encode($bytes), '+/', '-_'), '=');
    }

    /** A token as firebase/php-jwt writes it: header {"typ","alg"}, JSON without escaped slashes. */
    private static function firebaseToken(array $payload, string $key = self::KEY, string $alg = 'HS256', array $header = []): string
    {
        $header = json_encode(['typ' => 'JWT', 'alg' => $alg] + $header, JSON_UNESCAPED_SLASHES);
        $input = self::b64($header) . '.' . self::b64(json_encode($payload, JSON_UNESCAPED_SLASHES));
        $hash = ['HS256' => 'sha256', 'HS384' => 'sha384', 'HS512' => 'sha512'][$alg] ?? 'sha256';
        return $input . '.' . self::b64(hash_hmac($hash, $input, $key, true));
    }

    /** The facade's key parameters carry #[\SensitiveParameter], as firebase/php-jwt's. */
    public function testKeyParametersAreSensitive(): void
    {
        $expected = [
            [JWT::class, 'encode', 'key'],
            [JWT::class, 'sign', 'key'],
            [JWT::class, 'decode', 'keyOrKeyArray'],
            [Key::class, '__construct', 'keyMaterial'],
            [JWK::class, 'parseKeySet', 'jwks'],
            [JWK::class, 'parseKey', 'jwk'],
        ];
        foreach ($expected as [$class, $method, $name]) {
            $parameters = array_filter(
                (new \ReflectionMethod($class, $method))->getParameters(),
                fn ($p) => $p->getName() === $name
            );
            self::assertCount(1, $parameters, "$class::$method \$$name");
            $attributes = array_map(fn ($a) => $a->getName(), reset($parameters)->getAttributes());
            self::assertSame(['SensitiveParameter'], $attributes, "$class::$method \$$name");
        }
    }

    /**
     * firebase/php-jwt puts no size limit on a token, and a Document Server callback's
     * body token passes 1 MiB with a long history: the facade accepts it too. (In its
     * own process: the memory it takes would stay with this one.)
     *
     * @runInSeparateProcess
     */
    #[\PHPUnit\Framework\Attributes\RunInSeparateProcess]
    public function testATokenOverOneMibDecodesAsWithFirebase(): void
    {
        $history = array_fill(0, 12000, ['created' => '2026-01-01 00:00:00', 'user' => ['id' => 'u1', 'name' => 'Smith']]);
        $jwt = JWT::encode(['key' => 'k', 'status' => 2, 'history' => ['changes' => $history]], self::KEY, 'HS256');
        self::assertGreaterThan(1 << 20, strlen($jwt));
        self::assertCount(12000, JWT::decode($jwt, new Key(self::KEY, 'HS256'))->history->changes);
    }

    public function testTheReadmeExampleRoundTrips(): void
    {
        $payload = [
            'iss' => 'http://example.org',
            'aud' => 'http://example.com',
            'iat' => 1356999524,
            'nbf' => 1357000000,
            'nested' => ['list' => [1, 2], 'map' => ['a' => 'b']],
        ];
        $jwt = JWT::encode($payload, self::KEY, 'HS256');
        $decoded = JWT::decode($jwt, new Key(self::KEY, 'HS256'));
        self::assertInstanceOf(\stdClass::class, $decoded);
        self::assertInstanceOf(\stdClass::class, $decoded->nested);
        self::assertInstanceOf(\stdClass::class, $decoded->nested->map);
        self::assertSame([1, 2], $decoded->nested->list);
        self::assertSame('http://example.org', $decoded->iss);
        self::assertEquals($payload, json_decode(json_encode($decoded), true), 'the claims come back unchanged, nothing added');
    }

    public function testEncodeWritesFirebasesHs256Token(): void
    {
        $jwt = JWT::encode(['sub' => 'user-1', 'n' => 1], self::KEY, 'HS256');
        // firebase/php-jwt's bytes: {"typ","alg"}, json_encode with unescaped slashes.
        $input = self::b64('{"typ":"JWT","alg":"HS256"}') . '.' . self::b64('{"sub":"user-1","n":1}');
        self::assertSame($input . '.' . self::b64(hash_hmac('sha256', $input, self::KEY, true)), $jwt);
        $jwt512 = JWT::encode(['a' => 1], self::KEY, 'HS512');
        [$header] = explode('.', $jwt512);
        self::assertSame('{"typ":"JWT","alg":"HS512"}', base64_decode(strtr($header, '-_', '+/')));
    }

    public function testDecodeAcceptsTokensWrittenByFirebase(): void
    {
        $jwt = self::firebaseToken(['url' => 'https://x/y', 'n' => 1.5, 'big' => 12345678901234567890], self::KEY, 'HS384');
        $headers = null;
        $decoded = JWT::decode($jwt, new Key(self::KEY, 'HS384'), $headers);
        self::assertSame('https://x/y', $decoded->url);
        self::assertSame(1.5, $decoded->n);
        self::assertSame('HS384', $headers->alg);
        self::assertSame('JWT', $headers->typ);
    }

    public function testExpiredTokens(): void
    {
        JWT::$timestamp = self::NOW;
        $jwt = self::firebaseToken(['exp' => self::NOW, 'sub' => 'x']);
        try {
            JWT::decode($jwt, new Key(self::KEY, 'HS256'));
            self::fail('an expired token was accepted');
        } catch (ExpiredException $e) {
            self::assertInstanceOf(\UnexpectedValueException::class, $e);
            self::assertInstanceOf(JWTExceptionWithPayloadInterface::class, $e);
            self::assertSame('Expired token', $e->getMessage());
            self::assertSame('x', $e->getPayload()->sub);
            self::assertSame(self::NOW, $e->getTimestamp());
        }
        JWT::$leeway = 60;
        self::assertSame('x', JWT::decode($jwt, new Key(self::KEY, 'HS256'))->sub, 'within the leeway');
        JWT::$timestamp = self::NOW - 1;
        JWT::$leeway = 0;
        self::assertSame('x', JWT::decode($jwt, new Key(self::KEY, 'HS256'))->sub, 'JWT::$timestamp is the clock');
    }

    public function testTokensNotYetValid(): void
    {
        JWT::$timestamp = self::NOW;
        foreach (['nbf', 'iat'] as $claim) {
            $jwt = self::firebaseToken([$claim => self::NOW + 100]);
            try {
                JWT::decode($jwt, new Key(self::KEY, 'HS256'));
                self::fail("a future $claim was accepted");
            } catch (BeforeValidException $e) {
                self::assertInstanceOf(\UnexpectedValueException::class, $e);
                self::assertSame('Cannot handle token with ' . $claim . ' prior to ' . date(\DateTime::ISO8601, self::NOW + 100), $e->getMessage());
                self::assertSame(self::NOW + 100, $e->getPayload()->$claim);
            }
            JWT::$leeway = 100;
            self::assertSame(self::NOW + 100, JWT::decode($jwt, new Key(self::KEY, 'HS256'))->$claim);
            JWT::$leeway = 0;
        }
    }

    public function testWrongKey(): void
    {
        $jwt = self::firebaseToken(['a' => 1], 'another-key-yYz69COmw4HfoRiY1DHWDA9L');
        try {
            JWT::decode($jwt, new Key(self::KEY, 'HS256'));
            self::fail('a token signed with another key was accepted');
        } catch (SignatureInvalidException $e) {
            self::assertInstanceOf(\UnexpectedValueException::class, $e);
            self::assertSame('Signature verification failed', $e->getMessage());
        }
    }

    public function testWrongAlgorithm(): void
    {
        try {
            JWT::decode(self::firebaseToken(['a' => 1], self::KEY, 'HS512'), new Key(self::KEY, 'HS256'));
            self::fail('a token of another algorithm was accepted');
        } catch (\UnexpectedValueException $e) {
            self::assertSame('Incorrect key for this algorithm', $e->getMessage());
        }
        $none = self::b64('{"typ":"JWT","alg":"none"}') . '.' . self::b64('{"a":1}') . '.';
        try {
            JWT::decode($none, new Key(self::KEY, 'HS256'));
            self::fail('alg none was accepted');
        } catch (\UnexpectedValueException $e) {
            self::assertSame('Algorithm not supported', $e->getMessage());
        }
        // A key for another algorithm, as firebase/php-jwt answers (FirebaseAnswersTest).
        $this->expectException(\UnexpectedValueException::class);
        $this->expectExceptionMessage('Incorrect key for this algorithm');
        JWT::decode(self::firebaseToken(['a' => 1]), new Key(self::KEY, 'RS256'));
    }

    /** @return iterable<string, array{string}> */
    public static function malformedTokens(): iterable
    {
        yield 'two segments' => ['a.b'];
        yield 'four segments' => ['a.b.c.d'];
        yield 'not base64url' => ['@@@.###.$$$'];
        yield 'header not JSON' => [self::b64('not json') . '.' . self::b64('{}') . '.' . self::b64('x')];
        yield 'empty' => [''];
    }

    /** @dataProvider malformedTokens */
    #[\PHPUnit\Framework\Attributes\DataProvider('malformedTokens')]
    public function testMalformedTokensAreUnexpectedValues(string $jwt): void
    {
        $this->expectException(\UnexpectedValueException::class);
        JWT::decode($jwt, new Key(self::KEY, 'HS256'));
    }

    public function testKeyChecks(): void
    {
        try {
            JWT::decode(self::firebaseToken(['a' => 1]), []);
            self::fail('an empty key array was accepted');
        } catch (\InvalidArgumentException $e) {
            self::assertSame('Key may not be empty', $e->getMessage());
        }
        try {
            new Key('', 'HS256');
            self::fail('empty key material was accepted');
        } catch (\InvalidArgumentException $e) {
            self::assertSame('Key material must not be empty', $e->getMessage());
        }
        try {
            new Key(self::KEY, '');
            self::fail('an empty algorithm was accepted');
        } catch (\InvalidArgumentException $e) {
            self::assertSame('Algorithm must not be empty', $e->getMessage());
        }
        $key = new Key(self::KEY, 'HS384');
        self::assertSame(self::KEY, $key->getKeyMaterial());
        self::assertSame('HS384', $key->getAlgorithm());
    }

    public function testKeyArraysSelectByKid(): void
    {
        $keys = [
            'first' => new Key(self::KEY, 'HS256'),
            'second' => new Key('second-key-Xqv8Fch7uueywdm1Oebr5EqY', 'HS256'),
        ];
        $jwt = self::firebaseToken(['a' => 2], 'second-key-Xqv8Fch7uueywdm1Oebr5EqY', 'HS256', ['kid' => 'second']);
        self::assertSame(2, JWT::decode($jwt, $keys)->a);
        self::assertSame(2, JWT::decode($jwt, new \ArrayObject($keys))->a);
        try {
            JWT::decode(self::firebaseToken(['a' => 1]), $keys);
            self::fail('a token without kid was accepted');
        } catch (\UnexpectedValueException $e) {
            self::assertSame('"kid" empty, unable to lookup correct key', $e->getMessage());
        }
        try {
            JWT::decode(self::firebaseToken(['a' => 1], self::KEY, 'HS256', ['kid' => 'third']), $keys);
            self::fail('an unknown kid was accepted');
        } catch (\UnexpectedValueException $e) {
            self::assertSame('"kid" invalid, unable to lookup correct key', $e->getMessage());
        }
    }

    public function testEncodeRefusals(): void
    {
        foreach ([
            'unknown algorithm' => fn () => JWT::encode(['a' => 1], self::KEY, 'RS256'),
            'a typ our verification refuses' => fn () => JWT::encode(['a' => 1], self::KEY, 'HS256', null, ['typ' => 'JOSE']),
            'crit' => fn () => JWT::encode(['a' => 1], self::KEY, 'HS256', null, ['crit' => ['exp']]),
            'list payload' => fn () => JWT::encode([1, 2], self::KEY, 'HS256'),
        ] as $case => $call) {
            try {
                $call();
                self::fail("$case was accepted");
            } catch (\DomainException $e) {
                self::assertNotSame('', $e->getMessage(), $case);
            }
        }
        $this->expectException(\InvalidArgumentException::class);
        JWT::encode(['a' => 1], 42, 'HS256');
    }

    public function testStricterThanFirebase(): void
    {
        // Short keys are accepted, as by firebase/php-jwt 6.11 (FirebaseAnswersTest).
        self::assertSame(1, JWT::decode(JWT::encode(['a' => 1], 'example_key', 'HS256'), new Key('example_key', 'HS256'))->a);
        // Duplicate claims, a crit header, a non-numeric exp: refused.
        $header = self::b64('{"typ":"JWT","alg":"HS256"}');
        $duplicate = $header . '.' . self::b64('{"a":1,"a":2}');
        $duplicate .= '.' . self::b64(hash_hmac('sha256', $duplicate, self::KEY, true));
        foreach ([
            'duplicate member' => $duplicate,
            'crit header' => self::firebaseToken(['a' => 1], self::KEY, 'HS256', ['crit' => ['exp']]),
            'exp not a number' => self::firebaseToken(['exp' => 'tomorrow']),
        ] as $case => $jwt) {
            try {
                JWT::decode($jwt, new Key(self::KEY, 'HS256'));
                self::fail("$case was accepted");
            } catch (\UnexpectedValueException $e) {
                self::assertInstanceOf(Native\JwtException::class, $e->getPrevious(), $case);
            }
        }
    }

    public function testNumericStringSettingsAreAccepted(): void
    {
        JWT::$timestamp = (string) self::NOW;
        JWT::$leeway = '60';
        $jwt = self::firebaseToken(['exp' => self::NOW - 30]);
        self::assertSame(self::NOW - 30, JWT::decode($jwt, new Key(self::KEY, 'HS256'))->exp);
        JWT::$leeway = 'a minute';
        $this->expectException(\InvalidArgumentException::class);
        JWT::decode($jwt, new Key(self::KEY, 'HS256'));
    }

    public function testBase64UrlHelpers(): void
    {
        self::assertSame('-_8', JWT::urlsafeB64Encode("\xfb\xff"));
        self::assertSame("\xfb\xff", JWT::urlsafeB64Decode('-_8'));
    }

    /** @runInSeparateProcess */
    #[\PHPUnit\Framework\Attributes\RunInSeparateProcess]
    public function testFirebaseAliasesRunTheConnectorsCallsOnTheCore(): void
    {
        $aliased = require __DIR__ . '/../firebase-aliases.php';
        self::assertCount(7, $aliased);
        self::assertContains('Firebase\\JWT\\JWK', $aliased);
        $jwt = \Firebase\JWT\JWT::encode(['key' => 'Khirz6zTPdfd7'], self::KEY, 'HS256');
        self::assertSame('Khirz6zTPdfd7', \Firebase\JWT\JWT::decode($jwt, new \Firebase\JWT\Key(self::KEY, 'HS256'))->key);
        self::assertSame(JWT::class, get_class(new \Firebase\JWT\JWT()));
        \Firebase\JWT\JWT::$timestamp = self::NOW;
        try {
            \Firebase\JWT\JWT::decode(self::firebaseToken(['exp' => self::NOW - 1]), new \Firebase\JWT\Key(self::KEY, 'HS256'));
            self::fail('an expired token was accepted');
        } catch (\Firebase\JWT\ExpiredException $e) {
            self::assertSame('Expired token', $e->getMessage());
        }
    }

    /** @runInSeparateProcess */
    #[\PHPUnit\Framework\Attributes\RunInSeparateProcess]
    public function testFirebaseAliasesLeaveDefinedClassesAlone(): void
    {
        eval('namespace Firebase\JWT; final class Key {}');
        $aliased = require __DIR__ . '/../firebase-aliases.php';
        self::assertNotContains('Firebase\\JWT\\Key', $aliased);
        self::assertContains('Firebase\\JWT\\JWT', $aliased);
        self::assertNotSame(Key::class, get_class(new \Firebase\JWT\Key()));
    }

    public function testJwkSetsOfSymmetricKeys(): void
    {
        $k256 = random_bytes(32);
        $k512 = random_bytes(64);
        $set = ['keys' => [
            ['kty' => 'oct', 'alg' => 'HS256', 'kid' => 'a', 'k' => self::b64($k256)],
            ['kty' => 'RSA', 'alg' => 'RS256', 'kid' => 'skipped', 'n' => 'x', 'e' => 'AQAB'],
            ['kty' => 'oct', 'kid' => 'b', 'k' => self::b64($k512)],
        ]];
        $keys = JWK::parseKeySet($set, 'HS512');
        self::assertSame(['a', 'b'], array_keys($keys));
        self::assertSame($k256, $keys['a']->getKeyMaterial());
        self::assertSame(['HS256', 'HS512'], [$keys['a']->getAlgorithm(), $keys['b']->getAlgorithm()]);
        $token = JWT::encode(['sub' => 'x'], $k512, 'HS512', 'b');
        self::assertSame('x', JWT::decode($token, $keys)->sub);
        foreach ([
            [[], \UnexpectedValueException::class, '"keys" member must exist in the JWK Set'],
            [['keys' => []], \InvalidArgumentException::class, 'JWK Set did not contain any keys'],
            [['keys' => [['kty' => 'oct', 'alg' => 'HS256']]], \UnexpectedValueException::class, 'k not set'],
            [['keys' => [['kty' => 'oct', 'k' => 'eA']]], \UnexpectedValueException::class, 'JWK must contain an "alg" parameter'],
            [['keys' => [['alg' => 'HS256']]], \UnexpectedValueException::class, 'JWK must contain a "kty" parameter'],
            [['keys' => [['kty' => 'EC', 'alg' => 'ES256']]], \UnexpectedValueException::class, 'No supported algorithms found in JWK Set'],
        ] as [$bad, $class, $message]) {
            try {
                JWK::parseKeySet($bad);
                self::fail("$message: accepted");
            } catch (\Exception $e) {
                self::assertSame([$class, $message], [get_class($e), $e->getMessage()]);
            }
        }
    }
}
