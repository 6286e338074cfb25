<?php

declare(strict_types=1);

namespace OCP\DB\QueryBuilder;

use OCP\DB\IResult;

/** Test stand-in of Nextcloud's IQueryBuilder: a SELECT with one equality. */
interface IQueryBuilder
{
    /** An integer parameter (Doctrine's ParameterType::INTEGER). */
    public const PARAM_INT = 1;

    /** A string parameter (Doctrine's ParameterType::STRING). */
    public const PARAM_STR = 2;

    /** The expression builder. */
    public function expr();

    /**
     * The query's result.
     */
    public function executeQuery(): IResult;

    /** At most this many rows. */
    public function setMaxResults($maxResults);

    /** The columns to select. */
    public function select(...$selects);

    /** The table (without Nextcloud's prefix). */
    public function from($from, $alias = null);

    /** The conditions, all of them to hold. */
    public function where(...$predicates);

    /** A placeholder bound to `$value`. */
    public function createNamedParameter($value, $type = self::PARAM_STR, $placeHolder = null);
}
