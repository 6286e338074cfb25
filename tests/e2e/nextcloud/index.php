<?php
// A Nextcloud-like ONLYOFFICE connector: the three endpoints a connector serves to the
// Document Server, with every security step done by the onlyoffice_jwt extension.
// Run: php -S 127.0.0.1:<port> index.php
//
//   GET  /config?file=<id>&user=<id>  the signed editor config (sign_config, 5 minutes)
//   GET  /download?file=<id>&oo_exp=&oo_sig=  the file, for the DS: the link must carry
//        our signature (verify_link) and the request the DS's token (verify_incoming)
//   POST /callback?file=<id>          a DS callback: verify_callback against the file's
//        document key, then on status 2/6 check_download_url and fetch the new version
//   POST /docbuilder                  a docbuilder request of ~200 KB to the DS
//   POST /command?file=               a force-save command, with the JSON body's fields added
//        (sign_request: the header token is left out when too large), the DS's answer
//
// Answers are JSON: {"error":0} when accepted; a refusal is HTTP 403 with
// {"error":1,"code":"<error name>"} (the DS treats anything but 200 + {"error":0} as a
// failure, and a status code lets proxies and logs see it too).
//
// Settings (environment): OO_MASTER_SECRET — the connector's one secret: the DS secrets
// and our subkeys are derived from it; OO_CONNECTOR_URL — our own address as the DS
// reaches it; OO_DS_PUBLIC_URL, OO_DS_INTERNAL_URL — the DS as browsers see it and as
// we reach it; OO_DATA_DIR — the files, <id>/v<n>.docx, one file per version.

declare(strict_types=1);

use OnlyOffice\Jwt;
use OnlyOffice\Jwt\JwtException;

const CONFIG_TTL = 300;
const LINK_TTL = 900;
const DOWNLOAD_TIMEOUT = 10;
const MAX_FILE_SIZE = 64 << 20;

final class Refused extends RuntimeException
{
}

function setting(string $name): string
{
    $value = getenv($name);
    if ($value === false || $value === '') {
        throw new RuntimeException("$name is not set");
    }
    return $value;
}

function reply(int $status, array $body): void
{
    http_response_code($status);
    header('Content-Type: application/json');
    echo json_encode($body, JSON_UNESCAPED_SLASHES);
}

/** The directory of one file; the id comes from a request, so it is checked first. */
function file_dir(string $fileId): string
{
    $dir = setting('OO_DATA_DIR') . '/' . $fileId;
    if (preg_match('/^[A-Za-z0-9_-]{1,64}$/', $fileId) !== 1 || !is_dir($dir)) {
        throw new Refused('no such file', 404);
    }
    return $dir;
}

function latest_version(string $dir): int
{
    return count(glob("$dir/v*.docx"));
}

/**
 * The version the open editing session started from: the document key is derived from
 * it, and it stays while force-saves add versions; a new session starts after a save
 * (status 2) or a close (status 4).
 */
function session_version(string $dir): int
{
    $marker = "$dir/session";
    return is_file($marker) ? (int) file_get_contents($marker) : latest_version($dir);
}

function document_key(string $fileId, string $dir): string
{
    return Jwt\document_key(setting('OO_MASTER_SECRET'), $fileId, session_version($dir));
}

function ds_secrets(): array
{
    return Jwt\derive_secrets(setting('OO_MASTER_SECRET'));
}

function editor_config(string $fileId, string $user): array
{
    $dir = file_dir($fileId);
    $marker = "$dir/session";
    if (!is_file($marker)) {
        file_put_contents($marker, (string) latest_version($dir));
    }
    $self = rtrim(setting('OO_CONNECTOR_URL'), '/');
    $config = [
        'documentType' => 'word',
        'document' => [
            'fileType' => 'docx',
            'key' => document_key($fileId, $dir),
            'title' => "$fileId.docx",
            'url' => Jwt\sign_link("$self/download?file=$fileId", setting('OO_MASTER_SECRET'), ['ttl' => LINK_TTL]),
            'permissions' => ['edit' => true, 'download' => true],
        ],
        'editorConfig' => [
            'callbackUrl' => "$self/callback?file=$fileId",
            'mode' => 'edit',
            'lang' => 'en',
            'user' => ['id' => $user, 'name' => $user],
        ],
    ];
    return [
        'documentServerUrl' => setting('OO_DS_PUBLIC_URL'),
        'config' => Jwt\sign_config($config, ds_secrets()['inbox'], ['ttl' => CONFIG_TTL]),
    ];
}

function serve_download(): void
{
    $url = rtrim(setting('OO_CONNECTOR_URL'), '/') . $_SERVER['REQUEST_URI'];
    $unsigned = Jwt\verify_link($url, setting('OO_MASTER_SECRET'));
    Jwt\verify_incoming($_SERVER['HTTP_AUTHORIZATION'] ?? null, ds_secrets()['outbox'], ['url' => $url]);
    parse_str((string) parse_url($unsigned, PHP_URL_QUERY), $query);
    $dir = file_dir((string) ($query['file'] ?? ''));
    header('Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    readfile(sprintf('%s/v%d.docx', $dir, latest_version($dir)));
}

/** Fetches a file from the Document Server: bounded in time and size, no redirects. */
function fetch(string $url): string
{
    $context = stream_context_create(['http' => [
        'timeout' => DOWNLOAD_TIMEOUT,
        'follow_location' => 0,
        'ignore_errors' => true,
    ]]);
    $content = @file_get_contents($url, false, $context, 0, MAX_FILE_SIZE + 1);
    $status = isset($http_response_header[0]) ? (int) explode(' ', $http_response_header[0])[1] : 0;
    if ($content === false || $status !== 200 || strlen($content) > MAX_FILE_SIZE) {
        throw new Refused("download failed (HTTP $status)", 502);
    }
    return $content;
}

/**
 * Signs a request body (sign_request, inbox secret) and posts it to the DS's service at
 * $path: [signed, HTTP status, the DS's answer].
 */
function post_to_ds(string $path, array $body): array
{
    $signed = Jwt\sign_request($body, ds_secrets()['inbox']);
    $headers = ['Content-Type: application/json'];
    foreach ($signed['headers'] as $name => $value) {
        $headers[] = "$name: $value";
    }
    $context = stream_context_create(['http' => [
        'method' => 'POST',
        'header' => implode("\r\n", $headers),
        'content' => json_encode($signed['body'], JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE),
        'timeout' => DOWNLOAD_TIMEOUT,
        'follow_location' => 0,
        'ignore_errors' => true,
    ]]);
    $answer = @file_get_contents(rtrim(setting('OO_DS_INTERNAL_URL'), '/') . $path, false, $context);
    $status = isset($http_response_header[0]) ? (int) explode(' ', $http_response_header[0])[1] : 0;
    return [$signed, $status, $answer === false ? null : json_decode($answer, true)];
}

/**
 * A force-save command for a file, with the extra fields the caller gives (as a
 * connector that forwards request fields into the command body); the DS's reply.
 */
function run_command(string $fileId): void
{
    $extra = json_decode((string) file_get_contents('php://input'), true);
    $body = ['c' => 'forcesave', 'key' => document_key($fileId, file_dir($fileId))] + (is_array($extra) ? $extra : []);
    [, $status, $answer] = post_to_ds('/coauthoring/CommandService.ashx', $body);
    reply(200, ['error' => 0, 'ds_status' => $status, 'ds' => $answer]);
}

/** Sends a docbuilder request with a large argument; answers with the DS's reply. */
function run_docbuilder(): void
{
    $body = [
        'async' => false,
        'url' => rtrim(setting('OO_CONNECTOR_URL'), '/') . '/builder.docbuilder',
        'argument' => ['text' => str_repeat('Lorem ipsum dolor sit amet. ', 7500)],
    ];
    [$signed, $status, $answer] = post_to_ds('/docbuilder', $body);
    reply(200, [
        'ds_status' => $status,
        'ds' => $answer,
        'header_omitted' => $signed['header_omitted'],
        'body_bytes' => strlen((string) json_encode($body)),
    ]);
}

function handle_callback(string $fileId): void
{
    $dir = file_dir($fileId);
    $callback = Jwt\verify_callback(
        file_get_contents('php://input'),
        ds_secrets()['outbox'],
        ['authorization' => $_SERVER['HTTP_AUTHORIZATION'] ?? null, 'expected_key' => document_key($fileId, $dir)],
    );
    $status = $callback['status'];
    if ($status === 2 || $status === 6) {
        $source = Jwt\check_download_url(
            $callback['url'] ?? '',
            setting('OO_DS_PUBLIC_URL'),
            ['ds_internal_url' => setting('OO_DS_INTERNAL_URL')],
        );
        file_put_contents(sprintf('%s/v%d.docx', $dir, latest_version($dir) + 1), fetch($source));
    }
    if ($status === 2 || $status === 4) {
        @unlink("$dir/session");
    }
    reply(200, ['error' => 0]);
}

$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$method = $_SERVER['REQUEST_METHOD'];
try {
    if ($method === 'GET' && $path === '/config') {
        reply(200, editor_config((string) ($_GET['file'] ?? ''), (string) ($_GET['user'] ?? 'guest')));
    } elseif ($method === 'GET' && $path === '/download') {
        serve_download();
    } elseif ($method === 'POST' && $path === '/docbuilder') {
        run_docbuilder();
    } elseif ($method === 'POST' && $path === '/command') {
        run_command((string) ($_GET['file'] ?? ''));
    } elseif ($method === 'POST' && $path === '/callback') {
        handle_callback((string) ($_GET['file'] ?? ''));
    } else {
        reply(404, ['error' => 1, 'message' => 'not found']);
    }
} catch (JwtException $e) {
    error_log(sprintf('refused %s %s: %s: %s', $method, $path, $e->getErrorName(), $e->getMessage()));
    reply(403, ['error' => 1, 'code' => $e->getErrorName()]);
} catch (Refused $e) {
    error_log(sprintf('refused %s %s: %s', $method, $path, $e->getMessage()));
    reply($e->getCode(), ['error' => 1, 'message' => $e->getMessage()]);
}
