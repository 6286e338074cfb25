"""PyJWT's ``jwt.api_jwk``: ``PyJWK`` and ``PyJWKSet`` for ``oct`` (HMAC) keys.

Keys of other types (RSA, EC, OKP) need PyJWT's asymmetric algorithms, which this facade
does not have: they raise ``MissingCryptographyError``, as PyJWT does without the
``cryptography`` package. Unlike PyJWT, no message repeats the JWK (it holds the secret).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, Optional

from .algorithms import get_default_algorithms, requires_cryptography
from .exceptions import (
    InvalidKeyError,
    MissingCryptographyError,
    PyJWKError,
    PyJWKSetError,
    PyJWTError,
)

__all__ = ["PyJWK", "PyJWKSet"]

_EC_CURVES = {"P-256": "ES256", "P-384": "ES384", "P-521": "ES512", "secp256k1": "ES256K"}


def _default_algorithm(jwk: dict[str, Any], kty: str) -> str:
    """The algorithm PyJWT infers from ``kty`` (and ``crv``) when the JWK names none."""
    crv = jwk.get("crv")
    if kty == "oct":
        return "HS256"
    if kty == "RSA":
        return "RS256"
    if kty == "EC":
        if not crv:
            return "ES256"
        if crv in _EC_CURVES:
            return _EC_CURVES[crv]
        raise InvalidKeyError(f"Unsupported crv: {crv}")
    if kty == "OKP":
        if not crv:
            raise InvalidKeyError("crv is not found in the JWK")
        if crv == "Ed25519":
            return "EdDSA"
        raise InvalidKeyError(f"Unsupported crv: {crv}")
    raise InvalidKeyError(f"Unsupported kty: {kty}")


class PyJWK:
    """A JSON Web Key (RFC 7517): ``key`` (the secret's bytes), ``algorithm_name`` and
    ``Algorithm``."""

    def __init__(self, jwk_data: dict[str, Any], algorithm: Optional[str] = None) -> None:
        """Reads an ``oct`` JWK; ``algorithm`` overrides its ``alg`` (default HS256)."""
        self._jwk_data = jwk_data
        kty = jwk_data.get("kty")
        if not kty:
            raise InvalidKeyError("kty is not found in the JWK")
        if not algorithm:
            algorithm = jwk_data.get("alg") or _default_algorithm(jwk_data, kty)
        if algorithm in requires_cryptography:
            raise MissingCryptographyError(f"{algorithm} requires 'cryptography' to be installed.")
        self.algorithm_name: str = algorithm
        try:
            self.Algorithm = get_default_algorithms()[algorithm]
        except KeyError:
            raise PyJWKError(f"Unable to find an algorithm for key of alg {algorithm!r}") from None
        try:
            self.key = self.Algorithm.from_jwk(jwk_data)
        except (TypeError, ValueError) as error:
            raise InvalidKeyError(f"Unable to construct key from JWK: {error}") from error

    @staticmethod
    def from_dict(obj: dict[str, Any], algorithm: Optional[str] = None) -> PyJWK:
        """The key of a JWK given as a dict."""
        return PyJWK(obj, algorithm)

    @staticmethod
    def from_json(data: str, algorithm: Optional[str] = None) -> PyJWK:
        """The key of a JWK given as JSON text."""
        return PyJWK.from_dict(json.loads(data), algorithm)

    @property
    def key_type(self) -> Optional[str]:
        """The JWK's ``kty``."""
        return self._jwk_data.get("kty")

    @property
    def key_id(self) -> Optional[str]:
        """The JWK's ``kid``."""
        return self._jwk_data.get("kid")

    @property
    def public_key_use(self) -> Optional[str]:
        """The JWK's ``use``."""
        return self._jwk_data.get("use")


class PyJWKSet:
    """A JWK Set: its usable keys, looked up by ``kid`` with ``[]``."""

    def __init__(self, keys: list[dict[str, Any]]) -> None:
        """Keeps every usable key of ``keys``; none usable is ``PyJWKSetError``."""
        self.keys: list[PyJWK] = []
        if not keys:
            raise PyJWKSetError("The JWK Set did not contain any keys")
        if not isinstance(keys, list):
            raise PyJWKSetError("Invalid JWK Set value")
        for key in keys:
            if not isinstance(key, dict):
                continue
            try:
                self.keys.append(PyJWK(key))
            except MissingCryptographyError:
                raise
            except PyJWTError:
                continue
        if not self.keys:
            raise PyJWKSetError(
                "The JWK Set did not contain any usable keys. Perhaps 'cryptography' is not installed?"
            )

    @staticmethod
    def from_dict(obj: dict[str, Any]) -> PyJWKSet:
        """The set of ``{"keys": [...]}``."""
        return PyJWKSet(obj.get("keys", []))

    @staticmethod
    def from_json(data: str) -> PyJWKSet:
        """The set of a JSON text."""
        return PyJWKSet.from_dict(json.loads(data))

    def __getitem__(self, kid: str) -> PyJWK:
        """The key whose ``kid`` is ``kid`` (``KeyError`` if none)."""
        for key in self.keys:
            if key.key_id == kid:
                return key
        raise KeyError(f"keyset has no key for kid: {kid}")

    def __iter__(self) -> Iterator[PyJWK]:
        """The keys."""
        return iter(self.keys)
