<?php

declare(strict_types=1);

namespace OCP\AppFramework\Bootstrap;

/** Test stand-in of Nextcloud's IBootstrap. */
interface IBootstrap
{
    /** Registers the app's services, middleware, listeners. */
    public function register(IRegistrationContext $context): void;

    /** Runs once every app is registered. */
    public function boot(IBootContext $context): void;
}
