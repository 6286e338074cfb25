<?php

/**
 * PHPUnit bootstrap: the extension must be loaded (make test-php loads the fresh build),
 * every PHP diagnostic is reported, and the facade's autoloader is registered.
 */

declare(strict_types=1);

error_reporting(E_ALL);

if (!extension_loaded('onlyoffice_jwt')) {
    fwrite(STDERR, "the onlyoffice_jwt extension is not loaded (run: make test-php)\n");
    exit(2);
}

require_once __DIR__ . '/../autoload.php';
require_once __DIR__ . '/Errors.php';
