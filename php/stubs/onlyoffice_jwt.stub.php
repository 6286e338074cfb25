<?php

/**
 * Stubs of the onlyoffice_jwt extension for IDEs and static analysers (PHPStan: add
 * this file to `stubFiles`; Psalm: to `<stubs>`). Never include it at run time: the
 * extension defines these functions and classes.
 *
 * Every function takes its options as a trailing array whose keys are the Python
 * keyword names of shared/api.md; an unknown key, or a value of the wrong type, is an
 * InvalidInputException. A secret is one string of bytes or a list of them (the first
 * signs, all verify); secrets shorter than 32 bytes, and the literal "secret", are
 * refused (WeakSecretException) unless the option `allow_weak` is true.
 *
 * PHP arrays in and out: a list (keys 0..n-1) is a JSON array, any other array or a
 * stdClass a JSON object (its public properties, as json_encode writes them); `[]` given as claims, config or body is an empty object; a
 * JSON object comes back as an associative array (an empty one as `[]`).
 */

namespace OnlyOffice\Jwt;

/**
 * A JWT of the claims; adds `iat` (option `iat`, default true) and `exp` = now + `ttl`.
 *
 * @param array|\stdClass $claims
 * @param string|list<string> $secret
 * @param array{alg?: 'HS256'|'HS384'|'HS512', ttl?: int|null, iat?: bool, now?: int|null, allow_weak?: bool} $options
 * @throws JwtException
 */
function sign(array|\stdClass $claims, #[\SensitiveParameter] string|array $secret, array $options = []): string {}

/**
 * The token over the given header and payload JSON texts, byte for byte (for a facade
 * that must reproduce another library's tokens): the header an object with an HS `alg`,
 * `typ` absent or `JWT`, no `crit`/`b64`; the payload an object.
 *
 * @param string|list<string> $secret
 * @param array{allow_weak?: bool} $options
 * @throws JwtException
 */
function sign_jws(string $header, string $payload, #[\SensitiveParameter] string|array $secret, array $options = []): string {}

/**
 * The claims of a token after strict verification: an array, or with `objects` an
 * `stdClass` as `json_decode($json, false, 512, JSON_BIGINT_AS_STRING)` gives them.
 *
 * @param string|list<string> $secret
 * @param array{algorithms?: list<string>, leeway?: int, verify_exp?: bool, verify_nbf?: bool, verify_iat?: bool, require?: list<string>, max_size?: int, now?: int|null, allow_weak?: bool, objects?: bool} $options
 * @return array<string, mixed>|\stdClass
 * @throws JwtException
 */
function verify(#[\SensitiveParameter] string $token, #[\SensitiveParameter] string|array $secret, array $options = []): array|\stdClass {}

/**
 * Header and claims of a token WITHOUT any check — for inspection only.
 *
 * @return array{header: array<string, mixed>, claims: array<string, mixed>}
 * @throws JwtException
 */
function decode_unverified(#[\SensitiveParameter] string $token, array $options = []): array {}

/**
 * The editor config with `token` added last; refuses a config the Document Server
 * would reject.
 *
 * @param array|\stdClass $config
 * @param string|list<string> $secret
 * @param array{alg?: string, ttl?: int|null, now?: int|null, allow_weak?: bool} $options
 * @return array<string, mixed>
 * @throws JwtException
 */
function sign_config(array|\stdClass $config, #[\SensitiveParameter] string|array $secret, array $options = []): array {}

/**
 * A request to the Document Server (command, conversion, docbuilder): the body with
 * `token`, and the header carrying `{"payload": body}` while its token stays under
 * 7168 characters (else `headers` is empty and `header_omitted` true).
 *
 * @param array|\stdClass $body
 * @param string|list<string> $secret
 * @param array{alg?: string, header?: string, prefix?: string, ttl?: int|null, now?: int|null, allow_weak?: bool} $options
 * @return array{body: array<string, mixed>, headers: array<string, string>, header_omitted: bool}
 * @throws JwtException
 */
function sign_request(array|\stdClass $body, #[\SensitiveParameter] string|array $secret, array $options = []): array {}

/**
 * The signed claims of a Document Server callback (`$body`: the raw request body);
 * only signed fields are returned.
 *
 * @param string|list<string> $secret
 * @param array{authorization?: string|null, prefix?: string, algorithms?: list<string>, leeway?: int, expected_key?: string|null, max_size?: int|null, now?: int|null, allow_weak?: bool} $options
 * @return array<string, mixed>
 * @throws JwtException
 */
function verify_callback(#[\SensitiveParameter] string $body, #[\SensitiveParameter] string|array $secret, #[\SensitiveParameter] array $options = []): array {}

/**
 * The signed claims of a request from the Document Server (`payload` unwrapped); with
 * `url`, the signed url must equal it.
 *
 * @param string|list<string> $secret
 * @param array{url?: string|null, prefix?: string, algorithms?: list<string>, leeway?: int, now?: int|null, allow_weak?: bool} $options
 * @return array<string, mixed>
 * @throws JwtException
 */
function verify_incoming(#[\SensitiveParameter] ?string $authorization, #[\SensitiveParameter] string|array $secret, array $options = []): array {}

/**
 * Guards a callback before connector code that trusts its plain body reads it: verified
 * as verify_callback; every member of the plain body must be the signed one (absent is
 * fine, and history may be {}: the Document Server trims its plain body); every URL to
 * fetch (url, changesurl, formsdataurl) must be on the Document Server.
 *
 * @param string|list<string> $secret
 * @param array{authorization?: string|null, ds_internal_url?: string|null, extra_ds_urls?: list<string>, prefix?: string, algorithms?: list<string>, leeway?: int, expected_key?: string|null, max_size?: int|null, now?: int|null, allow_weak?: bool} $options
 * @return array{claims: array, fetch: array<string, string>}
 * @throws JwtException
 */
function guard_callback(#[\SensitiveParameter] string $body, #[\SensitiveParameter] string|array $secret, string $ds_url, #[\SensitiveParameter] array $options = []): array {}

/**
 * Guards a request of the Document Server to the connector (a file download): verified
 * as verify_incoming; the signed url must name $target (this request's path and query,
 * or its URL) once both are normalised as the Document Server requests a URL.
 *
 * @param string|list<string> $secret
 * @param array{prefix?: string, algorithms?: list<string>, leeway?: int, now?: int|null, allow_weak?: bool} $options
 * @return array the signed claims
 * @throws JwtException
 */
function guard_download(#[\SensitiveParameter] ?string $authorization, #[\SensitiveParameter] string|array $secret, string $target, array $options = []): array {}

/**
 * The URL to fetch for a callback `url`/`changesurl`, mapped to the internal Document
 * Server address; any other origin is refused (UrlNotAllowedException).
 *
 * @param array{ds_internal_url?: string|null, extra_ds_urls?: list<string>} $options
 * @throws JwtException
 */
function check_download_url(string $url, string $ds_url, array $options = []): string {}

/**
 * The document key of one version of one file: 32 characters of `[0-9A-Za-z_-]`,
 * stable, unguessable without the secret.
 *
 * @param string|list<string> $secret
 * @param array{allow_weak?: bool} $options
 * @throws JwtException
 */
function document_key(#[\SensitiveParameter] string|array $secret, string $file_id, int|string $version, array $options = []): string {}

/**
 * Secrets derived from one master secret: `inbox`, `outbox`, `session` (Document
 * Server secrets) and `links`, `doc_keys` (connector subkeys, base64url).
 *
 * @param array{allow_weak?: bool} $options
 * @return array{inbox: string, outbox: string, session: string, links: string, doc_keys: string}
 * @throws JwtException
 */
function derive_secrets(#[\SensitiveParameter] string $master, array $options = []): array {}

/**
 * The URL with `oo_exp` and `oo_sig` appended: an expiring signed link.
 *
 * @param string|list<string> $secret
 * @param array{ttl?: int, now?: int|null, allow_weak?: bool} $options
 * @throws JwtException
 */
function sign_link(string $url, #[\SensitiveParameter] string|array $secret, array $options = []): string {}

/**
 * The URL without `oo_exp` and `oo_sig`, once its signature and expiry are checked.
 *
 * @param string|list<string> $secret
 * @param array{now?: int|null, allow_weak?: bool} $options
 * @throws JwtException
 */
function verify_link(#[\SensitiveParameter] string $url, #[\SensitiveParameter] string|array $secret, array $options = []): string {}

/**
 * Findings for a Document Server `local.json`, errors first.
 *
 * @param array{connector_secret?: string|null} $options
 * @return list<array{severity: string, code: string, path: string, message: string, fix: string}>
 * @throws JwtException
 */
function audit_ds_config(#[\SensitiveParameter] string $local_json_text, #[\SensitiveParameter] array $options = []): array {}

/**
 * Base class of every exception of the extension. `getCode()` is the stable error
 * number (-1 for an internal failure, e.g. a caught Rust panic), `getErrorName()` the
 * stable error name (`internal` for this base class).
 */
class JwtException extends \Exception
{
    /** Which part of the input failed (see getDetail()). */
    protected $detail = null;

    /** The stable error name, e.g. `bad_signature`. */
    public function getErrorName(): string {}

    /**
     * Which part of the input failed, as a stable dotted name (`header.json`,
     * `claims.exp`, …; docs/formats.md, "Which part failed"), or null when the
     * failure names none.
     */
    public function getDetail(): ?string {}
}

/** `malformed` (1): the token or body is not well-formed. */
class MalformedException extends JwtException {}

/** `bad_signature` (2): the signature matches no accepted secret. */
class BadSignatureException extends JwtException {}

/** `alg_not_allowed` (3): the algorithm is not in the allow-list (including `none`). */
class AlgNotAllowedException extends JwtException {}

/** `expired` (4): `exp` (or a link's `oo_exp`) has passed. */
class ExpiredException extends JwtException {}

/** `not_yet_valid` (5): `nbf` or `iat` is in the future. */
class NotYetValidException extends JwtException {}

/** `missing_claim` (6): a required claim is absent. */
class MissingClaimException extends JwtException {}

/** `invalid_claim` (7): a claim has the wrong type or value. */
class InvalidClaimException extends JwtException {}

/** `missing_token` (8): no token where one is required. */
class MissingTokenException extends JwtException {}

/** `key_mismatch` (9): the signed document key differs from the expected one. */
class KeyMismatchException extends JwtException {}

/** `weak_secret` (10): a secret is empty, the literal `secret`, or shorter than 32 bytes. */
class WeakSecretException extends JwtException {}

/** `too_large` (11): an input exceeds its size limit. */
class TooLargeException extends JwtException {}

/** `url_not_allowed` (12): a URL points outside the allowed origins. */
class UrlNotAllowedException extends JwtException {}

/** `invalid_input` (13): an argument or option is invalid. */
class InvalidInputException extends JwtException {}

/** `invalid_config` (14): a configuration cannot be used. */
class InvalidConfigException extends JwtException {}
