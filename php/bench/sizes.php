<?php

/**
 * Driver of `make bench` (not a test): sign and verify of the editor config padded to
 * 0.5 KB, 8 KB and 1 MiB of JSON, the extension against the plain-PHP implementation
 * (PlainJwt.php). Prints one JSON object of microseconds per call.
 */

declare(strict_types=1);

use OnlyOffice\Jwt;

require_once __DIR__ . '/PlainJwt.php';

if (!extension_loaded('onlyoffice_jwt')) {
    fwrite(STDERR, "the onlyoffice_jwt extension is not loaded\n");
    exit(2);
}

$secret = 'benchmark-secret-0123456789abcdefghij';

/** The sample config with a padding member bringing its JSON to $size bytes. */
function padded(int $size): array
{
    $claims = json_decode((string) file_get_contents(__DIR__ . '/../../tests/data/editor_config.json'), true);
    $base = strlen(json_encode($claims, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE));
    $pad = $size - $base - strlen(',"padding":""');
    if ($pad > 0) {
        $claims['padding'] = str_repeat('a', $pad);
    }
    return $claims;
}

/** Best of five runs, in microseconds per call. */
function best(int $iterations, callable $f): float
{
    $best = INF;
    for ($run = 0; $run < 5; $run++) {
        $start = hrtime(true);
        for ($i = 0; $i < $iterations; $i++) {
            $f();
        }
        $best = min($best, (hrtime(true) - $start) / 1e3 / $iterations);
    }
    return $best;
}

$out = ['version' => 'PHP ' . PHP_VERSION];
foreach (['0.5KB' => [512, 20000], '8KB' => [8192, 4000], '1MiB' => [1 << 20, 40]] as $label => [$size, $iterations]) {
    $claims = padded($size);
    $token = Jwt\sign($claims, $secret, ['iat' => false]);
    $plainToken = PlainJwt::encode($claims, $secret);
    $out[$label] = [
        'sign' => best($iterations, fn () => Jwt\sign($claims, $secret, ['iat' => false])),
        'verify' => best($iterations, fn () => Jwt\verify($token, $secret, ['max_size' => 4 << 20])),
        'plain_sign' => best($iterations, fn () => PlainJwt::encode($claims, $secret)),
        'plain_verify' => best($iterations, fn () => PlainJwt::decode($plainToken, $secret)),
    ];
}
echo json_encode($out), "\n";
