<?php

declare(strict_types=1);

namespace Psr\Log;

/** Test stand-in of PSR-3's LoggerInterface (psr/log 3). */
interface LoggerInterface
{
    public function emergency(string|\Stringable $message, array $context = []): void;

    public function alert(string|\Stringable $message, array $context = []): void;

    public function critical(string|\Stringable $message, array $context = []): void;

    public function error(string|\Stringable $message, array $context = []): void;

    public function warning(string|\Stringable $message, array $context = []): void;

    public function notice(string|\Stringable $message, array $context = []): void;

    public function info(string|\Stringable $message, array $context = []): void;

    public function debug(string|\Stringable $message, array $context = []): void;

    /** @param mixed $level */
    public function log($level, string|\Stringable $message, array $context = []): void;
}
