<?php

/**
 * One check of DocsSnippetsTest in a PHP of its own: `php child.php <case> <snippets.json>`
 * builds the hosts with the snippets of the JSON file (region => code, as the docs write
 * it), plays the case and prints what it saw as JSON; the test asserts on it. A child
 * process, because the hosts carry the connector's class names (which the guard's tests
 * define differently) and replace `php://input`.
 *
 * Cases: `scenarios` (every scenario of the guard's attack table and the clock case,
 * without the guard), `crypt`, `doc-keys`, `requests`, `config`.
 */

declare(strict_types=1);

use OCA\Onlyoffice\AppConfig;
use OCA\Onlyoffice\Controller\EditorApiController;
use OCA\Onlyoffice\Crypt;
use OCA\Onlyoffice\DocumentService;
use OCA\Onlyoffice\FileUtility;
use OCA\Onlyoffice\KeyManager;
use OnlyOffice\Jwt;
use OnlyOffice\Jwt\Tests\Docs\Current;
use OnlyOffice\Jwt\Tests\Docs\File;
use OnlyOffice\Jwt\Tests\Docs\Hosts;
use OnlyOffice\Jwt\Tests\Docs\L10N;
use OnlyOffice\Jwt\Tests\Nextcloud\Config;
use OnlyOffice\Jwt\Tests\Nextcloud\Database;
use OnlyOffice\Jwt\Tests\Nextcloud\DocumentServer;
use OnlyOffice\Jwt\Tests\Nextcloud\Installation;
use OnlyOffice\Jwt\Tests\Nextcloud\Scenarios;

[, $case, $snippetsFile] = $argv + [null, null, null];
$snippets = json_decode((string) file_get_contents((string) $snippetsFile), true, 512, JSON_THROW_ON_ERROR);

require_once __DIR__ . '/Hosts.php';
$hostsDir = sys_get_temp_dir() . '/oojwt-docs-hosts-' . getmypid() . '-' . bin2hex(random_bytes(4));
Hosts::build($snippets, $hostsDir);
register_shutdown_function(static function () use ($hostsDir): void {
    $files = new RecursiveIteratorIterator(new RecursiveDirectoryIterator($hostsDir, FilesystemIterator::SKIP_DOTS), RecursiveIteratorIterator::CHILD_FIRST);
    foreach ($files as $file) {
        $file->isDir() ? rmdir($file->getPathname()) : unlink($file->getPathname());
    }
    rmdir($hostsDir);
});
require __DIR__ . '/bootstrap.php';

/** A configuration with Nextcloud's own secret and instance id, and the ONLYOFFICE app's settings. */
function installation(string $dsSecret): Config
{
    $config = new Config();
    $config->setSystemValue('secret', rtrim(strtr(base64_encode(random_bytes(36)), '+/', '-_'), '='));
    $config->setSystemValue('instanceid', 'ocx1y2z3w4v5');
    $config->setAppValue('onlyoffice', 'jwt_secret', $dsSecret);
    $config->setAppValue('onlyoffice', 'DocumentServerUrl', 'https://ds.example/');
    $config->setAppValue('onlyoffice', 'DocumentServerInternalUrl', 'http://ds-internal:8000/');
    Current::$config = $config;
    Current::$db = new Database();
    Current::$requests = [];
    return $config;
}

/** The outcome of `$call`: its value, or the class and message of what it threw. */
function outcome(Closure $call): array
{
    try {
        return ['value' => $call()];
    } catch (Throwable $e) {
        return ['thrown' => get_class($e), 'message' => $e->getMessage()];
    }
}

$strong = Scenarios::strongSecret();
$out = [];
switch ($case) {
    case 'scenarios':
        foreach (Scenarios::all() as $scenario) {
            $out[$scenario->name] = ['kind' => $scenario->kind, 'without' => $scenario->without, 'with' => $scenario->with, 'verdict' => $scenario->play(false)];
        }
        $floor = (int) ini_get('onlyoffice_jwt.compat_leeway_floor');
        $out['clock'] = ['floor' => $floor, 'verdict' => Scenarios::clock(120, $floor)->play(false)];
        // The attacks by forged unsigned fields once more, with what Nextcloud stored.
        $mallory = [['type' => 0, 'userid' => Installation::dsUserId('mallory')]];
        $forgeries = [
            'actions in the body' => [6, [], ['actions' => $mallory], null],
            'changesurl in the body' => [2, ['changesurl'], ['changesurl' => 'http://169.254.169.254/latest/meta-data/'], null],
            'filetype in the body' => [2, [], ['filetype' => 'rtf'], null],
            'actions in the query string' => [6, ['actions'], [], http_build_query(['actions' => $mallory])],
        ];
        foreach ($forgeries as $name => [$status, $unsigned, $forged, $query]) {
            $nc = new Installation($strong);
            $members = array_diff_key(Scenarios::members($nc, $status), array_flip($unsigned));
            $request = (new DocumentServer($strong))->callback($nc->trackUrl(Installation::REPORT), $members);
            $body = json_decode($request->getBody(), false, 512, JSON_THROW_ON_ERROR);
            foreach ($forged as $member => $value) {
                $body->$member = $value;
            }
            $request = $request->with($query === null ? null : $request->getRequestUri() . '&' . $query, [], DocumentServer::json($body));
            $response = $nc->handle($request, 'track', false);
            $file = $nc->files[Installation::REPORT];
            $out['forged'][$name] = [
                'response' => $response->getData(),
                'content' => $file['content'],
                'author' => $file['author'],
                'internal url' => str_replace(DocumentServer::URL, DocumentServer::INTERNAL_URL, $members['url']),
                'fetched' => $nc->fetched,
                'conversions' => $nc->conversions,
            ];
        }
        break;

    case 'crypt':
        $config = installation($strong);
        $crypt = new Crypt(new AppConfig($config));
        $links = Jwt\derive_secrets($config->getSystemValue('secret'))['links'];
        $now = time();
        $track = $crypt->getHash(['userId' => 'alice', 'ownerId' => 'alice', 'fileId' => 42, 'filePath' => '/Report.docx', 'shareToken' => null, 'action' => 'track']);
        $download = $crypt->getHash(['action' => 'download', 'fileId' => 42, 'userId' => 'alice']);
        $direct = $crypt->getHash(['userId' => 'alice', 'fileId' => 42, 'action' => 'direct', 'iat' => $now, 'exp' => $now + 30]);
        $read = static function ($token) use ($crypt): array {
            [$result, $error] = $crypt->readHash($token);
            return ['result' => $result === null ? null : ['class' => get_class($result), 'claims' => (array) $result], 'error' => $error];
        };
        $out = [
            'now' => $now,
            'track' => ['claims' => Jwt\decode_unverified($track)['claims'], 'read' => $read($track)],
            'download' => ['claims' => Jwt\decode_unverified($download)['claims'], 'read' => $read($download)],
            'direct' => ['claims' => Jwt\decode_unverified($direct)['claims'], 'read' => $read($direct)],
            'verified with the links key' => Jwt\verify($download, $links)['fileId'],
            'minted with the DS secret' => $read(Jwt\sign(['action' => 'download', 'fileId' => 43, 'userId' => 'alice'], $strong)),
            "minted with today's getSKey" => $read(Jwt\sign(['action' => 'download', 'fileId' => 43], (new AppConfig($config))->getSKey())),
            // The signature's first character carries six bits of the MAC (its last one
            // only four), so changing it gives a canonical segment that no longer matches.
            'tampered' => $read(substr_replace($download, $download[strrpos($download, '.') + 1] === 'A' ? 'B' : 'A', strrpos($download, '.') + 1, 1)),
            'expired' => $read(Jwt\sign(['action' => 'download', 'fileId' => 42], $links, ['ttl' => 3600, 'now' => $now - 7200])),
            'null' => $read(null),
            'an array' => $read(['x']),
            'links key is not the DS secret' => $links !== $strong,
        ];
        break;

    case 'doc-keys':
        $config = installation($strong);
        $files = new FileUtility(new AppConfig($config));
        $keys = [];
        for ($id = 1; $id <= 2000; $id++) {
            $keys[$id] = $files->getKey(new File($id));
        }
        $versionKey = $files->getVersionKey(['etag' => '5f3e0c9a1b2c4', 'revision' => 1767225600]);
        $oldStored = 'ocx1y2z3w4v5_6F9619FF-8B86-4011-B42D-00C04FC964FF';
        $out = [
            'keys' => array_values($keys),
            'stored' => array_values(array_map(static fn (int $id): string => KeyManager::get($id), array_keys($keys))),
            'again' => $files->getKey(new File(7)),
            'sent' => array_values(array_map(static fn (string $key): string => DocumentService::generateRevisionId($key), $keys)),
            'remote' => $files->getKey(new File(5000, true, '1183917842'), true),
            'remote sent' => DocumentService::generateRevisionId('1183917842'),
            'version key' => $versionKey,
            'version sent' => [DocumentService::generateRevisionId($versionKey), DocumentService::generateRevisionId($versionKey)],
            'next version sent' => DocumentService::generateRevisionId($files->getVersionKey(['etag' => '5f3e0c9a1b2c4', 'revision' => 1767225601])),
            'conversion sent' => DocumentService::generateRevisionId('42' . 'http://ds-internal:8000/cache/files/data/1183917842_7345/output.docx/output.docx?md5=x&expires=1&filename=output.docx'),
            'old stored key sent' => DocumentService::generateRevisionId($oldStored),
            'old stored key crc32' => (string) crc32($oldStored),
            'short key with a space' => DocumentService::generateRevisionId('a b'),
            'check key' => DocumentService::generateRevisionId('check_1234567'),
        ];
        installation($strong);
        $out['version sent by another Nextcloud'] = DocumentService::generateRevisionId($versionKey);
        break;

    case 'requests':
        $config = installation($strong);
        $service = new DocumentService(new L10N(), new AppConfig($config));
        $service->commandRequest('version');
        $service->sendRequestToConvertService('https://nc.example/index.php/apps/onlyoffice/download?doc=x', 'docx', 'pdf', 'Khirz6zTPdfd7', false);
        $service->sendRequestToConvertService('https://nc.example/index.php/apps/onlyoffice/download?doc=' . str_repeat('x', 9000), 'docx', 'pdf', 'Khirz6zTPdfd7', false);
        $config->setAppValue('onlyoffice', 'demo', json_encode(['available' => true, 'enabled' => true, 'start' => new DateTime()]));
        $service->commandRequest('version');
        $secrets = [$strong, $strong, $strong, AppConfig::DEMO_SECRET];
        foreach (Current::$requests as $i => $request) {
            $body = json_decode($request['opts']['body'], true);
            $headers = $request['opts']['headers'];
            $header = array_diff_key($headers, ['Content-type' => true]);
            $out[] = [
                'url' => $request['url'],
                'headers' => array_keys($headers),
                'body' => $body,
                'body token' => Jwt\verify($body['token'], $secrets[$i], ['allow_weak' => true]),
                'header' => array_map(static fn (string $value): array => [
                    'prefix' => substr($value, 0, 7),
                    'claims' => Jwt\verify(substr($value, 7), $secrets[$i], ['allow_weak' => true]),
                ], $header),
            ];
        }
        break;

    case 'config':
        $params = [
            'document' => [
                'fileType' => 'docx',
                'key' => 'Khirz6zTPdfd7',
                'title' => 'Report.docx',
                'url' => 'https://nc.example/index.php/apps/onlyoffice/download?doc=x',
                'permissions' => ['edit' => true, 'download' => true, 'protect' => true],
                'referenceData' => ['fileKey' => '42', 'instanceId' => 'ocx1y2z3w4v5'],
            ],
            'documentType' => 'word',
            'editorConfig' => [
                'callbackUrl' => 'https://nc.example/index.php/apps/onlyoffice/track?doc=y',
                'mode' => 'edit',
                'lang' => 'en',
                'user' => ['id' => 'ocx1y2z3w4v5_alice', 'name' => 'Alice'],
            ],
            'documentServerUrl' => 'https://ds.example/',
            '_files_sharing' => true,
        ];
        $config = installation($strong);
        $response = (new EditorApiController(new AppConfig($config)))->config($params)->getData();
        $out['signed'] = ['params' => $params, 'response' => $response, 'claims' => Jwt\verify($response['token'], $strong)];
        $bad = $params;
        $bad['document']['key'] = 'not a valid key!';
        $out['invalid key'] = outcome(static fn () => (new EditorApiController(new AppConfig($config)))->config($bad)->getData());
        $config->setAppValue('onlyoffice', 'demo', json_encode(['available' => true, 'enabled' => true, 'start' => new DateTime()]));
        $demo = (new EditorApiController(new AppConfig($config)))->config($params)->getData();
        $out['demo'] = Jwt\verify($demo['token'], AppConfig::DEMO_SECRET, ['allow_weak' => true])['document']['key'];
        break;

    default:
        fwrite(STDERR, "unknown case $case\n");
        exit(2);
}
echo json_encode($out, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES), "\n";
