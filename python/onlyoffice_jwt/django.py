"""Django helpers for Seahub's ONLYOFFICE save callback.

``verify_callback_request(request)`` verifies the callback the Document Server POSTs
to Seahub and returns only its signed claims; ``callback_ok()`` / ``callback_error()``
are the replies the Document Server expects (HTTP 200 with ``{"error": 0}`` or
``{"error": 1}``).

Settings read (Seahub's names): ``ONLYOFFICE_JWT_SECRET`` (the Document Server's
outbox secret, str or bytes, or a list for rotation) and ``ONLYOFFICE_JWT_HEADER``
(default ``"Authorization"``).
"""

from __future__ import annotations

from typing import Any, List, Optional, Union

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, JsonResponse

from . import _native

__all__ = ["callback_error", "callback_ok", "verify_callback_request"]

_Secret = Union[str, bytes, List[Union[str, bytes]]]


def _meta_key(header: str) -> str:
    """The ``request.META`` key Django stores an HTTP header under."""
    return "HTTP_" + header.upper().replace("-", "_")


def verify_callback_request(
    request: HttpRequest,
    secret: Optional[_Secret] = None,
    header: Optional[str] = None,
    **options: Any,
) -> dict[str, Any]:
    """Verifies a Document Server callback request and returns its signed claims.

    Reads ``request.body`` and the ``header`` from ``request.META``; ``secret`` and
    ``header`` default to the settings ``ONLYOFFICE_JWT_SECRET`` and
    ``ONLYOFFICE_JWT_HEADER``. The body token wins over the header token; a
    ``payload`` claim is unwrapped. Keyword ``options`` go to
    :func:`onlyoffice_jwt.verify_callback` (``expected_key``, ``prefix``, ``leeway``,
    ``max_size``, ``allow_weak``, ``now``). Raises a :class:`onlyoffice_jwt.JwtError`
    subclass when the request is not a valid signed callback, and
    ``ImproperlyConfigured`` when no secret is configured.
    """
    if secret is None:
        secret = getattr(settings, "ONLYOFFICE_JWT_SECRET", None)
        if not secret:
            raise ImproperlyConfigured(
                "ONLYOFFICE_JWT_SECRET is not set: the callback cannot be verified"
            )
    if header is None:
        header = getattr(settings, "ONLYOFFICE_JWT_HEADER", None) or "Authorization"
    authorization = request.META.get(_meta_key(header))
    return _native.verify_callback(request.body, secret, authorization, **options)


def callback_ok() -> JsonResponse:
    """The reply that tells the Document Server the callback was handled: ``{"error": 0}``."""
    return JsonResponse({"error": 0})


def callback_error() -> JsonResponse:
    """The reply that tells the Document Server the callback failed: ``{"error": 1}``."""
    return JsonResponse({"error": 1})
