<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests\Docs;

/** The fenced code blocks and tables of a Markdown page, as written. */
final class Markdown
{
    public function __construct(public readonly string $text)
    {
    }

    public static function file(string $path): self
    {
        return new self((string) file_get_contents($path));
    }

    /**
     * Every fenced block: its language, its code (ending in a newline) and the line its
     * fence opens on.
     *
     * @return list<array{lang: string, code: string, line: int}>
     */
    public function blocks(): array
    {
        preg_match_all('/^([ \t]*)```([a-z]*)\n(.*?)^\1```$/ms', $this->text, $matches, PREG_SET_ORDER | PREG_OFFSET_CAPTURE);
        return array_map(fn (array $match): array => [
            'lang' => $match[2][0],
            // a block indented in a list: its code without the list's indentation
            'code' => (string) preg_replace('/^' . preg_quote($match[1][0], '/') . '/m', '', $match[3][0]),
            'line' => substr_count(substr($this->text, 0, $match[0][1]), "\n") + 1,
        ], $matches);
    }

    /**
     * The rows of the table that follows the line `$intro`, each a list of its cells
     * (header and separator rows left out).
     *
     * @return list<list<string>>
     */
    public function tableAfter(string $intro): array
    {
        $start = strpos($this->text, "\n$intro\n");
        if ($start === false) {
            throw new \LogicException("no line \"$intro\"");
        }
        $rows = [];
        foreach (array_slice(explode("\n", substr($this->text, $start + strlen($intro) + 2)), 0) as $i => $line) {
            if ($i === 0 && $line === '') {
                continue;
            }
            if (!str_starts_with($line, '|')) {
                break;
            }
            $rows[] = array_map('trim', explode(' | ', trim($line, '| ')));
        }
        return array_slice($rows, 2);
    }

    /** @return list<string> the code spans of a Markdown text */
    public static function codeSpans(string $text): array
    {
        preg_match_all('/`([^`]+)`/', $text, $matches);
        return $matches[1];
    }
}
