<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests;

use OCA\Onlyoffice\AppConfig;
use OCA\Onlyoffice\Controller\CallbackController;
use OCA\OnlyofficeJwtGuard\AppInfo\Application;
use OCA\OnlyofficeJwtGuard\DocumentKeys;
use OCA\OnlyofficeJwtGuard\Middleware\GuardMiddleware;
use OCA\OnlyofficeJwtGuard\Middleware\GuardRefusal;
use OCA\OnlyofficeJwtGuard\RequestBody;
use OCA\OnlyofficeJwtGuard\Settings;
use OCP\AppFramework\Controller;
use OCP\AppFramework\Http\JSONResponse;
use OnlyOffice\Jwt\Tests\Nextcloud\Config;
use OnlyOffice\Jwt\Tests\Nextcloud\DocumentServer;
use OnlyOffice\Jwt\Tests\Nextcloud\FixedRequestBody;
use OnlyOffice\Jwt\Tests\Nextcloud\Installation;
use OnlyOffice\Jwt\Tests\Nextcloud\RegistrationContext;
use OnlyOffice\Jwt\Tests\Nextcloud\Request;
use OnlyOffice\Jwt\Tests\Nextcloud\Scenario;
use OnlyOffice\Jwt\Tests\Nextcloud\Scenarios;
use PHPUnit\Framework\TestCase;
use function OnlyOffice\Jwt\decode_unverified;

require_once __DIR__ . '/nextcloud/bootstrap.php';

/**
 * The Nextcloud guard app (php/nextcloud-app) against a stand-in of the ONLYOFFICE
 * connector's CallbackController in a stand-in Nextcloud (php/tests/nextcloud): every
 * attack succeeds without the guard and is refused with it, the Document Server's own
 * traffic goes through either way (php/tests/nextcloud/attack_table.php prints the
 * same scenarios as a table), and the app's settings, registration and failure modes.
 */
final class NextcloudGuardTest extends TestCase
{
    /** PHP's error log during a test (the facade warns once about a 16-character key). */
    private string $errorLog = '';

    private string|false $previousErrorLog = false;

    protected function setUp(): void
    {
        $this->errorLog = (string) tempnam(sys_get_temp_dir(), 'oojwt-nc-log');
        $this->previousErrorLog = ini_set('error_log', $this->errorLog);
    }

    protected function tearDown(): void
    {
        ini_set('error_log', (string) $this->previousErrorLog);
        unlink($this->errorLog);
    }

    /** @return iterable<string, array{Scenario}> */
    public static function scenarios(): iterable
    {
        foreach (Scenarios::all() as $scenario) {
            yield $scenario->name => [$scenario];
        }
    }

    /** @dataProvider scenarios */
    #[\PHPUnit\Framework\Attributes\DataProvider('scenarios')]
    public function testWithoutTheGuard(Scenario $scenario): void
    {
        self::assertSame($scenario->without, $scenario->play(false));
    }

    /** @dataProvider scenarios */
    #[\PHPUnit\Framework\Attributes\DataProvider('scenarios')]
    public function testWithTheGuard(Scenario $scenario): void
    {
        self::assertSame($scenario->with, $scenario->play(true));
    }

    /** @dataProvider scenarios */
    #[\PHPUnit\Framework\Attributes\DataProvider('scenarios')]
    public function testAttacksSucceedWithoutTheGuardAndAreRefusedWithItTrafficGoesThroughEitherWay(Scenario $scenario): void
    {
        switch ($scenario->kind) {
            case Scenario::ATTACK:
                self::assertStringStartsWith('ATTACK SUCCEEDED', $scenario->without);
                self::assertStringStartsWith('refused by the guard (', $scenario->with);
                break;
            case Scenario::TRAFFIC:
                self::assertSame($scenario->without, $scenario->with);
                self::assertStringNotContainsString('refused', $scenario->with);
                break;
            default:
                self::assertSame(Scenario::CONFIGURATION, $scenario->kind);
        }
    }

    public function testDsClock120sAheadIsRefusedByTheConnectorWithFloor0WithAndWithoutTheGuard(): void
    {
        self::assertSame(['without' => Scenarios::CONNECTOR_REFUSED, 'with' => Scenarios::CONNECTOR_REFUSED], Scenarios::clockInChild(120, 0));
    }

    public function testDsClock120sAheadIsStillRefusedByTheConnectorWithFloor60TheGuardNeverRefusesIt(): void
    {
        self::assertSame(['without' => Scenarios::CONNECTOR_REFUSED, 'with' => Scenarios::CONNECTOR_REFUSED], Scenarios::clockInChild(120, 60));
    }

    public function testDsClock120sAheadIsSavedWithFloor120WithAndWithoutTheGuard(): void
    {
        self::assertSame(['without' => Scenarios::SAVED, 'with' => Scenarios::SAVED], Scenarios::clockInChild(120, 120));
    }

    public function testDsClock60sAheadIsSavedWithFloor60WithAndWithoutTheGuard(): void
    {
        self::assertSame(['without' => Scenarios::SAVED, 'with' => Scenarios::SAVED], Scenarios::clockInChild(60, 60));
    }

    public function testTheAppRegistersOneGlobalMiddleware(): void
    {
        $context = new RegistrationContext();
        (new Application())->register($context);
        self::assertSame([['class' => GuardMiddleware::class, 'global' => true]], $context->middleware);
    }

    public function testInfoXmlDeclaresTheAppAsNextcloudLoadsIt(): void
    {
        $info = simplexml_load_file(__DIR__ . '/../nextcloud-app/appinfo/info.xml');
        self::assertNotFalse($info);
        self::assertSame(Application::APP_ID, (string) $info->id);
        self::assertSame('OnlyofficeJwtGuard', (string) $info->namespace);
        self::assertSame('OCA\\' . $info->namespace . '\\AppInfo\\Application', Application::class);
        self::assertSame('mit', (string) $info->licence);
        self::assertSame('26', (string) $info->dependencies->nextcloud['min-version']);
        self::assertSame('34', (string) $info->dependencies->nextcloud['max-version']);
        self::assertSame('onlyoffice_jwt', (string) $info->dependencies->lib);
    }

    public function testOtherControllersAndMethodsAreLeftAlone(): void
    {
        $nc = new Installation(Scenarios::strongSecret());
        $request = new Request('POST', '/index.php/apps/onlyoffice/track', ['Content-Type' => 'application/json'], '{"actions":"forged"}');
        $middleware = self::middleware($nc, $request);
        $other = new class ('files', $request) extends Controller {
        };
        $middleware->beforeController($other, 'track');
        $middleware->beforeController(new CallbackController('onlyoffice', $request, new AppConfig($nc->config), $nc), 'index');
        self::assertSame([], $nc->log->records);
    }

    public function testMethodNamesAreMatchedWhateverTheirCase(): void
    {
        $nc = new Installation(Scenarios::strongSecret());
        $response = $nc->handle(new Request('GET', '/index.php/apps/onlyoffice/download?doc=x'), 'DownLoad', true);
        self::assertSame(403, $response->getStatus());
        self::assertSame('missing_token', $nc->guardRefusal());
    }

    public function testARefusalIsAnsweredAsTheConnectorAnswersABadTokenAndAnythingElseGoesOn(): void
    {
        $nc = new Installation(Scenarios::strongSecret());
        $request = new Request('GET', '/');
        $middleware = self::middleware($nc, $request);
        $controller = new CallbackController('onlyoffice', $request, new AppConfig($nc->config), $nc);
        $response = $middleware->afterException($controller, 'track', new GuardRefusal('invalid_claim', 'why'));
        self::assertInstanceOf(JSONResponse::class, $response);
        self::assertSame(403, $response->getStatus());
        self::assertSame(['message' => 'Access denied'], $response->getData());
        $other = new \RuntimeException('not ours');
        try {
            $middleware->afterException($controller, 'track', $other);
            self::fail('another exception was answered');
        } catch (\RuntimeException $e) {
            self::assertSame($other, $e);
        }
    }

    public function testARefusalIsLoggedWithTheMethodTheErrorNameAndTheCoresMessageNeverASecretOrToken(): void
    {
        $secret = Scenarios::strongSecret();
        $nc = new Installation($secret);
        $request = (new DocumentServer($secret))->callback($nc->trackUrl(Installation::REPORT), Scenarios::members($nc, 2));
        $forged = $request->with(null, [], str_replace('"filetype":"docx"', '"filetype":"rtf"', $request->getBody()));
        $nc->handle($forged, 'track', true);
        $warnings = $nc->log->messages('warning');
        self::assertCount(1, $warnings);
        self::assertStringContainsString('(track): invalid_claim: the plain body\'s "filetype" differs from the signed one', $warnings[0]);
        self::assertSame(['app' => 'onlyoffice_jwt_guard'], $nc->log->records[0]['context']);
        $body = json_decode($forged->getBody(), true);
        $doc = substr((string) parse_url($nc->trackUrl(Installation::REPORT), PHP_URL_QUERY), 4);
        foreach ([$secret, $body['token'], substr($forged->getHeader('Authorization'), 7), $doc] as $sensitive) {
            self::assertStringNotContainsString($sensitive, DocumentServer::json($nc->log->records));
        }
    }

    public function testAParameterTheControllerWouldReadFromTheQueryStringIsRefused(): void
    {
        $secret = Scenarios::strongSecret();
        $nc = new Installation($secret);
        $request = (new DocumentServer($secret))->callback($nc->trackUrl(Installation::REPORT), Scenarios::members($nc, 2, Installation::REPORT));
        // A JSON body's member overrides the query string's: a parameter the body lacks does not.
        self::assertSame(200, $nc->handle($request->with($request->getRequestUri() . '&token=x'), 'track', true)->getStatus());
        $nc = new Installation($secret);
        $request = (new DocumentServer($secret))->callback($nc->trackUrl(Installation::REPORT), Scenarios::members($nc, 2, Installation::REPORT));
        self::assertSame(403, $nc->handle($request->with($request->getRequestUri() . '&forcesavetype=1'), 'track', true)->getStatus());
        self::assertStringContainsString('(track): invalid_claim: the request parameter "forcesavetype" is not the checked callback body\'s member', $nc->log->messages('warning')[0]);
    }

    public function testWithoutASecretNothingIsCheckedAndAWarningIsLogged(): void
    {
        $nc = new Installation('');
        $response = $nc->handle((new DocumentServer(''))->download($nc->downloadUrl(Installation::REPORT)), 'download', true);
        self::assertSame(200, $response->getStatus());
        self::assertCount(1, $nc->log->messages('warning'));
        self::assertStringContainsString('no Document Server secret', $nc->log->messages('warning')[0]);
    }

    public function testADocumentServerAddressThatIsNotAUrlRefusesCallbacks(): void
    {
        $secret = Scenarios::strongSecret();
        $nc = new Installation($secret);
        $request = (new DocumentServer($secret))->callback($nc->trackUrl(Installation::REPORT), Scenarios::members($nc, 2));
        $nc->config->setAppValue('onlyoffice', 'DocumentServerUrl', 'ds.example');
        self::assertSame(403, $nc->handle($request, 'track', true)->getStatus());
        self::assertSame('invalid_input', $nc->guardRefusal());
    }

    public function testASecretChangedInTheSettingsAppliesToTheNextRequest(): void
    {
        $old = Scenarios::strongSecret();
        $new = Scenarios::strongSecret();
        $nc = new Installation($old);
        $download = (new DocumentServer($old))->download($nc->downloadUrl(Installation::REPORT));
        $settings = new Settings($nc->config);
        self::assertSame($old, $settings->documentServerSecret());
        self::assertSame(200, $nc->handle($download, 'download', true)->getStatus());
        $nc->config->setAppValue('onlyoffice', 'jwt_secret', $new);
        self::assertSame($new, $settings->documentServerSecret());
        self::assertSame(403, $nc->handle($download, 'download', true)->getStatus());
        self::assertSame('bad_signature', $nc->guardRefusal());
    }

    public function testSettingsAreReadAsTheConnectorReadsThem(): void
    {
        $config = new Config();
        $settings = new Settings($config);
        self::assertSame('', $settings->documentServerSecret());
        self::assertSame('Authorization', $settings->jwtHeader());
        self::assertSame('', $settings->documentServerUrl());
        self::assertSame([], $settings->extraDocumentServerUrls());
        // config.php's 'onlyoffice' array fills what the app values leave empty
        $config->setSystemValue('onlyoffice', ['jwt_secret' => 'from-config-php', 'DocumentServerUrl' => 'https://ds.example//', 'jwt_header' => 'AuthorizationJwt']);
        self::assertSame('from-config-php', $settings->documentServerSecret());
        self::assertSame('https://ds.example/', $settings->documentServerUrl());
        self::assertSame('https://ds.example/', $settings->documentServerInternalUrl());
        self::assertSame('AuthorizationJwt', $settings->jwtHeader());
        // the app value wins
        $config->setAppValue('onlyoffice', 'jwt_secret', 'from-app-config');
        $config->setAppValue('onlyoffice', 'DocumentServerUrl', '/ds-vpath');
        $config->setAppValue('onlyoffice', 'DocumentServerInternalUrl', 'http://ds:8000/');
        self::assertSame('from-app-config', $settings->documentServerSecret());
        self::assertSame('/ds-vpath/', $settings->documentServerUrl());
        self::assertSame('http://ds:8000/', $settings->documentServerInternalUrl());
        $config->setAppValue('onlyoffice_jwt_guard', 'extra_ds_urls', ' https://a.example/ ,,https://b.example/');
        self::assertSame(['https://a.example/', 'https://b.example/'], $settings->extraDocumentServerUrls());
    }

    public function testDemoModeMeansTheDemoServerItsHeaderAndItsSecretFor30Days(): void
    {
        $config = new Config();
        $config->setAppValue('onlyoffice', 'jwt_secret', 'own-secret');
        $config->setAppValue('onlyoffice', 'DocumentServerUrl', 'https://ds.example/');
        $settings = new Settings($config);
        $config->setAppValue('onlyoffice', 'demo', json_encode(['available' => true, 'enabled' => true, 'start' => new \DateTime('-29 days')]));
        self::assertSame(AppConfig::DEMO_SECRET, $settings->documentServerSecret());
        self::assertSame(AppConfig::DEMO_HEADER, $settings->jwtHeader());
        self::assertSame(AppConfig::DEMO_ADDR, $settings->documentServerUrl());
        self::assertSame(AppConfig::DEMO_ADDR, $settings->documentServerInternalUrl());
        $config->setAppValue('onlyoffice', 'demo', json_encode(['available' => true, 'enabled' => true, 'start' => new \DateTime('-31 days')]));
        self::assertSame('own-secret', $settings->documentServerSecret());
        $config->setAppValue('onlyoffice', 'demo', json_encode(['available' => true, 'enabled' => false]));
        self::assertSame('https://ds.example/', $settings->documentServerUrl());
    }

    public function testTheExpectedKeyIsTheOneTheConnectorSentForTheDocsFile(): void
    {
        $secret = Scenarios::strongSecret();
        $nc = new Installation($secret);
        $keys = new DocumentKeys($nc->db);
        $doc = static fn (string $url): string => substr((string) parse_url($url, PHP_URL_QUERY), 4);
        self::assertSame($nc->documentKey(Installation::REPORT), $keys->expectedKey($doc($nc->trackUrl(Installation::REPORT)), $secret));
        self::assertSame($nc->documentKey(Installation::SALARIES), $keys->expectedKey($doc($nc->trackUrl(Installation::SALARIES)), $secret));
        self::assertMatchesRegularExpression('/^[0-9]{1,10}$/', $nc->documentKey(Installation::REPORT));
        self::assertNull($keys->expectedKey($doc($nc->trackUrl(Installation::REPORT)), Scenarios::strongSecret()));
        self::assertNull($keys->expectedKey(['not', 'a', 'token'], $secret));
        self::assertNull($keys->expectedKey(null, $secret));
        self::assertNull($keys->expectedKey($nc->linkToken(['action' => 'track', 'fileId' => 7]), $secret));
        $nc->db->delete('onlyoffice_filekey', 'file_id', Installation::REPORT);
        self::assertNull($keys->expectedKey($doc($nc->trackUrl(Installation::REPORT)), $secret));
        // a federated share's file: edited under the sharing Nextcloud's key
        self::assertNotSame(Installation::REMOTE_KEY, $nc->documentKey(Installation::FEDERATED));
        self::assertNull($keys->expectedKey($doc($nc->trackUrl(Installation::FEDERATED)), $secret));
    }

    public function testAStoredKeyOfAtMost20CharactersIsSentAsItIs(): void
    {
        $secret = Scenarios::strongSecret();
        $nc = new Installation($secret);
        $nc->db->update('onlyoffice_filekey', 'file_id', Installation::REPORT, ['key' => 'short_key_20_chars_x']);
        $doc = substr((string) parse_url($nc->trackUrl(Installation::REPORT), PHP_URL_QUERY), 4);
        self::assertSame('short_key_20_chars_x', (new DocumentKeys($nc->db))->expectedKey($doc, $secret));
    }

    public function testTheDocumentServerStandInTrimsALongHeaderAsTheDocumentServerDoes(): void
    {
        $secret = Scenarios::strongSecret();
        $nc = new Installation($secret);
        $members = Scenarios::members($nc, 2);
        $members['history']['changes'] = array_fill(0, 120, $members['history']['changes'][0]);
        $request = (new DocumentServer($secret))->callback($nc->trackUrl(Installation::REPORT), $members);
        $header = substr($request->getHeader('Authorization'), strlen('Bearer '));
        self::assertLessThan(DocumentServer::HEADER_LIMIT, strlen($header));
        self::assertSame([], decode_unverified($header)['claims']['payload']['history']);
        self::assertArrayNotHasKey('changesurl', decode_unverified($header)['claims']['payload']);
        $body = json_decode($request->getBody(), false);
        self::assertEquals(new \stdClass(), $body->history);
        self::assertFalse(property_exists($body, 'changesurl'));
        self::assertSame($members['changesurl'], decode_unverified($body->token)['claims']['changesurl']);
    }

    public function testASaveStoresTheChangesFetchedOnTheInternalAddressAndTheHistoryWithAndWithoutTheGuard(): void
    {
        $secret = Scenarios::strongSecret();
        foreach ([false, true] as $guard) {
            $nc = new Installation($secret);
            $members = Scenarios::members($nc, 2);
            $nc->handle((new DocumentServer($secret))->callback($nc->trackUrl(Installation::REPORT), $members), 'track', $guard);
            $internal = str_replace(DocumentServer::URL, DocumentServer::INTERNAL_URL, $members['changesurl']);
            self::assertSame("content of $internal", $nc->files[Installation::REPORT]['changes']);
            self::assertSame($members['history'], $nc->files[Installation::REPORT]['history']);
            // the save dropped the key: the next session gets a new one
            self::assertNull((new DocumentKeys($nc->db))->expectedKey(substr((string) parse_url($nc->trackUrl(Installation::REPORT), PHP_URL_QUERY), 4), $secret));
        }
    }

    public function testATrimmedCallbackSavesWithoutChangesAndWithAnEmptyHistory(): void
    {
        $secret = Scenarios::strongSecret();
        foreach ([false, true] as $guard) {
            $nc = new Installation($secret);
            $members = Scenarios::members($nc, 2);
            $members['history']['changes'] = array_fill(0, 120, $members['history']['changes'][0]);
            $nc->handle((new DocumentServer($secret))->callback($nc->trackUrl(Installation::REPORT), $members), 'track', $guard);
            self::assertNull($nc->files[Installation::REPORT]['changes']);
            self::assertSame([], $nc->files[Installation::REPORT]['history']);
            self::assertSame('alice', $nc->files[Installation::REPORT]['author']);
        }
    }

    public function testTheHugeCallbackIsOverOneMibWithItsTokenUnderTheFacadesLimit(): void
    {
        $secret = Scenarios::strongSecret();
        $nc = new Installation($secret);
        $request = (new DocumentServer($secret))->callback($nc->trackUrl(Installation::REPORT), Scenarios::hugeMembers($nc));
        self::assertGreaterThan(1 << 20, strlen($request->getBody()));
        self::assertLessThanOrEqual(1 << 20, strlen(json_decode($request->getBody(), true)['token']));
    }

    public function testTheDefaultBodyIsPhpInput(): void
    {
        // The command line has no request body.
        self::assertSame('', (new RequestBody())->read());
    }

    public function testWithoutTheExtensionTheGuardedMethodsAreRefusedAndAnErrorIsLoggedOnce(): void
    {
        $script = 'require ' . var_export(__DIR__ . '/nextcloud/bootstrap.php', true) . ';'
            . 'use OnlyOffice\\Jwt\\Tests\\Nextcloud\\{Installation, Request};'
            . '$out = ["loaded" => extension_loaded("onlyoffice_jwt")];'
            . 'foreach (["track", "download", "emptyfile"] as $method) {'
            . '  $nc = new Installation("a-secret-of-the-document-server-0123456789");'
            . '  $response = $nc->handle(new Request("POST", "/index.php/apps/onlyoffice/$method?doc=x", ["Content-Type" => "application/json"], "{}"), $method, true);'
            . '  $out[$method] = [$response->getStatus(), $response->getData(), $nc->log->records];'
            . '}'
            . 'echo json_encode($out);';
        $process = proc_open(
            [PHP_BINARY, '-n', '-r', $script],
            [1 => ['pipe', 'w'], 2 => ['pipe', 'w']],
            $pipes,
            null,
            ['PHP_INI_SCAN_DIR' => ''] + getenv()
        );
        self::assertIsResource($process);
        $output = (string) stream_get_contents($pipes[1]);
        $errors = (string) stream_get_contents($pipes[2]);
        proc_close($process);
        self::assertSame('', $errors);
        $result = json_decode($output, true);
        self::assertIsArray($result, $output);
        self::assertFalse($result['loaded']);
        foreach (['track', 'download', 'emptyfile'] as $method) {
            [$status, $data, $records] = $result[$method];
            self::assertSame(403, $status, $method);
            self::assertSame(['message' => 'Access denied'], $data, $method);
            self::assertCount(1, $records, $method);
            self::assertSame('error', $records[0]['level'], $method);
            self::assertStringContainsString("The onlyoffice_jwt PHP extension is not loaded in this PHP: the ONLYOFFICE app's $method request is refused", $records[0]['message']);
        }
    }

    /** The guard app's middleware for one request of an installation. */
    private static function middleware(Installation $nc, Request $request): GuardMiddleware
    {
        return new GuardMiddleware($request, new Settings($nc->config), new DocumentKeys($nc->db), new FixedRequestBody($request), $nc->log);
    }
}
