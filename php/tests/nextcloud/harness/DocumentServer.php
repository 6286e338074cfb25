<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests\Nextcloud;

/**
 * A Document Server's requests to Nextcloud, built as the Document Server builds them
 * (jsonwebtoken, HS256, header `{"alg":"HS256","typ":"JWT"}`, JSON.stringify text):
 * a callback's body token signs its members + `iat` + `exp` (5 minutes), its header
 * is `Bearer ` + the token of `{"payload": members}` + `iat` + `exp`; when that header
 * token would be 7168 characters or more, the header token and the plain body leave
 * out `changesurl` and carry `history` as `{}`, while the body token keeps
 * everything. A download's header signs `{"payload": {"url": the URL}}`.
 */
final class DocumentServer
{
    /** The Document Server's public address. */
    public const URL = 'https://ds.example/';

    /** Its address inside the network, as Nextcloud reaches it. */
    public const INTERNAL_URL = 'http://ds-internal:8000/';

    /** The origin of its `storage.externalHost` (file URLs handed out on another host). */
    public const EXTERNAL_HOST = 'https://ds-files.example/';

    /** The header token length from which the Document Server trims. */
    public const HEADER_LIMIT = 7168;

    /** Its tokens' lifetime. */
    public const TTL = 300;

    /**
     * @param string $header      the header it sends tokens in
     * @param int    $clockOffset seconds its clock is ahead of Nextcloud's
     */
    public function __construct(
        #[\SensitiveParameter] private string $secret,
        private string $header = 'Authorization',
        private int $clockOffset = 0
    ) {
    }

    /**
     * The callback to `$trackUrl` of `$members`.
     *
     * @param array<string, mixed> $members
     * @param bool                 $bodyToken with a `token` member (else the header alone)
     */
    public function callback(string $trackUrl, array $members, bool $bodyToken = true): Request
    {
        if ($this->secret === '') {
            return $this->request('POST', $trackUrl, null, self::json($members));
        }
        $plain = $members;
        $authorization = $this->token(['payload' => $members]);
        if (strlen($authorization) >= self::HEADER_LIMIT) {
            unset($plain['changesurl']);
            $plain['history'] = new \stdClass();
            $authorization = $this->token(['payload' => $plain]);
        }
        $body = $bodyToken ? $plain + ['token' => $this->token($members)] : $plain;
        return $this->request('POST', $trackUrl, 'Bearer ' . $authorization, self::json($body));
    }

    /** Its download of `$url` (a file of Nextcloud), the URL signed in its header. */
    public function download(string $url): Request
    {
        return $this->request('GET', $url, $this->secret === '' ? null : 'Bearer ' . $this->token(['payload' => ['url' => $url]]), '');
    }

    /** A token as it signs one: the claims + `iat` + `exp` by its clock. */
    public function token(array $claims): string
    {
        $iat = time() + $this->clockOffset;
        $input = self::base64url('{"alg":"HS256","typ":"JWT"}') . '.'
            . self::base64url(self::json($claims + ['iat' => $iat, 'exp' => $iat + self::TTL]));
        return $input . '.' . self::base64url(hash_hmac('sha256', $input, $this->secret, true));
    }

    /** A URL of its file cache under `$base` (its public address by default). */
    public static function cacheUrl(string $documentKey, string $file, string $base = self::URL): string
    {
        return $base . "cache/files/data/{$documentKey}_7345/$file/$file?md5=Fq3uV8y&expires=1767226500&filename=$file";
    }

    /** A request as it sends one to a Nextcloud URL. */
    private function request(string $method, string $url, ?string $authorization, string $body): Request
    {
        $parts = parse_url($url);
        $target = $parts['path'] . (isset($parts['query']) ? '?' . $parts['query'] : '');
        $headers = $authorization === null ? [] : [$this->header => $authorization];
        if ($body !== '') {
            $headers['Content-Type'] = 'application/json';
        }
        return new Request($method, $target, $headers, $body, $parts['scheme'], $parts['host']);
    }

    /** JSON text as JSON.stringify writes it. */
    public static function json(mixed $value): string
    {
        return json_encode($value, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR);
    }

    private static function base64url(string $bytes): string
    {
        return rtrim(strtr(base64_encode($bytes), '+/', '-_'), '=');
    }
}
