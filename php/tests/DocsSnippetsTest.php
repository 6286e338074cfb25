<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests;

use PHPUnit\Framework\TestCase;

/**
 * Every PHP snippet of docs/nextcloud.md runs as pasted (with `/opt/onlyoffice-jwt`,
 * the documented install path, pointing at this repository): exit status 0, no
 * diagnostic on stderr, some output.
 */
final class DocsSnippetsTest extends TestCase
{
    /** @return iterable<string, array{string}> */
    public static function snippets(): iterable
    {
        $doc = (string) file_get_contents(__DIR__ . '/../../docs/nextcloud.md');
        preg_match_all('/^```php\n(.*?)^```/ms', $doc, $matches);
        self::assertGreaterThanOrEqual(7, count($matches[1]));
        foreach ($matches[1] as $i => $code) {
            yield 'snippet ' . ($i + 1) . ': ' . strtok(substr($code, 6), "\n") => [$code];
        }
    }

    /** @dataProvider snippets */
    #[\PHPUnit\Framework\Attributes\DataProvider('snippets')]
    public function testSnippetRunsAsPasted(string $code): void
    {
        $root = dirname(__DIR__, 2);
        $file = tempnam(sys_get_temp_dir(), 'snippet');
        file_put_contents($file, str_replace('/opt/onlyoffice-jwt', $root, $code));
        $process = proc_open(
            [PHP_BINARY, '-d', 'error_reporting=-1', '-d', 'display_errors=stderr', $file],
            [1 => ['pipe', 'w'], 2 => ['pipe', 'w']],
            $pipes
        );
        $stdout = stream_get_contents($pipes[1]);
        $stderr = stream_get_contents($pipes[2]);
        fclose($pipes[1]);
        fclose($pipes[2]);
        $status = proc_close($process);
        unlink($file);
        self::assertSame('', $stderr);
        self::assertSame(0, $status, $stdout);
        self::assertNotSame('', $stdout);
    }
}
