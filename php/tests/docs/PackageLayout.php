<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests\Docs;

/**
 * What the packages install, read from scripts/build-debs.sh: the packages its header
 * names, the paths they install on the target system (for each PHP version of a PHP
 * package), the ini file they write, and a staged copy of the repository's files they
 * install, in a directory of the tests.
 */
final class PackageLayout
{
    public const SCRIPT = __DIR__ . '/../../../scripts/build-debs.sh';

    private string $script;

    public function __construct()
    {
        $this->script = (string) file_get_contents(self::SCRIPT);
    }

    /** @return list<string> the PHP versions of the packages, from the script's header (`php8.2-onlyoffice-jwt_VERSION_ARCH.deb`) */
    public function phpVersions(): array
    {
        preg_match_all('/^#\s+php(\d+\.\d+)-onlyoffice-jwt_VERSION_ARCH\.deb/m', $this->script, $matches);
        return $matches[1];
    }

    /**
     * The files the script's header says it writes: package name => `ARCH` or `all`.
     *
     * @return array<string, string>
     */
    public function debFiles(): array
    {
        preg_match_all('/^#\s+([a-z0-9.+-]+)_VERSION_(ARCH|all)\.deb\s/m', $this->script, $matches);
        return array_combine($matches[1], $matches[2]);
    }

    /**
     * The files and directories the packages install, by their path on the target system
     * (paths that depend on the build machine, such as the extension's, left out).
     *
     * @return array<string, string|null> installed path => the repository path it is a copy of (null: written by the script)
     */
    public function installed(): array
    {
        $installed = [];
        foreach ($this->entries() as [$sources, $target]) {
            $targets = str_contains($target, '$php_version')
                ? array_map(static fn (string $version): string => str_replace('$php_version', $version, $target), $this->phpVersions())
                : [$target];
            foreach ($targets as $path) {
                if (str_contains($path, '$')) {
                    continue;
                }
                if ($sources === null) {
                    $installed[$path] = null;
                } elseif (str_ends_with($path, '/')) {
                    foreach ($sources as $source) {
                        $installed[$path . basename($source)] = $source;
                    }
                } else {
                    $installed[$path] = $sources[0];
                }
            }
        }
        return $installed;
    }

    /** Whether the packages install `$path`, or a directory they install holds it. */
    public function installs(string $path): bool
    {
        $path = rtrim($path, '/');
        foreach ($this->installed() as $installed => $source) {
            if ($path === $installed || ($source !== null && is_dir(dirname(self::SCRIPT, 2) . "/$source") && str_starts_with($path, $installed . '/'))) {
                return true;
            }
        }
        return false;
    }

    /** The text of the ini file the PHP packages install (the script's here-document). */
    public function iniText(): string
    {
        if (preg_match('/mods-available\/onlyoffice_jwt\.ini" <<EOF\n(.*?)^EOF$/ms', $this->script, $match) !== 1) {
            throw new \LogicException('no ini here-document in ' . self::SCRIPT);
        }
        return str_replace('\\$', '$', $match[1]);
    }

    /** Copies the repository's files the packages install below `$root`, at their installed paths. */
    public function stage(string $root): void
    {
        $repository = dirname(self::SCRIPT, 2);
        foreach ($this->installed() as $target => $source) {
            if ($source !== null && file_exists("$repository/$source")) {
                self::copy("$repository/$source", $root . $target);
            }
        }
    }

    /**
     * The script's copies into a package root: `cp -r SOURCE… "$<x>_root/TARGET"`, and
     * `install -D -m MODE SOURCE "$<x>_root/TARGET"` (SOURCE `/dev/stdin`: a file the
     * script writes itself).
     *
     * @return list<array{list<string>|null, string}> [repository sources or null, target path]
     */
    private function entries(): array
    {
        $entries = [];
        foreach (explode("\n", $this->script) as $line) {
            if (preg_match('/^\s*cp -r (.+) "\$\w+_root(\/[^"]*)"$/', $line, $match) === 1) {
                $entries[] = [preg_split('/\s+/', trim($match[1])), $match[2]];
            } elseif (preg_match('/^\s*install -D -m \d+ (\S+) "\$\w+_root(\/[^"]*)"/', $line, $match) === 1) {
                $entries[] = [$match[1] === '/dev/stdin' ? null : [trim($match[1], '"')], $match[2]];
            }
        }
        return $entries;
    }

    private static function copy(string $from, string $to): void
    {
        if (is_dir($from)) {
            foreach (scandir($from) ?: [] as $name) {
                if ($name !== '.' && $name !== '..') {
                    self::copy("$from/$name", "$to/$name");
                }
            }
            return;
        }
        if (!is_dir(dirname($to))) {
            mkdir(dirname($to), 0700, true);
        }
        copy($from, $to);
    }
}
