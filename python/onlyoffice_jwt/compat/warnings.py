"""PyJWT's warning classes (``jwt.warnings``)."""

from __future__ import annotations

__all__ = ["InsecureKeyLengthWarning", "RemovedInPyjwt3Warning"]


class RemovedInPyjwt3Warning(DeprecationWarning):
    """A feature PyJWT 3 removes."""


class InsecureKeyLengthWarning(UserWarning):
    """A key shorter than the minimum recommended for its algorithm (RFC 7518, 3.2)."""
