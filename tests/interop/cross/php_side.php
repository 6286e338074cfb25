<?php
// The PHP extension's side of the cross-language interop test (issue 8).
//
//   PHP_INI_SCAN_DIR=target/php-test-ini php php_side.php < request.json > reply.json
//
// request: {"secret": "...", "calls": [{"id", "op", "args": [...], "options": {...}}]}
//   op: sign (claims), sign_config (config), sign_request (body), verify (token),
//       verify_callback (raw body text; the header goes in options["authorization"]).
// reply: {id: {"ok": true, "result": ...} | {"ok": false, "error": class, "code": n}}
// Only reports; the driver (driver.py) checks.
declare(strict_types=1);

use OnlyOffice\Jwt;

if (!extension_loaded('onlyoffice_jwt')) {
    fwrite(STDERR, "php_side.php: the onlyoffice_jwt extension is not loaded\n");
    exit(2);
}

$text = stream_get_contents(STDIN);
$request = json_decode($text, true, 512, JSON_THROW_ON_ERROR);
// The arguments once more as objects: a JSON object is a stdClass, so that {} stays an
// object ({} and [] are the same PHP array; the extension signs an empty array as []).
$objects = json_decode($text, false, 512, JSON_THROW_ON_ERROR);
$secret = $request['secret'];
$reply = [];

foreach ($request['calls'] as $i => $call) {
    $options = $call['options'] ?? [];
    $arg = $objects->calls[$i]->args[0];
    try {
        switch ($call['op']) {
            case 'sign':
                $result = Jwt\sign($arg, $secret, $options);
                break;
            case 'sign_config':
                $result = Jwt\sign_config($arg, $secret, $options);
                break;
            case 'sign_request':
                $result = Jwt\sign_request($arg, $secret, $options);
                break;
            case 'verify':
                $result = Jwt\verify($arg, $secret, $options);
                break;
            case 'verify_callback':
                $result = Jwt\verify_callback($arg, $secret, $options);
                break;
            default:
                throw new InvalidArgumentException('unknown op ' . $call['op']);
        }
        $reply[$call['id']] = ['ok' => true, 'result' => $result];
    } catch (Jwt\JwtException $e) {
        $reply[$call['id']] = ['ok' => false, 'error' => get_class($e), 'code' => $e->getCode(),
            'message' => $e->getMessage()];
    }
}

echo json_encode($reply, JSON_THROW_ON_ERROR | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
