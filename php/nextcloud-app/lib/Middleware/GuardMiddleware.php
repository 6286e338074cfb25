<?php

declare(strict_types=1);

namespace OCA\OnlyofficeJwtGuard\Middleware;

use OCA\OnlyofficeJwtGuard\AppInfo\Application;
use OCA\OnlyofficeJwtGuard\DocumentKeys;
use OCA\OnlyofficeJwtGuard\RequestBody;
use OCA\OnlyofficeJwtGuard\Settings;
use OCP\AppFramework\Controller;
use OCP\AppFramework\Http;
use OCP\AppFramework\Http\JSONResponse;
use OCP\AppFramework\Middleware;
use OCP\IRequest;
use OnlyOffice\Jwt\JwtException;
use Psr\Log\LoggerInterface;
use function OnlyOffice\Jwt\guard_callback;
use function OnlyOffice\Jwt\guard_download;

/**
 * Guards the ONLYOFFICE app's callback controller, whose code reads more than it
 * verified: before `track`, `download` or `emptyfile` runs, the request is checked
 * with the onlyoffice_jwt extension against the ONLYOFFICE app's own settings (read
 * on every request); a request that fails never reaches the controller and gets the
 * answer the app gives a bad token: 403 `{"message": "Access denied"}`.
 *
 * - `track`: the callback is verified (its body token, else the header's), its plain
 *   body must be what was signed, the document key signed must be the one the app
 *   gave out for the file the callback URL names, every URL the app will fetch must
 *   be on the Document Server, and every parameter the controller binds must be the
 *   checked body's.
 * - `download`, `emptyfile`: the token must be in the header after `Bearer ` and must
 *   sign this very request's path and query.
 *
 * With no Document Server secret configured it lets everything through (the app then
 * checks no token either, and there is no secret to check one with) and logs a
 * warning. With a secret but without the onlyoffice_jwt extension it refuses the
 * guarded methods and logs an error.
 */
final class GuardMiddleware extends Middleware
{
    /** The ONLYOFFICE app's controller the Document Server calls (a name: the class may be absent). */
    private const CONTROLLER = 'OCA\\Onlyoffice\\Controller\\CallbackController';

    /** Its methods the Document Server calls, in lower case. */
    private const GUARDED = ['track', 'download', 'emptyfile'];

    /** What comes before the token in the header, exactly as the Document Server writes it. */
    private const PREFIX = 'Bearer ';

    /**
     * The parameters of the controller's `track` besides `doc`. Nextcloud binds each
     * from the request's parameters, where the JSON body's members override the query
     * string's and a member the body lacks may come from the query string.
     */
    private const TRACK_PARAMETERS = [
        'users', 'key', 'status', 'url', 'token', 'history', 'changesurl', 'forcesavetype', 'actions', 'filetype',
    ];

    public function __construct(
        private readonly IRequest $request,
        private readonly Settings $settings,
        private readonly DocumentKeys $keys,
        private readonly RequestBody $body,
        private readonly LoggerInterface $logger,
    ) {
    }

    /**
     * Checks a request to a guarded method; any other controller or method is left
     * alone.
     *
     * @throws GuardRefusal the request must not reach the controller
     */
    public function beforeController(Controller $controller, string $methodName): void
    {
        $method = strtolower($methodName);
        if (get_class($controller) !== self::CONTROLLER || !in_array($method, self::GUARDED, true)) {
            return;
        }
        $secret = $this->settings->documentServerSecret();
        if ($secret === '') {
            $this->logger->warning(
                "The ONLYOFFICE app has no Document Server secret: its $method request is not checked, "
                . 'by the app or by this guard (run: onlyoffice-jwt doctor nextcloud)',
                ['app' => Application::APP_ID]
            );
            return;
        }
        if (!extension_loaded('onlyoffice_jwt')) {
            // Fail closed: without the extension nothing can be checked, and letting the
            // request through would leave the installation as open as without this app
            // while it looks protected. Logged once per request (one guarded call each).
            $this->logger->error(
                "The onlyoffice_jwt PHP extension is not loaded in this PHP: the ONLYOFFICE app's $method "
                . 'request is refused. Enable the extension for the web server (phpenmod onlyoffice_jwt) '
                . 'or disable the app onlyoffice_jwt_guard.',
                ['app' => Application::APP_ID]
            );
            throw new GuardRefusal('extension_missing', 'the onlyoffice_jwt PHP extension is not loaded');
        }
        try {
            if ($method === 'track') {
                $this->guardTrack($secret);
            } else {
                $this->guardDownload($secret);
            }
            return;
        } catch (JwtException $e) {
            $refusal = new GuardRefusal($e->getErrorName(), $e->getMessage());
        } catch (GuardRefusal $refusal) {
        }
        // The core's messages name what failed, never a secret or a token.
        $this->logger->warning(
            sprintf('Refused a Document Server request to the ONLYOFFICE app (%s): %s: %s', $method, $refusal->getErrorName(), $refusal->getMessage()),
            ['app' => Application::APP_ID]
        );
        throw $refusal;
    }

    /**
     * The ONLYOFFICE app's answer to a bad token for a refused request; any other
     * exception goes on to the next middleware.
     *
     * @throws \Exception the exception given, when it is not a refusal of this guard
     */
    public function afterException(Controller $controller, string $methodName, \Exception $exception): JSONResponse
    {
        if ($exception instanceof GuardRefusal) {
            return new JSONResponse(['message' => 'Access denied'], Http::STATUS_FORBIDDEN);
        }
        throw $exception;
    }

    /**
     * A callback to `track`: guard_callback over the raw body and the header, then
     * the parameters the controller binds against the checked body.
     *
     * @throws JwtException  refused by the core
     * @throws GuardRefusal  a parameter the controller reads is not the body's
     */
    private function guardTrack(#[\SensitiveParameter] string $secret): void
    {
        $body = $this->body->read();
        $header = $this->request->getHeader($this->settings->jwtHeader());
        $options = [
            'authorization' => $header === '' ? null : $header,
            'prefix' => self::PREFIX,
            'ds_internal_url' => $this->absolute($this->settings->documentServerInternalUrl()),
            'extra_ds_urls' => $this->settings->extraDocumentServerUrls(),
            // The installation's secret keeps working however weak (the doctor command
            // reports a weak one): refusing it would stop every save.
            'allow_weak' => true,
        ];
        $key = $this->keys->expectedKey($this->request->getParam('doc'), $secret);
        if ($key !== null) {
            $options['expected_key'] = $key;
        }
        guard_callback($body, $secret, $this->absolute($this->settings->documentServerUrl()), $options);
        $members = json_decode($body, true);
        foreach (self::TRACK_PARAMETERS as $name) {
            if ($this->request->getParam($name) !== ($members[$name] ?? null)) {
                throw new GuardRefusal('invalid_claim', sprintf(
                    'the request parameter "%s" is not the checked callback body\'s member: the ONLYOFFICE app would read an unchecked value',
                    $name
                ));
            }
        }
    }

    /**
     * A download by the Document Server (`download`, `emptyfile`): the token in the
     * header must sign this request's path and query.
     *
     * @throws JwtException refused by the core
     */
    private function guardDownload(#[\SensitiveParameter] string $secret): void
    {
        $header = $this->request->getHeader($this->settings->jwtHeader());
        guard_download($header === '' ? null : $header, $secret, $this->request->getRequestUri(), [
            'prefix' => self::PREFIX,
            'allow_weak' => true,
        ]);
    }

    /**
     * A Document Server address as an absolute URL: the ONLYOFFICE app accepts a path
     * alone (the Document Server behind Nextcloud's own host), taken here on the
     * origin this request came to.
     */
    private function absolute(string $url): string
    {
        if (!str_starts_with($url, '/')) {
            return $url;
        }
        return $this->request->getServerProtocol() . '://' . $this->request->getServerHost() . $url;
    }
}
