"""PyJWT's exception classes (``jwt.exceptions``), with PyJWT's inheritance."""

from __future__ import annotations

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
    "MissingCryptographyError",
    "MissingRequiredClaimError",
    "PyJWKClientConnectionError",
    "PyJWKClientError",
    "PyJWKError",
    "PyJWKSetError",
    "PyJWTError",
]


class PyJWTError(Exception):
    """Base class of every exception of this module (as in PyJWT)."""


class InvalidTokenError(PyJWTError):
    """A token failed ``decode()``."""


class DecodeError(InvalidTokenError):
    """A token cannot be decoded (structure, encoding, JSON, claim types)."""


class InvalidSignatureError(DecodeError):
    """The signature does not match the key."""


class ExpiredSignatureError(InvalidTokenError):
    """``exp`` is in the past."""


class InvalidAudienceError(InvalidTokenError):
    """``aud`` does not match the expected audience."""


class InvalidIssuerError(InvalidTokenError):
    """``iss`` does not match the expected issuer."""


class InvalidIssuedAtError(InvalidTokenError):
    """``iat`` is not a number."""


class ImmatureSignatureError(InvalidTokenError):
    """``nbf`` or ``iat`` is in the future."""


class InvalidKeyError(PyJWTError):
    """The key cannot be used (empty, or too short with ``enforce_minimum_key_length``)."""


class InvalidAlgorithmError(InvalidTokenError):
    """The token's algorithm is not allowed."""


class InvalidSubjectError(InvalidTokenError):
    """``sub`` is not a string or does not match the expected subject."""


class InvalidJTIError(InvalidTokenError):
    """``jti`` is not a string."""


class MissingRequiredClaimError(InvalidTokenError):
    """A required claim is absent; ``claim`` names it."""

    def __init__(self, claim: str) -> None:
        """Records the name of the missing claim."""
        super().__init__(claim)
        self.claim = claim

    def __str__(self) -> str:
        """The message PyJWT gives."""
        return f'Token is missing the "{self.claim}" claim'


class PyJWKError(PyJWTError):
    """A JWK cannot be used (PyJWT's class)."""


class MissingCryptographyError(PyJWKError):
    """The key needs an asymmetric algorithm, which this facade does not have."""


class PyJWKSetError(PyJWTError):
    """A JWK Set is empty or has no usable key."""


class PyJWKClientError(PyJWTError):
    """PyJWT's JWKS client failed (that client is not part of this facade)."""


class PyJWKClientConnectionError(PyJWKClientError):
    """PyJWT's JWKS client could not fetch the set."""
