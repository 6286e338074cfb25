"""onlyoffice_jwt — every security-sensitive step of an ONLYOFFICE Docs connector.

The functions are those of the onlyoffice-jwt core (Rust), the same in PHP, C and the
CLI: dicts in, dicts out; secrets as ``str`` (UTF-8) or ``bytes``, or a list of them
whose first entry signs and all of which verify (rotation). Options are keyword
arguments; ``now`` (Unix seconds) pins the clock for tests.

Every failure raises a subclass of :class:`JwtError` whose ``code`` is the stable error
name (``"bad_signature"``) and ``number`` its stable number (2).

Submodules: :mod:`onlyoffice_jwt.compat` (PyJWT's API for HS256/384/512) and
:mod:`onlyoffice_jwt.django` (the save-callback helper for Seahub).
"""

from ._native import (
    AlgNotAllowedError,
    BadSignatureError,
    ExpiredError,
    InvalidClaimError,
    InvalidConfigError,
    InvalidInputError,
    JwtError,
    KeyMismatchError,
    MalformedError,
    MissingClaimError,
    MissingTokenError,
    NotYetValidError,
    TooLargeError,
    UrlNotAllowedError,
    WeakSecretError,
    audit_ds_config,
    check_download_url,
    decode_jws_unverified,
    decode_unverified,
    derive_secrets,
    document_key,
    guard_callback,
    guard_download,
    sign,
    sign_config,
    sign_jws,
    sign_jws_bytes,
    sign_link,
    sign_request,
    verify,
    verify_callback,
    verify_incoming,
    verify_jws,
    verify_link,
)

__all__ = [
    "AlgNotAllowedError",
    "BadSignatureError",
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
