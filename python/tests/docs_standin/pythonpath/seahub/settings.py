"""Stand-in of ``seahub.settings``: in Seahub this is the Django settings module, its
defaults overridden by seahub_settings.py. Here the names Seahub's ONLYOFFICE code
imports from it are read from django.conf.settings (the tests override them), with
Seahub's defaults."""

from django.conf import settings as _settings

_DEFAULTS = {
    "SITE_ROOT": "/",
    "SERVICE_URL": "http://127.0.0.1:8000",
    "INNER_FILE_SERVER_ROOT": "http://127.0.0.1:8082",
    "IS_PRO_VERSION": False,
    "ENABLE_WATERMARK": False,
    "ENABLE_MULTIPLE_OFFICE_SUITE": False,
    "OFFICE_SUITE_LIST": [
        {"id": "onlyoffice", "name": "OnlyOffice", "is_default": True},
        {"id": "collabora", "name": "CollaboraOnline", "is_default": False},
    ],
    "OFFICE_SUITE_ENABLED_FILE_TYPES": [],
    "OFFICE_SUITE_ENABLED_EDIT_FILE_TYPES": [],
}


def __getattr__(name):
    """``from seahub.settings import NAME``: the current setting, or Seahub's default."""
    if name in _DEFAULTS:
        return getattr(_settings, name, _DEFAULTS[name])
    try:
        return getattr(_settings, name)
    except AttributeError:
        raise AttributeError(f"module 'seahub.settings' has no attribute {name!r}") from None
