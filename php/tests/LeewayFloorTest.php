<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests;

use PHPUnit\Framework\TestCase;

/**
 * The facade's leeway floor: `JWT::decode` applies the larger of `JWT::$leeway` and the
 * ini setting `onlyoffice_jwt.compat_leeway_floor` (default 0: firebase's behaviour).
 * The setting is per directory (php.ini, the web server's configuration), so each case
 * runs in a PHP of its own started with `-d`.
 */
final class LeewayFloorTest extends TestCase
{
    private const NOW = 1767225600;

    public function testTheFloorIsAPerDirectorySettingThatIniSetCannotChange(): void
    {
        $setting = ini_get_all('onlyoffice_jwt')['onlyoffice_jwt.compat_leeway_floor'] ?? null;
        self::assertIsArray($setting);
        self::assertSame(INI_PERDIR, $setting['access']);
        self::assertFalse(ini_set('onlyoffice_jwt.compat_leeway_floor', '60'));
    }

    public function testTheDefaultFloorIsZero(): void
    {
        self::assertSame('0', self::php([], 'echo ini_get("onlyoffice_jwt.compat_leeway_floor");'));
    }

    public function testAnIatFiveSecondsAheadFailsWithLeewayZeroAndFloorZero(): void
    {
        self::assertSame('OnlyOffice\\Jwt\\Compat\\BeforeValidException', self::decodeWith(0, 0, ['iat' => self::NOW + 5]));
    }

    public function testAnIatFiveSecondsAheadPassesWithLeewayZeroAndFloorSixty(): void
    {
        self::assertSame('accepted', self::decodeWith(60, 0, ['iat' => self::NOW + 5]));
    }

    public function testTheFloorCoversExpAndNbfToo(): void
    {
        self::assertSame('accepted', self::decodeWith(60, 0, ['exp' => self::NOW - 30]));
        self::assertSame('accepted', self::decodeWith(60, 0, ['nbf' => self::NOW + 30]));
        self::assertSame('OnlyOffice\\Jwt\\Compat\\ExpiredException', self::decodeWith(60, 0, ['exp' => self::NOW - 60]));
    }

    public function testALargerJwtLeewayWinsOverTheFloor(): void
    {
        self::assertSame('accepted', self::decodeWith(60, 300, ['iat' => self::NOW + 200]));
        self::assertSame('OnlyOffice\\Jwt\\Compat\\BeforeValidException', self::decodeWith(60, 30, ['iat' => self::NOW + 61]));
    }

    /**
     * What the facade answers, in a PHP with the floor `$floor` and `JWT::$leeway =
     * $leeway`, for a token of `$claims` at NOW: `accepted` or the exception's class.
     */
    private static function decodeWith(int $floor, int $leeway, array $claims): string
    {
        $script = 'use OnlyOffice\\Jwt\\Compat\\{JWT, Key};'
            . '$key = "leeway-floor-test-key-0123456789abcdef";'
            . 'JWT::$timestamp = ' . self::NOW . '; JWT::$leeway = ' . $leeway . ';'
            . '$token = JWT::encode(' . var_export($claims + ['sub' => 'u1'], true) . ', $key, "HS256");'
            . 'try { JWT::decode($token, new Key($key, "HS256")); echo "accepted"; } catch (\\Exception $e) { echo get_class($e); }';
        return self::php(['-d', "onlyoffice_jwt.compat_leeway_floor=$floor"], $script);
    }

    /** The output of `$script` run by this test's PHP (same ini files) with the facade loaded. */
    private static function php(array $options, string $script): string
    {
        $command = array_merge([PHP_BINARY], $options, ['-r', 'require "' . __DIR__ . '/../autoload.php";' . $script]);
        $process = proc_open($command, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
        self::assertIsResource($process);
        $output = (string) stream_get_contents($pipes[1]);
        $errors = (string) stream_get_contents($pipes[2]);
        proc_close($process);
        self::assertSame('', $errors);
        return $output;
    }
}
