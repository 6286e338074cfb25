<?php

/**
 * Driver of `make bench` (not a test): sign and verify of the payloads
 * tests/bench/run.py writes (two shapes, three sizes; the directory is the argument),
 * the extension against the plain-PHP implementation (PlainJwt.php), interleaved, best
 * of five rounds. Prints one JSON object of microseconds per call.
 */

declare(strict_types=1);

use OnlyOffice\Jwt;

require_once __DIR__ . '/PlainJwt.php';

if (!extension_loaded('onlyoffice_jwt')) {
    fwrite(STDERR, "the onlyoffice_jwt extension is not loaded\n");
    exit(2);
}

$secret = 'benchmark-secret-JgWjziIMaidC2Ux3jScG';

/** Best of five interleaved rounds of each function, µs per call. */
function interleaved(int $iterations, array $functions): array
{
    $best = array_fill_keys(array_keys($functions), INF);
    for ($round = 0; $round < 5; $round++) {
        foreach ($functions as $name => $f) {
            $start = hrtime(true);
            for ($i = 0; $i < $iterations; $i++) {
                $f();
            }
            $best[$name] = min($best[$name], (hrtime(true) - $start) / 1e3 / $iterations);
        }
    }
    return $best;
}

$dir = $argv[1] ?? '';
$out = ['version' => 'PHP ' . PHP_VERSION];
foreach (['string', 'values'] as $shape) {
    foreach (['0.5KB', '8KB', '1MiB'] as $label) {
        $text = (string) file_get_contents("$dir/$shape-$label.json");
        $claims = json_decode($text, true);
        $token = Jwt\sign($claims, $secret, ['iat' => false]);
        $plainToken = PlainJwt::encode($claims, $secret);
        $iterations = max(3, intdiv(4000000, strlen($text) + 400));
        $signs = interleaved($iterations, [
            'sign' => fn () => Jwt\sign($claims, $secret, ['iat' => false]),
            'plain_sign' => fn () => PlainJwt::encode($claims, $secret),
        ]);
        $verifies = interleaved($iterations, [
            'verify' => fn () => Jwt\verify($token, $secret, ['max_size' => 4 << 20]),
            'plain_verify' => fn () => PlainJwt::decode($plainToken, $secret),
        ]);
        $out["$shape-$label"] = $signs + $verifies;
    }
}
echo json_encode($out), "\n";
