<?php

declare(strict_types=1);

namespace OCA\OnlyofficeJwtGuard\Middleware;

/**
 * A guarded request that must not reach the ONLYOFFICE app's controller. Thrown by
 * GuardMiddleware::beforeController and answered by its afterException (403). The
 * message is the reason for the log: it never holds a secret or a token.
 */
final class GuardRefusal extends \Exception
{
    /**
     * @param string $errorName the stable error name (the core's, e.g. `invalid_claim`,
     *                          or `extension_missing`)
     * @param string $reason    why, without any secret or token
     */
    public function __construct(private readonly string $errorName, string $reason)
    {
        parent::__construct($reason);
    }

    /** The stable error name of the refusal. */
    public function getErrorName(): string
    {
        return $this->errorName;
    }
}
