<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests\Nextcloud;

use OCA\Onlyoffice\AppConfig;
use OCA\Onlyoffice\Controller\CallbackController;
use OCA\Onlyoffice\DocumentService;
use OCA\OnlyofficeJwtGuard\AppInfo\Application;
use OCA\OnlyofficeJwtGuard\RequestBody;
use OCP\AppFramework\Http\Response;
use OCP\IConfig;
use OCP\IDBConnection;
use OCP\IRequest;
use OnlyOffice\Jwt\Compat\JWT;
use Psr\Log\LoggerInterface;

/**
 * A Nextcloud with the ONLYOFFICE connector (the CallbackController stand-in) and,
 * when asked, the guard app: its configuration, the connector's document keys, the
 * users and files, and a record of what the connector fetched (no network: a URL's
 * content is `content of <URL>`) and which conversions it asked for.
 */
final class Installation
{
    /** Nextcloud's address. */
    public const ORIGIN = 'https://nc.example';

    /** Nextcloud's instance id (config.php `instanceid`). */
    public const INSTANCE_ID = 'ocx1y2z3w4v5';

    /** Two files of alice: a report, and the salaries she never shared. */
    public const REPORT = 42;
    public const SALARIES = 43;

    /** A file another Nextcloud shares with alice (federated share). */
    public const FEDERATED = 44;

    /** The key the sharing Nextcloud gives the Document Server for the federated file. */
    public const REMOTE_KEY = '1183917842';

    /** The bytes of the connector's empty document. */
    public const EMPTY_TEMPLATE = 'PK empty document';

    /** The start of the guard's log line for a refusal. */
    public const REFUSAL = 'Refused a Document Server request to the ONLYOFFICE app';

    public Config $config;

    public Database $db;

    public Logger $log;

    /** @var list<string> the URLs the connector fetched, in order */
    public array $fetched = [];

    /** @var list<array{url: string, from: string, to: string}> the conversions it asked the Document Server for */
    public array $conversions = [];

    /** @var array<int, array{name: string, owner: string, content: string, locked: bool, author: ?string, history: mixed, changes: ?string}> */
    public array $files = [
        self::REPORT => ['name' => 'Report.docx', 'owner' => 'alice', 'content' => 'Report v1', 'locked' => false, 'author' => null, 'history' => null, 'changes' => null],
        self::SALARIES => ['name' => 'Salaries.docx', 'owner' => 'alice', 'content' => 'Salaries v1', 'locked' => false, 'author' => null, 'history' => null, 'changes' => null],
        self::FEDERATED => ['name' => 'Shared.docx', 'owner' => 'alice', 'content' => 'Shared v1', 'locked' => false, 'author' => null, 'history' => null, 'changes' => null],
    ];

    /** The users of this Nextcloud. */
    private const USERS = ['alice', 'bob', 'mallory'];

    /**
     * @param string $dsSecret the ONLYOFFICE app's Document Server secret ('' for none)
     */
    public function __construct(#[\SensitiveParameter] string $dsSecret)
    {
        $this->config = new Config();
        $this->db = new Database();
        $this->log = new Logger();
        $this->config->setSystemValue('instanceid', self::INSTANCE_ID);
        $this->config->setSystemValue('secret', 'nextcloud-system-secret-of-config-php');
        $this->config->setAppValue('onlyoffice', 'jwt_secret', $dsSecret);
        $this->config->setAppValue('onlyoffice', 'DocumentServerUrl', DocumentServer::URL);
        $this->config->setAppValue('onlyoffice', 'DocumentServerInternalUrl', DocumentServer::INTERNAL_URL);
        // The keys the connector stored when the files were opened (instance id _ GUID).
        $this->db->insert('onlyoffice_filekey', ['id' => 1, 'file_id' => self::REPORT, 'key' => self::INSTANCE_ID . '_6F9619FF-8B86-4011-B42D-00C04FC964FF', 'lock' => 0, 'fs' => 0]);
        $this->db->insert('onlyoffice_filekey', ['id' => 2, 'file_id' => self::SALARIES, 'key' => self::INSTANCE_ID . '_7C9E6679-7425-40DE-944B-E07FC1F90AE7', 'lock' => 0, 'fs' => 0]);
        // The federated file's own key, stored when the connector made its preview; the
        // editor uses the sharing Nextcloud's key (REMOTE_KEY).
        $this->db->insert('onlyoffice_filekey', ['id' => 3, 'file_id' => self::FEDERATED, 'key' => self::INSTANCE_ID . '_A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', 'lock' => 0, 'fs' => 0]);
        // Nextcloud's file cache and storages: alice's home, and the federated share's storage.
        $this->db->insert('storages', ['numeric_id' => 1, 'id' => 'home::alice']);
        $this->db->insert('storages', ['numeric_id' => 2, 'id' => 'shared::' . md5('sHaReToKeN@https://other-nc.example')]);
        $this->db->insert('filecache', ['fileid' => self::REPORT, 'storage' => 1]);
        $this->db->insert('filecache', ['fileid' => self::SALARIES, 'storage' => 1]);
        $this->db->insert('filecache', ['fileid' => self::FEDERATED, 'storage' => 2]);
    }

    /**
     * The connector's answer to `$request` for its CallbackController::`$method`, with
     * the guard app's middleware when `$guard` (registered by the app's own
     * Application::register, applied here because it is global, built from its
     * constructor's types as Nextcloud's container builds it).
     */
    public function handle(Request $request, string $method, bool $guard): Response
    {
        $controller = new CallbackController('onlyoffice', $request, new AppConfig($this->config), $this);
        $middleware = [];
        if ($guard) {
            $context = new RegistrationContext();
            (new Application())->register($context);
            foreach ($context->middleware as $registration) {
                if ($registration['global']) {
                    $middleware[] = $this->build($registration['class'], $request);
                }
            }
        }
        return (new Dispatcher($middleware))->dispatch($controller, $method, $request);
    }

    /** The connector's callback URL for a file opened by `$user` (its `doc` link token). */
    public function trackUrl(int $fileId, string $user = 'alice'): string
    {
        return self::ORIGIN . '/index.php/apps/onlyoffice/track?doc=' . $this->linkToken([
            'userId' => $user,
            'ownerId' => $this->files[$fileId]['owner'],
            'fileId' => $fileId,
            'filePath' => '/' . $this->files[$fileId]['name'],
            'shareToken' => null,
            'action' => 'track',
        ]);
    }

    /** The connector's download URL of a file, given to the Document Server. */
    public function downloadUrl(int $fileId): string
    {
        return self::ORIGIN . '/index.php/apps/onlyoffice/download?doc=' . $this->linkToken(['action' => 'download', 'fileId' => $fileId, 'userId' => 'alice']);
    }

    /** The connector's URL of the empty document (its settings' check). */
    public function emptyUrl(): string
    {
        return self::ORIGIN . '/index.php/apps/onlyoffice/empty?doc=' . $this->linkToken(['action' => 'empty']);
    }

    /** A link token as the connector's Crypt::getHash signs it (firebase's encode, its link secret). */
    public function linkToken(array $claims): string
    {
        return JWT::encode($claims, (new AppConfig($this->config))->getSKey(), 'HS256');
    }

    /** The document key the connector gave the Document Server for a file. */
    public function documentKey(int $fileId): string
    {
        foreach ($this->db->rows('onlyoffice_filekey') as $row) {
            if ($row['file_id'] === $fileId) {
                return DocumentService::generateRevisionId($row['key']);
            }
        }
        throw new \LogicException("no key for file $fileId");
    }

    /** A user id as the connector gives it to the Document Server. */
    public static function dsUserId(string $user): string
    {
        return self::INSTANCE_ID . '_' . $user;
    }

    /** The guard's refusal in the log: its error name, or null. */
    public function guardRefusal(): ?string
    {
        foreach ($this->log->records as $record) {
            if (str_starts_with($record['message'], self::REFUSAL) && preg_match('/\): ([a-z_]+): /', $record['message'], $m) === 1) {
                return $m[1];
            }
            if ($record['level'] === 'error' && str_contains($record['message'], 'extension is not loaded')) {
                return 'extension_missing';
            }
        }
        return null;
    }

    // The connector's side: files, users, fetches.

    /** @return array{name: string, owner: string, content: string}|null */
    public function file(int $fileId): ?array
    {
        return $this->files[$fileId] ?? null;
    }

    public function userExists(?string $userId): bool
    {
        return in_array($userId, self::USERS, true);
    }

    /** A GET by the connector (local addresses allowed, as its client is told). */
    public function fetch(string $url): string
    {
        $this->fetched[] = $url;
        return "content of $url";
    }

    /** A conversion asked of the Document Server; the URL of its result. */
    public function convert(string $url, string $from, string $to, string $key): string
    {
        $this->conversions[] = ['url' => $url, 'from' => $from, 'to' => $to];
        return DocumentServer::INTERNAL_URL . "cache/files/conv/$key/output.$to";
    }

    /** Whether the last save of the file was a force save (the key's `fs`). */
    public function wasForcesave(int $fileId): bool
    {
        foreach ($this->db->rows('onlyoffice_filekey') as $row) {
            if ($row['file_id'] === $fileId) {
                return $row['fs'] === 1;
            }
        }
        return false;
    }

    /**
     * The file's new content; as the connector's key bookkeeping and hooks do, a save
     * that is not a force save drops the document key (the next session gets a new
     * one), a force save keeps it and marks it.
     */
    public function putContent(int $fileId, string $content, bool $forcesave): void
    {
        $this->files[$fileId]['content'] = $content;
        if ($forcesave) {
            $this->db->update('onlyoffice_filekey', 'file_id', $fileId, ['fs' => 1]);
        } else {
            $this->db->delete('onlyoffice_filekey', 'file_id', $fileId);
        }
    }

    public function setLocked(int $fileId, bool $locked): void
    {
        $this->files[$fileId]['locked'] = $locked;
    }

    public function saveHistory(int $fileId, mixed $history, ?string $changes): void
    {
        $this->files[$fileId]['history'] = $history;
        $this->files[$fileId]['changes'] = $changes;
    }

    public function saveAuthor(int $fileId, string $user): void
    {
        $this->files[$fileId]['author'] = $user;
    }

    /**
     * An object of `$class` with its constructor's dependencies, as Nextcloud's
     * container autowires it (the request body read from the harness's request).
     */
    private function build(string $class, Request $request): object
    {
        $services = [
            IRequest::class => $request,
            IConfig::class => $this->config,
            IDBConnection::class => $this->db,
            LoggerInterface::class => $this->log,
            RequestBody::class => new FixedRequestBody($request),
        ];
        if (isset($services[$class])) {
            return $services[$class];
        }
        $arguments = [];
        foreach ((new \ReflectionClass($class))->getConstructor()?->getParameters() ?? [] as $parameter) {
            $arguments[] = $this->build((string) $parameter->getType(), $request);
        }
        return new $class(...$arguments);
    }
}
