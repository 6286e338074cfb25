<?php

/**
 * Plays Scenarios::clock(<seconds ahead>, this PHP's onlyoffice_jwt.compat_leeway_floor)
 * without and with the guard and prints {"floor", "without", "with"} as JSON. Run by
 * Scenarios::clockInChild with `php -d onlyoffice_jwt.compat_leeway_floor=N`: the
 * setting is per directory, not settable at run time.
 */

declare(strict_types=1);

use OnlyOffice\Jwt\Tests\Nextcloud\Scenarios;

require __DIR__ . '/bootstrap.php';

$floor = (int) ini_get('onlyoffice_jwt.compat_leeway_floor');
$scenario = Scenarios::clock((int) ($argv[1] ?? 0), $floor);
echo json_encode(['floor' => $floor, 'without' => $scenario->play(false), 'with' => $scenario->play(true)]), "\n";
