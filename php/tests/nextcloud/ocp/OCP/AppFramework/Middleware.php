<?php

declare(strict_types=1);

namespace OCP\AppFramework;

use Exception;
use OCP\AppFramework\Http\Response;

/** Test stand-in of Nextcloud's OCP\AppFramework\Middleware, with its default bodies. */
abstract class Middleware
{
    /** Runs before the controller method. */
    public function beforeController(Controller $controller, string $methodName)
    {
    }

    /** Handles an exception of the controller or of a beforeController: a Response, or throw. */
    public function afterException(Controller $controller, string $methodName, Exception $exception)
    {
        throw $exception;
    }

    /** Runs after the controller method. */
    public function afterController(Controller $controller, string $methodName, Response $response)
    {
        return $response;
    }
}
