<?php

declare(strict_types=1);

namespace OCA\OnlyofficeJwtGuard\AppInfo;

use OCA\OnlyofficeJwtGuard\Middleware\GuardMiddleware;
use OCP\AppFramework\Bootstrap\IBootContext;
use OCP\AppFramework\Bootstrap\IBootstrap;
use OCP\AppFramework\Bootstrap\IRegistrationContext;

/**
 * The app `onlyoffice_jwt_guard`: registers GuardMiddleware for the requests of every
 * app (Nextcloud 26+), since the controller it guards belongs to the ONLYOFFICE app.
 */
final class Application implements IBootstrap
{
    /** This app's id, as appinfo/info.xml declares it. */
    public const APP_ID = 'onlyoffice_jwt_guard';

    /** Registers the middleware as global: it must run for the ONLYOFFICE app's controllers. */
    public function register(IRegistrationContext $context): void
    {
        $context->registerMiddleware(GuardMiddleware::class, true);
    }

    /** Nothing to do once the apps are registered. */
    public function boot(IBootContext $context): void
    {
    }
}
