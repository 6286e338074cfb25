"""One start of the stand-in Seahub (seahub_standin: Seahub's settings loader, URL layout
and today's ONLYOFFICE views) whose seahub_settings.py, in SEAFILE_CENTRAL_CONF_DIR, holds
the settings blocks of docs/seahub.md. Run as ``python -m docs_standin.settings_child``
with python/tests on PYTHONPATH; prints one JSON object:

- ``started`` / ``error``: the WSGI application loaded as gunicorn loads it (the guard's
  system checks run then);
- ``middleware``: the final MIDDLEWARE;
- ``jwt``: what ``import jwt`` gives Seahub's modules (the views' module included);
- ``callbacks``: Seahub's callback view reached through the middleware with an unsigned
  save, a signed save whose url is on the Document Server's extra address, a signed
  save whose url is the metadata service — each with its answer and what was stored;
- ``pyjwt_calls``: Seahub's other call shapes of PyJWT (SSO, seadoc, billing ...) run on
  whatever ``jwt`` is: the exception class each raises, or "ok".

The Document Server's tokens are made here with hmac (HS256), independent of the
``jwt`` module under test.
"""

import base64
import hashlib
import hmac
import json
import os
import sys
import time


def hs256(claims: dict, secret: str, alg: str = "HS256") -> str:
    """A compact JWT signed with HMAC-SHA256 (its header may name another ``alg``)."""

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    signing_input = b64(json.dumps({"alg": alg, "typ": "JWT"}).encode()) + "." + b64(json.dumps(claims).encode())
    signature = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + b64(signature)


def outcome(call) -> str:
    """'ok', or the name of the exception ``call`` raised."""
    try:
        call()
    except Exception as error:  # the class is the result
        return type(error).__name__
    return "ok"


def callbacks(secret: str, header: str) -> dict:
    """Seahub's save callback through the middleware: unsigned, signed, signed SSRF."""
    from django.test import Client

    from seahub_standin import backend

    client = Client()
    key = "c4ca4238a0b923820dcc"
    results = {}
    cases = {
        "unsigned": (False, "https://ds.example/cache/files/data/k/output.docx"),
        "signed_extra_url": (True, "https://docs-storage.example.com/cache/files/data/k/output.docx"),
        "signed_metadata_url": (True, "http://169.254.169.254/latest/meta-data/"),
    }
    for name, (signed, url) in cases.items():
        backend.reset()
        backend.DOC_KEYS[key] = {"username": "alice@example.com", "repo_id": "r", "file_path": "/a.docx"}
        body = {"key": key, "status": 2, "url": url}
        headers = {}
        if signed:
            now = int(time.time())
            body["token"] = hs256({"key": key, "status": 2, "url": url, "iat": now, "exp": now + 300}, secret)
            payload = {"payload": {"key": key, "status": 2, "url": url}, "iat": now, "exp": now + 300}
            headers = {header: "Bearer " + hs256(payload, secret)}
        response = client.post(
            "/onlyoffice/editor-callback/", data=json.dumps(body), content_type="application/json", headers=headers
        )
        results[name] = {
            "answer": response.content.decode(),
            "downloaded": list(backend.DOWNLOADS),
            "stored": [v.decode() for vs in backend.VERSIONS.values() for v in vs],
        }
    return results


def pyjwt_calls() -> dict:
    """Seahub's call shapes of PyJWT outside ONLYOFFICE, on ``import jwt``."""
    import jwt

    key = base64.urlsafe_b64encode(os.urandom(48)).decode()
    exp = time.time() + 300  # views/sso.py passes a float
    other = hs256({"a": 1}, key, alg="RS256")
    expired = hs256({"exp": int(time.time()) - 3600}, key)
    return {
        # encode(payload, key) with the default algorithm (seadoc, ONLYOFFICE, ...)
        "hs256_default": outcome(lambda: jwt.decode(jwt.encode({"exp": int(exp)}, key), key, algorithms=["HS256"])),
        # JWT SSO: the algorithm passed positionally, a float exp
        "hs256_positional_float_exp": outcome(
            lambda: jwt.decode(jwt.encode({"exp": exp, "email": "a@example.com"}, key, "HS256"), key, algorithms=["HS256"])
        ),
        # sso_to_thirdpart
        "hs512": outcome(lambda: jwt.decode(jwt.encode({"exp": int(exp)}, key, algorithm="HS512"), key, algorithms=["HS512"])),
        # JWT_SSO_ALGORITHM / BILLING_SERVICE_JWT_ALGORITHM set to an asymmetric algorithm
        "rs256_encode": outcome(lambda: jwt.encode({"exp": int(exp)}, key, algorithm="RS256")),
        "es256_encode": outcome(lambda: jwt.encode({"exp": int(exp)}, key, algorithm="ES256")),
        # a token with another alg reaching decode(..., algorithms=['HS256'])
        "rs256_token_decoded": outcome(lambda: jwt.decode(other, key, algorithms=["HS256"])),
        "rs256_token_is_pyjwt_error": outcome(lambda: _catch(jwt, other, key)),
        "expired": outcome(lambda: jwt.decode(expired, key, algorithms=["HS256"])),
        # an empty secret (file_key without ONLYOFFICE_JWT_SECRET, an unset SSO key)
        "empty_key": outcome(lambda: jwt.encode({"repo_id": "r", "file_path": "/a.docx"}, "")),
    }


def _catch(jwt, token: str, key: str) -> None:
    """auth/views.py's shape: ``except jwt.PyJWTError`` must catch the refusal."""
    try:
        jwt.decode(token, key, algorithms=["HS256"])
    except jwt.PyJWTError:
        return
    raise AssertionError("decoded")


def main() -> int:
    os.environ["DJANGO_SETTINGS_MODULE"] = "seahub_standin.settings"
    import django
    from django.core.wsgi import get_wsgi_application

    django.setup()
    try:
        get_wsgi_application()
    except Exception as error:  # how the server would stop, reported to the caller
        print(json.dumps({"started": False, "error": f"{type(error).__name__}: {error}"}))
        return 0
    from django.conf import settings

    from seahub_standin import onlyoffice_settings, views

    import jwt

    print(
        json.dumps(
            {
                "started": True,
                "error": None,
                "middleware": settings.MIDDLEWARE,
                "jwt": {"import_jwt": jwt.__name__, "views": views.jwt.__name__, "modules": sorted(
                    name for name, module in sys.modules.items()
                    if name.startswith("jwt.") and module is not None
                    and not module.__name__.startswith("onlyoffice_jwt.compat")
                )},
                "callbacks": callbacks(onlyoffice_settings.ONLYOFFICE_JWT_SECRET, onlyoffice_settings.ONLYOFFICE_JWT_HEADER),
                "pyjwt_calls": pyjwt_calls(),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
