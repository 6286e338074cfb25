"""PyJWT's API for HS256/HS384/HS512, on top of the onlyoffice_jwt core.

``import onlyoffice_jwt.compat as jwt`` replaces ``import jwt`` in code that signs and
verifies HMAC tokens (Seahub's ONLYOFFICE integration); ``onlyoffice_jwt.compat.install()``
makes ``import jwt`` (and ``jwt.algorithms``, ``jwt.exceptions``, ``jwt.warnings``,
``jwt.utils``) resolve to
it. Same functions, arguments and defaults (``verify_exp``/``verify_nbf``/``verify_iat``
on and switchable, ``require`` empty, ``leeway`` 0, ``algorithms`` mandatory when
verifying), same exception and warning classes with the same inheritance, the same
token bytes as PyJWT (its header order, ``headers``, ``json.dumps`` escapes). Signing
and signature checks run in the Rust core.

Where it is stricter than PyJWT (each refusal raises the PyJWT class named):

- only HS256, HS384 and HS512: any other ``algorithm`` (including ``None``, i.e.
  ``none``) is ``NotImplementedError`` when encoding; a token with another ``alg`` is
  ``InvalidAlgorithmError``;
- a header our verification would refuse (a ``typ`` other than ``JWT``, ``crit``,
  ``b64``) is ``NotImplementedError`` when encoding;
- an empty key is ``InvalidKeyError``; keys shorter than the hash's digest warn with
  ``InsecureKeyLengthWarning`` (as PyJWT does), or with
  ``options={"enforce_minimum_key_length": True}`` are ``InvalidKeyError``;
- tokens: canonical unpadded base64url only, no duplicate JSON members, ``typ``
  absent or ``JWT``, no ``crit``/``b64`` header, at most 1 MiB (``DecodeError``);
  ``exp``/``nbf``/``iat`` must be non-negative JSON numbers (``DecodeError``,
  ``InvalidIssuedAtError`` for ``iat``), even when their checks are switched off;
- ``verify_exp``/``verify_nbf``/``verify_iat`` cannot be switched on without the
  signature (``NotImplementedError``); a negative ``leeway`` is ``ValueError``, a
  fractional one is rounded up.
"""

from __future__ import annotations

import base64
import json
import math
import warnings as _warnings
from calendar import timegm
from collections.abc import Container, Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any, Optional, Union

from .. import _native

__all__ = [
    "DecodeError",
    "ExpiredSignatureError",
    "ImmatureSignatureError",
    "InvalidAlgorithmError",
    "InvalidAudienceError",
    "InvalidIssuedAtError",
    "InvalidIssuerError",
    "InvalidJTIError",
    "InvalidKeyError",
    "InvalidSignatureError",
    "InvalidSubjectError",
    "InvalidTokenError",
    "MissingRequiredClaimError",
    "PyJWTError",
    "decode",
    "decode_complete",
    "InsecureKeyLengthWarning",
    "RemovedInPyjwt3Warning",
    "encode",
    "get_unverified_header",
    "install",
]

_HS_ALGORITHMS = ("HS256", "HS384", "HS512")


from .exceptions import (  # noqa: E402  (re-exported, as PyJWT does)
    DecodeError,
    ExpiredSignatureError,
    ImmatureSignatureError,
    InvalidAlgorithmError,
    InvalidAudienceError,
    InvalidIssuedAtError,
    InvalidIssuerError,
    InvalidJTIError,
    InvalidKeyError,
    InvalidSignatureError,
    InvalidSubjectError,
    InvalidTokenError,
    MissingRequiredClaimError,
    PyJWTError,
)
from .warnings import InsecureKeyLengthWarning, RemovedInPyjwt3Warning  # noqa: E402

_DEFAULT_OPTIONS = {
    "verify_signature": True,
    "verify_exp": True,
    "verify_nbf": True,
    "verify_iat": True,
    "verify_aud": True,
    "verify_iss": True,
    "verify_sub": True,
    "verify_jti": True,
    "require": [],
    "strict_aud": False,
    "enforce_minimum_key_length": False,
}

_TIME_OPTIONS = ("verify_exp", "verify_nbf", "verify_iat")

_VERIFY_ERRORS = {
    _native.MalformedError: DecodeError,
    _native.TooLargeError: DecodeError,
    _native.InvalidInputError: DecodeError,
    _native.BadSignatureError: InvalidSignatureError,
    _native.AlgNotAllowedError: InvalidAlgorithmError,
    _native.ExpiredError: ExpiredSignatureError,
    _native.NotYetValidError: ImmatureSignatureError,
    _native.WeakSecretError: InvalidKeyError,
}


def _check_key(key: Any) -> None:
    if not isinstance(key, (str, bytes, list, tuple)):
        raise TypeError("Expected a string value")


_DIGEST_SIZES = {"HS256": 32, "HS384": 48, "HS512": 64}


def _key_bytes(key: Any) -> bytes:
    if isinstance(key, str):
        return key.encode("utf-8")
    if isinstance(key, bytes):
        return key
    raise TypeError("Expected a string value")


def _check_key_length(keys: Sequence[bytes], algorithm: str, enforce: bool) -> None:
    """PyJWT's rule: an HMAC key shorter than the hash's digest warns
    (``InsecureKeyLengthWarning``), or with ``enforce_minimum_key_length`` is refused."""
    minimum = _DIGEST_SIZES[algorithm]
    for key in keys:
        if len(key) < minimum:
            message = (
                f"The HMAC key is {len(key)} bytes long, which is below the minimum "
                f"recommended length of {minimum} bytes for SHA{algorithm[2:]}. "
                "See RFC 7518 Section 3.2."
            )
            if enforce:
                raise InvalidKeyError(message)
            _warnings.warn(message, InsecureKeyLengthWarning, stacklevel=4)


def encode(
    payload: dict[str, Any],
    key: Union[str, bytes],
    algorithm: Optional[str] = "HS256",
    headers: Optional[dict[str, Any]] = None,
    json_encoder: Optional[type[json.JSONEncoder]] = None,
    sort_headers: bool = True,
) -> str:
    """Signs ``payload`` (a dict) and returns the compact JWT, like ``jwt.encode``: the
    same bytes as PyJWT (header ``{"alg":…,"typ":"JWT"}`` plus ``headers``, sorted
    unless ``sort_headers`` is false; ``json.dumps`` of the payload), signed by the core.

    ``exp``, ``iat`` and ``nbf`` given as ``datetime`` become Unix seconds; no claim is
    added. A key shorter than the algorithm's digest warns with
    ``InsecureKeyLengthWarning``, as in PyJWT.
    """
    if not isinstance(payload, dict):
        raise TypeError(
            "Expecting a dict object, as JWT only supports JSON objects as payloads."
        )
    header: dict[str, Any] = {"typ": "JWT", "alg": algorithm}
    if headers:
        if "kid" in headers and not isinstance(headers["kid"], str):
            raise InvalidTokenError("Key ID header parameter must be a string")
        header.update(headers)
        if not header.get("typ"):
            del header["typ"]
    algorithm = header["alg"]
    if algorithm not in _HS_ALGORITHMS:
        raise NotImplementedError("Algorithm not supported")
    secret = _key_bytes(key)
    payload = payload.copy()
    for claim in ("exp", "iat", "nbf"):
        if isinstance(payload.get(claim), datetime):
            payload[claim] = timegm(payload[claim].utctimetuple())
    if "iss" in payload and not isinstance(payload["iss"], str):
        raise TypeError("Issuer (iss) must be a string.")
    _check_key_length([secret], algorithm, enforce=False)
    json_header = json.dumps(header, separators=(",", ":"), cls=json_encoder, sort_keys=sort_headers)
    json_payload = json.dumps(payload, separators=(",", ":"), cls=json_encoder)
    try:
        return _native.sign_jws(json_header, json_payload, secret, allow_weak=True)
    except _native.WeakSecretError as error:
        raise InvalidKeyError(str(error)) from error
    except _native.InvalidInputError as error:
        raise NotImplementedError(str(error)) from error


def _merge_options(options: Optional[dict[str, Any]]) -> dict[str, Any]:
    if not options:
        return _DEFAULT_OPTIONS
    merged = dict(options)
    if not merged.get("verify_signature", True):
        for name in _DEFAULT_OPTIONS:
            if name.startswith("verify_"):
                merged.setdefault(name, False)
    return {**_DEFAULT_OPTIONS, **merged}


def _leeway_seconds(leeway: Union[float, timedelta]) -> int:
    if leeway == 0:
        return 0
    if isinstance(leeway, timedelta):
        leeway = leeway.total_seconds()
    if leeway < 0:
        raise ValueError("onlyoffice_jwt.compat: leeway must not be negative")
    return math.ceil(leeway)


def _native_error(error: _native.JwtError, token: Union[str, bytes]) -> PyJWTError:
    if isinstance(error, _native.InvalidClaimError):
        claims = _native.decode_unverified(token)["claims"]
        iat = claims.get("iat")
        if "iat" in claims and (
            isinstance(iat, bool) or not isinstance(iat, (int, float)) or iat < 0
        ):
            return InvalidIssuedAtError("Issued At claim (iat) must be an integer.")
        return DecodeError(str(error))
    return _VERIFY_ERRORS.get(type(error), DecodeError)(str(error))


def _decode(
    jwt: Union[str, bytes],
    key: Any,
    algorithms: Optional[Sequence[str]],
    options: dict[str, Any],
    leeway: int,
    header: bool,
) -> dict[str, Any]:
    """Header and claims: verified by the core, or only decoded."""
    if not isinstance(jwt, (str, bytes)):
        raise DecodeError(f"Invalid token type. Token must be a {bytes}")
    time_checks = {name: bool(options[name]) for name in _TIME_OPTIONS}
    if not options["verify_signature"]:
        if any(time_checks.values()):
            raise NotImplementedError(
                "onlyoffice_jwt.compat checks exp, nbf and iat only with the signature"
            )
        try:
            return _native.decode_unverified(jwt)
        except _native.JwtError as error:
            raise DecodeError(str(error)) from error
    if not algorithms:
        raise DecodeError(
            'It is required that you pass in a value for the "algorithms" argument '
            "when calling decode()."
        )
    if isinstance(algorithms, str):
        algorithms = [algorithms]
    allowed = [name for name in algorithms if name in _HS_ALGORITHMS]
    if not allowed:
        raise InvalidAlgorithmError("The specified alg value is not allowed")
    _check_key(key)
    keys = [_key_bytes(item) for item in key] if isinstance(key, (list, tuple)) else [_key_bytes(key)]
    try:
        token_alg = _native.decode_unverified(jwt)["header"].get("alg")
    except _native.JwtError as error:
        raise DecodeError(str(error)) from error
    if token_alg in allowed:
        _check_key_length(keys, token_alg, options["enforce_minimum_key_length"])
    try:
        claims = _native.verify(
            jwt,
            key,
            algorithms=allowed,
            leeway=leeway,
            allow_weak=True,
            **time_checks,
        )
        header_fields = _native.decode_unverified(jwt)["header"] if header else {}
    except _native.JwtError as error:
        raise _native_error(error, jwt) from error
    return {"header": header_fields, "claims": claims}


def _validate_aud(
    claims: dict[str, Any], audience: Union[str, Iterable[str], None], strict: bool
) -> None:
    if audience is None:
        if claims.get("aud"):
            raise InvalidAudienceError("Invalid audience")
        return
    if not claims.get("aud"):
        raise MissingRequiredClaimError("aud")
    aud = claims["aud"]
    if strict:
        if not isinstance(audience, str) or not isinstance(aud, str):
            raise InvalidAudienceError("Invalid audience (strict)")
        if audience != aud:
            raise InvalidAudienceError("Audience doesn't match (strict)")
        return
    token_audiences = [aud] if isinstance(aud, str) else aud
    if not isinstance(token_audiences, list) or not all(
        isinstance(item, str) for item in token_audiences
    ):
        raise InvalidAudienceError("Invalid claim format in token")
    expected = [audience] if isinstance(audience, str) else list(audience)
    if not any(item in token_audiences for item in expected):
        raise InvalidAudienceError("Audience doesn't match")


def _validate_iss(claims: dict[str, Any], issuer: Union[str, Container[str], None]) -> None:
    if issuer is None:
        return
    if "iss" not in claims:
        raise MissingRequiredClaimError("iss")
    iss = claims["iss"]
    if not isinstance(iss, str):
        raise InvalidIssuerError("Payload Issuer (iss) must be a string")
    try:
        matches = iss == issuer if isinstance(issuer, str) else iss in issuer
    except TypeError:
        raise InvalidIssuerError('Issuer param must be "str" or "Container[str]"') from None
    if not matches:
        raise InvalidIssuerError("Invalid issuer")


def _validate_claims(
    claims: dict[str, Any],
    options: dict[str, Any],
    audience: Union[str, Iterable[str], None],
    issuer: Union[str, Container[str], None],
    subject: Optional[str],
) -> None:
    """PyJWT's checks of ``require``, ``iss``, ``aud``, ``sub`` and ``jti``."""
    if audience is not None and not isinstance(audience, (str, Iterable)):
        raise TypeError("audience must be a string, iterable or None")
    for claim in options["require"]:
        if claims.get(claim) is None:
            raise MissingRequiredClaimError(claim)
    if options["verify_iss"]:
        _validate_iss(claims, issuer)
    if options["verify_aud"]:
        _validate_aud(claims, audience, options["strict_aud"])
    if options["verify_sub"] and "sub" in claims:
        if not isinstance(claims["sub"], str):
            raise InvalidSubjectError("Subject must be a string")
        if subject is not None and claims["sub"] != subject:
            raise InvalidSubjectError("Invalid subject")
    if options["verify_jti"] and "jti" in claims and not isinstance(claims["jti"], str):
        raise InvalidJTIError("JWT ID must be a string")


def _signature(jwt: Union[str, bytes]) -> bytes:
    text = jwt.decode("ascii", "replace") if isinstance(jwt, bytes) else jwt
    segment = text.rsplit(".", 1)[-1]
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def _decode_and_validate(
    jwt: Union[str, bytes],
    key: Any,
    algorithms: Optional[Sequence[str]],
    options: Optional[dict[str, Any]],
    audience: Union[str, Iterable[str], None],
    issuer: Union[str, Container[str], None],
    subject: Optional[str],
    leeway: Union[float, timedelta],
    header: bool,
) -> dict[str, Any]:
    merged = _merge_options(options)
    decoded = _decode(jwt, key, algorithms, merged, _leeway_seconds(leeway), header)
    _validate_claims(decoded["claims"], merged, audience, issuer, subject)
    return decoded


def decode_complete(
    jwt: Union[str, bytes],
    key: Union[str, bytes] = "",
    algorithms: Optional[Sequence[str]] = None,
    options: Optional[dict[str, Any]] = None,
    verify: Optional[bool] = None,
    detached_payload: Optional[bytes] = None,
    audience: Union[str, Iterable[str], None] = None,
    issuer: Union[str, Container[str], None] = None,
    subject: Optional[str] = None,
    leeway: Union[float, timedelta] = 0,
    **kwargs: Any,
) -> dict[str, Any]:
    """Like ``jwt.decode_complete``: ``{"header", "payload", "signature"}``.

    ``verify`` and ``detached_payload`` are accepted for signature compatibility;
    ``detached_payload`` (RFC 7797) is refused with ``DecodeError``.
    """
    if detached_payload is not None:
        raise DecodeError("onlyoffice_jwt.compat does not accept detached payloads")
    decoded = _decode_and_validate(
        jwt, key, algorithms, options, audience, issuer, subject, leeway, header=True
    )
    return {
        "header": decoded["header"],
        "payload": decoded["claims"],
        "signature": _signature(jwt),
    }


def decode(
    jwt: Union[str, bytes],
    key: Union[str, bytes] = "",
    algorithms: Optional[Sequence[str]] = None,
    options: Optional[dict[str, Any]] = None,
    verify: Optional[bool] = None,
    detached_payload: Optional[bytes] = None,
    audience: Union[str, Iterable[str], None] = None,
    subject: Optional[str] = None,
    issuer: Union[str, Container[str], None] = None,
    leeway: Union[float, timedelta] = 0,
    **kwargs: Any,
) -> dict[str, Any]:
    """Like ``jwt.decode``: verifies the token and returns its claims (dict)."""
    if detached_payload is not None:
        raise DecodeError("onlyoffice_jwt.compat does not accept detached payloads")
    return _decode_and_validate(
        jwt, key, algorithms, options, audience, issuer, subject, leeway, header=False
    )["claims"]


def get_unverified_header(jwt: Union[str, bytes]) -> dict[str, Any]:
    """Like ``jwt.get_unverified_header``: the header, **nothing verified**."""
    if not isinstance(jwt, (str, bytes)):
        raise DecodeError(f"Invalid token type. Token must be a {bytes}")
    try:
        return _native.decode_unverified(jwt)["header"]
    except _native.JwtError as error:
        raise DecodeError(str(error)) from error


def install() -> None:
    """Makes ``import jwt`` resolve to this module (and ``jwt.algorithms``,
    ``jwt.exceptions``, ``jwt.warnings``, ``jwt.utils`` to its submodules), for code written for PyJWT:
    call it once, before that code imports ``jwt`` (e.g. at the top of Seahub's
    ``seahub_settings.py``: ``import onlyoffice_jwt.compat; onlyoffice_jwt.compat.install()``).
    """
    import sys

    from . import algorithms, exceptions, utils, warnings

    sys.modules["jwt"] = sys.modules[__name__]
    sys.modules["jwt.algorithms"] = algorithms
    sys.modules["jwt.exceptions"] = exceptions
    sys.modules["jwt.warnings"] = warnings
    sys.modules["jwt.utils"] = utils
