<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests\Docs;

/** Stand-in of a Nextcloud file node (OCP\Files\File): its id, and whether it is on a live federated share. */
final class File
{
    public function __construct(
        private int $id,
        public readonly bool $remote = false,
        public readonly ?string $remoteKey = null
    ) {
    }

    public function getId(): int
    {
        return $this->id;
    }
}
