"""PyJWT's helpers (``jwt.utils``): bytes, base64url and the integer encodings of JWKs."""

from __future__ import annotations

import base64
import binascii
import re
from typing import Optional, Union

__all__ = [
    "base64url_decode",
    "base64url_encode",
    "bytes_from_int",
    "bytes_to_number",
    "force_bytes",
    "from_base64url_uint",
    "is_pem_format",
    "is_ssh_key",
    "number_to_bytes",
    "to_base64url_uint",
]


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


def bytes_from_int(val: int, *, bit_length: Optional[int] = None) -> bytes:
    """The big-endian bytes of a non-negative integer (at least one byte, or
    ``bit_length`` rounded up to whole bytes)."""
    if bit_length is None:
        bit_length = val.bit_length()
    return val.to_bytes(max(1, (bit_length + 7) // 8), "big")


def to_base64url_uint(val: int, *, bit_length: Optional[int] = None) -> bytes:
    """A non-negative integer as JWK writes it (RFC 7518, 2: "Base64urlUInt")."""
    if val < 0:
        raise ValueError("Must be a positive integer")
    return base64url_encode(bytes_from_int(val, bit_length=bit_length))


def from_base64url_uint(val: Union[bytes, str]) -> int:
    """The integer of a Base64urlUInt."""
    return int.from_bytes(base64url_decode(force_bytes(val)), "big")


def number_to_bytes(num: int, num_bytes: int) -> bytes:
    """``num`` as exactly ``num_bytes`` big-endian bytes."""
    return num.to_bytes(num_bytes, "big")


def bytes_to_number(string: bytes) -> int:
    """The big-endian integer of ``string``."""
    return int(binascii.b2a_hex(string), 16)


# A PEM block: a BEGIN marker and, later, the END marker of the same label (in the
# marker variants key loaders accept: dashes or a space around the label).
_PEM_MARKER = re.compile(rb"(?=----[- ](BEGIN|END) ([A-Z0-9 ]+?)[- ]----)")
_SSH_PREFIXES = (
    b"ssh-ed25519",
    b"ssh-rsa",
    b"ssh-dss",
    b"ecdsa-sha2-nistp256",
    b"ecdsa-sha2-nistp384",
    b"ecdsa-sha2-nistp521",
)


def is_pem_format(key: bytes) -> bool:
    """Whether ``key`` holds a PEM block (a key or certificate, not an HMAC secret)."""
    opened: dict[bytes, int] = {}
    for marker in _PEM_MARKER.finditer(key):
        kind, label = marker.group(1), marker.group(2)
        if kind == b"BEGIN":
            opened.setdefault(label, marker.start())
        elif label in opened and opened[label] < marker.start():
            return True
    return False


def is_ssh_key(key: bytes) -> bool:
    """Whether ``key`` is an OpenSSH public key (or certificate)."""
    return key.startswith(_SSH_PREFIXES)
