<?php

declare(strict_types=1);

namespace OCA\Onlyoffice\Controller;

use Firebase\JWT\JWT;
use Firebase\JWT\Key;
use OCA\Onlyoffice\AppConfig;
use OCA\Onlyoffice\Crypt;
use OCA\Onlyoffice\DocumentService;
use OCA\Onlyoffice\KeyManager;
use OCP\AppFramework\Controller;
use OCP\AppFramework\Http;
use OCP\AppFramework\Http\JSONResponse;
use OCP\IRequest;
use OnlyOffice\Jwt\Tests\Docs\Current;
use OnlyOffice\Jwt\Tests\Docs\L10N;
use OnlyOffice\Jwt\Tests\Nextcloud\Installation;

/**
 * Host of the docs' CallbackController snippets. It models what the ONLYOFFICE app's
 * CallbackController (app 10.0.0) does, in code of our own: the class, method and
 * parameter names and the docblock types Nextcloud binds and casts the parameters by
 * are the app's, and so are the members the snippets use (`$this->config`,
 * `$this->crypt`, `$this->logger`, `$this->trans`, `$this->request`) and the order of
 * the steps. Each method first reads its `doc` link (Crypt::readHash) and its action;
 * `track` then checks the Document Server's token, picks the saving user, finds the
 * file, and by status stores the new version (converted when `filetype` is not the
 * file's extension), its changes and history, inside one `try` whose failure answers
 * `{"error": 1}`. That saving part of `track` is split off into store() and changes(),
 * so the lines the docs' table changes "in `track`" are found there.
 *
 * Each `@region` holds today's code; DocsSnippetsTest puts the docs' snippets (and the
 * table's lines) there as written. Files, users and fetches are the harness's
 * (Installation); requests to the Document Server go through DocumentService::request.
 */
class CallbackController extends Controller
{
    /** The callback statuses this controller acts on (the Document Server's numbering). */
    private const EDITING = 1;
    private const READY_FOR_SAVING = 2;
    private const SAVING_FAILED = 3;
    private const CLOSED_UNCHANGED = 4;
    private const FORCE_SAVED = 6;
    private const FORCE_SAVE_FAILED = 7;

    /** @var AppConfig */
    private $config;

    /** @var Crypt */
    private $crypt;

    /** @var \Psr\Log\LoggerInterface */
    private $logger;

    /** @var L10N */
    private $trans;

    /** @var Installation */
    private $nextcloud;

    /** @var DocumentService the Document Server's client, for the saves */
    private $dsClient;

    /** Built as Installation::handle builds it; the remaining services are the installation's. */
    public function __construct($AppName, IRequest $request, AppConfig $config, Installation $nextcloud)
    {
        parent::__construct($AppName, $request);
        $this->config = $config;
        $this->crypt = new Crypt($config);
        $this->logger = $nextcloud->log;
        $this->trans = new L10N();
        $this->nextcloud = $nextcloud;
        $this->dsClient = new DocumentService($this->trans, $config);
        Current::enter($nextcloud);
        Current::$body = $request->getBody();
    }

    // @region callback-methods
    // @endregion

    /**
     * A file downloaded by the Document Server.
     *
     * @param string $doc the link token naming the file
     */
    public function download($doc)
    {
        $hashData = $this->link($doc, "download");
        if ($hashData instanceof JSONResponse) {
            return $hashData;
        }
        $fileId = $hashData->fileId;

        // @region download-check
        if (!empty($this->config->getDocumentServerSecret())) {
            $bearer = $this->headerClaims();
            if ($bearer instanceof JSONResponse) {
                return $bearer;
            }
        }
        // @endregion

        $stored = $this->nextcloud->file((int)$fileId);
        return $stored === null ? $this->notFound() : new Http\DataDownloadResponse($stored["content"]);
    }

    /**
     * The empty document downloaded by the Document Server (the settings' check).
     *
     * @param string $doc the link token
     */
    public function emptyfile($doc)
    {
        $hashData = $this->link($doc, "empty");
        if ($hashData instanceof JSONResponse) {
            return $hashData;
        }

        // @region emptyfile-check
        if (!empty($this->config->getDocumentServerSecret())) {
            $bearer = $this->headerClaims();
            if ($bearer instanceof JSONResponse) {
                return $bearer;
            }
        }
        // @endregion

        return new Http\DataDownloadResponse(Installation::EMPTY_TEMPLATE);
    }

    /**
     * The Document Server's callback.
     *
     * @param string $doc the link token naming the file
     * @param array $users
     * @param string $key
     * @param integer $status
     * @param string $url
     * @param string $token
     * @param array $history
     * @param string $changesurl
     * @param integer $forcesavetype
     * @param array $actions
     * @param string $filetype
     */
    public function track($doc, $users, $key, $status, $url, $token, $history, $changesurl, $forcesavetype, $actions, $filetype)
    {
        $hashData = $this->link($doc, "track");
        if ($hashData instanceof JSONResponse) {
            return $hashData;
        }
        $fileId = $hashData->fileId;

        // @region track-verify
        if (!empty($this->config->getDocumentServerSecret())) {
            $signed = $this->signedCallback($token);
            if ($signed instanceof JSONResponse) {
                return $signed;
            }
            // Four members come from the token; every other one stays the request's.
            $users = $signed->users ?? null;
            $key = $signed->key;
            $status = $signed->status;
            $url = $signed->url ?? null;
        }
        // @endregion

        // Who saves: whoever clicked Save in a force save by the button, else the last
        // editor the Document Server names, else the user of the callback link.
        $forceSave = in_array($status, [self::FORCE_SAVED, self::FORCE_SAVE_FAILED], true);
        if ($status !== self::EDITING && !empty($users)) {
            $saver = $this->localUserId($users[0]);
        } else {
            $saver = $hashData->userId;
        }
        if ($forceSave && $forcesavetype === 1 && !empty($actions)) {
            $saver = $this->localUserId($actions[0]["userid"]);
        }
        $user = $this->nextcloud->userExists($saver) ? $saver : null;
        if ($user === null && empty($hashData->shareToken ?? null)) {
            return $this->deny("the callback names no user of this Nextcloud and the link no share");
        }

        $target = $this->nextcloud->file((int)$fileId);
        if ($target === null) {
            return $this->notFound();
        }

        // The statuses compare as a switch compares (loosely), the force-save test strictly.
        if (in_array($status, [self::READY_FOR_SAVING, self::SAVING_FAILED, self::FORCE_SAVED, self::FORCE_SAVE_FAILED])) {
            if (empty($url)) {
                return $this->message(Http::STATUS_BAD_REQUEST, "Url not found");
            }
            return $this->answer($this->store($fileId, $target["name"], $user, $forceSave, $url, $key, $changesurl, $history, $filetype));
        }
        if ($status == self::EDITING || $status == self::CLOSED_UNCHANGED) {
            $this->nextcloud->setLocked((int)$fileId, $status == self::EDITING);
            return $this->answer(true);
        }
        return $this->answer(false);
    }

    /**
     * A new version of file `$fileId` from `$url` (converted first when `$filetype` is not
     * the file's extension), then its history and author. False when any step throws.
     */
    private function store($fileId, string $fileName, ?string $user, bool $forceSave, $url, $key, $changesurl, $history, $filetype): bool
    {
        try {
            // @region track-url
            $url = $this->config->replaceDocumentServerUrlToInternal($url);
            // @endregion

            $documentService = $this->dsClient;
            $curExt = $this->extensionOf($fileName);
            $downloadExt = $filetype;
            if ($downloadExt !== $curExt) {
                $key = DocumentService::generateRevisionId("{$fileId}{$url}");
                // @region track-convert
                $url = $documentService->getConvertedUri($url, $downloadExt, $curExt, $key);
                // @endregion
            }
            $content = $documentService->request($url);

            // Read before the save: putContent marks a force save on the file's key.
            $lastWasForceSave = KeyManager::wasForcesave($fileId);
            $this->nextcloud->putContent((int)$fileId, $content, $forceSave);
            if (!$forceSave) {
                $this->nextcloud->setLocked((int)$fileId, false);
            }

            $keepsHistory = $this->config->getVersionHistory();
            if ($keepsHistory && !$forceSave && !$lastWasForceSave) {
                $this->nextcloud->saveHistory((int)$fileId, $history, $this->changes($documentService, $changesurl));
            }
            if ($keepsHistory && $user !== null) {
                $this->nextcloud->saveAuthor((int)$fileId, $user);
            }
            return true;
        } catch (\Exception $failure) {
            $this->logger->error("Could not store the Document Server's version of file $fileId", ["exception" => $failure]);
            return false;
        }
    }

    /** The changes archive of a save, or null when there is none or it cannot be fetched. */
    private function changes(DocumentService $documentService, $changesurl)
    {
        if (empty($changesurl)) {
            return null;
        }
        // @region track-changes
        $changesurl = $this->config->replaceDocumentServerUrlToInternal($changesurl);
        // @endregion
        try {
            return $documentService->request($changesurl);
        } catch (\Exception $failure) {
            $this->logger->error("The changes of a save could not be fetched", ["exception" => $failure]);
            return null;
        }
    }

    /**
     * The claims of a `doc` link token issued for `$action`, or the answer refusing the
     * request: 403 when the token does not read back, 400 when it names another action.
     */
    private function link($doc, string $action)
    {
        [$claims, $why] = $this->crypt->readHash($doc);
        if ($claims === null) {
            return $this->deny("the $action link's token does not read back ($why)");
        }
        return $claims->action === $action ? $claims : $this->badRequest();
    }

    /**
     * Today's reading of the callback's token: the body's `token` when the request has
     * one, else the header token's `payload`. The claims, or the refusal.
     */
    private function signedCallback($token)
    {
        if (!empty($token)) {
            return $this->decoded($token, "body");
        }
        $header = $this->headerClaims();
        return $header instanceof JSONResponse ? $header : $header->payload;
    }

    /**
     * Today's reading of the header token: the configured header, its first seven
     * characters dropped unseen, the rest decoded. The claims, or the refusal.
     */
    private function headerClaims()
    {
        $value = $this->request->getHeader($this->config->jwtHeader());
        if (empty($value)) {
            return $this->deny("no token in the header");
        }
        return $this->decoded(substr($value, 7), "header");
    }

    /** A token decoded with the Document Server's secret through firebase/php-jwt's API, or the refusal. */
    private function decoded($jwt, string $where)
    {
        try {
            return JWT::decode($jwt, new Key($this->config->getDocumentServerSecret(), "HS256"));
        } catch (\UnexpectedValueException $failure) {
            return $this->deny("the $where token does not decode", $failure);
        }
    }

    /** A Document Server user id (`<instanceid>_<user>`) as this Nextcloud's user id. */
    private function localUserId($dsUserId)
    {
        $prefix = $this->config->getSystemValue("instanceid", true) . "_";
        if (!str_starts_with($dsUserId, $prefix)) {
            return $dsUserId;
        }
        return substr($dsUserId, strlen($prefix));
    }

    /** The callback's answer: error 0 when it was handled, else 1. */
    private function answer(bool $handled): JSONResponse
    {
        return new JSONResponse(["error" => $handled ? 0 : 1], Http::STATUS_OK);
    }

    /** 403, the answer to a missing or bad token, logged with the reason. */
    private function deny(string $reason, ?\Throwable $cause = null): JSONResponse
    {
        $this->logger->error("Document Server request refused: $reason", $cause === null ? [] : ["exception" => $cause]);
        return $this->message(Http::STATUS_FORBIDDEN, $this->trans->t("Access denied"));
    }

    /** 400, the answer to a link issued for another action. */
    private function badRequest(): JSONResponse
    {
        return $this->message(Http::STATUS_BAD_REQUEST, $this->trans->t("Invalid request"));
    }

    /** 404, the answer when the link's file is gone. */
    private function notFound(): JSONResponse
    {
        return $this->message(Http::STATUS_NOT_FOUND, $this->trans->t("File not found"));
    }

    /** An error answer: `{"message": …}` with the HTTP status. */
    private function message(int $status, string $text): JSONResponse
    {
        return new JSONResponse(["message" => $text], $status);
    }

    /** The extension of a file name, lower-cased ('' when it has none). */
    private function extensionOf(string $name): string
    {
        return strtolower(pathinfo($name, PATHINFO_EXTENSION));
    }
}
