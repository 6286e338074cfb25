<?php

declare(strict_types=1);

namespace OCP\DB\QueryBuilder;

/** Test stand-in of Nextcloud's IExpressionBuilder: equality only. */
interface IExpressionBuilder
{
    /**
     * The predicate `$x = $y`.
     *
     * @param mixed $x a column
     * @param mixed $y a parameter placeholder
     * @param mixed $type
     */
    public function eq($x, $y, $type = null): string;
}
