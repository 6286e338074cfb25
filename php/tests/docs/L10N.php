<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests\Docs;

/** Stand-in of Nextcloud's IL10N: texts untranslated. */
final class L10N
{
    /** @param list<mixed> $parameters */
    public function t(string $text, array $parameters = []): string
    {
        return vsprintf($text, $parameters);
    }
}
