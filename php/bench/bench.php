<?php

/**
 * Benchmark (not a test): sign and verify of the editor config (tests/data/
 * editor_config.json, with iat and exp) — the extension's OnlyOffice\Jwt\sign/verify
 * and the Compat facade against a plain-PHP implementation that works like
 * firebase/php-jwt. Usage: php bench.php [iterations]   (make bench-php)
 */

declare(strict_types=1);

use OnlyOffice\Jwt;

require_once __DIR__ . '/PlainJwt.php';
require_once __DIR__ . '/../autoload.php';

if (!extension_loaded('onlyoffice_jwt')) {
    fwrite(STDERR, "the onlyoffice_jwt extension is not loaded (run: make bench-php)\n");
    exit(2);
}

$iterations = (int) ($argv[1] ?? 200000);
$secret = 'benchmark-secret-JgWjziIMaidC2Ux3jScG';
$config = json_decode((string) file_get_contents(__DIR__ . '/../../tests/data/editor_config.json'), true);
$now = time();
$claims = $config + ['iat' => $now, 'exp' => $now + 300];
$key = new OnlyOffice\Jwt\Compat\Key($secret, 'HS256');

/** Seconds for $iterations calls of $f (best of three runs). */
function measure(int $iterations, callable $f): float
{
    $best = INF;
    for ($run = 0; $run < 3; $run++) {
        $start = hrtime(true);
        for ($i = 0; $i < $iterations; $i++) {
            $f();
        }
        $best = min($best, (hrtime(true) - $start) / 1e9);
    }
    return $best;
}

$plainToken = PlainJwt::encode($claims, $secret);
$nativeToken = Jwt\sign($config, $secret, ['now' => $now, 'ttl' => 300]);
// Both tokens carry the same claims; check once that each side reads the other's.
if (json_decode(json_encode(PlainJwt::decode($nativeToken, $secret)), true) !== $claims || Jwt\verify($plainToken, $secret) !== $claims) {
    fwrite(STDERR, "the two implementations disagree\n");
    exit(1);
}

$results = [
    'sign' => [
        'plain PHP (firebase-style)' => measure($iterations, fn () => PlainJwt::encode($claims, $secret)),
        'OnlyOffice\\Jwt\\sign' => measure($iterations, fn () => Jwt\sign($config, $secret, ['now' => $now, 'ttl' => 300])),
        'Compat\\JWT::encode' => measure($iterations, fn () => OnlyOffice\Jwt\Compat\JWT::encode($claims, $secret, 'HS256')),
    ],
    'verify' => [
        'plain PHP (firebase-style)' => measure($iterations, fn () => PlainJwt::decode($plainToken, $secret)),
        'OnlyOffice\\Jwt\\verify' => measure($iterations, fn () => Jwt\verify($nativeToken, $secret)),
        'Compat\\JWT::decode' => measure($iterations, fn () => OnlyOffice\Jwt\Compat\JWT::decode($nativeToken, $key)),
    ],
];

printf("PHP %s, %d iterations, editor config token of %d bytes\n", PHP_VERSION, $iterations, strlen($nativeToken));
foreach ($results as $operation => $timings) {
    $baseline = reset($timings);
    foreach ($timings as $name => $seconds) {
        printf(
            "%-7s %-28s %8.2f µs/op %10.0f ops/s  %5.2fx plain PHP\n",
            $operation,
            $name,
            $seconds / $iterations * 1e6,
            $iterations / $seconds,
            $baseline / $seconds
        );
    }
}
