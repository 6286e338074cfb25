"""Stand-ins of today's Seahub for the code blocks of docs/seahub.md (test_docs.py).

Written for these tests, modelled on Seahub's structure and names (master of August
2026, see the research notes), never copied from it:

- ``pythonpath/`` holds the top-level packages Seahub's code imports, in the layout it
  imports them from: ``seahub.settings`` (Seahub's settings module: here the names it
  exports, read from django.conf.settings with Seahub's defaults),
  ``seahub.onlyoffice.settings`` (every ONLYOFFICE_* value computed once at import, the
  multiple-office-suite mode included), ``seahub.onlyoffice.models`` (the
  OnlyOfficeDocKey table, in memory), ``seahub.onlyoffice.utils`` (the doc-key helpers),
  ``seahub.onlyoffice.converter`` / ``converter_utils``, ``seahub.utils`` and
  ``seahub.utils.file_op`` (inner file-server URLs, Pro edition, OnlineOffice locks),
  ``seahub.api2`` (api_error, UserRateThrottle), ``seaserv`` (``seafile_api``: access
  tokens, locks, objects, the versions the file server stored) and ``rest_framework``
  (APIView and status, reduced to what the views use);
- ``servers``: the file server (``update-api`` receiving the multipart upload, ``files``
  serving objects) and the Document Server (its cache files, ``healthcheck`` and
  ``ConvertService.ashx``), real HTTP servers on 127.0.0.1, so that the blocks' own
  ``requests``/``urllib`` calls go over the wire;
- ``settings_child``: a process with the seahub_standin project (Seahub's settings
  loader) whose seahub_settings.py holds the documented settings blocks.
"""

from pathlib import Path

PYTHONPATH = Path(__file__).resolve().parent / "pythonpath"
# The top-level names the stand-ins occupy while a test runs the blocks.
TOP_LEVEL = ("seahub", "seaserv", "rest_framework")
