"""PyJWT's algorithm objects (``jwt.algorithms``) for HMAC: what code written for
PyJWT looks up or calls directly. Tokens themselves are signed and verified by the core
(``encode``/``decode``); ``HMACAlgorithm.sign``/``verify`` are the stdlib's HMAC over a
message, as in PyJWT. No asymmetric algorithm exists here (``has_crypto`` is False, as
in PyJWT without the ``cryptography`` package)."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any, Callable, NoReturn, Optional, Union

from .exceptions import InvalidKeyError
from .utils import base64url_decode, base64url_encode, force_bytes, is_pem_format, is_ssh_key

__all__ = [
    "Algorithm",
    "AllowedECKeys",
    "AllowedKeys",
    "AllowedOKPKeys",
    "AllowedPrivateKeys",
    "AllowedPublicKeys",
    "AllowedRSAKeys",
    "HMACAlgorithm",
    "NoneAlgorithm",
    "get_default_algorithms",
    "has_crypto",
    "requires_cryptography",
]

has_crypto = False

# PyJWT's key type aliases without ``cryptography``: no key is of these types.
AllowedRSAKeys = NoReturn
AllowedECKeys = NoReturn
AllowedOKPKeys = NoReturn
AllowedKeys = NoReturn
AllowedPrivateKeys = NoReturn
AllowedPublicKeys = NoReturn

requires_cryptography = {
    "RS256", "RS384", "RS512", "ES256", "ES256K", "ES384", "ES521", "ES512",
    "PS256", "PS384", "PS512", "EdDSA",
}

_JWK_SHAPED = (
    "The specified key looks like a JWK and should not be used directly as an HMAC "
    "secret. Load it via PyJWK / HMACAlgorithm.from_jwk first."
)


def _as_text(key: bytes) -> str:
    """``key`` as text in the Unicode encoding JSON detection finds (its BOM or zero
    bytes), leading BOM and whitespace removed; "" when it is no such text."""
    try:
        text = key.decode(json.detect_encoding(key), errors="surrogatepass")
    except (UnicodeError, LookupError):
        return ""
    return text.lstrip("\ufeff \t\r\n")


def _has_member_kty(text: str) -> bool:
    """Whether ``text`` holds a JSON object member named ``kty`` (escapes decoded) at
    any depth: one pass over its string tokens, without recursion, so a key nested
    thousands of levels deep is judged as one nested two levels."""
    index = 0
    length = len(text)
    while True:
        start = text.find('"', index)
        if start < 0:
            return False
        end = start + 1
        while end < length and text[end] != '"':
            end += 2 if text[end] == "\\" else 1
        if end >= length:
            return False
        after = end + 1
        while after < length and text[after] in " \t\r\n":
            after += 1
        if after < length and text[after] == ":":
            try:
                if json.loads(text[start : end + 1]) == "kty":
                    return True
            except ValueError:
                pass
        index = end + 1


class Algorithm:
    """An algorithm's operations: prepare a key, sign, verify, check the key length."""

    def compute_hash_digest(self, bytestr: bytes) -> bytes:
        """The digest of ``bytestr`` with the algorithm's hash (``NotImplementedError``
        for an algorithm without one)."""
        hash_alg = getattr(self, "hash_alg", None)
        if hash_alg is None:
            raise NotImplementedError
        return bytes(hash_alg(bytestr).digest())

    def check_crypto_key_type(self, key: Any) -> None:
        """PyJWT's check of an asymmetric key's class: never possible here."""
        raise ValueError(
            "This method requires the cryptography library, and should only be used by "
            "cryptography-based algorithms."
        )

    def prepare_key(self, key: Any) -> Any:
        """The key as the algorithm uses it."""
        raise NotImplementedError

    def sign(self, msg: bytes, key: Any) -> bytes:
        """The signature of ``msg``."""
        raise NotImplementedError

    def verify(self, msg: bytes, key: Any, sig: bytes) -> bool:
        """Whether ``sig`` signs ``msg``."""
        raise NotImplementedError

    @staticmethod
    def to_jwk(key_obj: Any, as_dict: bool = False) -> Union[dict[str, Any], str]:
        """The key as a JWK."""
        raise NotImplementedError

    @staticmethod
    def from_jwk(jwk: Union[str, dict[str, Any]]) -> Any:
        """The key of a JWK."""
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

    @staticmethod
    def to_jwk(key_obj: Any, as_dict: bool = False) -> NoReturn:
        """``none`` has no key."""
        raise NotImplementedError()

    @staticmethod
    def from_jwk(jwk: Union[str, dict[str, Any]]) -> NoReturn:
        """``none`` has no key."""
        raise NotImplementedError()


class HMACAlgorithm(Algorithm):
    """HMAC with SHA-256, SHA-384 or SHA-512."""

    SHA256: Callable[..., Any] = hashlib.sha256
    SHA384: Callable[..., Any] = hashlib.sha384
    SHA512: Callable[..., Any] = hashlib.sha512

    def __init__(self, hash_alg: Callable[..., Any]) -> None:
        """The algorithm of this hash."""
        self.hash_alg = hash_alg

    def prepare_key(self, key: Union[str, bytes]) -> bytes:
        """The key's bytes. Refused (``InvalidKeyError``) as in PyJWT: an empty key,
        an asymmetric key or certificate (PEM, OpenSSH), and a JWK or JWK Set given as
        JSON text (its bytes are not the secret: an algorithm-confusion risk)."""
        if not isinstance(key, (str, bytes)):
            raise TypeError("Expected a string or bytes value")
        key_bytes = force_bytes(key)
        if not key_bytes:
            raise InvalidKeyError("HMAC key must not be empty.")
        if is_pem_format(key_bytes) or is_ssh_key(key_bytes):
            raise InvalidKeyError(
                "The specified key is an asymmetric key or x509 certificate and"
                " should not be used as an HMAC secret."
            )
        if _has_member_kty(_as_text(key_bytes)):
            raise InvalidKeyError(_JWK_SHAPED)
        return key_bytes

    @staticmethod
    def to_jwk(key_obj: Union[str, bytes], as_dict: bool = False) -> Union[dict[str, Any], str]:
        """The key as an ``oct`` JWK."""
        jwk = {"k": base64url_encode(force_bytes(key_obj)).decode(), "kty": "oct"}
        return jwk if as_dict else json.dumps(jwk)

    @staticmethod
    def from_jwk(jwk: Union[str, dict[str, Any]]) -> bytes:
        """The key of an ``oct`` JWK (not empty)."""
        try:
            obj = json.loads(jwk) if isinstance(jwk, str) else jwk
            if not isinstance(obj, dict):
                raise ValueError
        except ValueError:
            raise InvalidKeyError("Key is not valid JSON") from None
        if obj.get("kty") != "oct":
            raise InvalidKeyError("Not an HMAC key")
        key = base64url_decode(obj["k"])
        if not key:
            raise InvalidKeyError("HMAC key must not be empty.")
        return key

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
