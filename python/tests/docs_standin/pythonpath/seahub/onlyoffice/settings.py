"""Stand-in of ``seahub/onlyoffice/settings.py``: Seahub's ONLYOFFICE settings, each a
module constant computed once, when the module is imported.

Top-level settings by default; with ENABLE_MULTIPLE_OFFICE_SUITE, the values of the
OFFICE_SUITE_LIST entry whose id is "onlyoffice" replace them (the top-level ones are
then ignored; a missing ONLYOFFICE_APIJS_URL makes it and the converter URL None).
"""

from django.conf import settings

from seahub.settings import (
    ENABLE_MULTIPLE_OFFICE_SUITE,
    OFFICE_SUITE_ENABLED_EDIT_FILE_TYPES,
    OFFICE_SUITE_ENABLED_FILE_TYPES,
    OFFICE_SUITE_LIST,
)

_API_JS = "/web-apps/apps/api/documents/api.js"
_CONVERTER = "/ConvertService.ashx"

ENABLE_ONLYOFFICE = getattr(settings, "ENABLE_ONLYOFFICE", False)
ONLYOFFICE_APIJS_URL = getattr(settings, "ONLYOFFICE_APIJS_URL", "")
ONLYOFFICE_CONVERTER_URL = ONLYOFFICE_APIJS_URL.replace(_API_JS, _CONVERTER)
ONLYOFFICE_FILE_EXTENSION = getattr(
    settings, "ONLYOFFICE_FILE_EXTENSION", ("doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "pdf")
)
ONLYOFFICE_EDIT_FILE_EXTENSION = getattr(
    settings, "ONLYOFFICE_EDIT_FILE_EXTENSION", ("docx", "pptx", "xlsx", "csv", "pdf")
)
ONLYOFFICE_EXT_WORD = getattr(settings, "ONLYOFFICE_EXT_WORD", ["doc", "docx", "odt", "rtf", "txt"])
ONLYOFFICE_EXT_CELL = getattr(settings, "ONLYOFFICE_EXT_CELL", ["csv", "ods", "xls", "xlsx"])
ONLYOFFICE_EXT_SLIDE = getattr(settings, "ONLYOFFICE_EXT_SLIDE", ["odp", "ppt", "pptx"])
VERIFY_ONLYOFFICE_CERTIFICATE = getattr(settings, "VERIFY_ONLYOFFICE_CERTIFICATE", True)
ONLYOFFICE_JWT_HEADER = getattr(settings, "ONLYOFFICE_JWT_HEADER", "Authorization")
ONLYOFFICE_JWT_SECRET = getattr(settings, "ONLYOFFICE_JWT_SECRET", "")
ONLYOFFICE_FORCE_SAVE = getattr(settings, "ONLYOFFICE_FORCE_SAVE", False)

if ENABLE_MULTIPLE_OFFICE_SUITE:
    _suite = next((s for s in OFFICE_SUITE_LIST if s.get("id") == "onlyoffice"), {})
    ONLYOFFICE_APIJS_URL = _suite.get("ONLYOFFICE_APIJS_URL")
    ONLYOFFICE_CONVERTER_URL = ONLYOFFICE_APIJS_URL and ONLYOFFICE_APIJS_URL.replace(_API_JS, _CONVERTER)
    ONLYOFFICE_FORCE_SAVE = _suite.get("ONLYOFFICE_FORCE_SAVE", False)
    ONLYOFFICE_JWT_SECRET = _suite.get("ONLYOFFICE_JWT_SECRET", "")
    ONLYOFFICE_JWT_HEADER = _suite.get("ONLYOFFICE_JWT_HEADER", "Authorization")
    VERIFY_ONLYOFFICE_CERTIFICATE = _suite.get("VERIFY_ONLYOFFICE_CERTIFICATE", True)
    ONLYOFFICE_FILE_EXTENSION = OFFICE_SUITE_ENABLED_FILE_TYPES
    ONLYOFFICE_EDIT_FILE_EXTENSION = OFFICE_SUITE_ENABLED_EDIT_FILE_TYPES
