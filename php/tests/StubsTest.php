<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests;

use PHPUnit\Framework\TestCase;

/**
 * php/stubs describes the extension as it is: the same functions with the same
 * parameter names (PHP's named arguments use them) and optionality.
 */
final class StubsTest extends TestCase
{
    public function testStubsMatchTheLoadedExtension(): void
    {
        $stub = (string) file_get_contents(__DIR__ . '/../stubs/onlyoffice_jwt.stub.php');
        preg_match_all('/^function (\w+)\(([^)]*)\)/m', $stub, $matches, PREG_SET_ORDER);
        $described = [];
        foreach ($matches as [, $name, $params]) {
            preg_match_all('/\s*(#\[\\\\SensitiveParameter\] )?[^$,]*\$(\w+)( = )?/', $params, $names, PREG_SET_ORDER);
            $described['onlyoffice\\jwt\\' . $name] = array_map(fn ($m) => [$m[2], isset($m[3]), $m[1] !== ''], $names);
        }
        $actual = [];
        foreach (get_extension_funcs('onlyoffice_jwt') as $function) {
            $reflection = new \ReflectionFunction($function);
            $actual[strtolower($function)] = array_map(
                fn (\ReflectionParameter $p) => [$p->getName(), $p->isOptional(), $p->getAttributes(\SensitiveParameter::class) !== []],
                $reflection->getParameters()
            );
        }
        ksort($described);
        ksort($actual);
        self::assertSame($described, $actual);
    }
}
