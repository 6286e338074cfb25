<?php

declare(strict_types=1);

namespace OCA\Onlyoffice;

/**
 * Stand-in of the connector's RemoteInstance: whether a file is on a live federated share,
 * and the key its sharing server gives for it (asked over the network in the connector).
 */
final class RemoteInstance
{
    public static function isRemoteFile($file)
    {
        return $file->remote;
    }

    public static function getRemoteKey($file)
    {
        return $file->remoteKey;
    }
}
