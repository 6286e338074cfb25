<?php

declare(strict_types=1);

namespace OCA\Onlyoffice;

/**
 * Host of the docs' getKey snippet. It models, in code of our own, the document keys of
 * the ONLYOFFICE app's FileUtility: for a file of a federated share, when the origin is
 * asked for, the key its sharing server gives; else the key KeyManager holds; else a new
 * `<instanceid>_<GUID>` (the GUID from mt_rand), stored with KeyManager::set. The
 * `@region` holds today's code.
 */
class FileUtility
{
    /** @var AppConfig */
    private $config;

    public function __construct(AppConfig $config)
    {
        $this->config = $config;
    }

    // @region getKey
    public function getKey($file, bool $origin = false)
    {
        if ($origin && RemoteInstance::isRemoteFile($file)) {
            $remoteKey = RemoteInstance::getRemoteKey($file);
            if (!empty($remoteKey)) {
                return $remoteKey;
            }
        }
        $id = $file->getId();
        $stored = KeyManager::get($id);
        if (!empty($stored)) {
            return $stored;
        }
        $fresh = $this->instanceId() . "_" . $this->guid();
        KeyManager::set($id, $fresh);
        return $fresh;
    }
    // @endregion

    /** The key of a file version: the instance id, the file's etag and the version's revision, joined by `_`. */
    public function getVersionKey($version)
    {
        return implode("_", [$this->instanceId(), $version["etag"], $version["revision"]]);
    }

    /** A random version-4 GUID in upper-case hex, from mt_rand as the app makes it (no CSPRNG). */
    private function guid(): string
    {
        $words = [];
        for ($i = 0; $i < 8; $i++) {
            $words[] = mt_rand(0, 0xFFFF);
        }
        $words[3] = 0x4000 | ($words[3] & 0x0FFF);
        $words[4] = 0x8000 | ($words[4] & 0x3FFF);
        return vsprintf("%04X%04X-%04X-%04X-%04X-%04X%04X%04X", $words);
    }

    private function instanceId(): string
    {
        return (string)$this->config->getSystemValue("instanceid", true);
    }
}
