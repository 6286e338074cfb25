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
    "MissingRequiredClaimError",
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
