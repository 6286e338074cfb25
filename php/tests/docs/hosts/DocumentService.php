<?php

declare(strict_types=1);

namespace OCA\Onlyoffice;

use Firebase\JWT\JWT;
use OnlyOffice\Jwt\Tests\Docs\Current;

/**
 * Host of the docs' DocumentService snippets. It models, in code of our own, what the
 * ONLYOFFICE app's DocumentService does with document keys and requests:
 *
 * - generateRevisionId: a key of more than 20 characters becomes its decimal CRC-32,
 *   and at most 20 characters are kept (the app's character filter, written without
 *   delimiters, changes nothing, so it has no counterpart here);
 * - the conversion request (`converter?shardKey=<key>`) and the command request
 *   (`coauthoring/CommandService.ashx`), each signed twice when a secret is set: a
 *   header token holding the body as `payload`, and a `token` member of the body, both
 *   with `iat` and `exp` (`jwt_expiration` minutes);
 * - request(), which records the request and answers as the Document Server would
 *   instead of sending it (a GET in an attack scenario is the installation's fetch).
 *
 * Each `@region` holds today's code.
 */
class DocumentService
{
    /** @var object the translator */
    private $trans;

    /** @var AppConfig */
    private $config;

    public function __construct($trans, AppConfig $config)
    {
        $this->trans = $trans;
        $this->config = $config;
    }

    // @region generateRevisionId
    public static function generateRevisionId($key)
    {
        $text = (string)$key;
        $reduced = strlen($text) > 20 ? (string)crc32($text) : $text;
        return substr($reduced, 0, 20);
    }
    // @endregion

    /** Where the converter put its result (its `fileUrl`), or '' while it is not done. */
    public function getConvertedUri($sourceUrl, $fromType, $toType, $cacheKey, $region = null, $toForm = false)
    {
        $answer = $this->sendRequestToConvertService($sourceUrl, $fromType, $toType, $cacheKey, false, $region, $toForm);
        $done = ($answer->endConvert ?? null) === true;
        return $done ? (string)$answer->fileUrl : "";
    }

    /** Asks the Document Server's converter for a conversion; its decoded JSON answer. */
    public function sendRequestToConvertService($sourceUrl, $fromType, $toType, $cacheKey, $async, $region = null, $toForm = false, $thumbnail = [])
    {
        // The cache key defaults to the source URL, and is reduced as every key sent is.
        $cacheKey = self::generateRevisionId(empty($cacheKey) ? $sourceUrl : $cacheKey);
        $fromType = empty($fromType) ? pathinfo($sourceUrl)["extension"] : trim($fromType, ".");
        $data = [
            "async" => $async,
            "url" => $sourceUrl,
            "outputtype" => trim($toType, "."),
            "filetype" => $fromType,
            "title" => "$cacheKey.$fromType",
            "key" => $cacheKey,
        ];
        if ($region !== null) {
            $data["region"] = $region;
        }
        $opts = $this->jsonPost($data);
        $opts["timeout"] = "120";

        // @region convert-sign
        if (!empty($this->config->getDocumentServerSecret())) {
            $opts = $this->signedTwice($data, $opts);
        }
        // @endregion

        $converter = $this->config->getDocumentServerInternalUrl() . "converter?shardKey=" . $cacheKey;
        return json_decode($this->request($converter, "post", $opts));
    }

    /** Sends the command `$method` to the Document Server's command service; its decoded JSON answer. */
    public function commandRequest($method)
    {
        $data = ["c" => $method];
        $opts = $this->jsonPost($data);

        // @region command-sign
        if (!empty($this->config->getDocumentServerSecret())) {
            $opts = $this->signedTwice($data, $opts);
        }
        // @endregion

        $service = $this->config->getDocumentServerInternalUrl() . "coauthoring/CommandService.ashx";
        return json_decode($this->request($service, "post", $opts));
    }

    /**
     * A request to the Document Server (in the app: Nextcloud's HTTP client, local
     * addresses allowed), recorded and answered here.
     */
    public function request($url, $method = "get", $options = null)
    {
        Current::$requests[] = ['url' => $url, 'method' => $method, 'opts' => $options];
        if ($method === "get") {
            return Current::$nc === null ? "content of $url" : Current::$nc->fetch($url);
        }
        if (!str_contains($url, "/converter?")) {
            return json_encode(["error" => 0, "version" => "9.0.0"]);
        }
        $sent = json_decode((string)($options["body"] ?? ""), true);
        $result = Current::$nc === null
            ? "http://ds-internal:8000/cache/files/conv/{$sent["key"]}/output.{$sent["outputtype"]}"
            : Current::$nc->convert($sent["url"], (string)$sent["filetype"], $sent["outputtype"], $sent["key"]);
        return json_encode(["endConvert" => true, "percent" => 100, "fileUrl" => $result]);
    }

    /** The options of a JSON POST of `$fields`, unsigned. */
    private function jsonPost(array $fields): array
    {
        return ["headers" => ["Content-type" => "application/json"], "body" => json_encode($fields)];
    }

    /**
     * Today's signing of a request: a header token (after "Bearer ") whose `payload` is
     * the body, and the body with `iat`, `exp` and a `token` over all of them.
     */
    private function signedTwice(array $fields, array $opts): array
    {
        $secret = $this->config->getDocumentServerSecret();
        $issued = time();
        $lifetime = ["iat" => $issued, "exp" => $issued + 60 * $this->config->getJwtExpiration()];
        $wrapped = JWT::encode(["payload" => $fields] + $lifetime, $secret, "HS256");
        $opts["headers"][$this->config->jwtHeader()] = "Bearer $wrapped";
        $fields = array_merge($fields, $lifetime);
        $fields["token"] = JWT::encode($fields, $secret, "HS256");
        $opts["body"] = json_encode($fields);
        return $opts;
    }
}
