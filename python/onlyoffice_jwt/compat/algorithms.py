"""PyJWT's algorithm objects (``jwt.algorithms``) for HMAC: what code written for
PyJWT looks up or calls directly. Tokens themselves are signed and verified by the core
(``encode``/``decode``); ``HMACAlgorithm.sign``/``verify`` are the stdlib's HMAC over a
message, as in PyJWT. No asymmetric algorithm exists here (``has_crypto`` is False)."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any, Callable, Optional, Union

from .exceptions import InvalidKeyError
from .utils import base64url_decode, base64url_encode, force_bytes

__all__ = [
    "Algorithm",
    "HMACAlgorithm",
    "NoneAlgorithm",
    "get_default_algorithms",
    "has_crypto",
    "requires_cryptography",
]

has_crypto = False

requires_cryptography = {
    "RS256", "RS384", "RS512", "ES256", "ES256K", "ES384", "ES521", "ES512",
    "PS256", "PS384", "PS512", "EdDSA",
}

_ASYMMETRIC_MARKERS = (b"-----BEGIN ", b"ssh-rsa", b"ssh-ed25519", b"ecdsa-sha2-", b"ssh-dss")


class Algorithm:
    """An algorithm's operations: prepare a key, sign, verify, check the key length."""

    def prepare_key(self, key: Any) -> Any:
        """The key as the algorithm uses it."""
        raise NotImplementedError

    def sign(self, msg: bytes, key: Any) -> bytes:
        """The signature of ``msg``."""
        raise NotImplementedError

    def verify(self, msg: bytes, key: Any, sig: bytes) -> bool:
        """Whether ``sig`` signs ``msg``."""
        raise NotImplementedError

    def check_key_length(self, key: Any) -> Optional[str]:
        """A warning message when the key is shorter than recommended, else None."""
        return None


class NoneAlgorithm(Algorithm):
    """``alg: none``: no signature (the facade never signs or accepts such tokens)."""

    def prepare_key(self, key: Optional[str]) -> None:
        """Only an absent key fits ``none``."""
        if key == "":
            key = None
        if key is not None:
            raise InvalidKeyError('When alg = "none", key value must be None.')
        return key

    def sign(self, msg: bytes, key: None) -> bytes:
        """The empty signature."""
        return b""

    def verify(self, msg: bytes, key: None, sig: bytes) -> bool:
        """Never: an unsigned token verifies nothing."""
        return False


class HMACAlgorithm(Algorithm):
    """HMAC with SHA-256, SHA-384 or SHA-512."""

    SHA256: Callable[..., Any] = hashlib.sha256
    SHA384: Callable[..., Any] = hashlib.sha384
    SHA512: Callable[..., Any] = hashlib.sha512

    def __init__(self, hash_alg: Callable[..., Any]) -> None:
        """The algorithm of this hash."""
        self.hash_alg = hash_alg

    def prepare_key(self, key: Union[str, bytes]) -> bytes:
        """The key's bytes; empty and asymmetric (PEM, SSH) keys are refused."""
        key_bytes = force_bytes(key)
        if not key_bytes:
            raise InvalidKeyError("HMAC key must not be empty.")
        if key_bytes.lstrip().startswith(_ASYMMETRIC_MARKERS):
            raise InvalidKeyError(
                "The specified key is an asymmetric key or x509 certificate and"
                " should not be used as an HMAC secret."
            )
        return key_bytes

    @staticmethod
    def to_jwk(key_obj: Union[str, bytes], as_dict: bool = False) -> Union[dict[str, str], str]:
        """The key as an ``oct`` JWK."""
        jwk = {"k": base64url_encode(force_bytes(key_obj)).decode(), "kty": "oct"}
        return jwk if as_dict else json.dumps(jwk)

    @staticmethod
    def from_jwk(jwk: Union[str, dict[str, Any]]) -> bytes:
        """The key of an ``oct`` JWK."""
        try:
            obj = json.loads(jwk) if isinstance(jwk, str) else jwk
            if not isinstance(obj, dict):
                raise ValueError
        except ValueError:
            raise InvalidKeyError("Key is not valid JSON") from None
        if obj.get("kty") != "oct":
            raise InvalidKeyError("Not an HMAC key")
        return base64url_decode(obj["k"])

    def check_key_length(self, key: bytes) -> Optional[str]:
        """PyJWT's warning for a key shorter than the hash's digest (RFC 7518, 3.2)."""
        minimum = self.hash_alg().digest_size
        if len(key) < minimum:
            return (
                f"The HMAC key is {len(key)} bytes long, which is below the minimum "
                f"recommended length of {minimum} bytes for {self.hash_alg().name.upper()}. "
                "See RFC 7518 Section 3.2."
            )
        return None

    def sign(self, msg: bytes, key: bytes) -> bytes:
        """HMAC of ``msg``."""
        return hmac.new(key, msg, self.hash_alg).digest()

    def verify(self, msg: bytes, key: bytes, sig: bytes) -> bool:
        """Whether ``sig`` is the HMAC of ``msg``, compared in constant time."""
        return hmac.compare_digest(sig, self.sign(msg, key))


def get_default_algorithms() -> dict[str, Algorithm]:
    """The algorithms by name: ``none`` and the three HMACs."""
    return {
        "none": NoneAlgorithm(),
        "HS256": HMACAlgorithm(HMACAlgorithm.SHA256),
        "HS384": HMACAlgorithm(HMACAlgorithm.SHA384),
        "HS512": HMACAlgorithm(HMACAlgorithm.SHA512),
    }
