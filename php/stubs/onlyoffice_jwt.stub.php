<?php

/**
 * Stubs of the onlyoffice_jwt extension for IDEs and static analysers (PHPStan: add
 * this file to `stubFiles`; Psalm: to `<stubs>`). Never include it at run time: the
 * extension defines these functions and classes. Generated from the table of
 * operations (crates/onlyoffice-jwt-table): do not edit, run `make generate`.
 *
 * Every function takes its options as a trailing array (docs/api.md); an unknown key,
 * or a value of the wrong type, is an InvalidInputException. A secret is one string
 * of bytes or a list of them (the first signs, all verify); a weak secret is refused
 * (WeakSecretException) unless the option `allow_weak` is true.
 *
 * PHP arrays in and out: a list (keys 0..n-1) is a JSON array, any other array or a
 * stdClass a JSON object (its public properties, as json_encode writes them); `[]`
 * given as claims, config or body is an empty object; a JSON object comes back as an
 * associative array (an empty one as `[]`).
 */

namespace OnlyOffice\Jwt;

/**
 * Signs claims and returns the compact JWT. Adds `iat` (option `iat`) and, with `ttl`,
 * `exp` = now + ttl.
 *
 * Options:
 * - `alg` (default "HS256"): the algorithm that signs: HS256, HS384 or HS512
 * - `ttl` (default null): seconds of validity: adds `exp` = now + ttl (none given: no
 *   `exp`)
 * - `iat` (default true): add `iat`, the time of signing
 * - `now` (default null): the clock, in Unix seconds, for tests (none given: the
 *   system clock)
 * - `allow_weak` (default false): accept a secret shorter than 32 bytes, the default
 *   `secret` or a guessable one (while it is being replaced)
 *
 * @param array|\stdClass $claims
 * @param string|list<string> $secret
 * @param array{alg?: 'HS256'|'HS384'|'HS512', ttl?: int|null, iat?: bool, now?: int|null, allow_weak?: bool} $options
 * @throws JwtException
 */
function sign(array|\stdClass $claims, #[\SensitiveParameter] string|array $secret, array $options = []): string {}

/**
 * Signs a header and a payload given as JSON texts, byte for byte, and returns the
 * compact JWT: for a facade that must reproduce another library's tokens. The header
 * must be an object with an HS `alg`, `typ` absent or `JWT`, no `crit`/`b64`; the
 * payload an object.
 *
 * Options:
 * - `allow_weak` (default false): accept a secret shorter than 32 bytes, the default
 *   `secret` or a guessable one (while it is being replaced)
 *
 * @param string|list<string> $secret
 * @param array{allow_weak?: bool} $options
 * @throws JwtException
 */
function sign_jws(string $header, string $payload, #[\SensitiveParameter] string|array $secret, array $options = []): string {}

/**
 * Verifies a compact JWT strictly and returns its claims: the structure, the header,
 * the signature in constant time, then the time claims (`nbf`, `iat`, `exp`, by
 * `time_rules`), then the required claims. Raises the error of the first check that
 * failed.
 *
 * Options:
 * - `algorithms` (default null): the algorithms accepted, never empty (none given:
 *   HS256, HS384 and HS512)
 * - `leeway` (default 60): seconds of clock skew accepted on `exp`, `nbf` and `iat`
 * - `verify_exp` (default true): check `exp` (its type is checked either way)
 * - `verify_nbf` (default true): check `nbf` (its type is checked either way)
 * - `verify_iat` (default true): refuse an `iat` in the future (its type is checked
 *   either way)
 * - `require` (default null): claims that must be present
 * - `max_size` (default 1048576): the largest token accepted, in bytes
 * - `now` (default null): the clock, in Unix seconds, for tests (none given: the
 *   system clock)
 * - `time_rules` (default "precise"): how the time claims meet the clock: `precise`
 *   (each at its own precision), `pyjwt` or `firebase` (their rules, for the facades:
 *   docs/formats.md)
 * - `objects` (default false): the claims as `stdClass` objects, as
 *   `json_decode($json, false, 512, JSON_BIGINT_AS_STRING)` gives them
 * - `allow_weak` (default false): accept a secret shorter than 32 bytes, the default
 *   `secret` or a guessable one (while it is being replaced)
 *
 * @param string|list<string> $secret
 * @param array{algorithms?: list<'HS256'|'HS384'|'HS512'>, leeway?: int, verify_exp?: bool, verify_nbf?: bool, verify_iat?: bool, require?: list<string>, max_size?: int, now?: int|null, time_rules?: string, objects?: bool, allow_weak?: bool} $options
 * @return array<string, mixed>|\stdClass
 * @throws JwtException
 */
function verify(#[\SensitiveParameter] string $token, #[\SensitiveParameter] string|array $secret, array $options = []): array|\stdClass {}

/**
 * The header and claims of a compact JWT, `{"header": …, "claims": …}`, **nothing
 * verified**: for inspection and logging only.
 *
 * Options:
 * - `max_size` (default 1048576): the largest token accepted, in bytes
 *
 * @param array{max_size?: int} $options
 * @return array{header: array<string, mixed>, claims: array<string, mixed>}
 * @throws JwtException
 */
function decode_unverified(#[\SensitiveParameter] string $token, array $options = []): array {}

/**
 * Signs an editor config for the Document Server and returns it with `token` added
 * last. Refuses a config the Document Server would reject or read otherwise than
 * written: no `document.key` of `[0-9A-Za-z._=-]{1,128}`, no `document.url`, a
 * top-level `url`, `payload` or `key`, a `__proto__` member, an integer beyond ±(2^53
 * − 1).
 *
 * Options:
 * - `alg` (default "HS256"): the algorithm that signs: HS256, HS384 or HS512
 * - `ttl` (default null): seconds of validity: adds `exp` = now + ttl (none given: no
 *   `exp`)
 * - `now` (default null): the clock, in Unix seconds, for tests (none given: the
 *   system clock)
 * - `allow_weak` (default false): accept a secret shorter than 32 bytes, the default
 *   `secret` or a guessable one (while it is being replaced)
 *
 * @param array|\stdClass $config
 * @param string|list<string> $secret
 * @param array{alg?: 'HS256'|'HS384'|'HS512', ttl?: int|null, now?: int|null, allow_weak?: bool} $options
 * @return array<string, mixed>
 * @throws JwtException
 */
function sign_config(array|\stdClass $config, #[\SensitiveParameter] string|array $secret, array $options = []): array {}

/**
 * Signs a request body for the command, conversion or docbuilder service: `{"body":
 * {…, "token"}, "headers": {header: prefix + token}, "header_omitted": false}`, the
 * header token carrying `{"payload": body}`. When that token would reach 7168
 * characters, `headers` is empty and `header_omitted` true: send the body alone (the
 * Document Server reads the body token first). A body with a `payload` or `query`
 * member is refused.
 *
 * Options:
 * - `alg` (default "HS256"): the algorithm that signs: HS256, HS384 or HS512
 * - `header` (default "Authorization"): the header that carries the token (the
 *   Document Server's `token.inbox.header`)
 * - `prefix` (default "Bearer "): what precedes the token in the header value
 * - `ttl` (default 300): seconds of validity of both tokens (`exp` = `iat` + ttl); an
 *   explicit null signs without `exp`, 0 is refused
 * - `now` (default null): the clock, in Unix seconds, for tests (none given: the
 *   system clock)
 * - `allow_weak` (default false): accept a secret shorter than 32 bytes, the default
 *   `secret` or a guessable one (while it is being replaced)
 *
 * @param array|\stdClass $body
 * @param string|list<string> $secret
 * @param array{alg?: 'HS256'|'HS384'|'HS512', header?: string, prefix?: string, ttl?: int|null, now?: int|null, allow_weak?: bool} $options
 * @return array{body: array<string, mixed>, headers: array<string, string>, header_omitted: bool}
 * @throws JwtException
 */
function sign_request(array|\stdClass $body, #[\SensitiveParameter] string|array $secret, array $options = []): array {}

/**
 * Verifies a save callback of the Document Server and returns its signed claims only:
 * the body's `token` first, else the `authorization` header value; a `payload` claim
 * is unwrapped; `key` and `status` must be signed. As the Document Server: `iat` is
 * never a reason to refuse. Never read the plain body.
 *
 * Options:
 * - `authorization` (default null): the value of the header that may carry the token,
 *   used when the body has none
 * - `prefix` (default "Bearer "): what precedes the token in the header value
 * - `algorithms` (default null): the algorithms accepted, never empty (none given:
 *   HS256, HS384 and HS512)
 * - `leeway` (default 60): seconds of clock skew accepted on `exp`, `nbf` and `iat`
 * - `expected_key` (default null): the document key the connector expects: the signed
 *   `key` must equal it
 * - `max_size` (default null): the largest body accepted, in bytes (none given: no
 *   limit, as the Document Server posts callbacks over 1 MiB)
 * - `now` (default null): the clock, in Unix seconds, for tests (none given: the
 *   system clock)
 * - `allow_weak` (default false): accept a secret shorter than 32 bytes, the default
 *   `secret` or a guessable one (while it is being replaced)
 *
 * @param string|list<string> $secret
 * @param array{authorization?: string|null, prefix?: string, algorithms?: list<'HS256'|'HS384'|'HS512'>, leeway?: int, expected_key?: string|null, max_size?: int|null, now?: int|null, allow_weak?: bool} $options
 * @return array<string, mixed>
 * @throws JwtException
 */
function verify_callback(#[\SensitiveParameter] string $body, #[\SensitiveParameter] string|array $secret, #[\SensitiveParameter] array $options = []): array {}

/**
 * Verifies a request of the Document Server to the connector (a file download) from
 * its header value and returns the signed claims (`payload` unwrapped). No header
 * value is `missing_token`. With `url`, the signed `url` must equal it, both as the
 * Document Server requests them.
 *
 * Options:
 * - `url` (default null): the URL of this request: the signed `url` must name it
 * - `prefix` (default "Bearer "): what precedes the token in the header value
 * - `algorithms` (default null): the algorithms accepted, never empty (none given:
 *   HS256, HS384 and HS512)
 * - `leeway` (default 60): seconds of clock skew accepted on `exp`, `nbf` and `iat`
 * - `now` (default null): the clock, in Unix seconds, for tests (none given: the
 *   system clock)
 * - `allow_weak` (default false): accept a secret shorter than 32 bytes, the default
 *   `secret` or a guessable one (while it is being replaced)
 *
 * @param string|list<string> $secret
 * @param array{url?: string|null, prefix?: string, algorithms?: list<'HS256'|'HS384'|'HS512'>, leeway?: int, now?: int|null, allow_weak?: bool} $options
 * @return array<string, mixed>
 * @throws JwtException
 */
function verify_incoming(#[\SensitiveParameter] ?string $authorization, #[\SensitiveParameter] string|array $secret, array $options = []): array {}

/**
 * Guards a callback before connector code that trusts its plain body reads it:
 * verified as `verify_callback`; every member of the plain body must be the signed one
 * (absent is fine, `history` may be `{}`); every URL to fetch must be on the Document
 * Server (as `check_download_url`). Returns `{"claims": <signed claims>, "fetch":
 * {member: URL to fetch}}`.
 *
 * Options:
 * - `authorization` (default null): the value of the header that may carry the token,
 *   used when the body has none
 * - `ds_internal_url` (default null): the Document Server as the connector reaches it,
 *   when not by `ds_url`
 * - `extra_ds_urls` (default null): further allowed bases, such as the origin of the
 *   DS's `storage.externalHost`
 * - `prefix` (default "Bearer "): what precedes the token in the header value
 * - `algorithms` (default null): the algorithms accepted, never empty (none given:
 *   HS256, HS384 and HS512)
 * - `leeway` (default 60): seconds of clock skew accepted on `exp`, `nbf` and `iat`
 * - `expected_key` (default null): the document key the connector expects: the signed
 *   `key` must equal it
 * - `max_size` (default null): the largest body accepted, in bytes (none given: no
 *   limit, as the Document Server posts callbacks over 1 MiB)
 * - `now` (default null): the clock, in Unix seconds, for tests (none given: the
 *   system clock)
 * - `allow_weak` (default false): accept a secret shorter than 32 bytes, the default
 *   `secret` or a guessable one (while it is being replaced)
 *
 * @param string|list<string> $secret
 * @param array{authorization?: string|null, ds_internal_url?: string|null, extra_ds_urls?: list<string>, prefix?: string, algorithms?: list<'HS256'|'HS384'|'HS512'>, leeway?: int, expected_key?: string|null, max_size?: int|null, now?: int|null, allow_weak?: bool} $options
 * @return array{claims: array<string, mixed>, fetch: array<string, string>}
 * @throws JwtException
 */
function guard_callback(#[\SensitiveParameter] string $body, #[\SensitiveParameter] string|array $secret, string $ds_url, #[\SensitiveParameter] array $options = []): array {}

/**
 * Guards a request of the Document Server to the connector (a file download): verified
 * as `verify_incoming`; the signed `url` must name `target` (this request's path and
 * query, or its whole URL) once both are normalised as the Document Server requests a
 * URL. Returns the signed claims.
 *
 * Options:
 * - `prefix` (default "Bearer "): what precedes the token in the header value
 * - `algorithms` (default null): the algorithms accepted, never empty (none given:
 *   HS256, HS384 and HS512)
 * - `leeway` (default 60): seconds of clock skew accepted on `exp`, `nbf` and `iat`
 * - `now` (default null): the clock, in Unix seconds, for tests (none given: the
 *   system clock)
 * - `allow_weak` (default false): accept a secret shorter than 32 bytes, the default
 *   `secret` or a guessable one (while it is being replaced)
 *
 * @param string|list<string> $secret
 * @param array{prefix?: string, algorithms?: list<'HS256'|'HS384'|'HS512'>, leeway?: int, now?: int|null, allow_weak?: bool} $options
 * @return array<string, mixed>
 * @throws JwtException
 */
function guard_download(#[\SensitiveParameter] ?string $authorization, #[\SensitiveParameter] string|array $secret, string $target, array $options = []): array {}

/**
 * The URL to fetch for a callback's `url` or `changesurl`: on the Document Server's
 * origin and under its path (`ds_url`, or `ds_internal_url`, to which a URL on
 * `ds_url` is rewritten), or under one of `extra_ds_urls`; anything else is
 * `url_not_allowed`. Fetch the result with a timeout.
 *
 * Options:
 * - `ds_internal_url` (default null): the Document Server as the connector reaches it,
 *   when not by `ds_url`
 * - `extra_ds_urls` (default null): further allowed bases, such as the origin of the
 *   DS's `storage.externalHost`
 *
 * @param array{ds_internal_url?: string|null, extra_ds_urls?: list<string>} $options
 * @throws JwtException
 */
function check_download_url(string $url, string $ds_url, array $options = []): string {}

/**
 * The document key of one version of one file: 32 characters of `[0-9A-Za-z_-]`,
 * stable for (file_id, version), unguessable without the secret.
 *
 * Options:
 * - `allow_weak` (default false): accept a secret shorter than 32 bytes, the default
 *   `secret` or a guessable one (while it is being replaced)
 *
 * @param string|list<string> $secret
 * @param array{allow_weak?: bool} $options
 * @throws JwtException
 */
function document_key(#[\SensitiveParameter] string|array $secret, string $file_id, int|string $version, array $options = []): string {}

/**
 * Derives from one master secret the Document Server secrets `inbox`, `outbox`,
 * `session` and the connector subkeys `links`, `doc_keys` (HKDF-SHA256), as base64url
 * text.
 *
 * Options:
 * - `allow_weak` (default false): accept a secret shorter than 32 bytes, the default
 *   `secret` or a guessable one (while it is being replaced)
 *
 * @param array{allow_weak?: bool} $options
 * @return array{inbox: string, outbox: string, session: string, links: string, doc_keys: string}
 * @throws JwtException
 */
function derive_secrets(#[\SensitiveParameter] string $master, array $options = []): array {}

/**
 * Signs a connector URL (a download or callback endpoint) so that it expires: the URL
 * with `oo_exp` and `oo_sig` appended.
 *
 * Options:
 * - `ttl` (default 900): seconds until the link expires
 * - `now` (default null): the clock, in Unix seconds, for tests (none given: the
 *   system clock)
 * - `allow_weak` (default false): accept a secret shorter than 32 bytes, the default
 *   `secret` or a guessable one (while it is being replaced)
 *
 * @param string|list<string> $secret
 * @param array{ttl?: int, now?: int|null, allow_weak?: bool} $options
 * @throws JwtException
 */
function sign_link(string $url, #[\SensitiveParameter] string|array $secret, array $options = []): string {}

/**
 * Verifies a URL made by `sign_link` and returns it without `oo_exp` and `oo_sig`.
 *
 * Options:
 * - `now` (default null): the clock, in Unix seconds, for tests (none given: the
 *   system clock)
 * - `allow_weak` (default false): accept a secret shorter than 32 bytes, the default
 *   `secret` or a guessable one (while it is being replaced)
 *
 * @param string|list<string> $secret
 * @param array{now?: int|null, allow_weak?: bool} $options
 * @throws JwtException
 */
function verify_link(#[\SensitiveParameter] string $url, #[\SensitiveParameter] string|array $secret, array $options = []): string {}

/**
 * Audits a Document Server `local.json` (its text): the findings, a list of objects
 * `{severity, code, path, message, fix}` (plus `line`, `column`, `context` for a
 * syntax error), errors first. Reads the files named by `secret.*.file`.
 *
 * Options:
 * - `connector_secret` (default null): the connector's secret: the Document Server's
 *   must match it
 *
 * @param array{connector_secret?: string|null} $options
 * @return list<array{severity: string, code: string, path: string, message: string, fix: string}>
 * @throws JwtException
 */
function audit_ds_config(#[\SensitiveParameter] string $local_json_text, #[\SensitiveParameter] array $options = []): array {}

/**
 * Base class of every exception of the extension. `getCode()` is the stable error
 * number (-1 for an internal failure, e.g. a caught Rust panic),
 * `getErrorName()` the stable error name (`internal` for this base class).
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

/** `malformed` (1): The token or body is not well-formed (encoding, JSON, structure). */
class MalformedException extends JwtException {}

/** `bad_signature` (2): The signature matches none of the accepted secrets. */
class BadSignatureException extends JwtException {}

/** `alg_not_allowed` (3): The algorithm is outside the allow-list (including `none`). */
class AlgNotAllowedException extends JwtException {}

/** `expired` (4): `exp` is in the past, beyond the leeway. */
class ExpiredException extends JwtException {}

/** `not_yet_valid` (5): `nbf` or `iat` is in the future, beyond the leeway. */
class NotYetValidException extends JwtException {}

/** `missing_claim` (6): A required claim is absent. */
class MissingClaimException extends JwtException {}

/** `invalid_claim` (7): A claim has the wrong type or value. */
class InvalidClaimException extends JwtException {}

/** `missing_token` (8): No token was given where one is required. */
class MissingTokenException extends JwtException {}

/** `key_mismatch` (9): The signed document key differs from the expected one. */
class KeyMismatchException extends JwtException {}

/** `weak_secret` (10): A secret is empty, the default `secret`, shorter than 32 bytes or guessable. */
class WeakSecretException extends JwtException {}

/** `too_large` (11): An input exceeds its size limit. */
class TooLargeException extends JwtException {}

/** `url_not_allowed` (12): A URL points outside the allowed origins. */
class UrlNotAllowedException extends JwtException {}

/** `invalid_input` (13): An argument or option is invalid. */
class InvalidInputException extends JwtException {}

/** `invalid_config` (14): A configuration (e.g. a Document Server `local.json`) cannot be used. */
class InvalidConfigException extends JwtException {}
