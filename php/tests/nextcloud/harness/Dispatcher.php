<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests\Nextcloud;

use OCP\AppFramework\Controller;
use OCP\AppFramework\Http;
use OCP\AppFramework\Http\JSONResponse;
use OCP\AppFramework\Http\Response;
use OCP\AppFramework\Middleware;
use OCP\IRequest;

/**
 * Runs a controller method as Nextcloud's Dispatcher and MiddlewareDispatcher do:
 * every beforeController in order (counting those entered), the method with its
 * parameters bound from the request (cast by their docblock types), and on an
 * exception (a Throwable wrapped in an \Exception) afterException from the last
 * middleware entered down to the first, the first Response returned winning; then
 * afterController in reverse. An exception no middleware answers is Nextcloud's 500.
 */
final class Dispatcher
{
    /** Docblock types Nextcloud casts a parameter to. */
    private const CAST = ['int', 'integer', 'bool', 'boolean', 'float', 'double'];

    /** @param list<Middleware> $middleware in registration order */
    public function __construct(private array $middleware)
    {
    }

    public function dispatch(Controller $controller, string $methodName, IRequest $request): Response
    {
        $entered = 0;
        try {
            foreach ($this->middleware as $middleware) {
                $entered++;
                $middleware->beforeController($controller, $methodName);
            }
            $response = $controller->$methodName(...$this->arguments($controller, $methodName, $request));
        } catch (\Throwable $thrown) {
            $exception = $thrown instanceof \Exception ? $thrown : new \Exception($thrown->getMessage(), (int) $thrown->getCode(), $thrown);
            $response = $this->afterException($controller, $methodName, $exception, $entered);
            if ($response === null) {
                $cause = $exception->getPrevious() ?? $exception;
                return new JSONResponse(['message' => get_class($cause) . ': ' . $cause->getMessage()], Http::STATUS_INTERNAL_SERVER_ERROR);
            }
        }
        foreach (array_reverse($this->middleware) as $middleware) {
            $response = $middleware->afterController($controller, $methodName, $response);
        }
        return $response;
    }

    /** The first Response of afterException, from the last middleware entered down; null if none answers. */
    private function afterException(Controller $controller, string $methodName, \Exception $exception, int $entered): ?Response
    {
        for ($i = $entered - 1; $i >= 0; $i--) {
            try {
                return $this->middleware[$i]->afterException($controller, $methodName, $exception);
            } catch (\Exception $rethrown) {
                $exception = $rethrown;
            }
        }
        return null;
    }

    /** @return list<mixed> the method's arguments: request parameters, cast as Nextcloud casts them */
    private function arguments(Controller $controller, string $methodName, IRequest $request): array
    {
        $method = new \ReflectionMethod($controller, $methodName);
        preg_match_all('/@param\s+(\S+)\s+\$(\w+)/', (string) $method->getDocComment(), $matches, PREG_SET_ORDER);
        $types = array_column($matches, 1, 2);
        $arguments = [];
        foreach ($method->getParameters() as $parameter) {
            $value = $request->getParam($parameter->getName(), $parameter->isDefaultValueAvailable() ? $parameter->getDefaultValue() : null);
            $type = $types[$parameter->getName()] ?? null;
            if ($value !== null && in_array($type, self::CAST, true)) {
                settype($value, $type);
            }
            $arguments[] = $value;
        }
        return $arguments;
    }
}
