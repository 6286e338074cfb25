<?php

/**
 * Loads, in a child process of DocsSnippetsTest, the stand-ins the docs' snippets run in:
 * the hosts built into `$hostsDir` (the connector's CallbackController, Crypt,
 * DocumentService, FileUtility, EditorApiController with the snippets in place), the
 * connector's AppConfig, KeyManager and RemoteInstance (connector/), OCP\Server (ocp/),
 * then the guard tests' stand-ins (php/tests/nextcloud: OCP, PSR-3, the harness that
 * plays Nextcloud and the Document Server). The connector's own firebase/php-jwt calls
 * run on the facade (php/firebase-aliases.php), and `php://input` gives the current
 * request's body.
 */

declare(strict_types=1);

use OnlyOffice\Jwt\Tests\Docs\PhpInput;

/** @var string $hostsDir set by the including script */

spl_autoload_register(static function (string $class) use ($hostsDir): void {
    $files = [
        'OCA\\Onlyoffice\\Controller\\CallbackController' => "$hostsDir/Controller/CallbackController.php",
        'OCA\\Onlyoffice\\Controller\\EditorApiController' => "$hostsDir/Controller/EditorApiController.php",
        'OCA\\Onlyoffice\\Crypt' => "$hostsDir/Crypt.php",
        'OCA\\Onlyoffice\\DocumentService' => "$hostsDir/DocumentService.php",
        'OCA\\Onlyoffice\\FileUtility' => "$hostsDir/FileUtility.php",
        'OCA\\Onlyoffice\\AppConfig' => __DIR__ . '/connector/AppConfig.php',
        'OCA\\Onlyoffice\\KeyManager' => __DIR__ . '/connector/KeyManager.php',
        'OCA\\Onlyoffice\\RemoteInstance' => __DIR__ . '/connector/RemoteInstance.php',
        'OCP\\Server' => __DIR__ . '/ocp/OCP/Server.php',
    ];
    $prefix = 'OnlyOffice\\Jwt\\Tests\\Docs\\';
    if (isset($files[$class])) {
        require $files[$class];
    } elseif (strncmp($class, $prefix, strlen($prefix)) === 0) {
        require __DIR__ . '/' . substr($class, strlen($prefix)) . '.php';
    }
}, true, true);

require_once __DIR__ . '/../nextcloud/bootstrap.php';
require_once __DIR__ . '/../../firebase-aliases.php';

PhpInput::install();
