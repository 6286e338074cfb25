<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests\Nextcloud;

use OCP\DB\IResult;
use OCP\DB\QueryBuilder\IQueryBuilder;

/** A SELECT of columns from one table where every `column = :parameter` holds. */
final class QueryBuilder implements IQueryBuilder
{
    /** @var list<string> */
    private array $columns = [];

    private string $table = '';

    /** @var list<string> */
    private array $predicates = [];

    /** @var array<string, mixed> */
    private array $parameters = [];

    private ?int $limit = null;

    public function __construct(private Database $db)
    {
    }

    public function expr(): ExpressionBuilder
    {
        return new ExpressionBuilder();
    }

    public function executeQuery(): IResult
    {
        $rows = [];
        foreach ($this->db->rows($this->table) as $row) {
            foreach ($this->predicates as $predicate) {
                [$column, $placeholder] = explode(' = ', $predicate);
                if ($row[$column] !== $this->parameters[$placeholder]) {
                    continue 2;
                }
            }
            $rows[] = array_values(array_intersect_key($row, array_flip($this->columns)));
        }
        return new Result(array_slice($rows, 0, $this->limit));
    }

    public function setMaxResults($maxResults): self
    {
        $this->limit = $maxResults;
        return $this;
    }

    public function select(...$selects): self
    {
        $this->columns = $selects;
        return $this;
    }

    public function from($from, $alias = null): self
    {
        $this->table = $from;
        return $this;
    }

    public function where(...$predicates): self
    {
        $this->predicates = $predicates;
        return $this;
    }

    public function createNamedParameter($value, $type = self::PARAM_STR, $placeHolder = null): string
    {
        $name = ':dcValue' . (count($this->parameters) + 1);
        $this->parameters[$name] = $type === self::PARAM_INT ? (int) $value : (string) $value;
        return $name;
    }
}
