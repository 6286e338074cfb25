"""Type stubs of the native part of onlyoffice_jwt (see the package docstring).

Generated from the table of operations (crates/onlyoffice-jwt-table): do not edit,
run `make generate`.
"""

from typing import Any, ClassVar, Optional, Sequence, Union

_Secret = Union[str, bytes, bytearray]
_Secrets = Union[_Secret, Sequence[_Secret]]
_Text = Union[str, bytes]
_JsonObject = dict[str, Any]

__all__ = [
    "AlgNotAllowedError",
    "BadSignatureError",
    "DETACH_THRESHOLD",
    "ExpiredError",
    "InvalidClaimError",
    "InvalidConfigError",
    "InvalidInputError",
    "JwtError",
    "KeyMismatchError",
    "MalformedError",
    "MissingClaimError",
    "MissingTokenError",
    "NotYetValidError",
    "TooLargeError",
    "UrlNotAllowedError",
    "WeakSecretError",
    "audit_ds_config",
    "b64url_decode",
    "check_download_url",
    "decode_jws_unverified",
    "decode_unverified",
    "derive_secrets",
    "document_key",
    "guard_callback",
    "guard_download",
    "sign",
    "sign_config",
    "sign_jws",
    "sign_jws_bytes",
    "sign_link",
    "sign_request",
    "verify",
    "verify_callback",
    "verify_incoming",
    "verify_jws",
    "verify_link",
]

DETACH_THRESHOLD: int

class JwtError(Exception):
    """Base class of every onlyoffice_jwt error ("internal" and -1 only here)."""

    code: ClassVar[str]
    number: ClassVar[int]
    detail: Optional[str]
    """Which part of the input failed (e.g. "header.json", "claims.exp"), or None."""

class MalformedError(JwtError):
    """The token or body is not well-formed (encoding, JSON, structure). Code
    "malformed", number 1."""

class BadSignatureError(JwtError):
    """The signature matches none of the accepted secrets. Code "bad_signature", number
    2."""

class AlgNotAllowedError(JwtError):
    """The algorithm is outside the allow-list (including `none`). Code
    "alg_not_allowed", number 3."""

class ExpiredError(JwtError):
    """`exp` is in the past, beyond the leeway. Code "expired", number 4."""

class NotYetValidError(JwtError):
    """`nbf` or `iat` is in the future, beyond the leeway. Code "not_yet_valid", number
    5."""

class MissingClaimError(JwtError):
    """A required claim is absent. Code "missing_claim", number 6."""

class InvalidClaimError(JwtError):
    """A claim has the wrong type or value. Code "invalid_claim", number 7."""

class MissingTokenError(JwtError):
    """No token was given where one is required. Code "missing_token", number 8."""

class KeyMismatchError(JwtError):
    """The signed document key differs from the expected one. Code "key_mismatch", number
    9."""

class WeakSecretError(JwtError):
    """A secret is empty, the default `secret`, shorter than 32 bytes or guessable. Code
    "weak_secret", number 10."""

class TooLargeError(JwtError):
    """An input exceeds its size limit. Code "too_large", number 11."""

class UrlNotAllowedError(JwtError):
    """A URL points outside the allowed origins. Code "url_not_allowed", number 12."""

class InvalidInputError(JwtError):
    """An argument or option is invalid. Code "invalid_input", number 13."""

class InvalidConfigError(JwtError):
    """A configuration (e.g. a Document Server `local.json`) cannot be used. Code
    "invalid_config", number 14."""

def sign(
    claims: _JsonObject,
    secret: _Secrets,
    *,
    alg: str = "HS256",
    ttl: Optional[int] = None,
    iat: bool = True,
    now: Optional[int] = None,
    allow_weak: bool = False,
) -> str:
    """Signs claims and returns the compact JWT."""

def sign_jws(header: _Text, payload: _Text, secret: _Secrets, *, allow_weak: bool = False) -> str:
    """Signs a header and a payload given as JSON texts, byte for byte, and returns the
    compact JWT: for a facade that must reproduce another library's tokens."""

def sign_jws_bytes(
    header: _Text,
    payload: Union[bytes, bytearray, str],
    secret: _Secrets,
    *,
    allow_weak: bool = False,
) -> str:
    """Signs a header given as JSON text and a payload of any bytes, and returns the
    compact JWS: for a facade of a JWS library whose payloads need not be JSON."""

def verify(
    token: _Text,
    secret: _Secrets,
    *,
    algorithms: Optional[Sequence[str]] = None,
    leeway: int = 60,
    verify_exp: bool = True,
    verify_nbf: bool = True,
    verify_iat: bool = True,
    require: Optional[Sequence[str]] = None,
    max_size: int = 1048576,
    now: Optional[int] = None,
    time_rules: str = "precise",
    allow_weak: bool = False,
) -> _JsonObject:
    """Verifies a compact JWT strictly and returns its claims: the structure, the header,
    the signature in constant time, then the time claims (`nbf`, `iat`, `exp`, by
    `time_rules`), then the required claims."""

def verify_jws(
    token: _Text,
    secret: _Secrets,
    detached_payload: Optional[bytes] = None,
    *,
    algorithms: Optional[Sequence[str]] = None,
    max_size: int = 1048576,
    allow_weak: bool = False,
) -> dict[str, Any]:
    """Verifies a compact JWS whose payload is any bytes: structure, header and
    signature, nothing about the payload."""

def decode_jws_unverified(token: _Text, *, max_size: int = 1048576) -> dict[str, Any]:
    """The parts of a compact JWS whose payload is any bytes, **nothing verified** but
    its structure."""

def b64url_decode(segment: _Text) -> bytes:
    """The bytes of one token segment, decoded as the core decodes tokens: canonical
    unpadded base64url only."""

def decode_unverified(token: _Text, *, max_size: int = 1048576) -> _JsonObject:
    """The header and claims of a compact JWT, `{"header": …, "claims": …}`, **nothing
    verified**: for inspection and logging only."""

def sign_config(
    config: _JsonObject,
    secret: _Secrets,
    *,
    alg: str = "HS256",
    ttl: Optional[int] = None,
    now: Optional[int] = None,
    allow_weak: bool = False,
) -> _JsonObject:
    """Signs an editor config for the Document Server and returns it with `token` added
    last."""

def sign_request(
    body: _JsonObject,
    secret: _Secrets,
    *,
    alg: str = "HS256",
    header: str = "Authorization",
    prefix: str = "Bearer ",
    ttl: Optional[int] = 300,
    now: Optional[int] = None,
    allow_weak: bool = False,
) -> _JsonObject:
    """Signs a request body for the command, conversion or docbuilder service: `{"body":
    {…, "token"}, "headers": {header: prefix + token}, "header_omitted": false}`, the
    header token carrying `{"payload": body}`."""

def verify_callback(
    body: Union[bytes, bytearray, str],
    secret: _Secrets,
    authorization: Optional[str] = None,
    *,
    prefix: str = "Bearer ",
    algorithms: Optional[Sequence[str]] = None,
    leeway: int = 60,
    expected_key: Optional[str] = None,
    max_size: Optional[int] = None,
    now: Optional[int] = None,
    allow_weak: bool = False,
) -> _JsonObject:
    """Verifies a save callback of the Document Server and returns its signed claims
    only: the body's `token` first, else the `authorization` header value; a `payload`
    claim is unwrapped; `key` and `status` must be signed."""

def verify_incoming(
    authorization: Optional[_Text],
    secret: _Secrets,
    url: Optional[str] = None,
    *,
    prefix: str = "Bearer ",
    algorithms: Optional[Sequence[str]] = None,
    leeway: int = 60,
    now: Optional[int] = None,
    allow_weak: bool = False,
) -> _JsonObject:
    """Verifies a request of the Document Server to the connector (a file download) from
    its header value and returns the signed claims (`payload` unwrapped)."""

def guard_callback(
    body: Union[bytes, bytearray, str],
    secret: _Secrets,
    ds_url: _Text,
    authorization: Optional[str] = None,
    *,
    ds_internal_url: Optional[str] = None,
    extra_ds_urls: Optional[Sequence[str]] = None,
    prefix: str = "Bearer ",
    algorithms: Optional[Sequence[str]] = None,
    leeway: int = 60,
    expected_key: Optional[str] = None,
    max_size: Optional[int] = None,
    now: Optional[int] = None,
    allow_weak: bool = False,
) -> _JsonObject:
    """Guards a callback before connector code that trusts its plain body reads it:
    verified as `verify_callback`; every member of the plain body must be the signed
    one (absent is fine, `history` may be `{}`); every URL to fetch must be on the
    Document Server (as `check_download_url`)."""

def guard_download(
    authorization: Optional[_Text],
    secret: _Secrets,
    target: _Text,
    *,
    prefix: str = "Bearer ",
    algorithms: Optional[Sequence[str]] = None,
    leeway: int = 60,
    now: Optional[int] = None,
    allow_weak: bool = False,
) -> _JsonObject:
    """Guards a request of the Document Server to the connector (a file download):
    verified as `verify_incoming`; the signed `url` must name `target` (this request's
    path and query, or its whole URL) once both are normalised as the Document Server
    requests a URL."""

def check_download_url(
    url: _Text,
    ds_url: _Text,
    ds_internal_url: Optional[str] = None,
    *,
    extra_ds_urls: Optional[Sequence[str]] = None,
) -> str:
    """The URL to fetch for a callback's `url` or `changesurl`: on the Document Server's
    origin and under its path (`ds_url`, or `ds_internal_url`, to which a URL on
    `ds_url` is rewritten), or under one of `extra_ds_urls`; anything else is
    `url_not_allowed`."""

def document_key(
    secret: _Secrets,
    file_id: _Text,
    version: Union[str, int],
    *,
    allow_weak: bool = False,
) -> str:
    """The document key of one version of one file: 32 characters of `[0-9A-Za-z_-]`,
    stable for (file_id, version), unguessable without the secret."""

def derive_secrets(master: _Secret, *, allow_weak: bool = False) -> dict[str, str]:
    """Derives from one master secret the Document Server secrets `inbox`, `outbox`,
    `session` and the connector subkeys `links`, `doc_keys` (HKDF-SHA256), as
    base64url text."""

def sign_link(
    url: _Text,
    secret: _Secrets,
    *,
    ttl: int = 900,
    now: Optional[int] = None,
    allow_weak: bool = False,
) -> str:
    """Signs a connector URL (a download or callback endpoint) so that it expires: the
    URL with `oo_exp` and `oo_sig` appended."""

def verify_link(
    url: _Text,
    secret: _Secrets,
    *,
    now: Optional[int] = None,
    allow_weak: bool = False,
) -> str:
    """Verifies a URL made by `sign_link` and returns it without `oo_exp` and `oo_sig`."""

def audit_ds_config(
    local_json_text: _Text,
    *,
    connector_secret: Optional[str] = None,
) -> list[_JsonObject]:
    """Audits a Document Server `local.json` (its text): the findings, a list of objects
    `{severity, code, path, message, fix}` (plus `line`, `column`, `context` for a
    syntax error), errors first."""
