"""Type stubs of the native part of onlyoffice_jwt (see the package docstring)."""

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
    """The token or body is not well-formed (code "malformed", 1)."""

class BadSignatureError(JwtError):
    """The signature matches none of the secrets (code "bad_signature", 2)."""

class AlgNotAllowedError(JwtError):
    """The algorithm is outside the allow-list (code "alg_not_allowed", 3)."""

class ExpiredError(JwtError):
    """exp is past, beyond the leeway (code "expired", 4)."""

class NotYetValidError(JwtError):
    """nbf or iat is in the future, beyond the leeway (code "not_yet_valid", 5)."""

class MissingClaimError(JwtError):
    """A required claim is absent (code "missing_claim", 6)."""

class InvalidClaimError(JwtError):
    """A claim has the wrong type or value (code "invalid_claim", 7)."""

class MissingTokenError(JwtError):
    """No token where one is required (code "missing_token", 8)."""

class KeyMismatchError(JwtError):
    """The signed document key is not the expected one (code "key_mismatch", 9)."""

class WeakSecretError(JwtError):
    """Empty, default or short secret (code "weak_secret", 10)."""

class TooLargeError(JwtError):
    """An input exceeds its size limit (code "too_large", 11)."""

class UrlNotAllowedError(JwtError):
    """A URL outside the allowed origins (code "url_not_allowed", 12)."""

class InvalidInputError(JwtError):
    """An argument or option is invalid (code "invalid_input", 13)."""

class InvalidConfigError(JwtError):
    """A configuration cannot be used (code "invalid_config", 14)."""

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
    """Signs claims; returns the compact JWT."""

def sign_jws(header: _Text, payload: _Text, secret: _Secrets, *, allow_weak: bool = False) -> str:
    """The JWT over the given header and payload JSON texts, byte for byte."""

def sign_jws_bytes(header: _Text, payload: bytes, secret: _Secrets, *, allow_weak: bool = False) -> str:
    """The JWS over the given header JSON text and payload bytes (any bytes)."""

def verify_jws(
    token: _Text,
    secret: _Secrets,
    detached_payload: Optional[bytes] = None,
    *,
    algorithms: Optional[Sequence[str]] = None,
    max_size: int = 1048576,
    allow_weak: bool = False,
) -> dict[str, Any]:
    """Verifies a JWS whose payload is any bytes (or detached, RFC 7797):
    {"header", "payload", "signature"}."""

def b64url_decode(segment: _Text) -> bytes:
    """One token segment's bytes: canonical unpadded base64url only."""

def decode_jws_unverified(token: _Text, *, max_size: int = 1048576) -> dict[str, Any]:
    """{"header", "payload", "signature"} of a JWS, nothing verified."""

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
    allow_weak: bool = False,
) -> _JsonObject:
    """Verifies a JWT strictly; returns its claims."""

def decode_unverified(token: _Text) -> _JsonObject:
    """{"header": ..., "claims": ...} of a JWT, nothing verified."""

def sign_config(
    config: _JsonObject,
    secret: _Secrets,
    *,
    alg: str = "HS256",
    ttl: Optional[int] = None,
    now: Optional[int] = None,
    allow_weak: bool = False,
) -> _JsonObject:
    """The editor config with token added last."""

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
    """{"body": {..., "token"}, "headers": {header: prefix + token}, "header_omitted": bool};
    headers is empty when the header token would reach 7168 characters."""

def verify_callback(
    body: Union[bytes, bytearray, str],
    secret: _Secrets,
    authorization: Optional[_Text] = None,
    *,
    prefix: str = "Bearer ",
    algorithms: Optional[Sequence[str]] = None,
    leeway: int = 60,
    expected_key: Optional[str] = None,
    max_size: Optional[int] = None,
    now: Optional[int] = None,
    allow_weak: bool = False,
) -> _JsonObject:
    """The signed claims of a Document Server callback."""

def verify_incoming(
    authorization: Optional[_Text],
    secret: _Secrets,
    url: Optional[_Text] = None,
    *,
    prefix: str = "Bearer ",
    algorithms: Optional[Sequence[str]] = None,
    leeway: int = 60,
    now: Optional[int] = None,
    allow_weak: bool = False,
) -> _JsonObject:
    """The signed claims of a Document Server request to the connector."""

def guard_callback(
    body: Union[bytes, bytearray, str],
    secret: _Secrets,
    ds_url: _Text,
    authorization: Optional[_Text] = None,
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
    """{"claims": <signed claims>, "fetch": {member: URL to fetch}} for a callback whose
    plain body is the signed one and whose URLs are on the Document Server."""

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
    """The signed claims of a Document Server request whose signed url names target."""

def check_download_url(
    url: _Text,
    ds_url: _Text,
    ds_internal_url: Optional[_Text] = None,
    *,
    extra_ds_urls: Optional[Sequence[str]] = None,
) -> str:
    """The URL to fetch for a callback url/changesurl, on the Document Server only."""

def document_key(
    secret: _Secrets, file_id: _Text, version: Union[str, int], *, allow_weak: bool = False
) -> str:
    """The unguessable, stable document key of (file_id, version)."""

def derive_secrets(master: _Secret, *, allow_weak: bool = False) -> dict[str, str]:
    """inbox, outbox, session, links, doc_keys derived from one master secret."""

def sign_link(
    url: _Text,
    secret: _Secrets,
    *,
    ttl: int = 900,
    now: Optional[int] = None,
    allow_weak: bool = False,
) -> str:
    """The URL with oo_exp and oo_sig appended."""

def verify_link(
    url: _Text, secret: _Secrets, *, now: Optional[int] = None, allow_weak: bool = False
) -> str:
    """The verified URL without oo_exp and oo_sig."""

def audit_ds_config(
    local_json_text: _Text, *, connector_secret: Optional[str] = None
) -> list[_JsonObject]:
    """Findings for a Document Server local.json, errors first."""
