"""Seahub's settings.py, reduced to what its ONLYOFFICE endpoints need.

As in Seahub, ``seahub_settings.py`` is imported from the central config directory
(``SEAFILE_CENTRAL_CONF_DIR``) and loaded over these defaults: every name starting with
a capital letter replaces the default, and ``EXTRA_<NAME>`` is added to ``<NAME>``
(``MIDDLEWARE += EXTRA_MIDDLEWARE``). Seahub's own middleware (authentication, two
factors, trusted IPs, ...) is left out; Django's, which Seahub lists first, is kept.
"""

import os
import re
import sys

DEBUG = False
SECRET_KEY = "seahub-standin-django-key-not-a-secret-of-the-tests"
ALLOWED_HOSTS = ["*"]
USE_TZ = True
DATABASES = {}
INSTALLED_APPS = ["django.contrib.sessions", "django.contrib.messages"]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "seahub_standin.urls"
SITE_ROOT = "/"
SERVICE_URL = "https://seahub.example"

ENABLE_MULTIPLE_OFFICE_SUITE = False
OFFICE_SUITE_LIST = [
    {"id": "onlyoffice", "name": "OnlyOffice", "is_default": True},
    {"id": "collabora", "name": "CollaboraOnline", "is_default": False},
]


def _load_local_settings(module):
    """Copies the module's capitalised names over these; appends its EXTRA_<NAME> lists."""
    for name in dir(module):
        value = getattr(module, name)
        extra = re.match(r"EXTRA_(\w+)", name)
        if extra:
            base = extra.group(1)
            if base in globals():
                globals()[base] += value
            else:
                globals()[base] = value
        elif re.match("[A-Z]", name):
            globals()[name] = value


_conf_dir = os.environ.get("SEAFILE_CENTRAL_CONF_DIR", "")
if os.path.isdir(_conf_dir):
    sys.path.insert(0, _conf_dir)
try:
    import seahub_settings
except ImportError:
    pass
else:
    _load_local_settings(seahub_settings)
    del seahub_settings
