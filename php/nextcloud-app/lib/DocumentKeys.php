<?php

declare(strict_types=1);

namespace OCA\OnlyofficeJwtGuard;

use OCP\DB\QueryBuilder\IQueryBuilder;
use OCP\IDBConnection;
use OnlyOffice\Jwt\JwtException;
use function OnlyOffice\Jwt\verify;

/**
 * The document key the ONLYOFFICE app gave the Document Server for the file of a
 * callback: the file comes from the callback URL's `doc` link token, the key from the
 * app's table `onlyoffice_filekey` (`file_id` → `key`, as its KeyManager stores it),
 * shortened as the app does before it sends a key to the Document Server.
 *
 * A file of a federated share is the exception: the app edits it under the key of the
 * Nextcloud that shares it (asked over the network), while a key of its own may also
 * be stored for it (its previews store one), so no key is expected for such a file.
 */
final class DocumentKeys
{
    /** The ONLYOFFICE app's table of document keys (without Nextcloud's prefix). */
    private const TABLE = 'onlyoffice_filekey';

    /** How Nextcloud names the storage of a federated share (files_sharing's External\Storage). */
    private const FEDERATED_STORAGE_PREFIX = 'shared::';

    /** The longest key the ONLYOFFICE app sends; a longer stored one is replaced by its CRC-32. */
    private const MAX_KEY_LENGTH = 20;

    public function __construct(private readonly IDBConnection $db)
    {
    }

    /**
     * The key the Document Server must have signed for the file that `$doc` names, or
     * null when it is not known: `doc` missing or not verified with `$secret` (the
     * ONLYOFFICE app refuses such a callback itself), no file id in it, a file of a
     * federated share, or no key stored for the file (none was given out, or it was
     * dropped after a save).
     *
     * @param mixed  $doc    the request's `doc` parameter
     * @param string $secret the secret the ONLYOFFICE app signs its links with: the
     *                       Document Server's secret whenever one is set
     */
    public function expectedKey(mixed $doc, #[\SensitiveParameter] string $secret): ?string
    {
        if (!is_string($doc) || $doc === '') {
            return null;
        }
        try {
            // A link token has no time claims; allow_weak: the installation's secret,
            // weak or not, is the one its links were signed with.
            $link = verify($doc, $secret, ['algorithms' => ['HS256'], 'allow_weak' => true]);
        } catch (JwtException) {
            return null;
        }
        $fileId = $link['fileId'] ?? null;
        if (is_string($fileId) && ctype_digit($fileId)) {
            $fileId = (int) $fileId;
        }
        if (!is_int($fileId) || $this->onFederatedShare($fileId)) {
            return null;
        }
        $stored = $this->storedKey($fileId);
        return $stored === null ? null : self::documentServerKey($stored);
    }

    /** The key stored for a file, or null. */
    private function storedKey(int $fileId): ?string
    {
        $key = $this->selectOne('key', self::TABLE, 'file_id', $fileId);
        return is_string($key) && $key !== '' ? $key : null;
    }

    /** Whether the file is on a federated share's storage (Nextcloud's file cache and storages tables). */
    private function onFederatedShare(int $fileId): bool
    {
        $storage = $this->selectOne('storage', 'filecache', 'fileid', $fileId);
        if ($storage === false) {
            return false;
        }
        $name = $this->selectOne('id', 'storages', 'numeric_id', (int) $storage);
        return is_string($name) && str_starts_with($name, self::FEDERATED_STORAGE_PREFIX);
    }

    /**
     * `$column` of the first row of `$table` where the integer column `$where` is
     * `$value`, false when there is none.
     */
    private function selectOne(string $column, string $table, string $where, int $value): mixed
    {
        $query = $this->db->getQueryBuilder();
        $query->select($column)
            ->from($table)
            ->where($query->expr()->eq($where, $query->createNamedParameter($value, IQueryBuilder::PARAM_INT)))
            ->setMaxResults(1);
        $result = $query->executeQuery();
        $found = $result->fetchOne();
        $result->closeCursor();
        return $found;
    }

    /**
     * A stored key as the ONLYOFFICE app sends it to the Document Server: a key longer
     * than 20 characters becomes the decimal CRC-32 of it, then at most 20 characters
     * are kept. (The app also runs a character filter whose pattern, written without
     * delimiters, never matches: it changes nothing.)
     */
    private static function documentServerKey(string $stored): string
    {
        $key = strlen($stored) > self::MAX_KEY_LENGTH ? (string) crc32($stored) : $stored;
        return substr($key, 0, self::MAX_KEY_LENGTH);
    }
}
