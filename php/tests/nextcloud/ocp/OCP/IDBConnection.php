<?php

declare(strict_types=1);

namespace OCP;

use OCP\DB\QueryBuilder\IQueryBuilder;

/** Test stand-in of Nextcloud's OCP\IDBConnection: its query builder only. */
interface IDBConnection
{
    /** A new query builder. */
    public function getQueryBuilder(): IQueryBuilder;
}
