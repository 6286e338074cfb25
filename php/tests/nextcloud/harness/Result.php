<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests\Nextcloud;

use OCP\DB\IResult;

/** Rows of a query, each a list of the selected columns' values. */
final class Result implements IResult
{
    /** @param list<list<mixed>> $rows */
    public function __construct(private array $rows)
    {
    }

    public function closeCursor(): bool
    {
        $this->rows = [];
        return true;
    }

    public function fetchOne()
    {
        $row = array_shift($this->rows);
        return $row === null ? false : $row[0];
    }
}
