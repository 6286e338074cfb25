<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests\Nextcloud;

use OCP\AppFramework\Bootstrap\IRegistrationContext;

/** Records what an app's register() asks for. */
final class RegistrationContext implements IRegistrationContext
{
    /** @var list<array{class: string, global: bool}> */
    public array $middleware = [];

    public function registerMiddleware(string $class, bool $global = false): void
    {
        $this->middleware[] = ['class' => $class, 'global' => $global];
    }
}
