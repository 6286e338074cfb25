<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests\Nextcloud;

use OCA\Onlyoffice\AppConfig;
use OCP\AppFramework\Http\DataDownloadResponse;
use OCP\AppFramework\Http\JSONResponse;
use OCP\AppFramework\Http\Response;

/**
 * The scenarios of the attack table: each attack on the connector, which must succeed
 * without the guard (the stand-in is as weak as the connector) and be refused with
 * it; the Document Server's legitimate traffic, which must go through either way,
 * with a random 32-byte secret and with a 16-character one like the demo's; and the
 * configuration cases.
 */
final class Scenarios
{
    public const SAVED = 'saved';
    public const LOCKED = 'locked';
    public const UNLOCKED = 'unlocked';
    public const ACKNOWLEDGED = 'acknowledged ({"error":1}, file unchanged)';
    public const CONNECTOR_REFUSED = 'refused by the connector (403)';

    /** The facade's limit on a token (firebase has none; the core's strict verify has). */
    private const FACADE_TOKEN_LIMIT = 1 << 20;

    /** @return list<Scenario> every scenario but the clock ones (Scenarios::clock) */
    public static function all(): array
    {
        $strong = self::strongSecret();
        return array_merge(
            self::attacks($strong),
            self::legitimate($strong, '32-byte secret'),
            self::legitimate(self::demoStyleSecret(), '16-character secret'),
            self::configurations($strong)
        );
    }

    /**
     * A save whose Document Server clock is `$ahead` seconds ahead, in a PHP whose
     * `onlyoffice_jwt.compat_leeway_floor` is `$floor` (the connector's own leeway is
     * 0): the guard never refuses it (the Document Server's rule ignores `iat`, `exp`
     * has a 60 s leeway), the connector's firebase `iat` check refuses it unless the
     * floor covers the whole difference.
     */
    public static function clock(int $ahead, int $floor): Scenario
    {
        $expected = $floor >= $ahead ? self::SAVED : self::CONNECTOR_REFUSED;
        $secret = self::strongSecret();
        return new Scenario(
            "DS clock $ahead s ahead, compat_leeway_floor=$floor",
            Scenario::CONFIGURATION,
            $expected,
            $expected,
            static function (bool $guard) use ($secret, $ahead): string {
                $nc = new Installation($secret);
                $members = self::members($nc, 2);
                $request = (new DocumentServer($secret, 'Authorization', $ahead))->callback($nc->trackUrl(Installation::REPORT), $members);
                return self::trackVerdict($nc, $nc->handle($request, 'track', $guard), $members);
            }
        );
    }

    /**
     * The verdicts of Scenarios::clock($ahead, $floor) played in a PHP of its own
     * started with that floor (the setting cannot be changed at run time).
     *
     * @return array{without: string, with: string}
     */
    public static function clockInChild(int $ahead, int $floor): array
    {
        $command = [PHP_BINARY, '-d', "onlyoffice_jwt.compat_leeway_floor=$floor", __DIR__ . '/../run_scenario.php', (string) $ahead];
        $process = proc_open($command, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
        if (!is_resource($process)) {
            throw new \RuntimeException('cannot start ' . PHP_BINARY);
        }
        $output = (string) stream_get_contents($pipes[1]);
        $errors = (string) stream_get_contents($pipes[2]);
        $status = proc_close($process);
        $verdicts = json_decode($output, true);
        if ($status !== 0 || $errors !== '' || !is_array($verdicts) || ($verdicts['floor'] ?? null) !== $floor) {
            throw new \RuntimeException("run_scenario.php $ahead (floor $floor) failed ($status): $errors$output");
        }
        return ['without' => $verdicts['without'], 'with' => $verdicts['with']];
    }

    /** A random 32-byte secret, base64url (what `onlyoffice-jwt keygen` gives). */
    public static function strongSecret(): string
    {
        return rtrim(strtr(base64_encode(random_bytes(32)), '+/', '-_'), '=');
    }

    /** A random secret of 16 letters and digits, the shape of the demo server's. */
    public static function demoStyleSecret(): string
    {
        $alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
        $secret = '';
        for ($i = 0; $i < 16; $i++) {
            $secret .= $alphabet[random_int(0, strlen($alphabet) - 1)];
        }
        return $secret;
    }

    /** The verdict of a refusal by the guard. */
    public static function byGuard(string $error): string
    {
        return "refused by the guard ($error)";
    }

    /** @return list<Scenario> */
    private static function attacks(string $secret): array
    {
        $mallory = [['type' => 0, 'userid' => Installation::dsUserId('mallory')]];
        $metadata = 'http://169.254.169.254/latest/meta-data/iam/security-credentials/';
        return [
            self::attack(
                'forged plain-body actions switch the saving user (force save, valid token)',
                'ATTACK SUCCEEDED: saved as mallory',
                'invalid_claim',
                $secret,
                static function (Installation $nc, DocumentServer $ds) use ($mallory): Request {
                    $request = $ds->callback($nc->trackUrl(Installation::REPORT), self::members($nc, 6));
                    return self::withMembers($request, ['actions' => $mallory]);
                },
                static fn (Installation $nc): bool => $nc->files[Installation::REPORT]['author'] === 'mallory'
            ),
            self::attack(
                'unsigned plain-body changesurl to http://169.254.169.254/ (fetched)',
                "ATTACK SUCCEEDED: fetched $metadata",
                'invalid_claim',
                $secret,
                static function (Installation $nc, DocumentServer $ds) use ($metadata): Request {
                    $members = self::members($nc, 2);
                    unset($members['changesurl']);
                    return self::withMembers($ds->callback($nc->trackUrl(Installation::REPORT), $members), ['changesurl' => $metadata]);
                },
                static fn (Installation $nc): bool => in_array($metadata, $nc->fetched, true)
            ),
            self::attack(
                'unsigned plain-body filetype triggers a conversion',
                'ATTACK SUCCEEDED: conversion rtf -> docx requested',
                'invalid_claim',
                $secret,
                static fn (Installation $nc, DocumentServer $ds): Request => self::withMembers(
                    $ds->callback($nc->trackUrl(Installation::REPORT), self::members($nc, 2)),
                    ['filetype' => 'rtf']
                ),
                static fn (Installation $nc): bool => $nc->conversions !== [] && $nc->conversions[0]['from'] === 'rtf'
            ),
            self::attack(
                'header "XXXXXXX<token>" accepted (7 characters cut unchecked)',
                'ATTACK SUCCEEDED: saved',
                'malformed',
                $secret,
                static function (Installation $nc, DocumentServer $ds): Request {
                    $request = $ds->callback($nc->trackUrl(Installation::REPORT), self::members($nc, 2), false);
                    return $request->with(null, ['Authorization' => 'XXXXXXX' . substr($request->getHeader('Authorization'), 7)]);
                },
                static fn (Installation $nc): bool => $nc->files[Installation::REPORT]['content'] !== 'Report v1'
            ),
            self::attack(
                "a valid callback for Report's key saved into Salaries (Salaries' doc)",
                'ATTACK SUCCEEDED: Salaries.docx overwritten',
                'key_mismatch',
                $secret,
                static fn (Installation $nc, DocumentServer $ds): Request => $ds->callback(
                    $nc->trackUrl(Installation::SALARIES),
                    self::members($nc, 2, Installation::REPORT)
                ),
                static fn (Installation $nc): bool => $nc->files[Installation::SALARIES]['content'] !== 'Salaries v1'
            ),
            self::attack(
                'a signed url of http://127.0.0.1:6379/ (fetched)',
                'ATTACK SUCCEEDED: fetched http://127.0.0.1:6379/',
                'url_not_allowed',
                $secret,
                static fn (Installation $nc, DocumentServer $ds): Request => $ds->callback(
                    $nc->trackUrl(Installation::REPORT),
                    ['url' => 'http://127.0.0.1:6379/'] + self::members($nc, 2)
                ),
                static fn (Installation $nc): bool => in_array('http://127.0.0.1:6379/', $nc->fetched, true)
            ),
            self::attack(
                "query-string actions where the body has none (force save, valid token)",
                'ATTACK SUCCEEDED: saved as mallory',
                'invalid_claim',
                $secret,
                static function (Installation $nc, DocumentServer $ds) use ($mallory): Request {
                    $members = self::members($nc, 6);
                    unset($members['actions']);
                    $request = $ds->callback($nc->trackUrl(Installation::REPORT), $members);
                    return $request->with($request->getRequestUri() . '&' . http_build_query(['actions' => $mallory]));
                },
                static fn (Installation $nc): bool => $nc->files[Installation::REPORT]['author'] === 'mallory'
            ),
            self::download(
                "download of Salaries with a DS token naming Report's URL",
                'ATTACK SUCCEEDED: served Salaries.docx',
                self::byGuard('invalid_claim'),
                $secret,
                static function (Installation $nc, DocumentServer $ds): Request {
                    $target = (string) parse_url($nc->downloadUrl(Installation::SALARIES), PHP_URL_QUERY);
                    return $ds->download($nc->downloadUrl(Installation::REPORT))->with('/index.php/apps/onlyoffice/download?' . $target);
                },
                'download'
            ),
            self::download(
                "download of Salaries with Report's own doc link token as the bearer",
                'ATTACK SUCCEEDED: served Salaries.docx',
                self::byGuard('missing_claim'),
                $secret,
                static function (Installation $nc, DocumentServer $ds): Request {
                    $reportDoc = (string) parse_url($nc->downloadUrl(Installation::REPORT), PHP_URL_QUERY);
                    return $ds->download($nc->downloadUrl(Installation::SALARIES))->with(null, ['Authorization' => 'Bearer ' . substr($reportDoc, strlen('doc='))]);
                },
                'download'
            ),
        ];
    }

    /** @return list<Scenario> the Document Server's traffic, which must go through with and without the guard */
    private static function legitimate(string $secret, string $label): array
    {
        $scenarios = [];
        foreach ([1, 2, 3, 4, 5, 6, 7] as $status) {
            foreach ([true => 'body token + header', false => 'header only'] as $bodyToken => $transport) {
                $scenarios[] = self::legitTrack(
                    "status $status, $transport, $label",
                    $secret,
                    static fn (Installation $nc): array => self::members($nc, $status),
                    (bool) $bodyToken
                );
            }
        }
        foreach ([true => 'body token + trimmed header', false => 'trimmed header only'] as $bodyToken => $transport) {
            $scenarios[] = self::legitTrack(
                "long history (header >= 7168: changesurl dropped, history {}), $transport, $label",
                $secret,
                static function (Installation $nc): array {
                    $members = self::members($nc, 2);
                    $members['history']['changes'] = array_fill(0, 120, $members['history']['changes'][0]);
                    return $members;
                },
                (bool) $bodyToken
            );
        }
        $scenarios[] = self::legitTrack("callback body over 1 MiB (its token under the facade's 1 MiB), $label", $secret, [self::class, 'hugeMembers']);
        $scenarios[] = self::download("DS downloads Report (its URL signed), $label", 'served Report.docx', 'served Report.docx', $secret, static fn (Installation $nc, DocumentServer $ds): Request => $ds->download($nc->downloadUrl(Installation::REPORT)), 'download');
        $scenarios[] = self::download("DS downloads the empty document, $label", 'served the empty document', 'served the empty document', $secret, static fn (Installation $nc, DocumentServer $ds): Request => $ds->download($nc->emptyUrl()), 'emptyfile');
        return $scenarios;
    }

    /** @return list<Scenario> */
    private static function configurations(string $secret): array
    {
        $external = static fn (Installation $nc): array => self::members($nc, 2, Installation::REPORT, DocumentServer::EXTERNAL_HOST);
        $pathOnly = Installation::ORIGIN . '/ds-vpath/';
        $mallory = [['type' => 0, 'userid' => Installation::dsUserId('mallory')]];
        return [
            self::legitTrack(
                'storage.externalHost URLs, listed in extra_ds_urls',
                $secret,
                $external,
                true,
                static fn (Installation $nc) => $nc->config->setAppValue('onlyoffice_jwt_guard', 'extra_ds_urls', 'https://other.example/, ' . DocumentServer::EXTERNAL_HOST)
            ),
            new Scenario(
                'storage.externalHost URLs, extra_ds_urls not set (configuration needed)',
                Scenario::CONFIGURATION,
                self::SAVED,
                self::byGuard('url_not_allowed'),
                static function (bool $guard) use ($secret, $external): string {
                    $nc = new Installation($secret);
                    $members = $external($nc);
                    $request = (new DocumentServer($secret))->callback($nc->trackUrl(Installation::REPORT), $members);
                    return self::trackVerdict($nc, $nc->handle($request, 'track', $guard), $members);
                }
            ),
            new Scenario(
                "a federated share's file, edited under the sharing Nextcloud's key (a local key is stored too)",
                Scenario::TRAFFIC,
                self::SAVED,
                self::SAVED,
                static function (bool $guard) use ($secret): string {
                    $nc = new Installation($secret);
                    $members = ['key' => Installation::REMOTE_KEY] + self::members($nc, 2, Installation::FEDERATED);
                    $request = (new DocumentServer($secret))->callback($nc->trackUrl(Installation::FEDERATED), $members);
                    return self::trackVerdict($nc, $nc->handle($request, 'track', $guard), $members, Installation::FEDERATED);
                }
            ),
            self::legitTrack(
                'DocumentServerUrl a path on Nextcloud\'s host (/ds-vpath/)',
                $secret,
                static fn (Installation $nc): array => self::members($nc, 2, Installation::REPORT, $pathOnly),
                true,
                static fn (Installation $nc) => $nc->config->setAppValue('onlyoffice', 'DocumentServerUrl', '/ds-vpath')
            ),
            new Scenario(
                'demo mode (the demo secret, header AuthorizationJWT, the demo server; jwt_secret set too)',
                Scenario::TRAFFIC,
                self::SAVED,
                self::SAVED,
                static function (bool $guard) use ($secret): string {
                    $nc = new Installation($secret);
                    $nc->config->setAppValue('onlyoffice', 'demo', json_encode(['available' => true, 'enabled' => true, 'start' => new \DateTime()]));
                    $members = self::members($nc, 2, Installation::REPORT, AppConfig::DEMO_ADDR);
                    $request = (new DocumentServer(AppConfig::DEMO_SECRET, AppConfig::DEMO_HEADER))->callback($nc->trackUrl(Installation::REPORT), $members);
                    return self::trackVerdict($nc, $nc->handle($request, 'track', $guard), $members);
                }
            ),
            new Scenario(
                'no Document Server secret: forged actions (nothing to check with)',
                Scenario::CONFIGURATION,
                'ATTACK SUCCEEDED: saved as mallory',
                'ATTACK SUCCEEDED: saved as mallory',
                static function (bool $guard) use ($mallory): string {
                    $nc = new Installation('');
                    $request = (new DocumentServer(''))->callback($nc->trackUrl(Installation::REPORT), self::members($nc, 6));
                    $response = $nc->handle(self::withMembers($request, ['actions' => $mallory]), 'track', $guard);
                    return $nc->files[Installation::REPORT]['author'] === 'mallory' ? 'ATTACK SUCCEEDED: saved as mallory' : self::outcome($nc, $response);
                }
            ),
        ];
    }

    /**
     * An attack on track: succeeds (its effect seen) without the guard, refused with it.
     *
     * @param \Closure(Installation, DocumentServer): Request $request
     * @param \Closure(Installation): bool                    $succeeded
     */
    private static function attack(string $name, string $success, string $error, string $secret, \Closure $request, \Closure $succeeded): Scenario
    {
        return new Scenario($name, Scenario::ATTACK, $success, self::byGuard($error), static function (bool $guard) use ($secret, $request, $succeeded, $success): string {
            $nc = new Installation($secret);
            $response = $nc->handle($request($nc, new DocumentServer($secret)), 'track', $guard);
            return $succeeded($nc) ? $success : self::outcome($nc, $response);
        });
    }

    /**
     * A request to download or emptyfile; its verdict names the file served.
     *
     * @param \Closure(Installation, DocumentServer): Request $request
     */
    private static function download(string $name, string $without, string $with, string $secret, \Closure $request, string $method): Scenario
    {
        $attack = str_starts_with($without, 'ATTACK');
        return new Scenario($name, $attack ? Scenario::ATTACK : Scenario::TRAFFIC, $without, $with, static function (bool $guard) use ($secret, $request, $method, $attack): string {
            $nc = new Installation($secret);
            $response = $nc->handle($request($nc, new DocumentServer($secret)), $method, $guard);
            if (!$response instanceof DataDownloadResponse) {
                return self::outcome($nc, $response);
            }
            $served = $response->getData() === Installation::EMPTY_TEMPLATE ? 'the empty document' : 'an unknown file';
            foreach ($nc->files as $file) {
                $served = $file['content'] === $response->getData() ? $file['name'] : $served;
            }
            return ($attack ? 'ATTACK SUCCEEDED: ' : '') . "served $served";
        });
    }

    /**
     * A callback of the Document Server to Report's track URL, which must go through
     * with and without the guard.
     *
     * @param callable(Installation): array          $members   the callback's members
     * @param (\Closure(Installation): void)|null    $configure changes to the installation first
     */
    private static function legitTrack(string $name, string $secret, callable $members, bool $bodyToken = true, ?\Closure $configure = null): Scenario
    {
        $probe = new Installation($secret);
        $expected = match ($members($probe)['status']) {
            1 => self::LOCKED,
            4 => self::UNLOCKED,
            5 => self::ACKNOWLEDGED,
            default => self::SAVED,
        };
        return new Scenario($name, Scenario::TRAFFIC, $expected, $expected, static function (bool $guard) use ($secret, $members, $bodyToken, $configure): string {
            $nc = new Installation($secret);
            if ($configure !== null) {
                $configure($nc);
            }
            $callback = $members($nc);
            // The file is locked while a session edits it: status 4 ends such a session.
            $nc->setLocked(Installation::REPORT, $callback['status'] === 4);
            $request = (new DocumentServer($secret))->callback($nc->trackUrl(Installation::REPORT), $callback, $bodyToken);
            return self::trackVerdict($nc, $nc->handle($request, 'track', $guard), $callback);
        });
    }

    /**
     * What a callback did: `saved` (the file holds what the Document Server's `url`
     * gives, fetched on its internal address, and alice is its author), `locked`,
     * `unlocked`, `acknowledged` (status 5: the connector answers error 1 and does
     * nothing), else the refusal or the answer.
     *
     * @param array<string, mixed> $members the callback's members
     * @param int                  $fileId  the file it is for
     */
    private static function trackVerdict(Installation $nc, Response $response, array $members, int $fileId = Installation::REPORT): string
    {
        $data = $response instanceof JSONResponse ? $response->getData() : null;
        $file = $nc->files[$fileId];
        $verdict = match (true) {
            $data === ['error' => 0] && $members['status'] === 1 && $file['locked'] => self::LOCKED,
            $data === ['error' => 0] && $members['status'] === 4 && !$file['locked'] => self::UNLOCKED,
            $data === ['error' => 1] && $members['status'] === 5 && $file['content'] === 'Report v1' => self::ACKNOWLEDGED,
            $data === ['error' => 0] && in_array($members['status'], [2, 3, 6, 7], true)
                && $file['content'] === 'content of ' . self::internal($nc, $members['url']) && $file['author'] === 'alice' => self::SAVED,
            default => null,
        };
        return $verdict ?? self::outcome($nc, $response);
    }

    /** A URL as the connector fetches it: the Document Server's public address replaced by its internal one. */
    private static function internal(Installation $nc, string $url): string
    {
        $public = (string) $nc->config->getAppValue('onlyoffice', 'DocumentServerUrl');
        $public = str_starts_with($public, '/') ? Installation::ORIGIN . rtrim($public, '/') . '/' : $public;
        $demo = $nc->config->getAppValue('onlyoffice', 'demo') !== '';
        return $demo ? $url : str_replace($public, DocumentServer::INTERNAL_URL, $url);
    }

    /** The refusal (the guard's or the connector's), else the status and body answered. */
    private static function outcome(Installation $nc, Response $response): string
    {
        $refusal = $nc->guardRefusal();
        $body = $response instanceof JSONResponse ? DocumentServer::json($response->getData()) : get_class($response);
        if ($response->getStatus() === 403 && $body === '{"message":"Access denied"}') {
            return $refusal === null ? self::CONNECTOR_REFUSED : self::byGuard($refusal);
        }
        return "answered {$response->getStatus()} $body" . ($refusal === null ? '' : " after the guard refused ($refusal)");
    }

    /**
     * The callback's members as the Document Server sends them for a status, for a
     * file's document key, its URLs under `$base`.
     *
     * @return array<string, mixed>
     */
    public static function members(Installation $nc, int $status, int $fileId = Installation::REPORT, string $base = DocumentServer::URL): array
    {
        $key = $nc->documentKey($fileId);
        $alice = Installation::dsUserId('alice');
        $url = DocumentServer::cacheUrl($key, 'output.docx', $base);
        $changes = DocumentServer::cacheUrl($key, 'changes.zip', $base);
        $history = [
            'serverVersion' => '9.0.0',
            'changes' => [['created' => '2026-01-01 10:00:00', 'user' => ['id' => $alice, 'name' => 'Alice']]],
        ];
        return match ($status) {
            1 => ['key' => $key, 'status' => 1, 'users' => [$alice], 'actions' => [['type' => 1, 'userid' => $alice]]],
            2 => ['key' => $key, 'status' => 2, 'url' => $url, 'changesurl' => $changes, 'history' => $history, 'users' => [$alice],
                'actions' => [['type' => 0, 'userid' => $alice]], 'lastsave' => '2026-01-01T10:00:00.000Z', 'notmodified' => false, 'filetype' => 'docx'],
            3 => ['key' => $key, 'status' => 3, 'url' => $url, 'changesurl' => $changes, 'history' => $history, 'users' => [$alice], 'filetype' => 'docx'],
            4 => ['key' => $key, 'status' => 4, 'actions' => [['type' => 0, 'userid' => $alice]]],
            5 => ['key' => $key, 'status' => 5, 'url' => $url, 'filetype' => 'docx', 'users' => [$alice],
                'mailMerge' => ['from' => 'office@example.com', 'to' => 'ana@example.com', 'subject' => 'Invoice', 'type' => 1, 'recordCount' => 3, 'recordIndex' => 0]],
            6 => ['key' => $key, 'status' => 6, 'url' => $url, 'changesurl' => $changes, 'history' => $history, 'users' => [$alice],
                'actions' => [['type' => 2, 'userid' => $alice]], 'forcesavetype' => 1, 'lastsave' => '2026-01-01T10:00:00.000Z', 'filetype' => 'docx'],
            7 => ['key' => $key, 'status' => 7, 'url' => $url, 'users' => [$alice], 'forcesavetype' => 0, 'filetype' => 'docx'],
        };
    }

    /**
     * A status 2 callback whose body is over 1 MiB: its history grown until the body
     * token is just under the facade's 1 MiB token limit (the plain body, trimmed
     * with the header, adds the rest).
     *
     * @return array<string, mixed>
     */
    public static function hugeMembers(Installation $nc): array
    {
        $members = self::members($nc, 2);
        $members['history']['changes'][0]['user']['name'] = '';
        $payload = strlen(DocumentServer::json($members + ['iat' => time(), 'exp' => time() + DocumentServer::TTL]));
        // token = 36 (header) + 1 + base64url(payload) + 1 + 43 (signature)
        $room = intdiv((self::FACADE_TOKEN_LIMIT - 16 - 81) * 3, 4) - $payload;
        $members['history']['changes'][0]['user']['name'] = str_repeat('A', $room);
        return $members;
    }

    /** The request with its JSON body's members changed (the token left as it is). */
    private static function withMembers(Request $request, array $members): Request
    {
        $body = json_decode($request->getBody(), false, 512, JSON_THROW_ON_ERROR);
        foreach ($members as $name => $value) {
            $body->$name = $value;
        }
        return $request->with(null, [], DocumentServer::json($body));
    }
}
