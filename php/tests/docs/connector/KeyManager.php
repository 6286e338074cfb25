<?php

declare(strict_types=1);

namespace OCA\Onlyoffice;

use OnlyOffice\Jwt\Tests\Docs\Current;

/**
 * Stand-in of the connector's KeyManager: its table `onlyoffice_filekey` (`file_id`,
 * `key`, `lock`, `fs`) in the current installation's database.
 */
final class KeyManager
{
    private const TABLE = 'onlyoffice_filekey';

    /** The stored key of a file, '' when none. */
    public static function get($fileId)
    {
        return self::row($fileId)['key'] ?? '';
    }

    public static function set($fileId, $key)
    {
        Current::$db->insert(self::TABLE, ['file_id' => (int) $fileId, 'key' => $key, 'lock' => 0, 'fs' => 0]);
        return true;
    }

    public static function wasForcesave($fileId)
    {
        return (self::row($fileId)['fs'] ?? 0) === 1;
    }

    /** @return array<string, mixed>|null */
    private static function row($fileId): ?array
    {
        foreach (Current::$db->rows(self::TABLE) as $row) {
            if ($row['file_id'] === (int) $fileId) {
                return $row;
            }
        }
        return null;
    }
}
