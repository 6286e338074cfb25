<?php

declare(strict_types=1);

namespace OCP\DB;

/** Test stand-in of Nextcloud's OCP\DB\IResult: the calls the guard app makes. */
interface IResult
{
    /** Frees the result. */
    public function closeCursor(): bool;

    /**
     * The first column of the next row, false when there is none.
     *
     * @return mixed
     */
    public function fetchOne();
}
