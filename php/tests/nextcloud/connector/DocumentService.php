<?php

declare(strict_types=1);

namespace OCA\Onlyoffice;

/**
 * Stand-in of the connector's DocumentService: how it turns a stored document key into
 * the key it sends to the Document Server (generateRevisionId). Its requests to the
 * Document Server are the harness's (Installation::fetch, Installation::convert).
 */
final class DocumentService
{
    /**
     * The key sent to the Document Server for a stored key: longer than 20
     * characters, its decimal CRC-32; then at most 20 characters.
     */
    public static function generateRevisionId(string $expectedKey): string
    {
        if (strlen($expectedKey) > 20) {
            $expectedKey = (string) crc32($expectedKey);
        }
        return substr($expectedKey, 0, 20);
    }
}
