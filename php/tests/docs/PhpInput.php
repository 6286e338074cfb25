<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests\Docs;

/**
 * `php://input` as the web server's PHP gives it: the current request's raw body
 * (Current::$body). The command line has no request body, so the child processes that
 * play Nextcloud's requests put this wrapper in place of PHP's `php` wrapper; any other
 * `php://` stream is refused (nothing in those processes opens one).
 */
final class PhpInput
{
    /** @var resource|null set by PHP for a stream context */
    public $context;

    private string $data = '';

    private int $position = 0;

    /** Replaces PHP's `php://` wrapper with this one. */
    public static function install(): void
    {
        stream_wrapper_unregister('php');
        stream_wrapper_register('php', self::class);
    }

    public function stream_open(string $path, string $mode, int $options, ?string &$openedPath): bool
    {
        if (strtolower($path) !== 'php://input' || $mode[0] !== 'r') {
            return false;
        }
        $this->data = Current::$body;
        $this->position = 0;
        return true;
    }

    public function stream_read(int $count): string
    {
        $chunk = (string) substr($this->data, $this->position, $count);
        $this->position += strlen($chunk);
        return $chunk;
    }

    public function stream_eof(): bool
    {
        return $this->position >= strlen($this->data);
    }

    /** @return array<string, int> */
    public function stream_stat(): array
    {
        return ['size' => strlen($this->data)];
    }
}
