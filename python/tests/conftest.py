"""Shared fixtures: the installed module (never the source tree) and Django settings."""

from __future__ import annotations

import pathlib

import django
from django.conf import settings

import onlyoffice_jwt

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOURCE_PACKAGE = ROOT / "python" / "onlyoffice_jwt"

# The tests must exercise the wheel installed by `make install-python`.
assert pathlib.Path(onlyoffice_jwt.__file__).resolve().parent != SOURCE_PACKAGE, (
    "onlyoffice_jwt was imported from the source tree, not the installed wheel"
)

if not settings.configured:
    settings.configure(
        ONLYOFFICE_JWT_SECRET="seahub-outbox-secret-0123456789abcdef",
        ONLYOFFICE_JWT_HEADER="AuthorizationJwt",
        ALLOWED_HOSTS=["*"],
        DEFAULT_CHARSET="utf-8",
    )
    django.setup()

STRONG = "a-strong-test-secret-0123456789abcdef"
OTHER = "another-strong-secret-0123456789abcdef"
NOW = 1767225600
