<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests\Nextcloud;

use OCP\DB\QueryBuilder\IQueryBuilder;
use OCP\IDBConnection;

/** Tables in memory, read through a query builder that knows SELECT … WHERE col = value. */
final class Database implements IDBConnection
{
    /** @var array<string, list<array<string, mixed>>> */
    private array $tables = [];

    public function getQueryBuilder(): IQueryBuilder
    {
        return new QueryBuilder($this);
    }

    /** @param array<string, mixed> $row */
    public function insert(string $table, array $row): void
    {
        $this->tables[$table][] = $row;
    }

    /** Deletes the rows where `$column` is `$value`. */
    public function delete(string $table, string $column, mixed $value): void
    {
        $this->tables[$table] = array_values(array_filter($this->rows($table), static fn (array $row): bool => $row[$column] !== $value));
    }

    /** Sets `$set` in the rows where `$column` is `$value`. */
    public function update(string $table, string $column, mixed $value, array $set): void
    {
        foreach ($this->tables[$table] ?? [] as $i => $row) {
            if ($row[$column] === $value) {
                $this->tables[$table][$i] = $set + $row;
            }
        }
    }

    /** @return list<array<string, mixed>> */
    public function rows(string $table): array
    {
        return $this->tables[$table] ?? [];
    }
}
