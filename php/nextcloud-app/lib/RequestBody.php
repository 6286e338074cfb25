<?php

declare(strict_types=1);

namespace OCA\OnlyofficeJwtGuard;

/**
 * The raw body of the current request, as the client sent it (`php://input`). OCP's
 * IRequest gives the decoded parameters only, and the Document Server signs its
 * callback's JSON text. PHP lets `php://input` be read again, so the ONLYOFFICE app's
 * own request still decodes it. Tests give a body of their own by extending this
 * class.
 */
class RequestBody
{
    /** The body's bytes ('' when there is none or it cannot be read). */
    public function read(): string
    {
        return (string) file_get_contents('php://input');
    }
}
