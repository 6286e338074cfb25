"""PyJWT's helpers (``jwt.utils``) that HMAC tokens need."""

from __future__ import annotations

import base64
from typing import Union

__all__ = ["base64url_decode", "base64url_encode", "force_bytes"]


def force_bytes(value: Union[bytes, str]) -> bytes:
    """``value`` as bytes: str as its UTF-8."""
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, bytes):
        return value
    raise TypeError("Expected a string value")


def base64url_decode(value: Union[bytes, str]) -> bytes:
    """Base64url, padding optional."""
    data = force_bytes(value)
    return base64.urlsafe_b64decode(data + b"=" * (-len(data) % 4))


def base64url_encode(value: bytes) -> bytes:
    """Base64url without padding."""
    return base64.urlsafe_b64encode(value).replace(b"=", b"")
