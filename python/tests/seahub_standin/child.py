"""One configuration of the stand-in Seahub, in its own process (Django's settings are
process-wide); its seahub_settings.py is in ``SEAFILE_CENTRAL_CONF_DIR``.

``python -m seahub_standin.child play VARIANT`` plays the scenarios of VARIANT and prints
{"middleware": [...], "results": [...], "log": [...]} as JSON.
``python -m seahub_standin.child start [--without-native]`` loads the WSGI application
as gunicorn does (``--without-native``: as if onlyoffice_jwt._native could not be
imported) and prints {"started": bool, "error": "..."}.
"""

import json
import os
import sys


def main(argv: list) -> int:
    """Runs the command of ``argv``; its JSON answer goes to stdout."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "seahub_standin.settings"
    if argv[0] == "start":
        if "--without-native" in argv:
            sys.modules["onlyoffice_jwt._native"] = None
        from django.core.wsgi import get_wsgi_application

        try:
            get_wsgi_application()
        except Exception as error:  # how the server would stop, reported to the caller
            print(json.dumps({"started": False, "error": f"{type(error).__name__}: {error}"}))
        else:
            print(json.dumps({"started": True, "error": None}))
        return 0
    import django

    django.setup()
    from django.conf import settings

    from . import scenarios

    print(json.dumps({"middleware": settings.MIDDLEWARE, **scenarios.play(argv[1])}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
