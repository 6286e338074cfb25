"""A stand-in for Seahub's ONLYOFFICE endpoints, to show what GuardMiddleware changes.

A minimal Django project shaped like today's Seahub (written for these tests, modelled
on Seahub's behaviour as described in the research notes, not copied from it):

- ``settings``: Seahub's settings.py reduced; loads ``seahub_settings.py`` from
  ``SEAFILE_CENTRAL_CONF_DIR`` as Seahub does (capitalised names copied, ``EXTRA_<NAME>``
  lists appended to ``<NAME>``), so ``EXTRA_MIDDLEWARE`` is how the guard gets in;
- ``onlyoffice_settings``: the values of seahub/onlyoffice/settings.py (multiple office
  suites included);
- ``urls``: Seahub's routes under ``SITE_ROOT``, included only when ONLYOFFICE is on;
- ``views``: the save callback (no token verification, the unsigned body trusted) and
  the history download (Bearer token, substring match of the request in the signed URL);
- ``backend``: the OnlyOfficeDocKey table, the file server and ``requests.get`` (a
  recorder, no network);
- ``ds``: the Document Server's side — callbacks and download tokens signed as it signs
  them (PyJWT, independent of onlyoffice_jwt);
- ``scenarios``: attacks and legitimate Document Server traffic, played in a child
  process (``child``) per configuration; ``harness`` runs them with and without the
  guard; ``attack_table.py`` prints the table (``make demo``).
"""
