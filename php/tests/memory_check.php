<?php
/**
 * Memory check: N rounds of sign, verify and verify_callback with valid and invalid
 * input must keep memory_get_usage() flat (a leak of one small allocation per call
 * would grow it by at least N times that size).
 *
 * Usage: php memory_check.php [rounds]   (exit 0 = flat, 1 = grew)
 */

declare(strict_types=1);

use OnlyOffice\Jwt;

if (!extension_loaded('onlyoffice_jwt')) {
    fwrite(STDERR, "the onlyoffice_jwt extension is not loaded\n");
    exit(2);
}

$rounds = (int) ($argv[1] ?? 100000);
$secret = 'memory-check-secret-0123456789abcdef';
$now = 1767225600;
$config = json_decode((string) file_get_contents(__DIR__ . '/../../tests/data/editor_config.json'), true);

$callback = ['key' => 'Khirz6zTPdfd7', 'status' => 2, 'url' => 'https://ds.example/cache/files/data/x/output.docx'];
$callbackToken = Jwt\sign($callback, $secret, ['now' => $now, 'ttl' => 300]);
$goodBody = json_encode($callback + ['token' => $callbackToken]);
$badBody = json_encode($callback + ['token' => $callbackToken . 'x']);
$headerToken = Jwt\sign(['payload' => $callback], $secret, ['now' => $now, 'ttl' => 300]);

/** One round: every call, valid and invalid, each failure caught. */
$round = static function () use ($config, $secret, $now, $goodBody, $badBody, $headerToken): int {
    $failures = 0;
    $token = Jwt\sign($config, $secret, ['now' => $now, 'ttl' => 300]);
    Jwt\verify($token, $secret, ['now' => $now]);
    Jwt\verify_callback($goodBody, $secret, ['now' => $now]);
    Jwt\verify_callback('{}', $secret, ['now' => $now, 'authorization' => 'Bearer ' . $headerToken]);
    foreach ([
        static fn () => Jwt\verify($token . 'x', $secret, ['now' => $now]),
        static fn () => Jwt\verify('not a token', $secret),
        static fn () => Jwt\verify($token, $secret, ['now' => $now + 3600]),
        static fn () => Jwt\sign($config, 'short'),
        static fn () => Jwt\sign(['x' => NAN], $secret),
        static fn () => Jwt\verify_callback($badBody, $secret, ['now' => $now]),
        static fn () => Jwt\verify_callback('{"key":', $secret),
        static fn () => Jwt\verify_callback('{}', $secret),
    ] as $call) {
        try {
            $call();
        } catch (Jwt\JwtException $e) {
            $failures++;
        }
    }
    return $failures;
};

$warmup = min(1000, $rounds);
for ($i = 0; $i < $warmup; $i++) {
    $round();
}
gc_collect_cycles();
$before = memory_get_usage();
$failures = 0;
for ($i = 0; $i < $rounds; $i++) {
    $failures += $round();
}
gc_collect_cycles();
$after = memory_get_usage();

$calls = $rounds * 12;
$growth = $after - $before;
printf(
    "memory check: %d rounds (%d calls, %d exceptions): memory_get_usage %d -> %d bytes (%+d)\n",
    $rounds,
    $calls,
    $failures,
    $before,
    $after,
    $growth
);
if ($failures !== $rounds * 8) {
    fwrite(STDERR, "memory check: expected every invalid call to throw\n");
    exit(1);
}
// Flat: allow a few KiB of engine noise, far below one byte per call.
if ($growth > 16384) {
    fwrite(STDERR, "memory check: memory grew by $growth bytes\n");
    exit(1);
}
echo "memory check: flat\n";
