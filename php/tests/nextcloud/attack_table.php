<?php

/**
 * The attack table of the Nextcloud guard: every scenario of
 * OnlyOffice\Jwt\Tests\Nextcloud\Scenarios played against the connector stand-in
 * without and with the guard app, and the Document Server clock cases in PHPs started
 * with each `onlyoffice_jwt.compat_leeway_floor`. Prints one row per scenario
 * (scenario | without guard | with guard) and, under a row that is not as expected,
 * what was expected.
 *
 *     PHP_INI_SCAN_DIR=target/php-test-ini php php/tests/nextcloud/attack_table.php
 *
 * Exit status: 0 every row as expected, 1 otherwise, 2 without the extension.
 */

declare(strict_types=1);

use OnlyOffice\Jwt\Tests\Nextcloud\Scenarios;

if (!extension_loaded('onlyoffice_jwt')) {
    fwrite(STDERR, "attack_table.php: the onlyoffice_jwt extension is not loaded\n");
    exit(2);
}
require __DIR__ . '/bootstrap.php';

// The facade's one warning about a 16-character key goes to the log, not the table.
ini_set('error_log', '/dev/null');

$rows = [];
foreach (Scenarios::all() as $scenario) {
    $rows[] = [$scenario->name, $scenario->play(false), $scenario->play(true), $scenario->without, $scenario->with];
}
foreach ([[120, 0], [120, 60], [120, 120], [60, 60]] as [$ahead, $floor]) {
    $scenario = Scenarios::clock($ahead, $floor);
    $played = Scenarios::clockInChild($ahead, $floor);
    $rows[] = [$scenario->name, $played['without'], $played['with'], $scenario->without, $scenario->with];
}

$header = ['scenario', 'without guard', 'with guard'];
$widths = [];
foreach (array_merge([$header], $rows) as $row) {
    foreach ([0, 1, 2] as $column) {
        $widths[$column] = max($widths[$column] ?? 0, mb_strlen($row[$column]));
    }
}
$line = static function (array $cells) use ($widths): string {
    $padded = [];
    foreach ([0, 1, 2] as $column) {
        $padded[] = $cells[$column] . str_repeat(' ', $widths[$column] - mb_strlen($cells[$column]));
    }
    return rtrim(implode(' | ', $padded)) . "\n";
};
echo $line($header), $line(array_map(static fn (int $width): string => str_repeat('-', $width), $widths));
$unexpected = 0;
foreach ($rows as [$name, $without, $with, $expectedWithout, $expectedWith]) {
    echo $line([$name, $without, $with]);
    if ($without !== $expectedWithout || $with !== $expectedWith) {
        $unexpected++;
        echo $line(['  !! EXPECTED', $expectedWithout, $expectedWith]);
    }
}
printf("\n%d scenarios, %s\n", count($rows), $unexpected === 0 ? 'all as expected' : "$unexpected NOT as expected");
exit($unexpected === 0 ? 0 : 1);
