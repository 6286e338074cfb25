<?php

declare(strict_types=1);

namespace OCA\Onlyoffice\Controller;

use OCA\Onlyoffice\AppConfig;
use OCA\Onlyoffice\DocumentService;
use OCP\AppFramework\Controller;
use OCP\AppFramework\Http;
use OCP\AppFramework\Http\JSONResponse;
use OCP\IRequest;
use OnlyOffice\Jwt\Compat\JWT;
use OnlyOffice\Jwt\Compat\Key;
use OnlyOffice\Jwt\Tests\Nextcloud\Installation;

/**
 * Stand-in of the ONLYOFFICE connector's CallbackController (app 10.0.0), written from
 * its behaviour where the Document Server's requests are checked and read, with its
 * name, method names, parameters and docblock types (Nextcloud binds and casts the
 * parameters from them):
 *
 * - the `doc` link token is decoded with firebase/php-jwt's API (here the facade) and
 *   the connector's link secret;
 * - with a Document Server secret, `track` decodes the body `token`, else the header
 *   after cutting 7 characters unchecked (the header token's `payload`), and takes
 *   only `users`, `key`, `status`, `url` from it: `changesurl`, `history`,
 *   `forcesavetype`, `actions`, `filetype` still come from the unsigned parameters;
 *   the signed key is never compared with the file's, nor `url`'s host with the
 *   Document Server's, and URLs are fetched with local addresses allowed;
 * - `download` and `emptyfile` decode the header token and never look at it again.
 *
 * Files, users, fetches and conversions are the harness's (Installation): nothing
 * leaves the process.
 */
class CallbackController extends Controller
{
    /** The callback statuses acted on (the Document Server's numbering). */
    private const EDITING = 1;
    private const READY_FOR_SAVING = 2;
    private const SAVING_FAILED = 3;
    private const CLOSED_UNCHANGED = 4;
    private const FORCE_SAVED = 6;
    private const FORCE_SAVE_FAILED = 7;

    public function __construct(string $appName, IRequest $request, private AppConfig $config, private Installation $nextcloud)
    {
        parent::__construct($appName, $request);
    }

    /**
     * A file downloaded by the Document Server.
     *
     * @param string $doc the link token naming the file
     */
    public function download($doc)
    {
        $hashData = $this->readHash($doc);
        if ($hashData === null) {
            return $this->accessDenied();
        }
        if (($hashData->action ?? null) !== 'download') {
            return new JSONResponse(['message' => 'Invalid request'], Http::STATUS_BAD_REQUEST);
        }
        $denied = $this->checkHeaderToken();
        if ($denied !== null) {
            return $denied;
        }
        $file = $this->nextcloud->file((int) ($hashData->fileId ?? 0));
        if ($file === null) {
            return new JSONResponse(['message' => 'File not found'], Http::STATUS_NOT_FOUND);
        }
        return new Http\DataDownloadResponse($file['content']);
    }

    /**
     * The empty document downloaded by the Document Server (the settings' check).
     *
     * @param string $doc the link token
     */
    public function emptyfile($doc)
    {
        $hashData = $this->readHash($doc);
        if ($hashData === null) {
            return $this->accessDenied();
        }
        if (($hashData->action ?? null) !== 'empty') {
            return new JSONResponse(['message' => 'Invalid request'], Http::STATUS_BAD_REQUEST);
        }
        return $this->checkHeaderToken() ?? new Http\DataDownloadResponse(Installation::EMPTY_TEMPLATE);
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
        $hashData = $this->readHash($doc);
        if ($hashData === null) {
            return $this->accessDenied();
        }
        if (($hashData->action ?? null) !== 'track') {
            return new JSONResponse(['message' => 'Invalid request'], Http::STATUS_BAD_REQUEST);
        }
        $fileId = (int) ($hashData->fileId ?? 0);

        $secret = $this->config->getDocumentServerSecret();
        if (!empty($secret)) {
            if (!empty($token)) {
                try {
                    $payload = JWT::decode($token, new Key($secret, 'HS256'));
                } catch (\UnexpectedValueException) {
                    return $this->accessDenied();
                }
            } else {
                $header = $this->request->getHeader($this->config->jwtHeader());
                if (empty($header)) {
                    return $this->accessDenied();
                }
                $header = substr($header, strlen('Bearer '));
                try {
                    $payload = JWT::decode($header, new Key($secret, 'HS256'))->payload ?? null;
                } catch (\UnexpectedValueException) {
                    return $this->accessDenied();
                }
            }
            // The connector also reads the signed key into $key, and never compares it
            // with the file's.
            $users = $payload->users ?? null;
            $status = $payload->status ?? null;
            $url = $payload->url ?? null;
        }

        $shareToken = $hashData->shareToken ?? null;
        $isForcesave = in_array($status, [self::FORCE_SAVED, self::FORCE_SAVE_FAILED], true);
        if (!empty($users) && $status !== self::EDITING) {
            // the author of the latest changes
            $userId = $this->parseUserId($users[0]);
        } else {
            $userId = $hashData->userId ?? null;
        }
        if ($isForcesave && $forcesavetype === 1 && !empty($actions)) {
            // the user who clicked Save
            $userId = $this->parseUserId($actions[0]['userid']);
        }
        $user = $this->nextcloud->userExists($userId) ? $userId : null;
        if ($user === null && empty($shareToken)) {
            return $this->accessDenied();
        }

        $file = $this->nextcloud->file($fileId);
        if ($file === null) {
            return new JSONResponse(['message' => 'File not found'], Http::STATUS_NOT_FOUND);
        }

        $result = 1;
        switch ($status) {
            case self::READY_FOR_SAVING:
            case self::SAVING_FAILED:
            case self::FORCE_SAVED:
            case self::FORCE_SAVE_FAILED:
                if (empty($url)) {
                    return new JSONResponse(['message' => 'Url not found'], Http::STATUS_BAD_REQUEST);
                }
                $source = $this->config->replaceDocumentServerUrlToInternal($url);
                $extension = strtolower(pathinfo($file['name'], PATHINFO_EXTENSION));
                if ($filetype !== $extension) {
                    // converted by the Document Server first, under a key of the file and source
                    $conversionKey = DocumentService::generateRevisionId("{$fileId}{$source}");
                    $source = $this->nextcloud->convert($source, (string) $filetype, $extension, $conversionKey);
                }
                $newData = $this->nextcloud->fetch($source);
                $prevIsForcesave = $this->nextcloud->wasForcesave($fileId);
                $this->nextcloud->putContent($fileId, $newData, $isForcesave);
                if (!$isForcesave) {
                    $this->nextcloud->setLocked($fileId, false);
                }
                if (!$isForcesave && !$prevIsForcesave) {
                    $changes = empty($changesurl) ? null : $this->nextcloud->fetch($this->config->replaceDocumentServerUrlToInternal($changesurl));
                    $this->nextcloud->saveHistory($fileId, $history, $changes);
                }
                if ($user !== null) {
                    $this->nextcloud->saveAuthor($fileId, $user);
                }
                $result = 0;
                break;
            case self::EDITING:
                $this->nextcloud->setLocked($fileId, true);
                $result = 0;
                break;
            case self::CLOSED_UNCHANGED:
                $this->nextcloud->setLocked($fileId, false);
                $result = 0;
                break;
        }
        return new JSONResponse(['error' => $result], Http::STATUS_OK);
    }

    /** The claims of a link token, or null (as the connector's Crypt::readHash). */
    private function readHash($doc): ?\stdClass
    {
        if ($doc === null) {
            return null;
        }
        try {
            return JWT::decode($doc, new Key($this->config->getSKey(), 'HS256'));
        } catch (\UnexpectedValueException) {
            return null;
        }
    }

    /**
     * The check of download and emptyfile: with a Document Server secret, the header
     * (7 characters cut, unchecked) must decode; its claims are never used. Null when
     * the request may go on.
     */
    private function checkHeaderToken(): ?JSONResponse
    {
        $secret = $this->config->getDocumentServerSecret();
        if (empty($secret)) {
            return null;
        }
        $header = $this->request->getHeader($this->config->jwtHeader());
        if (empty($header)) {
            return $this->accessDenied();
        }
        try {
            JWT::decode(substr($header, strlen('Bearer ')), new Key($secret, 'HS256'));
        } catch (\UnexpectedValueException) {
            return $this->accessDenied();
        }
        return null;
    }

    /** A user id from the Document Server without this instance's prefix. */
    private function parseUserId(string $userId): string
    {
        $prefix = $this->config->instanceId() . '_';
        return str_starts_with($userId, $prefix) ? substr($userId, strlen($prefix)) : $userId;
    }

    /** The connector's answer to a missing or bad token. */
    private function accessDenied(): JSONResponse
    {
        return new JSONResponse(['message' => 'Access denied'], Http::STATUS_FORBIDDEN);
    }
}
