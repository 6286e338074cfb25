<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests\Nextcloud;

use OCP\DB\QueryBuilder\IExpressionBuilder;

/** Equality predicates as text, read back by QueryBuilder. */
final class ExpressionBuilder implements IExpressionBuilder
{
    public function eq($x, $y, $type = null): string
    {
        return "$x = $y";
    }
}
