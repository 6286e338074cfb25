"""PyJWT's API for HS256/HS384/HS512, on top of the onlyoffice_jwt core.

``import onlyoffice_jwt.compat as jwt`` replaces ``import jwt`` in code that signs and
verifies HMAC tokens (Seahub's ONLYOFFICE integration); ``onlyoffice_jwt.compat.install()``
makes ``import jwt`` and its submodules (``jwt.algorithms``, ``jwt.api_jwk``,
``jwt.api_jws``, ``jwt.api_jwt``, ``jwt.exceptions``, ``jwt.types``, ``jwt.utils``,
``jwt.warnings``) resolve to this package and its submodules of the same names.

Same functions, classes (``PyJWT``, ``PyJWS``, ``PyJWK``/``PyJWKSet`` for ``oct`` keys),
arguments, options and defaults, the same exception and warning classes with the same
inheritance and PyJWT's messages, the same token bytes as PyJWT (its header order,
``headers``, ``json.dumps`` escapes). Signing and every signature check run in the Rust
core.

Where it is stricter than PyJWT (each refusal raises the PyJWT class named):

- only HS256, HS384 and HS512 sign and verify: any other ``algorithm`` (``none``
  included, and algorithm objects registered by the caller) is ``NotImplementedError``
  when encoding; a token with another ``alg`` is ``InvalidAlgorithmError`` (an unsigned
  token whose ``none`` is allowed: ``InvalidSignatureError``, as in PyJWT);
- a header the core's verification would refuse (a ``typ`` other than ``JWT``, ``crit``,
  ``b64``/detached payloads) is ``NotImplementedError`` when encoding;
- tokens: canonical unpadded base64url only, no duplicate JSON members, ``typ``
  absent or ``JWT``, no ``crit`` extension and no ``b64`` header (RFC 7797)
  (``DecodeError``, ``InvalidTokenError`` for ``crit``), of any size as in PyJWT (a
  Document Server callback's token passes 1 MiB); ``exp``/``nbf``/``iat``
  must be non-negative JSON numbers (``DecodeError``, ``InvalidIssuedAtError`` for
  ``iat``) even when their checks are switched off;
- a negative ``leeway`` is ``ValueError``; a fractional one is rounded up.

Keys are checked as PyJWT 2.13 checks them: an empty key is ``InvalidKeyError``; keys
shorter than the hash's digest warn with ``InsecureKeyLengthWarning``, or with
``options={"enforce_minimum_key_length": True}`` are ``InvalidKeyError``.

A list of keys (``[new, old]``) verifies with any of them (onlyoffice_jwt's rotation).
"""

from __future__ import annotations

from .api_jwk import PyJWK, PyJWKSet
from .api_jws import (
    PyJWS,
    get_algorithm_by_name,
    get_unverified_header,
    register_algorithm,
    unregister_algorithm,
)
from .api_jwt import PyJWT, decode, decode_complete, encode
from .exceptions import (
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
    PyJWKClientConnectionError,
    PyJWKClientError,
    PyJWKError,
    PyJWKSetError,
    PyJWTError,
)
from .warnings import InsecureKeyLengthWarning, RemovedInPyjwt3Warning

__all__ = [
    "DecodeError",
    "ExpiredSignatureError",
    "ImmatureSignatureError",
    "InsecureKeyLengthWarning",
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
    "PyJWK",
    "PyJWKClientConnectionError",
    "PyJWKClientError",
    "PyJWKError",
    "PyJWKSet",
    "PyJWKSetError",
    "PyJWS",
    "PyJWT",
    "PyJWTError",
    "RemovedInPyjwt3Warning",
    "decode",
    "decode_complete",
    "encode",
    "get_algorithm_by_name",
    "get_unverified_header",
    "install",
    "register_algorithm",
    "unregister_algorithm",
]

_SUBMODULES = (
    "algorithms",
    "api_jwk",
    "api_jws",
    "api_jwt",
    "exceptions",
    "types",
    "utils",
    "warnings",
)


def install() -> None:
    """Makes ``import jwt`` resolve to this package and ``jwt.<name>`` to its submodule
    of the same name, for code written for PyJWT: call it once, before that code imports
    ``jwt`` (for Seahub, at the top of ``seahub_settings.py``:
    ``import onlyoffice_jwt.compat; onlyoffice_jwt.compat.install()``).
    """
    import importlib
    import sys

    sys.modules["jwt"] = sys.modules[__name__]
    for name in _SUBMODULES:
        sys.modules[f"jwt.{name}"] = importlib.import_module(f"{__name__}.{name}")
