<?php

declare(strict_types=1);

namespace OCP\AppFramework\Bootstrap;

/** Test stand-in of Nextcloud's IBootContext: only its type (the guard app calls none of its methods). */
interface IBootContext
{
}
