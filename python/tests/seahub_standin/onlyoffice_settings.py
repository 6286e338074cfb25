"""The values of Seahub's seahub/onlyoffice/settings.py, computed once at import.

With ENABLE_MULTIPLE_OFFICE_SUITE, the top-level ONLYOFFICE_* settings are ignored and
the values come from the OFFICE_SUITE_LIST entry whose id is 'onlyoffice'.
"""

from django.conf import settings

ONLYOFFICE_APIJS_URL = getattr(settings, "ONLYOFFICE_APIJS_URL", "")
ONLYOFFICE_JWT_HEADER = getattr(settings, "ONLYOFFICE_JWT_HEADER", "Authorization")
ONLYOFFICE_JWT_SECRET = getattr(settings, "ONLYOFFICE_JWT_SECRET", "")

if settings.ENABLE_MULTIPLE_OFFICE_SUITE:
    _suite = next((s for s in settings.OFFICE_SUITE_LIST if s.get("id") == "onlyoffice"), {})
    ONLYOFFICE_APIJS_URL = _suite.get("ONLYOFFICE_APIJS_URL")
    ONLYOFFICE_JWT_HEADER = _suite.get("ONLYOFFICE_JWT_HEADER", "Authorization")
    ONLYOFFICE_JWT_SECRET = _suite.get("ONLYOFFICE_JWT_SECRET", "")
