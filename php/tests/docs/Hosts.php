<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests\Docs;

/**
 * The hosts of the docs' snippets (php/tests/docs/hosts): stand-ins of the connector's
 * classes whose `// @region <name>` … `// @endregion` stretches hold today's code. A host
 * is built by putting a snippet's text, exactly as the docs write it, in place of a
 * region's code; a region without a snippet keeps today's code.
 */
final class Hosts
{
    /** The directory of the templates. */
    public const DIR = __DIR__ . '/hosts';

    private const REGION = '/^([ \t]*)\/\/ @region ([A-Za-z-]+)\n(.*?)^[ \t]*\/\/ @endregion\n/ms';

    /**
     * The regions of every template: name => [the template's path below DIR, today's code].
     *
     * @return array<string, array{string, string}>
     */
    public static function regions(): array
    {
        $regions = [];
        foreach (self::templates() as $path) {
            preg_match_all(self::REGION, (string) file_get_contents(self::DIR . '/' . $path), $matches, PREG_SET_ORDER);
            foreach ($matches as $match) {
                if (isset($regions[$match[2]])) {
                    throw new \LogicException("region {$match[2]} is defined twice");
                }
                $regions[$match[2]] = [$path, $match[3]];
            }
        }
        return $regions;
    }

    /**
     * Writes every template into `$dir`, the given regions' code replaced by the text
     * given (a snippet as written, ending in a newline).
     *
     * @param array<string, string> $replacements region name => code
     */
    public static function build(array $replacements, string $dir): void
    {
        $unknown = array_diff(array_keys($replacements), array_keys(self::regions()));
        if ($unknown !== []) {
            throw new \LogicException('no such region: ' . implode(', ', $unknown));
        }
        foreach (self::templates() as $path) {
            $source = preg_replace_callback(
                self::REGION,
                static function (array $match) use ($replacements): string {
                    $code = $replacements[$match[2]] ?? $match[3];
                    return "{$match[1]}// @region {$match[2]}\n" . rtrim($code, "\n") . "\n{$match[1]}// @endregion\n";
                },
                (string) file_get_contents(self::DIR . '/' . $path)
            );
            $target = $dir . '/' . $path;
            if (!is_dir(dirname($target))) {
                mkdir(dirname($target), 0700, true);
            }
            file_put_contents($target, $source);
        }
    }

    /** @return list<string> the templates' paths below DIR */
    private static function templates(): array
    {
        $paths = [];
        $files = new \RecursiveIteratorIterator(new \RecursiveDirectoryIterator(self::DIR, \FilesystemIterator::SKIP_DOTS));
        foreach ($files as $file) {
            $paths[] = substr($file->getPathname(), strlen(self::DIR) + 1);
        }
        sort($paths);
        return $paths;
    }
}
