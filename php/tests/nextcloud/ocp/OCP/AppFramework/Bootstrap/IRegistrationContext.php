<?php

declare(strict_types=1);

namespace OCP\AppFramework\Bootstrap;

/** Test stand-in of Nextcloud's IRegistrationContext: middleware registration only. */
interface IRegistrationContext
{
    /**
     * Registers a middleware class; `$global`: for the requests of every app (Nextcloud 26+).
     *
     * @param class-string<\OCP\AppFramework\Middleware> $class
     */
    public function registerMiddleware(string $class, bool $global = false): void;
}
