<?php

declare(strict_types=1);

namespace OCP\AppFramework\Http;

/** Test stand-in of Nextcloud's DataDownloadResponse: a file's bytes. */
class DataDownloadResponse extends Response
{
    public function __construct(private string $data)
    {
        parent::__construct();
    }

    /** The bytes sent. */
    public function getData(): string
    {
        return $this->data;
    }
}
