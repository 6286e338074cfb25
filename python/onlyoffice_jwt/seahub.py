"""Seahub's ONLYOFFICE endpoints guarded by configuration: one line in seahub_settings.py.

    EXTRA_MIDDLEWARE = ["onlyoffice_jwt.seahub.GuardMiddleware"]

(Seahub's settings loader appends ``EXTRA_MIDDLEWARE`` to its ``MIDDLEWARE``.) Nothing
else changes in Seahub: the middleware reads the settings Seahub already has, at each
request, through ``django.conf.settings``:

- ``ONLYOFFICE_JWT_SECRET`` — the Document Server's secret (a weak one is accepted: the
  installation's secret must keep working; ``onlyoffice-jwt doctor seahub`` reports it);
- ``ONLYOFFICE_APIJS_URL`` — the Document Server's public URL is this URL without its
  ``web-apps/apps/api/documents/api.js`` tail;
- ``ONLYOFFICE_JWT_HEADER`` (default ``"Authorization"``) — the callback's header;
- with ``ENABLE_MULTIPLE_OFFICE_SUITE`` true, these three come from the
  ``OFFICE_SUITE_LIST`` entry whose ``id`` is ``"onlyoffice"``, as in Seahub;
- ``SITE_ROOT`` (default ``"/"``) — where Seahub's URLs are mounted;
- optional, ours: ``ONLYOFFICE_JWT_GUARD_DS_INTERNAL_URL`` (the Document Server's
  internal URL, str) and ``ONLYOFFICE_JWT_GUARD_EXTRA_DS_URLS`` (further bases its URLs
  may be on, a list — e.g. the origin of its ``storage.externalHost``).

It guards two endpoints and passes every other request on untouched:

- ``POST <SITE_ROOT>onlyoffice/editor-callback/`` — :func:`onlyoffice_jwt.guard_callback`
  on the raw body and the header: the callback is signed by the Document Server, its
  plain body is the signed one, its ``url``/``changesurl``/``formsdataurl`` are on the
  Document Server. A refusal is Seahub's answer to a failed callback: HTTP 200
  ``{"error": 1}``.
- ``GET`` (and ``HEAD``, which runs the same view) ``<SITE_ROOT>onlyoffice-api/file-history/``
  — :func:`onlyoffice_jwt.guard_download`: the ``Authorization: Bearer`` token is signed
  by the Document Server and its ``url`` is this very request (path and query), not a
  URL containing it. A refusal is Seahub's ``api_error``: HTTP 403 ``{"error_msg": ...}``.

Each refusal is logged (logger ``onlyoffice``, warning) with the path, the error code and
the core's message, which never contain a secret or a token.

Start-up: a missing or empty secret is the system-check error ``onlyoffice_jwt.E001``, a
Document Server address the guard cannot use ``onlyoffice_jwt.E002``. The middleware runs
these checks when Django loads it (gunicorn's worker boot, ``runserver``) and, if one
fails, Seahub does not start and says why (``manage.py check`` loads no middleware, so it
does not run them); ``SILENCED_SYSTEM_CHECKS`` silences them as any check. A secret
removed while running makes the guarded endpoints refuse every request.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Callable, NamedTuple, Optional

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse, JsonResponse

from . import _native
from .django import callback_error

__all__ = ["GuardMiddleware", "check_guard_settings"]

logger = logging.getLogger("onlyoffice")

CHECK_TAG = "onlyoffice_jwt"
_APIJS_TAIL = "web-apps/apps/api/documents/api.js"
_SUITE_ID = "onlyoffice"


class _Config(NamedTuple):
    """What the guard needs from Seahub's settings."""

    secret: Any
    header: str
    ds_url: Optional[str]
    ds_internal_url: Optional[str]
    extra_ds_urls: Any


def _config() -> _Config:
    """Seahub's ONLYOFFICE settings, resolved as seahub/onlyoffice/settings.py does."""
    if getattr(settings, "ENABLE_MULTIPLE_OFFICE_SUITE", False):
        suites = getattr(settings, "OFFICE_SUITE_LIST", [])
        suite = next((s for s in suites if s.get("id") == _SUITE_ID), {})
        secret = suite.get("ONLYOFFICE_JWT_SECRET", "")
        apijs_url = suite.get("ONLYOFFICE_APIJS_URL")
        header = suite.get("ONLYOFFICE_JWT_HEADER", "Authorization")
    else:
        secret = getattr(settings, "ONLYOFFICE_JWT_SECRET", "")
        apijs_url = getattr(settings, "ONLYOFFICE_APIJS_URL", "")
        header = getattr(settings, "ONLYOFFICE_JWT_HEADER", "Authorization")
    ds_url, tail, _ = (apijs_url or "").partition(_APIJS_TAIL)
    return _Config(
        secret=secret,
        header=header or "Authorization",
        ds_url=ds_url if tail and ds_url else None,
        ds_internal_url=getattr(settings, "ONLYOFFICE_JWT_GUARD_DS_INTERNAL_URL", None),
        extra_ds_urls=getattr(settings, "ONLYOFFICE_JWT_GUARD_EXTRA_DS_URLS", None),
    )


def _ds_url(config: _Config) -> str:
    """The Document Server's public URL; InvalidConfigError when the settings do not give
    it, or give the guard's own address settings with the wrong types."""
    if config.ds_url is None:
        raise _native.InvalidConfigError(
            f"ONLYOFFICE_APIJS_URL is not a URL ending with {_APIJS_TAIL!r}: the "
            "Document Server's URL is unknown"
        )
    if not isinstance(config.ds_internal_url, (str, type(None))):
        raise _native.InvalidConfigError("ONLYOFFICE_JWT_GUARD_DS_INTERNAL_URL must be a URL")
    extra = config.extra_ds_urls
    if extra is not None and not (
        isinstance(extra, (list, tuple)) and all(isinstance(url, str) for url in extra)
    ):
        raise _native.InvalidConfigError(
            "ONLYOFFICE_JWT_GUARD_EXTRA_DS_URLS must be a list of URLs"
        )
    return config.ds_url


@checks.register(CHECK_TAG)
def check_guard_settings(
    app_configs: Any = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """System checks of the settings the guard reads (E001: secret, E002: addresses)."""
    config = _config()
    where = (
        "the OFFICE_SUITE_LIST entry with id 'onlyoffice'"
        if getattr(settings, "ENABLE_MULTIPLE_OFFICE_SUITE", False)
        else "seahub_settings.py"
    )
    errors = []
    if not config.secret:
        errors.append(
            checks.Error(
                "ONLYOFFICE_JWT_SECRET is missing or empty: the ONLYOFFICE guard would "
                "refuse every callback",
                hint=f"Set ONLYOFFICE_JWT_SECRET in {where} to the Document Server's "
                "secret, or remove onlyoffice_jwt.seahub.GuardMiddleware.",
                id="onlyoffice_jwt.E001",
            )
        )
    try:
        ds_url = _ds_url(config)
        _native.check_download_url(
            ds_url, ds_url, config.ds_internal_url, extra_ds_urls=config.extra_ds_urls
        )
    except _native.JwtError as error:
        errors.append(
            checks.Error(
                f"the Document Server's addresses cannot be used: {error}",
                hint=f"Check ONLYOFFICE_APIJS_URL in {where} and the "
                "ONLYOFFICE_JWT_GUARD_* settings.",
                id="onlyoffice_jwt.E002",
            )
        )
    return errors


def _guard_callback(request: HttpRequest, config: _Config) -> None:
    """The save callback: signed, plain body = signed body, URLs on the Document Server."""
    authorization = request.META.get("HTTP_" + config.header.upper().replace("-", "_"))
    _native.guard_callback(
        request.body,
        config.secret,
        _ds_url(config),
        authorization,
        ds_internal_url=config.ds_internal_url,
        extra_ds_urls=config.extra_ds_urls,
        prefix="Bearer ",
        allow_weak=True,
    )


def _guard_file_history(request: HttpRequest, config: _Config) -> None:
    """The history download: signed, and the signed url is this request's target.

    Seahub's view reads the ``Authorization`` header whatever ONLYOFFICE_JWT_HEADER says.
    """
    _native.guard_download(
        request.META.get("HTTP_AUTHORIZATION"),
        config.secret,
        request.get_full_path(),
        prefix="Bearer ",
        allow_weak=True,
    )


def _file_history_refused() -> HttpResponse:
    """Seahub's ``api_error(403, ...)``: DRF's compact JSON ``{"error_msg": ...}``."""
    return JsonResponse(
        {"error_msg": "Bearer invalid."},
        status=403,
        json_dumps_params={"separators": (",", ":")},
    )


class _Endpoint(NamedTuple):
    """A guarded endpoint: the methods guarded, the guard, the refusal Seahub would send."""

    methods: frozenset[str]
    guard: Callable[[HttpRequest, _Config], None]
    refused: Callable[[], HttpResponse]


# Paths under SITE_ROOT, exactly as Seahub's URL patterns match them.
_ENDPOINTS = {
    "onlyoffice/editor-callback/": _Endpoint(
        frozenset({"POST"}), _guard_callback, callback_error
    ),
    "onlyoffice-api/file-history/": _Endpoint(
        frozenset({"GET", "HEAD"}), _guard_file_history, _file_history_refused
    ),
}


def _endpoint(request: HttpRequest) -> Optional[_Endpoint]:
    """The guarded endpoint this request reaches, or None."""
    site_root = getattr(settings, "SITE_ROOT", "/")
    # seahub.utils.rooturl mounts the site with the pattern '^' + SITE_ROOT[1:].
    mount = re.match(site_root[1:], request.path_info[1:])
    if mount is None:
        return None
    endpoint = _ENDPOINTS.get(request.path_info[1 + mount.end() :])
    return endpoint if endpoint and request.method in endpoint.methods else None


class GuardMiddleware:
    """Refuses the Document Server requests that onlyoffice-jwt's guards refuse."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        """Runs the guard's system checks: ImproperlyConfigured when one fails."""
        errors = [
            m
            for m in checks.run_checks(tags=[CHECK_TAG])
            if m.is_serious() and not m.is_silenced()
        ]
        if errors:
            raise ImproperlyConfigured(
                "onlyoffice_jwt.seahub.GuardMiddleware: " + "; ".join(map(str, errors))
            )
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Seahub's answer to a failed request when the guard refuses, else the view's."""
        endpoint = _endpoint(request)
        if endpoint is None:
            return self.get_response(request)
        config = _config()
        try:
            if not config.secret:
                raise _native.InvalidConfigError("ONLYOFFICE_JWT_SECRET is missing or empty")
            endpoint.guard(request, config)
        except _native.JwtError as error:
            logger.warning(
                "onlyoffice_jwt refused %s %s (%s): %s",
                request.method,
                request.path,
                error.code,
                error,
            )
            return endpoint.refused()
        return self.get_response(request)
