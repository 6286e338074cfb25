<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests;

use OnlyOffice\Jwt\Tests\Docs\Hosts;
use OnlyOffice\Jwt\Tests\Docs\Markdown;
use OnlyOffice\Jwt\Tests\Docs\PackageLayout;
use PHPUnit\Framework\TestCase;

require_once __DIR__ . '/docs/Markdown.php';
require_once __DIR__ . '/docs/PackageLayout.php';
require_once __DIR__ . '/docs/Hosts.php';

/**
 * Every code block of docs/nextcloud.md, as written (extracted from the Markdown, never
 * rewritten):
 *
 * - the PHP snippets for the connector's code run inside stand-ins shaped like today's
 *   connector (php/tests/docs/hosts: its CallbackController, Crypt, FileUtility,
 *   DocumentService, EditorApiController; connector/: its AppConfig and settings, its
 *   KeyManager), in the place the docs say, in a PHP of their own (php/tests/docs/child.php).
 *   The callback snippets meet the guard's attack table (php/tests/nextcloud), with no
 *   guard: every attack is refused and the Document Server's traffic stored. The same
 *   stand-ins without the snippets fall to every attack, as the connector does;
 * - the two stand-alone scripts run, the facade's with the ini lines of the docs on the
 *   files the packages install (staged from scripts/build-debs.sh);
 * - the ini blocks name settings that exist and paths the packages install; the shell
 *   blocks parse, and name the packages, paths, app, occ settings and doctor command that
 *   exist.
 */
final class DocsSnippetsTest extends TestCase
{
    private const DOC = __DIR__ . '/../../docs/nextcloud.md';

    /** The snippets for the connector's code, by their first line: the host regions they go into. */
    private const EMBEDDED = [
        '// lib/Controller/CallbackController.php: add these methods to class CallbackController' => ['callback-methods'],
        '// lib/Controller/CallbackController.php, track(): in place of the block if (!empty($this->config->getDocumentServerSecret())) { … }' => ['track-verify'],
        '// lib/Crypt.php: in class Crypt, in place of getHash and readHash' => ['crypt-methods'],
        '// lib/FileUtility.php: in class FileUtility, in place of getKey' => ['getKey'],
        '// lib/DocumentService.php: in class DocumentService, in place of generateRevisionId' => ['generateRevisionId'],
        '// lib/DocumentService.php, sendRequestToConvertService() and commandRequest(): in place of the block if (!empty($this->config->getDocumentServerSecret())) { … }' => ['convert-sign', 'command-sign'],
        '// lib/Controller/EditorApiController.php, config(): in place of the block if (!empty($this->config->getDocumentServerSecret())) { … } that signs $params' => ['config-sign'],
    ];

    /** The stand-alone scripts, by a line only each holds. */
    private const STANDALONE = [
        'api' => '$claims = Jwt\verify($token, $secret);',
        'facade' => '$token = \Firebase\JWT\JWT::encode([\'action\' => \'download\', \'fileId\' => 42], $secret, \'HS256\');',
    ];

    /** The line before the table of one-line changes in CallbackController. */
    private const TABLE_INTRO = 'Then change these lines:';

    /** The regions of CallbackController the table's lines go into. */
    private const TABLE_REGIONS = ['track-url', 'track-convert', 'track-changes', 'download-check', 'emptyfile-check'];

    /** The connector's classes and methods the docs name, each found in app 10.0.0 (file:line). */
    private const CONNECTOR_NAMES = [
        'Application::register' => 'lib/AppInfo/Application.php:92',
        'AppConfig::getDocumentServerSecret' => 'lib/AppConfig.php:618',
        'AppConfig::getSKey' => 'lib/AppConfig.php:635',
        'AppConfig::jwtHeader' => 'lib/AppConfig.php:1299',
        'AppConfig::replaceDocumentServerUrlToInternal' => 'lib/AppConfig.php:544',
        'CallbackController::track' => 'lib/Controller/CallbackController.php:441',
        'Crypt::getHash' => 'lib/Crypt.php:60',
        'Crypt::readHash' => 'lib/Crypt.php:71',
        'DirectEditor::open' => 'lib/DirectEditor.php:211',
        'DocumentService::checkDocServiceUrl' => 'lib/DocumentService.php:424',
        'DocumentService::commandRequest' => 'lib/DocumentService.php:299',
        'DocumentService::generateRevisionId' => 'lib/DocumentService.php:79',
        'DocumentService::getConvertedUri' => 'lib/DocumentService.php:100',
        'DocumentService::request' => 'lib/DocumentService.php:389',
        'DocumentService::sendRequestToConvertService' => 'lib/DocumentService.php:128',
        'EditorApiController::config' => 'lib/Controller/EditorApiController.php:251',
        'EditorController::history' => 'lib/Controller/EditorController.php:983',
        'EditorController::reference' => 'lib/Controller/EditorController.php:722',
        'EditorController::save' => 'lib/Controller/EditorController.php:912',
        'EditorController::url' => 'lib/Controller/EditorController.php:1282',
        'EditorController::version' => 'lib/Controller/EditorController.php:1123',
        'FileUtility::getKey' => 'lib/FileUtility.php:231',
        'FileUtility::getVersionKey' => 'lib/FileUtility.php:275',
        'KeyManager::get' => 'lib/KeyManager.php:51',
        'KeyManager::set' => 'lib/KeyManager.php:74',
        'RemoteInstance::getRemoteKey' => 'lib/RemoteInstance.php:180',
        'RemoteInstance::isRemoteFile' => 'lib/RemoteInstance.php:282',
    ];

    /** The stand-ins the snippets run in (below php/tests/docs) and the connector's files they stand for. */
    private const STAND_INS = [
        'hosts/Controller/CallbackController.php' => 'lib/Controller/CallbackController.php',
        'hosts/Controller/EditorApiController.php' => 'lib/Controller/EditorApiController.php',
        'hosts/Crypt.php' => 'lib/Crypt.php',
        'hosts/DocumentService.php' => 'lib/DocumentService.php',
        'hosts/FileUtility.php' => 'lib/FileUtility.php',
        'connector/AppConfig.php' => 'lib/AppConfig.php',
        'connector/KeyManager.php' => 'lib/KeyManager.php',
        'connector/RemoteInstance.php' => 'lib/RemoteInstance.php',
    ];

    /** Spellings of earlier versions of the docs that the connector never had, and the old install path. */
    private const WRONG = ['GetHash', 'ReadHash', 'GetDocumentServerSecret', 'JwtHeader(', 'GenerateRevisionId', 'CommandRequest', 'SendRequestToConvertService', 'GetDocumentServerUrl', '/opt/onlyoffice-jwt'];

    /** What the shell blocks may run with `occ`: subcommand => its arguments' shape. */
    private const OCC = ['app:enable', 'app:disable', 'config:app:set', 'config:system:set'];

    /** The staged copy of what the packages install (made once, removed after the tests). */
    private static ?string $stage = null;

    public static function tearDownAfterClass(): void
    {
        if (self::$stage !== null) {
            self::remove(self::$stage);
            self::$stage = null;
        }
    }

    // The blocks and their kinds.

    public function testEveryCodeBlockIsAPhpIniOrShellBlockAndEveryPhpBlockIsRunHere(): void
    {
        $blocks = Markdown::file(self::DOC)->blocks();
        $languages = array_count_values(array_column($blocks, 'lang'));
        ksort($languages);
        self::assertSame(['ini', 'php', 'sh'], array_keys($languages), 'a code block of another language would go unchecked');
        $embedded = [];
        $standalone = [];
        foreach ($blocks as $block) {
            if ($block['lang'] !== 'php') {
                continue;
            }
            if (str_starts_with($block['code'], '<?php')) {
                $standalone[] = self::standaloneName($block['code']);
            } else {
                $first = trim((string) strtok($block['code'], "\n"));
                self::assertArrayHasKey($first, self::EMBEDDED, "line {$block['line']}: a PHP block for the connector's code must open with one of the comments this test knows");
                $embedded[] = $first;
            }
        }
        sort($standalone);
        self::assertSame(['api', 'facade'], $standalone);
        self::assertEqualsCanonicalizing(array_keys(self::EMBEDDED), $embedded);
        self::assertSame(count(self::EMBEDDED) + count(self::STANDALONE), $languages['php']);
    }

    public function testTheConnectorsNamesAreSpelledAsItsCodeSpellsThem(): void
    {
        $doc = Markdown::file(self::DOC)->text;
        preg_match_all('/\b(Application|AppConfig|CallbackController|Crypt|DirectEditor|DocumentService|EditorApiController|EditorController|FileUtility|KeyManager|RemoteInstance)::([A-Za-z]\w*)\b/', $doc, $matches, PREG_SET_ORDER);
        $named = array_unique(array_map(static fn (array $match): string => $match[1] . '::' . $match[2], $matches));
        $unknown = array_diff($named, array_keys(self::CONNECTOR_NAMES));
        self::assertSame([], array_values($unknown), 'named in the docs but not found in the connector');
        foreach (self::WRONG as $wrong) {
            self::assertStringNotContainsString($wrong, $doc);
        }
        // With a checkout of the connector (ONLYOFFICE/onlyoffice-nextcloud) in
        // ONLYOFFICE_NEXTCLOUD_SRC, every name, and every public method of the stand-ins, is
        // looked up in it; without one, the list above (checked by hand against app 10.0.0).
        $source = getenv('ONLYOFFICE_NEXTCLOUD_SRC');
        if (is_string($source) && $source !== '') {
            foreach ($named as $name) {
                [, $method] = explode('::', $name);
                $file = $source . '/' . explode(':', self::CONNECTOR_NAMES[$name])[0];
                self::assertMatchesRegularExpression("/function $method\\(/", (string) @file_get_contents($file), "$name in $file");
            }
            foreach (self::STAND_INS as $standIn => $file) {
                preg_match_all('/^\s*public (?:static )?function (\w+)\(/m', (string) file_get_contents(__DIR__ . "/docs/$standIn"), $methods);
                foreach (array_diff($methods[1], ['__construct']) as $method) {
                    self::assertMatchesRegularExpression("/function $method\\(/", (string) @file_get_contents("$source/$file"), "$standIn: $method in $file");
                }
            }
        }
    }

    public function testEveryLinkToAHeadingLeadsToOne(): void
    {
        $slugs = static function (string $markdown): array {
            preg_match_all('/^#{1,6} (.+)$/m', (string) preg_replace('/^```.*?^```$/ms', '', $markdown), $headings);
            return array_map(static fn (string $heading): string => (string) preg_replace(['/[^\p{L}\p{N} _-]/u', '/ /'], ['', '-'], strtolower($heading)), $headings[1]);
        };
        $doc = Markdown::file(self::DOC)->text;
        preg_match_all('/\]\(([a-z0-9.]*)#([^)]+)\)/', $doc, $links, PREG_SET_ORDER);
        self::assertGreaterThan(10, count($links));
        foreach ($links as [$link, $file, $anchor]) {
            $target = $file === '' ? $doc : (string) file_get_contents(dirname(self::DOC) . "/$file");
            self::assertContains($anchor, $slugs($target), $link);
        }
    }

    // The stand-alone scripts.

    public function testTheApiExampleRunsAsPasted(): void
    {
        [$status, $stdout, $stderr] = self::php(self::standalone('api'));
        self::assertSame('', $stderr);
        self::assertSame(0, $status);
        self::assertSame("bad_signature 2\n", $stdout);
    }

    public function testTheFacadeExampleRunsWithTheDocsIniLinesOnTheFilesThePackagesInstall(): void
    {
        [$status, $stdout, $stderr] = self::php(self::standalone('facade'), self::facadeIni());
        self::assertSame('', $stderr);
        self::assertSame(0, $status);
        // The output the docs give: the aliased class, and the token of a DS 5 s ahead decoded.
        self::assertSame("OnlyOffice\\Jwt\\Compat\\Key 42\n2\n", $stdout);
        self::assertStringContainsString('It prints `OnlyOffice\Jwt\Compat\Key 42`, then `2`.', Markdown::file(self::DOC)->text);
    }

    public function testWithoutTheLeewayFloorTheFacadeRefusesTheTokenOfADsClock5sAheadAsFirebaseDoes(): void
    {
        $ini = ['onlyoffice_jwt.compat_leeway_floor' => '0'] + self::facadeIni();
        [$status, $stdout, $stderr] = self::php(self::standalone('facade'), $ini);
        self::assertNotSame(0, $status);
        self::assertSame("OnlyOffice\\Jwt\\Compat\\Key 42\n", $stdout);
        self::assertStringContainsString('Uncaught OnlyOffice\Jwt\Compat\BeforeValidException: Cannot handle token with iat prior to', $stderr);
    }

    // The ini and shell blocks.

    public function testTheIniBlocksNameSettingsThatExistAndFilesThePackagesInstall(): void
    {
        $layout = new PackageLayout();
        $blocks = array_values(array_filter(Markdown::file(self::DOC)->blocks(), static fn (array $block): bool => $block['lang'] === 'ini'));
        self::assertCount(3, $blocks);
        $settings = [];
        foreach ($blocks as $block) {
            $parsed = parse_ini_string($block['code'], false, INI_SCANNER_RAW);
            self::assertIsArray($parsed, "line {$block['line']}");
            foreach ($parsed as $key => $value) {
                self::assertNotFalse(ini_get($key), "line {$block['line']}: no ini setting $key in this PHP with the extension");
                $settings[$key][] = $value;
            }
            foreach (self::systemPaths($block['code']) as $path) {
                self::assertTrue($layout->installs($path), "line {$block['line']}: the packages do not install $path");
            }
        }
        self::assertSame(['onlyoffice_jwt.compat_leeway_floor', 'auto_prepend_file', 'onlyoffice_jwt.compat_strict_keys'], array_keys($settings));
        self::assertSame(['60', '60'], $settings['onlyoffice_jwt.compat_leeway_floor']);
        self::assertSame(['1'], $settings['onlyoffice_jwt.compat_strict_keys']);
        // The ini file the packages install carries both lines, commented out ("uncomment it").
        $packaged = $layout->iniText();
        self::assertStringContainsString("\n; onlyoffice_jwt.compat_leeway_floor = 60\n", $packaged);
        self::assertStringContainsString("\n; onlyoffice_jwt.compat_strict_keys = 1\n", $packaged);
        // Each ini block's comment names the file of both PHP versions the packages install.
        foreach ($layout->phpVersions() as $version) {
            self::assertTrue($layout->installs("/etc/php/$version/mods-available/onlyoffice_jwt.ini"));
        }
        self::assertSame(['8.2', '8.4'], $layout->phpVersions());
    }

    public function testTheShellBlocksParseAndNameThePackagesPathsAppSettingsAndCommandsThatExist(): void
    {
        $layout = new PackageLayout();
        $debs = $layout->debFiles();
        $appId = (string) simplexml_load_file(__DIR__ . '/../nextcloud-app/appinfo/info.xml')->id;
        $guardSettings = (string) file_get_contents(__DIR__ . '/../nextcloud-app/lib/Settings.php');
        $doctor = (string) file_get_contents(__DIR__ . '/../../crates/onlyoffice-jwt-cli/src/doctor.rs');
        $cli = (string) file_get_contents(__DIR__ . '/../../docs/cli.md');
        $makefile = (string) file_get_contents(__DIR__ . '/../../Makefile');
        $blocks = array_values(array_filter(Markdown::file(self::DOC)->blocks(), static fn (array $block): bool => $block['lang'] === 'sh'));
        self::assertGreaterThanOrEqual(8, count($blocks));
        $seen = ['occ' => [], 'debs' => [], 'doctor' => 0, 'restart' => 0];
        foreach ($blocks as $block) {
            $where = "line {$block['line']}";
            [$status, , $stderr] = self::runCommand(['bash', '-n', '-c', $block['code']]);
            self::assertSame(0, $status, "$where: $stderr");
            foreach (self::systemPaths($block['code']) as $path) {
                self::assertTrue($layout->installs($path), "$where: the packages do not install $path");
            }
            foreach (explode("\n", $block['code']) as $line) {
                $command = trim((string) preg_replace('/\s+#.*$/', '', $line));
                if (preg_match_all('/\.\/([a-z0-9.+-]+)_\*_(amd64|all)\.deb/', $command, $files, PREG_SET_ORDER) > 0) {
                    foreach ($files as [, $package, $arch]) {
                        self::assertArrayHasKey($package, $debs, "$where: no package $package");
                        self::assertSame($debs[$package] === 'all' ? 'all' : 'amd64', $arch, "$where: $package");
                        $seen['debs'][] = $package;
                    }
                }
                if (preg_match('/^sudo -u www-data php \/var\/www\/nextcloud\/occ (\S+)(.*)$/', $command, $occ) === 1) {
                    self::assertContains($occ[1], self::OCC, "$where: occ $occ[1]");
                    $arguments = preg_split('/\s+/', trim($occ[2]));
                    match ($occ[1]) {
                        'app:enable', 'app:disable' => self::assertSame([$appId], $arguments, $where),
                        // the guard's own setting, read by its Settings
                        'config:app:set' => self::assertTrue($arguments[0] === $appId && str_contains($guardSettings, "'{$arguments[1]}'") && str_starts_with($arguments[2], '--value=https://'), $where),
                        // the connector's AppConfig::getJwtLeeway reads config.php 'onlyoffice' => ['jwt_leeway' => N]
                        'config:system:set' => self::assertSame(['onlyoffice', 'jwt_leeway', '--value=60', '--type=integer'], $arguments, $where),
                    };
                    $seen['occ'][] = $occ[1];
                }
                if (preg_match('/^sudo cp -r (\S+) (\S+)$/', $command, $copy) === 1) {
                    self::assertSame('/usr/share/onlyoffice-jwt/nextcloud-app', $copy[1]);
                    self::assertSame($appId, basename($copy[2]), "$where: Nextcloud loads an app from the directory named as its id");
                }
                if (str_contains($command, 'onlyoffice-jwt doctor')) {
                    // the command of docs/cli.md, with options doctor.rs defines
                    self::assertStringContainsString($command, $cli, $where);
                    self::assertStringContainsString('pub occ: String', $doctor);
                    self::assertStringContainsString("pub const GUARD_APP: &str = \"$appId\";", $doctor);
                    $seen['doctor']++;
                }
                if (preg_match('/^sudo systemctl restart php(\d+\.\d+)-fpm$/', $command, $restart) === 1) {
                    self::assertContains($restart[1], $layout->phpVersions(), $where);
                    self::assertStringContainsString('# Debian 13: php8.4-fpm', $line);
                    $seen['restart']++;
                }
                if (preg_match('/^sudo make (\S+)/', $command, $make) === 1) {
                    self::assertMatchesRegularExpression('/^' . preg_quote($make[1], '/') . ':/m', $makefile, "$where: make $make[1]");
                }
            }
        }
        sort($seen['occ']);
        self::assertSame(['app:enable', 'config:app:set', 'config:system:set'], array_values(array_unique($seen['occ'])));
        self::assertEqualsCanonicalizing(
            ['php8.2-onlyoffice-jwt', 'onlyoffice-jwt-php-common', 'onlyoffice-jwt-cli', 'php8.4-onlyoffice-jwt', 'onlyoffice-jwt-php-common', 'onlyoffice-jwt-cli'],
            $seen['debs']
        );
        self::assertSame(1, $seen['doctor']);
        self::assertSame(1, $seen['restart']);
        // The app's dependency on the extension, which the docs say app:enable checks.
        self::assertSame('onlyoffice_jwt', (string) simplexml_load_file(__DIR__ . '/../nextcloud-app/appinfo/info.xml')->dependencies->lib);
    }

    // The snippets for the connector's code.

    public function testTheCallbackHostWithoutTheSnippetsFallsToEveryAttackAsTheConnectorDoes(): void
    {
        $result = self::child('scenarios', []);
        $clock = $result['clock'];
        unset($result['clock'], $result['forged']);
        self::assertGreaterThan(50, count($result));
        foreach ($result as $name => $scenario) {
            self::assertSame($scenario['without'], $scenario['verdict'], $name);
        }
        self::assertSame(['floor' => 0, 'verdict' => 'refused by the connector (403)'], $clock);
    }

    public function testWithTheCallbackSnippetsTheDocumentServersTrafficIsStoredAndEveryAttackRefused(): void
    {
        $result = self::child('scenarios', self::callbackSnippets());
        $clock = $result['clock'];
        $forged = $result['forged'];
        unset($result['clock'], $result['forged']);
        $refused = 'refused by the connector (403)';
        $notFetched = 'answered 200 {"error":1}';
        $ignored = 'answered 200 {"error":0}';
        $expected = [
            // forged fields are not read: the save goes on with the signed ones (see the forged cases below)
            'forged plain-body actions switch the saving user (force save, valid token)' => $ignored,
            'unsigned plain-body changesurl to http://169.254.169.254/ (fetched)' => $ignored,
            'unsigned plain-body filetype triggers a conversion' => $ignored,
            'query-string actions where the body has none (force save, valid token)' => $ignored,
            'header "XXXXXXX<token>" accepted (7 characters cut unchecked)' => $refused,
            "a valid callback for Report's key saved into Salaries (Salaries' doc)" => $refused,
            'a signed url of http://127.0.0.1:6379/ (fetched)' => $notFetched,
            "download of Salaries with a DS token naming Report's URL" => $refused,
            "download of Salaries with Report's own doc link token as the bearer" => $refused,
            // the connector has no list of further DS origins: the docs say to add extra_ds_urls
            'storage.externalHost URLs, listed in extra_ds_urls' => $notFetched,
            'storage.externalHost URLs, extra_ds_urls not set (configuration needed)' => $notFetched,
            // without a secret nothing can be verified: refused, as the docs say
            'no Document Server secret: forged actions (nothing to check with)' => $refused,
        ];
        $attacks = 0;
        $traffic = 0;
        foreach ($result as $name => $scenario) {
            if (isset($expected[$name])) {
                self::assertSame($expected[$name], $scenario['verdict'], $name);
                self::assertStringNotContainsString('ATTACK SUCCEEDED', $scenario['verdict'], $name);
                $attacks += $scenario['kind'] === 'attack' ? 1 : 0;
                continue;
            }
            // The Document Server's traffic (both secrets, every status, trimmed and huge
            // callbacks, downloads, a federated share, a path-only address, demo mode).
            self::assertSame($scenario['with'], $scenario['verdict'], $name);
            self::assertSame($scenario['without'], $scenario['verdict'], $name);
            $traffic++;
        }
        self::assertSame(9, $attacks);
        self::assertGreaterThanOrEqual(40, $traffic);
        // A DS clock 120 s ahead, no leeway anywhere: the core ignores iat.
        self::assertSame(['floor' => 0, 'verdict' => 'saved'], $clock);
        // The forged fields were ignored and the legitimate save stored: the new version
        // fetched on the internal address, by alice, with no foreign fetch or conversion.
        foreach ($forged as $name => $state) {
            self::assertSame(['error' => 0], $state['response'], $name);
            self::assertSame('content of ' . $state['internal url'], $state['content'], $name);
            self::assertSame('alice', $state['author'], $name);
            self::assertSame([], $state['conversions'], $name);
            self::assertSame([], array_values(array_filter($state['fetched'], static fn (string $url): bool => !str_starts_with($url, 'http://ds-internal:8000/'))), $name);
        }
        self::assertCount(4, $forged);
    }

    public function testTheLinkSnippetSignsExpiringLinksWithNextcloudsOwnKeyAndReadsThemBack(): void
    {
        $result = self::child('crypt', self::snippetsFor(['crypt-methods']));
        $now = $result['now'];
        foreach (['track' => 30 * 86400, 'download' => 3600] as $link => $ttl) {
            self::assertNull($result[$link]['read']['error'], $link);
            self::assertSame('stdClass', $result[$link]['read']['result']['class']);
            self::assertSame($link, $result[$link]['read']['result']['claims']['action']);
            self::assertSame(42, $result[$link]['read']['result']['claims']['fileId']);
            self::assertSame($ttl, $result[$link]['claims']['exp'] - $result[$link]['claims']['iat'], $link);
            self::assertEqualsWithDelta($now, $result[$link]['claims']['iat'], 5);
        }
        self::assertSame('/Report.docx', $result['track']['read']['result']['claims']['filePath']);
        // The DirectEditor token keeps its own 30 s.
        self::assertSame('direct', $result['direct']['read']['result']['claims']['action']);
        self::assertSame($now + 30, $result['direct']['claims']['exp']);
        self::assertSame(42, $result['verified with the links key']);
        self::assertTrue($result['links key is not the DS secret']);
        // What the Document Server's secret (today's key) signs is no link any more.
        foreach (['minted with the DS secret', "minted with today's getSKey", 'tampered'] as $case) {
            self::assertNull($result[$case]['result'], $case);
            self::assertStringStartsWith('bad_signature: ', $result[$case]['error'], $case);
        }
        self::assertNull($result['expired']['result']);
        self::assertStringStartsWith('expired: ', $result['expired']['error']);
        self::assertSame(['result' => null, 'error' => 'token is empty'], $result['null']);
        self::assertNull($result['an array']['result']);
        self::assertStringStartsWith('invalid_input: ', $result['an array']['error']);
    }

    public function testTheDocumentKeySnippetsGiveRandomKeysSentAsTheyAreAndKeyedDigestsForLongerOnes(): void
    {
        $result = self::child('doc-keys', self::snippetsFor(['getKey', 'generateRevisionId']));
        $valid = '/^[0-9A-Za-z_-]{20}$/';
        self::assertCount(2000, $result['keys']);
        self::assertCount(2000, array_unique($result['keys']));
        foreach ($result['keys'] as $i => $key) {
            self::assertMatchesRegularExpression($valid, $key);
            self::assertSame($key, $result['stored'][$i], 'stored with KeyManager::set');
            self::assertSame($key, $result['sent'][$i], 'sent as it is');
        }
        self::assertSame($result['keys'][6], $result['again'], 'a file keeps its key');
        self::assertSame('1183917842', $result['remote']);
        self::assertSame('1183917842', $result['remote sent']);
        // Longer keys: 20 characters of a keyed digest, stable, distinct, not the CRC.
        self::assertSame('ocx1y2z3w4v5_5f3e0c9a1b2c4_1767225600', $result['version key']);
        [$first, $second] = $result['version sent'];
        self::assertMatchesRegularExpression($valid, $first);
        self::assertSame($first, $second);
        self::assertNotSame($first, $result['next version sent']);
        self::assertNotSame($first, $result['version sent by another Nextcloud']);
        foreach (['next version sent', 'conversion sent', 'old stored key sent', 'short key with a space'] as $case) {
            self::assertMatchesRegularExpression($valid, $result[$case], $case);
        }
        self::assertNotSame($result['old stored key crc32'], $result['old stored key sent']);
        self::assertSame('check_1234567', $result['check key']);
    }

    public function testTheRequestSnippetSignsBodyAndHeaderAndLeavesOutAHeaderTooLargeForTheDocumentServer(): void
    {
        $result = self::child('requests', self::snippetsFor(['convert-sign', 'command-sign']));
        self::assertCount(4, $result);
        [$command, $convert, $large, $demo] = $result;
        self::assertSame('http://ds-internal:8000/coauthoring/CommandService.ashx', $command['url']);
        self::assertSame('http://ds-internal:8000/converter?shardKey=Khirz6zTPdfd7', $convert['url']);
        foreach ([$command, $convert, $demo] as $request) {
            $sent = $request['body'];
            unset($sent['token']);
            $claims = $request['body token'];
            self::assertSame(300, $claims['exp'] - $claims['iat'], 'jwt_expiration: 5 minutes');
            unset($claims['iat'], $claims['exp']);
            self::assertSame($sent, $claims, 'the body token covers exactly the fields sent');
            $header = array_values($request['header'])[0];
            self::assertSame('Bearer ', $header['prefix']);
            self::assertSame(['payload'], array_keys(array_diff_key($header['claims'], ['iat' => 1, 'exp' => 1])));
            self::assertSame($sent, $header['claims']['payload']);
        }
        self::assertSame(['Authorization', 'Content-type'], $command['headers']);
        self::assertSame(['c' => 'version'], array_diff_key($command['body'], ['token' => 1]));
        self::assertSame('Khirz6zTPdfd7', $convert['body']['key']);
        // A body whose header token would pass 7168 characters: the body token alone.
        self::assertSame(['Content-type'], $large['headers']);
        self::assertSame([], $large['header']);
        self::assertSame(strlen('https://nc.example/index.php/apps/onlyoffice/download?doc=') + 9000, strlen($large['body token']['url']));
        // Demo mode: its header and its 16-character secret.
        self::assertSame(['AuthorizationJWT', 'Content-type'], $demo['headers']);
    }

    public function testTheConfigSnippetSignsTheConnectorsConfigAndRefusesOneTheDocumentServerWouldRefuse(): void
    {
        $result = self::child('config', self::snippetsFor(['config-sign']));
        $signed = $result['signed'];
        self::assertSame('token', array_key_last($signed['response']));
        $claims = $signed['claims'];
        self::assertSame(300, $claims['exp'] - $claims['iat']);
        unset($claims['iat'], $claims['exp']);
        self::assertSame($signed['params'], $claims);
        self::assertSame('OnlyOffice\Jwt\InvalidInputException', $result['invalid key']['thrown']);
        self::assertSame('Khirz6zTPdfd7', $result['demo']);
    }

    public function testEveryRegionTheSnippetsGoIntoExistsAndEveryTableLineReplacesTodaysCode(): void
    {
        $regions = Hosts::regions();
        foreach (self::EMBEDDED as $targets) {
            foreach ($targets as $region) {
                self::assertArrayHasKey($region, $regions);
            }
        }
        self::assertSame(self::TABLE_REGIONS, array_keys(self::tableReplacements()));
    }

    // Helpers.

    /** @return array<string, string> the callback snippets and the table's lines, by region */
    private static function callbackSnippets(): array
    {
        return self::snippetsFor(['callback-methods', 'track-verify']) + self::tableReplacements();
    }

    /**
     * The embedded snippets that go into `$regions`, as the docs write them.
     *
     * @param list<string> $regions
     * @return array<string, string>
     */
    private static function snippetsFor(array $regions): array
    {
        $snippets = [];
        foreach (Markdown::file(self::DOC)->blocks() as $block) {
            $first = trim((string) strtok($block['code'], "\n"));
            if ($block['lang'] === 'php' && isset(self::EMBEDDED[$first])) {
                foreach (self::EMBEDDED[$first] as $region) {
                    if (in_array($region, $regions, true)) {
                        $snippets[$region] = $block['code'];
                    }
                }
            }
        }
        self::assertEqualsCanonicalizing($regions, array_keys($snippets));
        return $snippets;
    }

    /**
     * The table of one-line changes: each row's new line, for the host regions whose
     * code is the row's "today" cell (a line, or `start … end` for a block).
     *
     * @return array<string, string>
     */
    private static function tableReplacements(): array
    {
        $regions = Hosts::regions();
        $replacements = [];
        $rows = Markdown::file(self::DOC)->tableAfter(self::TABLE_INTRO);
        self::assertCount(4, $rows);
        foreach ($rows as $row) {
            self::assertCount(3, $row);
            $today = Markdown::codeSpans($row[1]);
            $new = Markdown::codeSpans($row[2]);
            self::assertCount(1, $today, $row[1]);
            self::assertCount(1, $new, $row[2]);
            $matched = 0;
            foreach (self::TABLE_REGIONS as $region) {
                if (self::isTodaysCode($today[0], $regions[$region][1])) {
                    $replacements[$region] = $new[0] . "\n";
                    $matched++;
                }
            }
            self::assertGreaterThan(0, $matched, "no host region holds today's code \"{$today[0]}\"");
        }
        $ordered = [];
        foreach (self::TABLE_REGIONS as $region) {
            self::assertArrayHasKey($region, $replacements);
            $ordered[$region] = $replacements[$region];
        }
        return $ordered;
    }

    /** Whether code is the table's "today" cell: the same line, or a block that starts and ends as `start … end` says. */
    private static function isTodaysCode(string $today, string $code): bool
    {
        $normal = static fn (string $text): string => trim((string) preg_replace('/\s+/', ' ', $text));
        $code = $normal($code);
        if (!str_contains($today, '…')) {
            return $code === $normal($today);
        }
        [$start, $end] = array_map($normal, explode('…', $today, 2));
        return str_starts_with($code, $start) && str_ends_with($code, $end);
    }

    /** The stand-alone script of the docs named `$name` (a line of STANDALONE identifies it). */
    private static function standalone(string $name): string
    {
        foreach (Markdown::file(self::DOC)->blocks() as $block) {
            if ($block['lang'] === 'php' && str_starts_with($block['code'], '<?php') && self::standaloneName($block['code']) === $name) {
                return $block['code'];
            }
        }
        self::fail("no stand-alone script $name");
    }

    private static function standaloneName(string $code): string
    {
        $names = array_keys(array_filter(self::STANDALONE, static fn (string $line): bool => str_contains($code, $line)));
        self::assertCount(1, $names, "a stand-alone script this test does not know:\n$code");
        return $names[0];
    }

    /**
     * The settings of the docs' ini block with `auto_prepend_file`, each path the packages
     * install mapped to a staged copy of the files they install.
     *
     * @return array<string, string>
     */
    private static function facadeIni(): array
    {
        $layout = new PackageLayout();
        if (self::$stage === null) {
            self::$stage = sys_get_temp_dir() . '/oojwt-docs-stage-' . bin2hex(random_bytes(6));
            $layout->stage(self::$stage);
        }
        $root = self::$stage;
        foreach (Markdown::file(self::DOC)->blocks() as $block) {
            if ($block['lang'] === 'ini' && str_contains($block['code'], 'auto_prepend_file')) {
                $ini = [];
                foreach (parse_ini_string($block['code'], false, INI_SCANNER_RAW) as $key => $value) {
                    self::assertIsString($value);
                    $ini[$key] = str_starts_with($value, '/') && $layout->installs($value) ? $root . $value : $value;
                }
                self::assertFileExists($ini['auto_prepend_file']);
                return $ini;
            }
        }
        self::fail('no ini block with auto_prepend_file');
    }

    /** @return list<string> the absolute paths below /etc/php, /usr/share/php and /usr/share/onlyoffice-jwt in a text */
    private static function systemPaths(string $text): array
    {
        preg_match_all('#(?<![\w./-])/(?:etc/php|usr/share/php|usr/share/onlyoffice-jwt)[\w./-]*#', $text, $matches);
        return array_map(static fn (string $path): string => rtrim($path, '.'), $matches[0]);
    }

    /**
     * Runs PHP code in a PHP of its own (this one's, with the extension), every diagnostic
     * on stderr.
     *
     * @param array<string, string> $ini further settings
     * @return array{int, string, string} exit status, stdout, stderr
     */
    private static function php(string $code, array $ini = []): array
    {
        $file = (string) tempnam(sys_get_temp_dir(), 'snippet');
        file_put_contents($file, $code);
        $command = [PHP_BINARY, '-d', 'error_reporting=-1', '-d', 'display_errors=stderr', '-d', 'log_errors=0'];
        foreach ($ini as $key => $value) {
            array_push($command, '-d', "$key=$value");
        }
        $command[] = $file;
        try {
            return self::runCommand($command);
        } finally {
            unlink($file);
        }
    }

    /**
     * The observations of one case of php/tests/docs/child.php with the given snippets.
     *
     * @param array<string, string> $snippets region => code
     * @return array<string, mixed>
     */
    private static function child(string $case, array $snippets): array
    {
        $file = (string) tempnam(sys_get_temp_dir(), 'snippets');
        $log = (string) tempnam(sys_get_temp_dir(), 'snippets-log');
        file_put_contents($file, json_encode((object) $snippets, JSON_THROW_ON_ERROR));
        try {
            // The facade's one warning about a 16-character key goes to a log of its own.
            [$status, $stdout, $stderr] = self::runCommand([
                PHP_BINARY, '-d', 'error_reporting=-1', '-d', 'display_errors=stderr', '-d', 'log_errors=0', '-d', "error_log=$log",
                __DIR__ . '/docs/child.php', $case, $file,
            ]);
        } finally {
            unlink($file);
            unlink($log);
        }
        self::assertSame('', $stderr, $stdout);
        self::assertSame(0, $status, $stdout);
        $result = json_decode($stdout, true);
        self::assertIsArray($result, $stdout);
        return $result;
    }

    private static function remove(string $path): void
    {
        if (is_dir($path) && !is_link($path)) {
            foreach (scandir($path) ?: [] as $name) {
                if ($name !== '.' && $name !== '..') {
                    self::remove("$path/$name");
                }
            }
            rmdir($path);
        } elseif (file_exists($path) || is_link($path)) {
            unlink($path);
        }
    }

    /**
     * @param list<string> $command
     * @return array{int, string, string} exit status, stdout, stderr
     */
    private static function runCommand(array $command): array
    {
        $process = proc_open($command, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
        self::assertIsResource($process);
        $stdout = (string) stream_get_contents($pipes[1]);
        $stderr = (string) stream_get_contents($pipes[2]);
        fclose($pipes[1]);
        fclose($pipes[2]);
        return [proc_close($process), $stdout, $stderr];
    }
}
