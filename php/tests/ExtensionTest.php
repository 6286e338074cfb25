<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests;

use OnlyOffice\Jwt;
use PHPUnit\Framework\TestCase;

/**
 * The extension's own surface: functions, exception classes and codes, the PHP ↔ JSON
 * conversion, argument checking. Expected tokens are built here with PHP's hash_hmac
 * and base64 (RFC 7519 by hand), never with the extension.
 */
final class ExtensionTest extends TestCase
{
    private const SECRET = 'extension-test-secret-0123456789abcdef';
    private const NOW = 1767225600;

    private static function b64(string $bytes): string
    {
        return rtrim(strtr(base64_encode($bytes), '+/', '-_'), '=');
    }

    /** A token made without the extension: header and payload JSON as given. */
    private static function token(string $header, string $payload, string $secret = self::SECRET, string $hash = 'sha256'): string
    {
        $input = self::b64($header) . '.' . self::b64($payload);
        return $input . '.' . self::b64(hash_hmac($hash, $input, $secret, true));
    }

    private static function payloadJson(string $token): string
    {
        return base64_decode(strtr(explode('.', $token)[1], '-_', '+/'));
    }

    public function testTheModuleAndEveryOperationAreThere(): void
    {
        self::assertContains('onlyoffice_jwt', get_loaded_extensions());
        $functions = array_map('strtolower', get_extension_funcs('onlyoffice_jwt'));
        sort($functions);
        $expected = [];
        foreach ([
            'sign', 'sign_jws', 'verify', 'decode_unverified', 'sign_config', 'sign_request', 'verify_callback',
            'verify_incoming', 'guard_callback', 'guard_download', 'check_download_url', 'document_key', 'derive_secrets', 'sign_link',
            'verify_link', 'audit_ds_config',
        ] as $operation) {
            $expected[] = 'onlyoffice\\jwt\\' . $operation;
        }
        sort($expected);
        self::assertSame($expected, $functions);
    }

    public function testEveryErrorCodeHasItsExceptionClass(): void
    {
        self::assertTrue(is_subclass_of(Jwt\JwtException::class, \Exception::class));
        self::assertSame('internal', (new Jwt\JwtException('x'))->getErrorName());
        foreach (Errors::NUMBERS as $name => $number) {
            $class = 'OnlyOffice\\Jwt\\' . str_replace('_', '', ucwords($name, '_')) . 'Exception';
            self::assertTrue(class_exists($class), $class);
            self::assertSame(Jwt\JwtException::class, get_parent_class($class), $class);
            $e = new $class('message', $number);
            self::assertSame($name, $e->getErrorName());
            self::assertSame(__LINE__ - 2, $e->getLine(), 'PHP fills in file and line');
        }
    }

    /** @return iterable<string, array{string, callable}> */
    public static function failures(): iterable
    {
        $s = self::SECRET;
        $now = ['now' => self::NOW];
        $header = '{"alg":"HS256","typ":"JWT"}';
        yield 'malformed' => ['malformed', fn () => Jwt\verify('a.b', $s)];
        yield 'bad_signature' => ['bad_signature', fn () => Jwt\verify(self::token($header, '{"a":1}', 'another-secret-vNp1Zj1hHoRyFSAFDKUb'), $s)];
        yield 'alg_not_allowed' => ['alg_not_allowed', fn () => Jwt\verify(self::b64('{"alg":"none"}') . '.' . self::b64('{"a":1}') . '.', $s)];
        yield 'expired' => ['expired', fn () => Jwt\verify(self::token($header, '{"exp":' . (self::NOW - 61) . '}'), $s, $now)];
        yield 'not_yet_valid' => ['not_yet_valid', fn () => Jwt\verify(self::token($header, '{"nbf":' . (self::NOW + 61) . '}'), $s, $now)];
        yield 'missing_claim' => ['missing_claim', fn () => Jwt\verify(self::token($header, '{"a":1}'), $s, ['require' => ['sub']])];
        yield 'invalid_claim' => ['invalid_claim', fn () => Jwt\verify(self::token($header, '{"exp":"tomorrow"}'), $s)];
        yield 'missing_token' => ['missing_token', fn () => Jwt\verify_callback('{"key":"k","status":2}', $s)];
        yield 'key_mismatch' => ['key_mismatch', fn () => Jwt\verify_callback(
            '{"token":"' . self::token($header, '{"key":"k1","status":2}') . '"}',
            $s,
            ['expected_key' => 'k2']
        )];
        yield 'weak_secret' => ['weak_secret', fn () => Jwt\sign(['a' => 1], 'secret')];
        yield 'too_large' => ['too_large', fn () => Jwt\verify(self::token($header, '{"a":1}'), $s, ['max_size' => 10])];
        yield 'url_not_allowed' => ['url_not_allowed', fn () => Jwt\check_download_url('https://evil.example/cache/x', 'https://ds.example/')];
        yield 'invalid_input' => ['invalid_input', fn () => Jwt\sign(['a' => 1], $s, ['ttl' => -1])];
    }

    /** @dataProvider failures */
    #[\PHPUnit\Framework\Attributes\DataProvider('failures')]
    public function testEachFailureThrowsItsClassCodeAndName(string $name, callable $call): void
    {
        try {
            $call();
            self::fail("no exception for $name");
        } catch (Jwt\JwtException $e) {
            $class = 'OnlyOffice\\Jwt\\' . str_replace('_', '', ucwords($name, '_')) . 'Exception';
            self::assertSame($class, get_class($e));
            self::assertSame(Errors::NUMBERS[$name], $e->getCode());
            self::assertSame($name, $e->getErrorName());
            self::assertNotSame('', $e->getMessage());
            self::assertStringNotContainsString(self::SECRET, $e->getMessage());
            self::assertSame(__FILE__, $e->getFile());
        }
    }

    public function testSignMatchesAnHmacComputedByPhp(): void
    {
        $claims = ['sub' => 'user-1', 'list' => [1, 2, 3], 'map' => ['x' => true], 'empty' => [], 'url' => 'https://a/b', 'name' => 'Zoë'];
        $payload = json_encode($claims + ['iat' => self::NOW], JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
        $expected = self::token('{"alg":"HS256","typ":"JWT"}', $payload);
        self::assertSame($expected, Jwt\sign($claims, self::SECRET, ['now' => self::NOW]));
        $expected384 = self::token('{"alg":"HS384","typ":"JWT"}', '{"a":1}', self::SECRET, 'sha384');
        self::assertSame($expected384, Jwt\sign(['a' => 1], self::SECRET, ['alg' => 'HS384', 'iat' => false]));
        $withExp = json_encode(['a' => 1, 'iat' => self::NOW, 'exp' => self::NOW + 300]);
        self::assertSame(self::token('{"alg":"HS256","typ":"JWT"}', $withExp), Jwt\sign(['a' => 1], self::SECRET, ['now' => self::NOW, 'ttl' => 300]));
    }

    public function testConversionOfArraysAndObjects(): void
    {
        $options = ['iat' => false];
        self::assertSame('{}', self::payloadJson(Jwt\sign([], self::SECRET, $options)), 'top-level [] is {}');
        self::assertSame('{}', self::payloadJson(Jwt\sign(new \stdClass(), self::SECRET, $options)));
        self::assertSame(
            '{"list":["a","b"],"gap":{"0":"a","2":"b"},"reordered":{"1":"a","0":"b"},"int":{"5":true},"empty":[],"obj":{},"objlist":{"0":1},"nested":[{"k":null}]}',
            self::payloadJson(Jwt\sign([
                'list' => ['a', 'b'],
                'gap' => [0 => 'a', 2 => 'b'],
                'reordered' => [1 => 'a', 0 => 'b'],
                'int' => [5 => true],
                'empty' => [],
                'obj' => new \stdClass(),
                'objlist' => (object) [1],
                'nested' => [(object) ['k' => null]],
            ], self::SECRET, $options))
        );
        self::assertSame('{"f":1.5,"i":-7,"big":9007199254740993}', self::payloadJson(Jwt\sign(['f' => 1.5, 'i' => -7, 'big' => 9007199254740993], self::SECRET, $options)));
        $token = self::token('{"alg":"HS256","typ":"JWT"}', '{"l":[1,{"a":{}}],"m":{"0":"x","1":"y"},"n":{"10":1},"big":18446744073709551615,"s":"\u00e9"}');
        self::assertSame(
            ['l' => [1, ['a' => []]], 'm' => ['x', 'y'], 'n' => [10 => 1], 'big' => 1.8446744073709552E19, 's' => 'é'],
            Jwt\verify($token, self::SECRET)
        );
    }

    /**
     * Every parameter that holds a secret or a credential carries #[\SensitiveParameter],
     * and no other does: secrets (`secret`, `master`, the text of `local.json`), tokens
     * (and the callback body and options that carry one), the options of
     * `audit_ds_config` (`connector_secret`) and the signed link `verify_link` checks.
     */
    public function testSecretParametersAreSensitive(): void
    {
        $sensitive = [
            'verify' => ['token'],
            'decode_unverified' => ['token'],
            'verify_callback' => ['body', 'options'],
            'verify_incoming' => ['authorization'],
            'guard_callback' => ['body', 'options'],
            'guard_download' => ['authorization'],
            'verify_link' => ['url'],
            'audit_ds_config' => ['options'],
        ];
        $secretNames = ['secret', 'master', 'local_json_text'];
        $marked = 0;
        foreach (get_extension_funcs('onlyoffice_jwt') as $name) {
            $short = substr(strrchr($name, '\\'), 1);
            foreach ((new \ReflectionFunction($name))->getParameters() as $parameter) {
                $attributes = array_map(fn ($a) => $a->getName(), $parameter->getAttributes());
                $marks = in_array($parameter->getName(), $secretNames, true)
                    || in_array($parameter->getName(), $sensitive[$short] ?? [], true);
                self::assertSame($marks ? ['SensitiveParameter'] : [], $attributes, $name . ' $' . $parameter->getName());
                $marked += (int) $marks;
            }
        }
        self::assertSame(24, $marked);
    }

    /** Options holding a secret, and signed links, are left out of traces too. */
    public function testStackTracesLeaveSecretOptionsAndSignedLinksOut(): void
    {
        $previous = ini_set('zend.exception_ignore_args', '0');
        try {
            $calls = [
                'audit_ds_config' => fn () => Jwt\audit_ds_config('{}', ['connector_secret' => 'trace-connector-secret-0123456789', 'unknown' => 1]),
                'verify_link' => fn () => Jwt\verify_link('https://nc.example/d?oo_exp=1&oo_sig=trace-signature-value', self::SECRET, ['now' => self::NOW]),
                'verify_callback' => fn () => Jwt\verify_callback('{"token":"trace.token.value"}', self::SECRET, ['authorization' => 'Bearer trace.header.token']),
                'verify_incoming' => fn () => Jwt\verify_incoming('Bearer trace.header.token', self::SECRET),
            ];
            foreach ($calls as $name => $call) {
                try {
                    $call();
                    self::fail($name . ' accepted its input');
                } catch (Jwt\JwtException $e) {
                    $trace = $e->getTraceAsString();
                    self::assertStringNotContainsString('trace-', $trace, $name);
                    self::assertStringNotContainsString('trace.', $trace, $name);
                    self::assertStringContainsString('Object(SensitiveParameterValue)', $trace, $name);
                }
            }
        } finally {
            ini_set('zend.exception_ignore_args', (string) $previous);
        }
    }

    /**
     * The Rust heap of a call counts against memory_limit: claims that would take the
     * process past it are `too_large`, in both shapes, and the limit holds again after.
     */
    public function testRustAllocationsCountAgainstMemoryLimit(): void
    {
        $shapes = [
            'one long string' => ['s' => str_repeat('x', 16 << 20)],
            // One shared PHP array, but 200000 separate JSON objects on the Rust side.
            'many small values' => ['history' => array_fill(0, 200000, ['user' => 'someone', 'n' => 1])],
        ];
        $previous = (string) ini_get('memory_limit');
        self::assertNotFalse(ini_set('memory_limit', (string) (memory_get_usage() + (8 << 20))));
        try {
            foreach ($shapes as $shape => $claims) {
                try {
                    Jwt\sign($claims, self::SECRET);
                    self::fail($shape . ': signed past memory_limit');
                } catch (Jwt\TooLargeException $e) {
                    self::assertSame(11, $e->getCode(), $shape);
                    self::assertStringContainsString('memory_limit', $e->getMessage(), $shape);
                }
            }
            self::assertCount(3, explode('.', Jwt\sign(['a' => 1], self::SECRET)), 'a small call after the refusals');
        } finally {
            ini_set('memory_limit', $previous);
        }
    }

    public function testStackTracesLeaveSecretsOut(): void
    {
        $previous = ini_set('zend.exception_ignore_args', '0');
        try {
            Jwt\sign(42, 'trace-test-secret-0123456789abcdef');
            self::fail('sign accepted an integer as claims');
        } catch (Jwt\InvalidInputException $e) {
            self::assertStringNotContainsString('trace-test', $e->getTraceAsString());
            self::assertStringContainsString("OnlyOffice\\Jwt\\sign(42, Object(SensitiveParameterValue))", $e->getTraceAsString());
            $secret = $e->getTrace()[0]['args'][1];
            self::assertInstanceOf(\SensitiveParameterValue::class, $secret);
            self::assertSame('trace-test-secret-0123456789abcdef', $secret->getValue());
        } finally {
            ini_set('zend.exception_ignore_args', (string) $previous);
        }
    }

    /**
     * A stdClass subclass signs as json_encode writes it: public properties only, in
     * declaration order then dynamic ones, unset and uninitialised ones left out.
     */
    public function testObjectsSignWhatJsonEncodeWrites(): void
    {
        $options = ['iat' => false];
        $object = new ClaimsWithDeclaredProperties();
        unset($object->first);
        $object->dynamic = 3;
        $expected = json_encode($object);
        self::assertSame('{"second":2,"dynamic":3}', $expected);
        self::assertSame($expected, self::payloadJson(Jwt\sign($object, self::SECRET, $options)));
        self::assertSame($expected, self::payloadJson($object->signedFromInside(self::SECRET)), 'the caller\'s scope does not reveal private properties');
        $plain = new \stdClass();
        $plain->a = 1;
        $plain->b = 2;
        unset($plain->a);
        $plain->c = 3;
        self::assertSame(json_encode($plain), self::payloadJson(Jwt\sign($plain, self::SECRET, $options)));
        $value = 5;
        $plain->ref = &$value;
        self::assertSame(json_encode($plain), self::payloadJson(Jwt\sign($plain, self::SECRET, $options)));
    }

    /**
     * Tables as the engine leaves them after changes (holes from unset, packed lists
     * turned into hashes, integer keys in order in a hash): what json_encode writes.
     */
    public function testArraysChangedAtRunTimeSignWhatJsonEncodeWrites(): void
    {
        $packedWithHole = ['a', 'b', 'c'];
        unset($packedWithHole[1]);
        $packedPopped = ['a', 'b', 'c'];
        array_pop($packedPopped);
        $packedFirstGone = ['a', 'b'];
        unset($packedFirstGone[0]);
        $hashWithHole = ['x' => 1, 'y' => 2, 'z' => 3];
        unset($hashWithHole['y']);
        $hashOfIndexes = ['k' => 0];
        unset($hashOfIndexes['k']);
        $hashOfIndexes[0] = 'a';
        $hashOfIndexes[1] = 'b';
        $sparse = [];
        $sparse[5] = 'five';
        $sparse[-3] = 'minus three';
        $claims = [
            'packedWithHole' => $packedWithHole,
            'packedPopped' => $packedPopped,
            'packedFirstGone' => $packedFirstGone,
            'hashWithHole' => $hashWithHole,
            'hashOfIndexes' => $hashOfIndexes,
            'sparse' => $sparse,
            'numericStringKey' => ['7' => 'seven', '07' => 'zero seven'],
            'empty' => array_filter([1, 2], static fn () => false),
        ];
        $expected = json_encode($claims, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR);
        self::assertSame($expected, self::payloadJson(Jwt\sign($claims, self::SECRET, ['iat' => false])));
        self::assertStringContainsString('"packedPopped":["a","b"]', $expected);
        self::assertStringContainsString('"hashOfIndexes":["a","b"]', $expected);
        self::assertStringContainsString('"packedWithHole":{"0":"a","2":"c"}', $expected);
    }

    /** @return iterable<string, array{callable}> */
    public static function badArguments(): iterable
    {
        $s = self::SECRET;
        $self = [1];
        $self[] = &$self;
        yield 'claims not an array' => [fn () => Jwt\sign('claims', $s)];
        yield 'claims a list' => [fn () => Jwt\sign(['a', 'b'], $s)];
        yield 'claims an object of another class' => [fn () => Jwt\sign(new \ArrayObject(['a' => 1]), $s)];
        yield 'claims with a resource' => [fn () => Jwt\sign(['r' => STDIN], $s)];
        yield 'claims with NAN' => [fn () => Jwt\sign(['x' => NAN], $s)];
        yield 'claims with INF' => [fn () => Jwt\sign(['x' => INF], $s)];
        yield 'claims with invalid UTF-8' => [fn () => Jwt\sign(['x' => "\xC3\x28"], $s)];
        yield 'claims with an invalid UTF-8 key' => [fn () => Jwt\sign(["\xFF" => 1], $s)];
        yield 'claims referring to themselves' => [fn () => Jwt\sign(['x' => $self], $s)];
        yield 'claims with a closure' => [fn () => Jwt\sign(['f' => fn () => 1], $s)];
        yield 'secret an integer' => [fn () => Jwt\sign(['a' => 1], 42)];
        yield 'secret a map' => [fn () => Jwt\sign(['a' => 1], ['k' => $s])];
        yield 'secret list with a non-UTF-8 key' => [fn () => Jwt\sign(['a' => 1], ["\xFF" => $s])];
        yield 'secret list with a non-string' => [fn () => Jwt\verify('a.b.c', [$s, 1])];
        yield 'token not a string' => [fn () => Jwt\verify(['a'], $s)];
        yield 'token null' => [fn () => Jwt\verify(null, $s)];
        yield 'options a string' => [fn () => Jwt\verify('a.b.c', $s, 'leeway=5')];
        yield 'unknown option' => [fn () => Jwt\verify('a.b.c', $s, ['leway' => 5])];
        yield 'option of the wrong type' => [fn () => Jwt\sign(['a' => 1], $s, ['ttl' => '300'])];
        yield 'allow_weak not a bool' => [fn () => Jwt\sign(['a' => 1], $s, ['allow_weak' => 1])];
        yield 'callback body an array' => [fn () => Jwt\verify_callback(['key' => 'k'], $s)];
        yield 'authorization an int' => [fn () => Jwt\verify_incoming(5, $s)];
        yield 'url an int' => [fn () => Jwt\check_download_url(5, 'https://ds.example/')];
        yield 'ds_url unparsable' => [fn () => Jwt\check_download_url('https://ds.example/x', 'not a url')];
        yield 'version a float' => [fn () => Jwt\document_key($s, 'file', 1.5)];
        yield 'file id empty' => [fn () => Jwt\document_key($s, '', 1)];
        yield 'master not a string' => [fn () => Jwt\derive_secrets([$s])];
        yield 'link not absolute' => [fn () => Jwt\sign_link('/relative', $s)];
        yield 'config a list' => [fn () => Jwt\sign_config([1, 2], $s)];
        yield 'config without document' => [fn () => Jwt\sign_config(['editorConfig' => []], $s)];
        yield 'request body a string' => [fn () => Jwt\sign_request('body', $s)];
        yield 'local.json not a string' => [fn () => Jwt\audit_ds_config(['services' => []])];
    }

    /** @dataProvider badArguments */
    #[\PHPUnit\Framework\Attributes\DataProvider('badArguments')]
    public function testBadArgumentsAreInvalidInput(callable $call): void
    {
        $this->expectException(Jwt\InvalidInputException::class);
        $this->expectExceptionCode(13);
        $call();
    }

    public function testSecretListsRotate(): void
    {
        $old = 'old-secret-VOzXN2O0VEdFBg17ACZGq2Mmd9';
        $new = 'new-secret-h4mHAYbyHbsYJHX3CNRi5HpHPC';
        $token = self::token('{"alg":"HS256","typ":"JWT"}', '{"a":1}', $old);
        self::assertSame(['a' => 1], Jwt\verify($token, [$new, $old]));
        $signed = Jwt\sign(['a' => 1], [$new, $old], ['iat' => false]);
        self::assertSame(self::token('{"alg":"HS256","typ":"JWT"}', '{"a":1}', $new), $signed, 'the first secret signs');
        self::assertSame('weak_secret', (function () {
            try {
                Jwt\sign(['a' => 1], 'short');
            } catch (Jwt\JwtException $e) {
                return $e->getErrorName();
            }
            return 'none';
        })());
        self::assertSame(self::token('{"alg":"HS256","typ":"JWT"}', '{"a":1}', 'short'), Jwt\sign(['a' => 1], 'short', ['iat' => false, 'allow_weak' => true]));
        $binary = "\x00\xff" . hash('sha256', 'a binary secret', true);
        self::assertSame(self::token('{"alg":"HS256","typ":"JWT"}', '{"a":1}', $binary), Jwt\sign(['a' => 1], $binary, ['iat' => false]), 'secrets are bytes');
    }

    public function testDecodeUnverifiedChecksNothing(): void
    {
        $token = self::token('{"alg":"HS512","typ":"JWT","kid":"k1"}', '{"sub":"x"}', 'not-the-secret');
        self::assertSame(
            ['header' => ['alg' => 'HS512', 'typ' => 'JWT', 'kid' => 'k1'], 'claims' => ['sub' => 'x']],
            Jwt\decode_unverified($token)
        );
    }

    public function testDecodeUnverifiedReadsACallbackTokenPastOneMibWithMaxSize(): void
    {
        $token = self::token('{"alg":"HS256","typ":"JWT"}', '{"key":"k","history":"' . str_repeat('h', 1 << 20) . '"}', 'not-the-secret');
        try {
            Jwt\decode_unverified($token);
            self::fail('a token over 1 MiB was decoded without max_size');
        } catch (Jwt\TooLargeException $e) {
            self::assertSame(11, $e->getCode());
        }
        self::assertSame('k', Jwt\decode_unverified($token, ['max_size' => strlen($token)])['claims']['key']);
    }

    public function testSignConfigAddsTheTokenOfTheConfig(): void
    {
        $config = json_decode((string) file_get_contents(__DIR__ . '/../../tests/data/editor_config.json'), true);
        $signed = Jwt\sign_config($config, self::SECRET, ['now' => self::NOW, 'ttl' => 300]);
        self::assertSame(array_keys($config) + [count($config) => 'token'], array_keys($signed));
        $payload = json_encode($config + ['iat' => self::NOW, 'exp' => self::NOW + 300], JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
        self::assertSame(self::token('{"alg":"HS256","typ":"JWT"}', $payload), $signed['token']);
        $this->expectException(Jwt\InvalidInputException::class);
        Jwt\sign_config(['document' => ['key' => 'bad key!', 'url' => 'https://x/']], self::SECRET);
    }

    public function testSignRequestSignsBodyAndHeader(): void
    {
        $body = ['c' => 'forcesave', 'key' => 'Khirz6zTPdfd7'];
        $signed = Jwt\sign_request($body, self::SECRET, ['now' => self::NOW]);
        $times = ',"iat":' . self::NOW . ',"exp":' . (self::NOW + 300) . '}';
        $bodyToken = self::token('{"alg":"HS256","typ":"JWT"}', substr(json_encode($body), 0, -1) . $times);
        $headerToken = self::token('{"alg":"HS256","typ":"JWT"}', '{"payload":' . json_encode($body) . $times);
        self::assertSame(['body' => $body + ['token' => $bodyToken], 'headers' => ['Authorization' => 'Bearer ' . $headerToken], 'header_omitted' => false], $signed);
    }

    public function testSignJwsSignsTheGivenTextsByteForByte(): void
    {
        $header = '{"typ":"JWT","alg":"HS384","kid":"0"}';
        $payload = '{"name":"Zo\\u00eb"}';
        self::assertSame(self::token($header, $payload, self::SECRET, 'sha384'), Jwt\sign_jws($header, $payload, self::SECRET));
        // Nothing is signed that verify refuses: alg none, time claims that are not
        // dates, header members nothing here honours.
        foreach ([
            ['{"alg":"none"}', '{}'],
            ['{"alg":"HS256"}', '{"exp":"1"}'],
            ['{"alg":"HS256"}', '{"exp":-1}'],
            ['{"alg":"HS256","zip":"DEF"}', '{}'],
            ['{"alg":"HS256","enc":"A256GCM"}', '{}'],
        ] as [$badHeader, $badPayload]) {
            try {
                Jwt\sign_jws($badHeader, $badPayload, self::SECRET);
                self::fail("signed $badHeader $badPayload");
            } catch (Jwt\InvalidInputException $e) {
                self::assertSame(13, $e->getCode());
            }
        }
    }

    public function testALargeRequestIsSignedInTheBodyOnly(): void
    {
        // A 200 KB docbuilder body: the header token would be far over the 7168
        // characters the Document Server keeps its header tokens under.
        $body = ['async' => false, 'url' => 'https://cloud.example/a.docbuilder', 'argument' => ['script' => str_repeat('builder.CreateFile("docx");', 7500)]];
        $signed = Jwt\sign_request($body, self::SECRET, ['now' => self::NOW]);
        self::assertSame([], $signed['headers']);
        self::assertTrue($signed['header_omitted']);
        $claims = Jwt\verify($signed['body']['token'], self::SECRET, ['now' => self::NOW, 'max_size' => 1 << 21]);
        self::assertSame($body['argument'], $claims['argument']);
    }

    public function testMailMergeCallbacksAndADocumentServerClockAheadAreAccepted(): void
    {
        $header = '{"alg":"HS256","typ":"JWT"}';
        $ahead = self::NOW + 120;
        $claims = '{"key":"Khirz6zTPdfd7","status":5,"url":"https://ds.example/cache/files/data/k/output.docx","mailMerge":{"to":"ana@example.com","recordIndex":0},"iat":' . $ahead . ',"exp":' . ($ahead + 300) . '}';
        $body = json_encode(['key' => 'Khirz6zTPdfd7', 'status' => 5, 'token' => self::token($header, $claims)]);
        $verified = Jwt\verify_callback($body, self::SECRET, ['now' => self::NOW]);
        self::assertSame(5, $verified['status']);
        self::assertSame(['to' => 'ana@example.com', 'recordIndex' => 0], $verified['mailMerge']);
        self::assertSame($ahead, $verified['iat']);
    }

    public function testVerifyCallbackReturnsOnlySignedClaims(): void
    {
        $header = '{"alg":"HS256","typ":"JWT"}';
        $signed = '{"key":"Khirz6zTPdfd7","status":2,"url":"https://ds.example/cache/files/data/a/output.docx"}';
        $body = json_encode([
            'key' => 'Khirz6zTPdfd7',
            'status' => 2,
            'url' => 'https://ds.example/cache/files/data/a/output.docx',
            'changesurl' => 'https://evil.example/unsigned',
            'token' => self::token($header, $signed),
        ]);
        self::assertSame(json_decode($signed, true), Jwt\verify_callback($body, self::SECRET, ['expected_key' => 'Khirz6zTPdfd7']));
        $headerOnly = 'Bearer ' . self::token($header, '{"payload":' . $signed . '}');
        self::assertSame(json_decode($signed, true), Jwt\verify_callback('{"status":2}', self::SECRET, ['authorization' => $headerOnly]));
        $this->expectException(Jwt\MalformedException::class);
        Jwt\verify_callback("\xff not json", self::SECRET);
    }

    public function testVerifyIncomingComparesTheSignedUrl(): void
    {
        $url = 'https://connector.example/apps/onlyoffice/download?doc=abc';
        $auth = 'Bearer ' . self::token('{"alg":"HS256","typ":"JWT"}', '{"payload":{"url":"' . $url . '"}}');
        self::assertSame(['url' => $url], Jwt\verify_incoming($auth, self::SECRET, ['url' => $url]));
        try {
            Jwt\verify_incoming($auth, self::SECRET, ['url' => $url . 'x']);
            self::fail('a different url was accepted');
        } catch (Jwt\InvalidClaimException $e) {
            self::assertSame(7, $e->getCode());
        }
        $this->expectException(Jwt\MissingTokenException::class);
        Jwt\verify_incoming(null, self::SECRET);
    }

    public function testCheckDownloadUrlMapsToTheInternalAddress(): void
    {
        self::assertSame(
            'http://ds-internal:8000/cache/files/data/k/output.docx?md5=x',
            Jwt\check_download_url('https://ds.example/cache/files/data/k/output.docx?md5=x', 'https://ds.example/', ['ds_internal_url' => 'http://ds-internal:8000/'])
        );
        $this->expectException(Jwt\UrlNotAllowedException::class);
        Jwt\check_download_url('https://ds.example:8443/cache/files/data/k/output.docx', 'https://ds.example/');
    }

    public function testDocumentKeysFollowTheDocumentedDerivation(): void
    {
        // docs/formats.md: doc_keys subkey by HKDF-SHA256, then HMAC over length-prefixed fields.
        $subkey = hash_hkdf('sha256', self::SECRET, 32, 'onlyoffice-jwt/v1/doc_keys', 'onlyoffice-jwt/v1');
        $message = pack('J', 6) . 'file-7' . pack('J', 2) . '12';
        $expected = substr(self::b64(hash_hmac('sha256', $message, $subkey, true)), 0, 32);
        self::assertSame($expected, Jwt\document_key(self::SECRET, 'file-7', 12));
        self::assertSame($expected, Jwt\document_key(self::SECRET, 'file-7', '12'));
        self::assertNotSame($expected, Jwt\document_key(self::SECRET, 'file-7', 13));
    }

    public function testDerivedSecretsAreHkdf(): void
    {
        $derived = Jwt\derive_secrets(self::SECRET);
        self::assertSame(['inbox', 'outbox', 'session', 'links', 'doc_keys'], array_keys($derived));
        foreach ($derived as $label => $value) {
            $bytes = hash_hkdf('sha256', self::SECRET, 32, 'onlyoffice-jwt/v1/' . $label, 'onlyoffice-jwt/v1');
            self::assertSame(self::b64($bytes), $value, $label);
        }
    }

    public function testSignedLinksExpire(): void
    {
        $link = Jwt\sign_link('https://cloud.example/apps/onlyoffice/download?fileId=42', self::SECRET, ['now' => self::NOW, 'ttl' => 900]);
        self::assertStringStartsWith('https://cloud.example/apps/onlyoffice/download?fileId=42&oo_exp=' . (self::NOW + 900) . '&oo_sig=', $link);
        self::assertSame('https://cloud.example/apps/onlyoffice/download?fileId=42', Jwt\verify_link($link, self::SECRET, ['now' => self::NOW + 899]));
        try {
            Jwt\verify_link($link, self::SECRET, ['now' => self::NOW + 900]);
            self::fail('an expired link was accepted');
        } catch (Jwt\ExpiredException $e) {
            self::assertSame(4, $e->getCode());
        }
        $this->expectException(Jwt\BadSignatureException::class);
        Jwt\verify_link(str_replace('fileId=42', 'fileId=43', $link), self::SECRET, ['now' => self::NOW]);
    }

    public function testAuditReportsFindings(): void
    {
        $findings = Jwt\audit_ds_config('{"services":{"CoAuthoring":{"secret":{"inbox":{"string":"secret"}}}}}');
        self::assertContains('default_secret', array_column($findings, 'code'));
        self::assertSame('error', $findings[0]['severity']);
        $syntax = Jwt\audit_ds_config('{"services": ');
        self::assertCount(1, $syntax);
        self::assertArrayHasKey('line', $syntax[0]);
    }

    public function testVerifyGivesTheClaimsAsObjectsAsJsonDecodeDoes(): void
    {
        $header = self::b64('{"alg":"HS256","typ":"JWT"}');
        $json = '{"a":{"b":1,"0":"z"},"n":1180591620717411303424,"u":18446744073709551615,'
            . '"l":[1,{"x":null},[]],"e":{},"f":1.5,"s":"Zo\u00eb"}';
        $input = $header . '.' . self::b64($json);
        $token = $input . '.' . self::b64(hash_hmac('sha256', $input, self::SECRET, true));
        self::assertEquals(
            json_decode($json, false, 512, JSON_BIGINT_AS_STRING),
            Jwt\verify($token, self::SECRET, ['objects' => true])
        );
        self::assertSame(
            json_decode($json, true),
            Jwt\verify($token, self::SECRET, ['objects' => false])
        );
        // Exactly json_decode's objects: property names stay strings ("0" too), and they
        // behave as any stdClass when changed.
        $objects = Jwt\verify($token, self::SECRET, ['objects' => true]);
        $decoded = json_decode($json, false, 512, JSON_BIGINT_AS_STRING);
        self::assertSame(serialize($decoded), serialize($objects));
        foreach ([$decoded, $objects] as $object) {
            $object->a->added = 2;
            unset($object->a->b);
            $object->e->{'1'} = 'one';
        }
        self::assertSame(serialize($decoded), serialize($objects));
        self::assertSame(['0' => 'z', 'added' => 2], get_object_vars($objects->a));
        $duplicate = $header . '.' . self::b64('{"o":{"k":1,"k":2}}');
        $duplicate .= '.' . self::b64(hash_hmac('sha256', $duplicate, self::SECRET, true));
        try {
            Jwt\verify($duplicate, self::SECRET, ['objects' => true]);
            self::fail('a duplicate member was accepted');
        } catch (Jwt\MalformedException $e) {
            self::assertSame('payload.json', $e->getDetail());
        }
        $this->expectException(Jwt\InvalidInputException::class);
        Jwt\verify($token, self::SECRET, ['objects' => 'yes']);
    }
}

/** Claims as a stdClass subclass with declared, typed, protected and private properties. */
class ClaimsWithDeclaredProperties extends \stdClass
{
    public $first = 1;
    public int $uninitialised;
    protected $hiddenProtected = 'protected';
    private $hiddenPrivate = 'private';
    public $second = 2;

    /** Signs $this from inside the class, where the private properties are in scope. */
    public function signedFromInside(string $secret): string
    {
        return Jwt\sign($this, $secret, ['iat' => false]);
    }
}
