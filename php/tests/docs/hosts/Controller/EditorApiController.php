<?php

declare(strict_types=1);

namespace OCA\Onlyoffice\Controller;

use OCA\Onlyoffice\AppConfig;
use OCP\AppFramework\Http\JSONResponse;

/**
 * Host of the docs' editor-config snippet: the end of the ONLYOFFICE app's
 * EditorApiController::config, written from its behaviour: the config `$params` built
 * (here given), `iat` and `exp` (jwt_expiration minutes) added and the whole signed as
 * `token` when a secret is set, and returned as JSON. The `@region` holds today's code.
 */
class EditorApiController
{
    /** @var AppConfig */
    private $config;

    public function __construct(AppConfig $config)
    {
        $this->config = $config;
    }

    /** @param array<string, mixed> $params the editor config the method has built */
    public function config(array $params)
    {
        // @region config-sign
        if (!empty($this->config->getDocumentServerSecret())) {
            $now = time();
            $params["iat"] = $now;
            $params["exp"] = $now + $this->config->getJwtExpiration() * 60;
            $params["token"] = \Firebase\JWT\JWT::encode($params, $this->config->getDocumentServerSecret(), "HS256");
        }
        // @endregion

        return new JSONResponse($params);
    }
}
