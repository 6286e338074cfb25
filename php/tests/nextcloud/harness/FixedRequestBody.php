<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests\Nextcloud;

use OCA\OnlyofficeJwtGuard\RequestBody;

/** The guard app's RequestBody over a harness request instead of `php://input`. */
final class FixedRequestBody extends RequestBody
{
    public function __construct(private Request $request)
    {
    }

    public function read(): string
    {
        return $this->request->getBody();
    }
}
