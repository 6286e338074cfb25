"""docs/seahub.md: every code block, as written, in stand-ins of today's Seahub.

The Python blocks are extracted from the Markdown and compiled unchanged (their doc line
numbers kept in tracebacks). A block's first line names where it goes in Seahub, and it
is put there:

- ``seahub/onlyoffice/ds_checks.py`` becomes that module; ``views.py``, ``converter.py``
  and ``utils.py`` blocks replace their function or class in the stand-in of that
  module (python/tests/docs_standin) — Seahub's layout, settings names, doc-key table,
  ``seaserv.seafile_api``, a real file server (update-api) and Document Server over HTTP;
- ``seahub_settings.py`` blocks become the seahub_settings.py of the seahub_standin
  project, loaded as Seahub's settings loader loads it, in a child process;
- the two API blocks are standalone by nature and run as they are.

Shell blocks: the ``pip`` line is the one ``make test-dist`` runs, the package names are
those ``make dist`` writes, and ``doctor``'s command runs (with this test's paths) from
the CLI binary of target/, which must exist.
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import importlib
import json
import logging
import os
import pathlib
import re
import secrets
import shlex
import subprocess
import sys
import tempfile
import time
import types

import jwt as pyjwt
import pytest
import requests
from django.core.cache import cache, caches
from django.test import RequestFactory, override_settings

import onlyoffice_jwt
from docs_standin import PYTHONPATH, TOP_LEVEL
from seahub_standin import ds, scenarios

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "seahub.md"
TEXT = DOC.read_text(encoding="utf-8")
TESTS_DIR = pathlib.Path(__file__).resolve().parent

# (language, line of the first code line, code) of every fenced block.
BLOCKS = [
    (m.group(1), TEXT.count("\n", 0, m.start(2)) + 1, m.group(2))
    for m in re.finditer(r"^ *```(\w*)\n(.*?)^ *```", TEXT, re.S | re.M)
]
PYTHON = [(line, code) for lang, line, code in BLOCKS if lang == "python"]
SHELL = [(line, code) for lang, line, code in BLOCKS if lang == "sh"]

# Each Python block, by how its first line starts; every block has exactly one.
SETTINGS_LINE = "# seahub_settings.py — one line"
SETTINGS_OPTIONAL = "# seahub_settings.py — optional"
SETTINGS_COMPAT = "# seahub_settings.py — the first lines"
DS_CHECKS = "# seahub/onlyoffice/ds_checks.py"
CALLBACK = "# seahub/onlyoffice/views.py — replaces onlyoffice_editor_callback"
CONVERTER = "# seahub/onlyoffice/converter.py — replaces get_converter_uri"
FILE_HISTORY = "# seahub/onlyoffice/views.py — replaces OnlyofficeFileHistory"
DOC_KEY = "# seahub/onlyoffice/utils.py — replaces generate_onlyoffice_doc_key"
API = "import secrets\n\nimport onlyoffice_jwt\n"
COMPAT_AS_JWT = "import onlyoffice_jwt.compat as jwt\n"
RUNNERS = (SETTINGS_LINE, SETTINGS_OPTIONAL, SETTINGS_COMPAT, DS_CHECKS, CALLBACK, CONVERTER,
           FILE_HISTORY, DOC_KEY, API, COMPAT_AS_JWT)

PUBLIC_DS = "https://ds.example/"
APIJS = "web-apps/apps/api/documents/api.js"
ALICE = "alice@example.com"
REPO = "8f4fa3b0-0c9a-4d8e-9d3b-0d3c1c8e2a11"
PATH = "/reports/report v1.docx"
CALLBACK_PATH = "/onlyoffice/editor-callback/"
NEW_VERSION = b"PK\x03\x04 the new version, as the Document Server saved it"
CONFIG_TTL = 3 * 24 * 3600


def block(prefix: str) -> tuple[int, str]:
    """The (line, code) of the one Python block that starts with ``prefix``."""
    found = [(line, code) for line, code in PYTHON if code.startswith(prefix)]
    assert len(found) == 1, (prefix, len(found))
    return found[0]


def compiled(prefix: str):
    """The block compiled as written, its doc line numbers kept."""
    line, code = block(prefix)
    return compile("\n" * (line - 1) + code, str(DOC), "exec")


def run_into(module: types.ModuleType, prefix: str) -> types.ModuleType:
    """Runs the block inside ``module``, as if pasted into that file of Seahub."""
    exec(compiled(prefix), module.__dict__)
    return module


# The stand-in Seahub, its servers and its state ---------------------------------------


@pytest.fixture(scope="module")
def standin():
    """The stand-ins on sys.path, the file server and the Document Server running."""
    with pytest.MonkeyPatch.context() as mp:
        for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
            mp.delenv(name, raising=False)
        mp.syspath_prepend(str(PYTHONPATH))
        from docs_standin import servers

        fileserver = servers.FileServer()
        docserver = servers.DocumentServer(PUBLIC_DS)
        try:
            yield types.SimpleNamespace(fileserver=fileserver, ds=docserver)
        finally:
            fileserver.close()
            docserver.close()
            for name in list(sys.modules):
                if name.split(".")[0] in TOP_LEVEL or name == "docs_standin.servers":
                    del sys.modules[name]


class Traffic:
    """``requests.get``/``requests.post`` as the blocks call them, recorded, then sent."""

    def __init__(self, monkeypatch) -> None:
        self.calls: list[tuple[str, str, dict]] = []
        for method in ("get", "post"):
            real = getattr(requests, method)
            monkeypatch.setattr(requests, method, self._spy(method, real))

    def _spy(self, method, real):
        def call(url, **kwargs):
            self.calls.append((method, url, kwargs))
            return real(url, **kwargs)

        return call


@pytest.fixture
def seahub(standin, monkeypatch):
    """``load(**settings)``: Seahub's settings overridden, its ONLYOFFICE modules
    imported afresh (they compute their values at import), the documented blocks put in
    place; the stores emptied. Returns the modules and the servers."""
    from seahub.onlyoffice.models import OnlyOfficeDocKey
    from seaserv import seafile_api

    stack = contextlib.ExitStack()
    traffic = Traffic(monkeypatch)

    def fresh(name: str) -> types.ModuleType:
        sys.modules.pop(name, None)
        return importlib.import_module(name)

    def load(**values) -> types.SimpleNamespace:
        stack.enter_context(override_settings(**values))
        sys.modules.pop("seahub.onlyoffice.settings", None)
        package = importlib.import_module("seahub.onlyoffice")
        checks = types.ModuleType("seahub.onlyoffice.ds_checks")
        checks.__file__ = "seahub/onlyoffice/ds_checks.py"
        sys.modules[checks.__name__] = checks
        package.ds_checks = run_into(checks, DS_CHECKS)
        # Each block replaces its function in its module, before views.py imports them.
        utils = run_into(fresh("seahub.onlyoffice.utils"), DOC_KEY)
        converter = run_into(fresh("seahub.onlyoffice.converter"), CONVERTER)
        views = types.ModuleType("seahub.onlyoffice.views")
        sys.modules[views.__name__] = views
        run_into(views, CALLBACK)
        run_into(views, FILE_HISTORY)
        assert views.get_file_info_by_doc_key is utils.get_file_info_by_doc_key
        return types.SimpleNamespace(
            settings=importlib.import_module("seahub.onlyoffice.settings"),
            ds_checks=checks,
            views=views,
            converter=converter,
            utils=utils,
            seafile_api=seafile_api,
            table=OnlyOfficeDocKey.objects,
            fileserver=standin.fileserver,
            ds=standin.ds,
            traffic=traffic,
        )

    def reset() -> None:
        seafile_api.reset()
        OnlyOfficeDocKey.objects.rows.clear()
        cache.clear()
        standin.fileserver.fail_uploads = False
        for server in (standin.fileserver, standin.ds):
            server.received.clear()
        standin.ds.files.clear()
        standin.ds.redirects.clear()
        standin.ds.public_url = PUBLIC_DS

    reset()
    try:
        yield load
    finally:
        stack.close()
        reset()
        for name in ("seahub.onlyoffice.ds_checks", "seahub.onlyoffice.views"):
            sys.modules.pop(name, None)


def seahub_settings(standin_ns, secret: str, **extra) -> dict:
    """Seahub's settings of an installation whose DS is reached on its internal address."""
    return {
        "ENABLE_ONLYOFFICE": True,
        "ONLYOFFICE_APIJS_URL": PUBLIC_DS + APIJS,
        "ONLYOFFICE_JWT_SECRET": secret,
        "ONLYOFFICE_JWT_HEADER": "AuthorizationJwt",
        "ONLYOFFICE_JWT_GUARD_DS_INTERNAL_URL": standin_ns.ds.url + "/",
        "INNER_FILE_SERVER_ROOT": standin_ns.fileserver.url,
        "IS_PRO_VERSION": True,
        "SERVICE_URL": "https://seahub.example",
        **extra,
    }


@pytest.fixture
def secret() -> str:
    return secrets.token_urlsafe(32)


@pytest.fixture
def site(seahub, standin, secret):
    """The default installation: Alice edits PATH (its key row, the OnlineOffice lock)."""
    s = seahub(**seahub_settings(standin, secret))
    s.secret = secret
    s.key = s.utils.generate_onlyoffice_doc_key(REPO, PATH, "a" * 40)
    assert s.utils.save_doc_key(s.key, ALICE, REPO, PATH) == s.key
    s.seafile_api.lock_file(REPO, PATH, "OnlineOffice", 0)
    return s


def saved_file_url(s, key: str, content: bytes = NEW_VERSION) -> str:
    """The DS's link to a saved document (its cache, a secure-link query), public."""
    path = f"/cache/files/data/{key}_1767225600/output.docx/output.docx"
    return s.ds.publish(path, content) + "?md5=Vh2D0bWoBOhL8OrtdFzKqw&expires=1767226500&filename=output.docx"


def post_callback(s, body: dict, token: str | None = None, header: str | None = None, name="AuthorizationJwt"):
    """POSTs a callback to the documented view; (HTTP status, answer)."""
    data = dict(body, **({"token": token} if token else {}))
    headers = {name: header} if header else {}
    request = RequestFactory().post(CALLBACK_PATH, data=json.dumps(data), content_type="application/json", headers=headers)
    response = s.views.onlyoffice_editor_callback(request)
    return response.status_code, json.loads(response.content)


def deliver(s, body: dict, secret: str | None = None, plain: dict | None = None):
    """The DS's callback of ``body`` (both tokens, signed with PyJWT as the DS signs them)."""
    callback = ds.callback(body, secret or s.secret)
    return post_callback(s, callback.plain if plain is None else plain, callback.token, "Bearer " + callback.header_token)


def save_body(s, status: int = 2, key: str | None = None, url: str | None = None) -> dict:
    body = ds.body(key or s.key, status)
    if status in (2, 6):
        body["url"] = url or saved_file_url(s, key or s.key)
    return body


def stored(s) -> list:
    """The versions the file server stored for PATH."""
    return s.seafile_api.versions.get((REPO, PATH), [])


def uploads(s) -> list:
    return [r for r in s.fileserver.received if r.path.startswith("/update-api/")]


def cached_for(key: str) -> float:
    """Seconds left before the cached file info of ``key`` expires."""
    backend = caches["default"]
    return backend._expire_info[backend.make_key(key)] - time.time()


# Every block is accounted for ------------------------------------------------------------


def test_every_python_block_has_exactly_one_runner_and_compiles():
    assert len(PYTHON) == len(RUNNERS) == 10
    for line, code in PYTHON:
        owners = [prefix for prefix in RUNNERS if code.startswith(prefix)]
        assert len(owners) == 1, f"docs/seahub.md:{line} is run by {owners}"
        compile(code, str(DOC), "exec")
        for name in re.findall(r"onlyoffice_jwt\.(\w+)", code):
            if name not in ("compat", "django", "seahub"):
                assert hasattr(onlyoffice_jwt, name), (line, name)


def test_the_blocks_use_seahubs_settings_names_only():
    code = "".join(code for _, code in PYTHON)
    assert "DOC_SERV" not in TEXT and "DOC_SERV" not in code
    used = set(re.findall(r"\b(?:ONLYOFFICE|VERIFY_ONLYOFFICE)_[A-Z_]+", code))
    seahub_names = {
        "ONLYOFFICE_APIJS_URL", "ONLYOFFICE_JWT_HEADER", "ONLYOFFICE_JWT_SECRET", "ONLYOFFICE_CONVERTER_URL",
        "VERIFY_ONLYOFFICE_CERTIFICATE",
    }
    ours = {"ONLYOFFICE_JWT_GUARD_DS_INTERNAL_URL", "ONLYOFFICE_JWT_GUARD_EXTRA_DS_URLS", "ONLYOFFICE_JWT_ALLOW_WEAK_SECRET"}
    assert used <= seahub_names | ours, used - seahub_names - ours
    from onlyoffice_jwt import seahub as guard  # the guard reads the same optional names

    source = pathlib.Path(guard.__file__).read_text(encoding="utf-8")
    assert all(name in source for name in ours - {"ONLYOFFICE_JWT_ALLOW_WEAK_SECRET"})


# The save callback ------------------------------------------------------------------------


def test_status_2_stores_the_new_version_and_ends_the_session(site):
    assert deliver(site, save_body(site)) == (200, {"error": 0})
    # The bytes the DS served reached the file server's update-api as a new version.
    [upload] = uploads(site)
    assert [v.content for v in stored(site)] == [NEW_VERSION]
    assert stored(site)[0].filename == "report v1.docx" and stored(site)[0].username == ALICE
    grant = site.seafile_api.tokens[upload.path.split("/")[-1]]
    assert (grant.repo_id, json.loads(grant.obj_id), grant.op, grant.username) == (
        REPO, {"online_office_update": True}, "update", ALICE)
    # Fetched from the DS's internal address, with timeouts and no redirect.
    [fetch] = [r for r in site.ds.received if r.path.startswith("/cache/files/")]
    assert fetch.method == "GET" and "md5=" in fetch.path
    (get, get_url, get_kw), (post, post_url, post_kw) = site.traffic.calls
    assert (get, get_url.startswith(site.ds.url + "/cache/files/"), get_kw["timeout"], get_kw["allow_redirects"]) == (
        "get", True, 60, False)
    assert (post, post_url.startswith(site.fileserver.url + "/update-api/"), post_kw["timeout"]) == ("post", True, 300)
    # The session is over: row removed, file info cached for 24 h, lock released.
    assert site.table.filter(doc_key=site.key).first() is None
    assert cache.get(site.key) == {"username": ALICE, "repo_id": REPO, "file_path": PATH}
    assert 24 * 3600 - 60 < cached_for(site.key) <= 24 * 3600
    assert site.seafile_api.unlocked == [(REPO, PATH)]


def test_status_6_stores_the_new_version_and_keeps_the_key_and_the_lock(site):
    assert deliver(site, save_body(site, 6)) == (200, {"error": 0})
    assert [v.content for v in stored(site)] == [NEW_VERSION]
    assert site.table.filter(doc_key=site.key).first().username == ALICE
    assert cache.get(site.key) is None and site.seafile_api.unlocked == []
    assert site.seafile_api.get_lock_info(REPO, PATH).user == "OnlineOffice"


def test_status_4_ends_the_session_without_a_download(site):
    assert deliver(site, save_body(site, 4)) == (200, {"error": 0})
    assert site.ds.received == [] and uploads(site) == []
    assert site.table.filter(doc_key=site.key).first() is None
    assert cache.get(site.key)["file_path"] == PATH
    assert site.seafile_api.unlocked == [(REPO, PATH)]


def test_only_a_lock_of_onlineoffice_is_released_and_only_on_pro(site, seahub, standin):
    site.seafile_api.lock_file(REPO, PATH, "bob@example.com", 0)
    assert deliver(site, save_body(site, 4)) == (200, {"error": 0})
    assert site.seafile_api.unlocked == []
    community = seahub(**seahub_settings(standin, site.secret, IS_PRO_VERSION=False))
    community.secret = site.secret
    community.table.rows.clear()
    community.utils.save_doc_key("k2", ALICE, REPO, PATH)
    community.seafile_api.lock_file(REPO, PATH, "OnlineOffice", 0)
    assert deliver(community, save_body(community, 4, key="k2")) == (200, {"error": 0})
    assert community.seafile_api.unlocked == []


@pytest.mark.parametrize("status, answer", [(1, 0), (3, 1), (7, 1)])
def test_other_statuses_are_answered_as_seahub_answers_them(site, status, answer):
    assert deliver(site, save_body(site, status)) == (200, {"error": answer})
    assert stored(site) == [] and site.ds.received == []
    assert site.table.filter(doc_key=site.key).first() is not None


def test_a_key_known_only_from_the_24h_cache_still_resolves(site):
    assert deliver(site, save_body(site, 2)) == (200, {"error": 0})
    assert deliver(site, save_body(site, 2)) == (200, {"error": 0})
    assert len(stored(site)) == 2


def test_an_unknown_key_is_refused(site):
    assert deliver(site, save_body(site, 2, key="c4ca4238a0b923820dcc")) == (200, {"error": 1})
    assert stored(site) == [] and site.ds.received == []


def test_a_header_token_alone_is_accepted_in_onlyoffice_jwt_header_only(site):
    body = save_body(site)
    header = "Bearer " + ds.sign({"payload": body}, site.secret, int(time.time()))
    assert post_callback(site, body, header=header, name="Authorization") == (200, {"error": 1})
    assert stored(site) == []
    assert post_callback(site, body, header=header, name="AuthorizationJwt") == (200, {"error": 0})
    assert [v.content for v in stored(site)] == [NEW_VERSION]


def test_forged_callbacks_store_nothing(site, caplog):
    caplog.set_level(logging.INFO, logger="onlyoffice")
    save = save_body(site)
    attacker = secrets.token_urlsafe(32)
    metadata = "http://169.254.169.254/latest/meta-data/iam/security-credentials/"
    cases = {
        "unsigned": post_callback(site, save),
        "another secret": deliver(site, save, secret=attacker),
        "url: metadata service": deliver(site, save_body(site, url=metadata)),
        "url: another port of the DS host": deliver(site, save_body(site, url="https://ds.example:8443/cache/files/x")),
        "url: user info": deliver(site, save_body(site, url="https://u:p@ds.example/cache/files/x")),
        "expired": post_callback(site, save, pyjwt.encode({**save, "exp": int(time.time()) - 3600}, site.secret)),
    }
    assert cases == {name: (200, {"error": 1}) for name in cases}
    assert stored(site) == [] and uploads(site) == [] and site.traffic.calls == []
    assert site.table.filter(doc_key=site.key).first() is not None and site.seafile_api.unlocked == []
    log = "\n".join(record.getMessage() for record in caplog.records)
    assert site.secret not in log and "eyJ" not in log and attacker not in log
    for code in ("missing_token", "bad_signature", "expired"):
        assert f"callback refused ({code})" in log
    assert log.count("the new version was not fetched") == 3


def test_the_plain_body_is_never_read(site):
    signed = save_body(site)
    plain = {**signed, "url": "https://attacker.example/evil.docx", "key": "c4ca4238a0b923820dcc"}
    assert deliver(site, signed, plain=plain) == (200, {"error": 0})
    assert [v.content for v in stored(site)] == [NEW_VERSION]


def test_a_redirect_from_the_ds_is_not_followed(site):
    url = saved_file_url(site, site.key)
    site.ds.redirects[url.split("?")[0][len(PUBLIC_DS) - 1:]] = "http://169.254.169.254/"
    assert deliver(site, save_body(site, url=url)) == (200, {"error": 1})
    assert stored(site) == [] and site.table.filter(doc_key=site.key).first() is not None


def test_a_failed_upload_is_not_acknowledged_and_keeps_the_session(site):
    site.fileserver.fail_uploads = True
    assert deliver(site, save_body(site)) == (200, {"error": 1})
    assert len(uploads(site)) == 1 and stored(site) == []
    assert site.table.filter(doc_key=site.key).first() is not None and site.seafile_api.unlocked == []


def test_get_is_refused_as_seahub_refuses_it(site):
    response = site.views.onlyoffice_editor_callback(RequestFactory().get(CALLBACK_PATH))
    assert (response.status_code, response.content) == (200, b'{"error": 1}')


def test_an_empty_secret_refuses_every_callback_without_a_500(seahub, standin, caplog):
    s = seahub(**seahub_settings(standin, ""))
    s.utils.save_doc_key("k1", ALICE, REPO, PATH)
    body = {"key": "k1", "status": 2, "url": saved_file_url(s, "k1")}
    assert post_callback(s, body) == (200, {"error": 1})
    assert deliver(s, body, secret=secrets.token_urlsafe(32)) == (200, {"error": 1})
    assert stored(s) == [] and s.table.filter(doc_key="k1").first() is not None
    assert "(weak_secret)" in caplog.text


def test_a_short_legacy_secret_needs_onlyoffice_jwt_allow_weak_secret(seahub, standin):
    legacy = "short-legacy-secret"
    for allow, answer in ((False, 1), (True, 0)):
        extra = {"ONLYOFFICE_JWT_ALLOW_WEAK_SECRET": True} if allow else {}
        s = seahub(**seahub_settings(standin, legacy, **extra))
        s.secret = legacy
        s.table.rows.clear()
        s.utils.save_doc_key("k1", ALICE, REPO, PATH)
        assert deliver(s, save_body(s, key="k1")) == (200, {"error": answer})
    assert [v.content for v in stored(s)] == [NEW_VERSION]


def multi_suite(standin, secret: str, stale: str, apijs: str) -> dict:
    """Multiple office suites: the top-level ONLYOFFICE_* values are stale and ignored."""
    return seahub_settings(
        standin,
        stale,
        ENABLE_MULTIPLE_OFFICE_SUITE=True,
        ONLYOFFICE_APIJS_URL="https://old-ds.example/" + APIJS,
        ONLYOFFICE_JWT_HEADER="Authorization",
        OFFICE_SUITE_LIST=[
            {"id": "collabora", "name": "CollaboraOnline", "is_default": False},
            {"id": "onlyoffice", "name": "OnlyOffice", "is_default": True, "ONLYOFFICE_APIJS_URL": apijs,
             "ONLYOFFICE_JWT_SECRET": secret, "ONLYOFFICE_JWT_HEADER": "AuthorizationJwt"},
        ],
    )


def test_multiple_office_suites_read_the_onlyoffice_entry(seahub, standin, secret):
    stale = secrets.token_urlsafe(32)
    s = seahub(**multi_suite(standin, secret, stale, PUBLIC_DS + APIJS))
    assert (s.settings.ONLYOFFICE_JWT_SECRET, s.ds_checks.DS_URL) == (secret, PUBLIC_DS)
    s.secret = secret
    s.utils.save_doc_key("k1", ALICE, REPO, PATH)
    assert deliver(s, save_body(s, key="k1"), secret=stale) == (200, {"error": 1})
    assert deliver(s, save_body(s, key="k1")) == (200, {"error": 0})
    assert [v.content for v in stored(s)] == [NEW_VERSION]
    assert s.utils.generate_onlyoffice_doc_key(REPO, PATH, "b" * 40) == onlyoffice_jwt.document_key(
        secret, REPO + PATH, "b" * 40)


# The conversion request ---------------------------------------------------------------


@pytest.fixture
def converting(seahub, standin, secret):
    """An installation whose DS (public URL = its address here) converts."""
    standin.ds.secret, standin.ds.header = secret, "AuthorizationJwt"
    values = seahub_settings(standin, secret, ONLYOFFICE_APIJS_URL=standin.ds.url + "/" + APIJS)
    del values["ONLYOFFICE_JWT_GUARD_DS_INTERNAL_URL"]
    s = seahub(**values)
    s.ds.public_url = s.ds.url + "/"
    s.secret = secret
    return s


DOC_URI = "https://seahub.example/seafhttp/files/8c1d0a1e-token/report%20v1.doc"


def test_the_conversion_is_signed_as_the_ds_reads_it_and_has_a_timeout(converting):
    s = converting
    assert s.settings.ONLYOFFICE_CONVERTER_URL == s.ds.url + "/ConvertService.ashx"
    file_url = s.converter.get_converter_uri(DOC_URI, ".doc", ".docx", "c4ca4238a0b923820dcc", False, "pw")
    assert file_url == s.ds.url + "/cache/files/conv_c4ca4238a0b923820dcc/output.docx"
    [(method, url, kwargs)] = s.traffic.calls
    assert (method, url, kwargs["timeout"]) == ("post", s.ds.url + "/ConvertService.ashx", 120)
    fields = {"url": DOC_URI, "outputtype": "docx", "filetype": "doc", "title": "report%20v1.doc",
              "key": "c4ca4238a0b923820dcc", "password": "pw"}
    body = pyjwt.decode(kwargs["json"]["token"], s.secret, algorithms=["HS256"])
    assert {k: v for k, v in body.items() if k not in ("iat", "exp")} == fields
    assert body["exp"] - body["iat"] == 300 and abs(body["iat"] - time.time()) < 60
    assert {k: v for k, v in kwargs["json"].items() if k != "token"} == fields
    header = kwargs["headers"]["AuthorizationJwt"]
    assert header.startswith("Bearer ") and kwargs["headers"]["accept"] == "application/json"
    assert pyjwt.decode(header[7:], s.secret, algorithms=["HS256"])["payload"] == fields
    # OnlyofficeConvert fetches fileUrl with fetch_from_document_server.
    assert s.ds_checks.fetch_from_document_server(file_url) == b"converted: report%20v1.doc"


def test_an_async_conversion_and_the_ds_refusing_tokens(converting):
    s = converting
    s.converter.get_converter_uri(DOC_URI, "", ".pdf", "c4ca4238a0b923820dcc", True)
    sent = s.traffic.calls[-1][2]["json"]
    assert (sent["async"], sent["filetype"], sent["outputtype"]) == (True, "doc", "pdf")
    s.ds.secret = secrets.token_urlsafe(32)  # the DS has another secret: Seahub's error path
    with pytest.raises(Exception, match="Error document VKey"):
        s.converter.get_converter_uri(DOC_URI, ".doc", ".docx", "c4ca4238a0b923820dcc", False)


def test_without_a_secret_the_conversion_goes_unsigned_as_today(seahub, standin):
    values = seahub_settings(standin, "", ONLYOFFICE_APIJS_URL=standin.ds.url + "/" + APIJS)
    s = seahub(**values)
    with pytest.raises(Exception, match="Error document VKey"):  # a DS that requires tokens
        s.converter.get_converter_uri(DOC_URI, ".doc", ".docx", "c4ca4238a0b923820dcc", False)
    [(_, _, kwargs)] = s.traffic.calls
    assert "token" not in kwargs["json"] and set(kwargs["headers"]) == {"accept"}


def test_the_converter_url_of_multiple_office_suites(seahub, standin, secret):
    standin.ds.secret, standin.ds.header = secret, "AuthorizationJwt"
    s = seahub(**multi_suite(standin, secret, secrets.token_urlsafe(32), standin.ds.url + "/" + APIJS))
    s.ds.public_url = s.ds.url + "/"
    assert s.converter.get_converter_uri(DOC_URI, ".doc", ".docx", "c4ca4238a0b923820dcc", False).startswith(s.ds.url)


# The editor config, file_key, reference data, history tokens ----------------------------


def seahub_config() -> dict:
    """The config get_onlyoffice_dict builds (its shape today, its 'exp' included)."""
    return {
        "document": {
            "fileType": "docx", "key": "0cc175b9c0f1b6a831c3", "title": "report v1.docx",
            "url": "https://seahub.example/seafhttp/files/8c1d0a1e-token/report%20v1.docx",
            "permissions": {"download": True, "edit": True, "fillForms": True, "copy": True, "print": True, "review": True},
        },
        "documentType": "word",
        "editorConfig": {
            "callbackUrl": "https://seahub.example/onlyoffice/editor-callback/", "lang": "en", "mode": "edit",
            "customization": {"forcesave": False, "submitForm": True},
            "user": {"id": ALICE, "name": "Alice", "avatar_url": "https://seahub.example/avatar.png"},
        },
        "exp": int(time.time()) + CONFIG_TTL,
    }


def test_sign_editor_config_adds_iat_and_keeps_three_days(site):
    config = seahub_config()
    claims = pyjwt.decode(site.ds_checks.sign_editor_config(config), site.secret, algorithms=["HS256"])
    assert claims["exp"] - claims["iat"] == CONFIG_TTL and abs(claims["iat"] - time.time()) < 60
    assert {k: v for k, v in claims.items() if k not in ("iat", "exp")} == {k: v for k, v in config.items() if k != "exp"}
    bad = seahub_config()
    bad["document"]["key"] = "not a key!"
    with pytest.raises(onlyoffice_jwt.InvalidInputError):
        site.ds_checks.sign_editor_config(bad)


def test_file_key_reference_data_and_history_tokens(site):
    checks = site.ds_checks
    file_key = checks.sign_file_key(REPO, PATH)
    claims = pyjwt.decode(file_key, site.secret, algorithms=["HS256"])
    assert (claims["repo_id"], claims["file_path"], "exp" in claims) == (REPO, PATH, False)
    assert checks.verify_file_key(file_key)["file_path"] == PATH
    with pytest.raises(onlyoffice_jwt.BadSignatureError):
        checks.verify_file_key(pyjwt.encode({"repo_id": REPO, "file_path": "/salaries.xlsx"}, secrets.token_urlsafe(32)))
    history = {"key": "a" * 40, "url": "https://seahub.example/onlyoffice-api/file-history/?obj_id=" + "a" * 40,
               "version": "a" * 40, "exp": int(time.time()) + CONFIG_TTL}
    signed = pyjwt.decode(checks.sign_for_ds(history, CONFIG_TTL), site.secret, algorithms=["HS256"])
    assert signed["exp"] - signed["iat"] == CONFIG_TTL and signed["url"] == history["url"]
    reference = pyjwt.decode(checks.sign_for_ds({"fileType": "xlsx"}, checks.REQUEST_TTL), site.secret, algorithms=["HS256"])
    assert reference["exp"] - reference["iat"] == 300


def test_without_a_secret_file_key_is_empty_and_never_verifies(seahub, standin):
    s = seahub(**seahub_settings(standin, ""))
    assert s.ds_checks.sign_file_key(REPO, PATH) == ""
    forged = pyjwt.encode({"repo_id": REPO, "file_path": PATH}, "x" * 32)
    with pytest.raises(onlyoffice_jwt.WeakSecretError):
        s.ds_checks.verify_file_key(forged)


def test_a_weak_secret_signs_only_with_the_setting(seahub, standin):
    s = seahub(**seahub_settings(standin, "short-legacy-secret"))
    with pytest.raises(onlyoffice_jwt.WeakSecretError):
        s.ds_checks.sign_editor_config(seahub_config())
    s = seahub(**seahub_settings(standin, "short-legacy-secret", ONLYOFFICE_JWT_ALLOW_WEAK_SECRET=True))
    assert pyjwt.decode(s.ds_checks.sign_editor_config(seahub_config()), "short-legacy-secret", algorithms=["HS256"])


# The file history -------------------------------------------------------------------------

OBJ = "b" * 40


def history_target(site_root: str = "/", **query) -> str:
    """Seahub's history URL (urlencode, as OnlyofficeGetHistoryFileAccessToken builds it)."""
    from urllib.parse import urlencode

    values = {"username": ALICE, "repo_id": REPO, "path": PATH, "obj_id": OBJ, **query}
    return f"{site_root}onlyoffice-api/file-history/?{urlencode({k: v for k, v in values.items() if v is not None})}"


def get_history(s, target: str, authorization: str | None):
    headers = {"Authorization": authorization} if authorization else {}
    response = s.views.OnlyofficeFileHistory.as_view()(RequestFactory().get(target, headers=headers))
    return response.status_code, response.content


@pytest.fixture
def history(seahub, standin, secret):
    s = seahub(**seahub_settings(standin, secret, SITE_ROOT="/seafile/"))
    s.secret = secret
    s.seafile_api.objects[(REPO, OBJ)] = b"an earlier version of report v1.docx"
    return s


def test_the_file_history_serves_the_version_its_token_names(history):
    target = history_target("/seafile/")
    authorization = ds.download_authorization("https://seahub.example" + target, history.secret)
    assert get_history(history, target, authorization) == (200, b"an earlier version of report v1.docx")
    [request] = history.fileserver.received
    grant = history.seafile_api.tokens[request.path.split("/")[2]]
    assert request.path.endswith("/report%20v1.docx") and (grant.op, grant.obj_id, grant.use_onetime) == ("view", OBJ, False)


def test_the_file_history_refuses_what_the_substring_match_accepted(history):
    target = history_target("/seafile/")
    authorization = ds.download_authorization("https://seahub.example" + target, history.secret)
    forbidden = (403, b'{"error_msg":"Bearer invalid."}')
    assert get_history(history, "/seafile/onlyoffice-api/file-history/", authorization) == forbidden
    assert get_history(history, history_target("/seafile/", path=None, obj_id=None), authorization) == forbidden
    assert get_history(history, target, None) == forbidden
    assert get_history(history, target, ds.download_authorization("https://seahub.example" + target,
                                                                  secrets.token_urlsafe(32))) == forbidden
    assert history.fileserver.received == []


def test_the_file_history_without_obj_id_or_secret(history, seahub, standin):
    target = history_target("/seafile/", obj_id=None)
    authorization = ds.download_authorization("https://seahub.example" + target, history.secret)
    assert get_history(history, target, authorization) == (400, b'{"error_msg":"url invalid."}')
    off = seahub(**seahub_settings(standin, ""))
    assert get_history(off, target, authorization) == (501, b'{"error_msg":"feature is not enabled."}')


# Document keys ----------------------------------------------------------------------------


def test_document_keys_come_from_the_secret(site):
    generate = site.utils.generate_onlyoffice_doc_key
    key = generate(REPO, PATH, "a" * 40)
    assert key == onlyoffice_jwt.document_key(site.secret, REPO + PATH, "a" * 40) == site.key
    assert re.fullmatch(r"[0-9A-Za-z_-]{32}", key) and len(key) <= 36
    assert generate(REPO, PATH, "a" * 40) == key != generate(REPO, PATH, "c" * 40)
    assert key != generate(REPO, "/other.docx", "a" * 40)
    # Seahub's own flow stores and finds it: the callback above resolved site.key.
    assert site.utils.get_doc_key_by_repo_id_file_path(REPO, PATH) == key


def test_without_a_secret_the_key_stays_todays_md5(seahub, standin):
    s = seahub(**seahub_settings(standin, ""))
    expected = hashlib.md5((REPO + PATH + "a" * 40).encode()).hexdigest()[:20]
    assert s.utils.generate_onlyoffice_doc_key(REPO, PATH, "a" * 40) == expected


# seahub_settings.py blocks, in Seahub's settings loader --------------------------------


def settings_child(text: str) -> dict:
    """The stand-in Seahub started with this seahub_settings.py (docs_standin.settings_child)."""
    with tempfile.TemporaryDirectory(prefix="seahub-conf-") as conf_dir:
        pathlib.Path(conf_dir, "seahub_settings.py").write_text(text, encoding="utf-8")
        env = {**os.environ, "SEAFILE_CENTRAL_CONF_DIR": conf_dir,
               "PYTHONPATH": os.pathsep.join(filter(None, [str(TESTS_DIR), os.environ.get("PYTHONPATH", "")]))}
        done = subprocess.run([sys.executable, "-m", "docs_standin.settings_child"], env=env,
                              capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def existing_settings(secret: str, apijs: str = PUBLIC_DS + APIJS) -> str:
    """What an installation's seahub_settings.py already says about ONLYOFFICE."""
    return f"ENABLE_ONLYOFFICE = True\nONLYOFFICE_APIJS_URL = {apijs!r}\nONLYOFFICE_JWT_SECRET = {secret!r}\n"


def test_the_settings_line_is_the_one_the_guard_tests_load():
    tree = ast.parse(block(SETTINGS_LINE)[1])
    [assign] = [node for node in tree.body if isinstance(node, ast.Assign)]
    assert (assign.targets[0].id, ast.literal_eval(assign.value)) == ("EXTRA_MIDDLEWARE", [scenarios.GUARD])


def test_the_settings_blocks_protect_seahub_as_seahub_loads_them(secret):
    text = block(SETTINGS_COMPAT)[1] + existing_settings(secret) + block(SETTINGS_LINE)[1] + block(SETTINGS_OPTIONAL)[1]
    result = settings_child(text)
    assert result["started"], result["error"]
    assert result["middleware"][-1] == scenarios.GUARD and result["middleware"].count(scenarios.GUARD) == 1
    # The guard refuses the unsigned save and the SSRF; the signed save on an extra DS URL is stored.
    callbacks = result["callbacks"]
    assert callbacks["unsigned"] == {"answer": '{"error": 1}', "downloaded": [], "stored": []}
    assert callbacks["signed_metadata_url"] == {"answer": '{"error": 1}', "downloaded": [], "stored": []}
    extra = callbacks["signed_extra_url"]
    assert extra["answer"] == '{"error": 0}' and extra["stored"] == ["served by " + extra["downloaded"][0]]
    # compat.install(): every `import jwt` of Seahub is the facade ...
    assert result["jwt"] == {"import_jwt": "onlyoffice_jwt.compat", "views": "onlyoffice_jwt.compat", "modules": []}
    # ... and Seahub's other call shapes behave as section 2.7 says.
    assert result["pyjwt_calls"] == {
        "hs256_default": "ok",
        "hs256_positional_float_exp": "ok",
        "hs512": "ok",
        "rs256_encode": "NotImplementedError",
        "es256_encode": "NotImplementedError",
        "rs256_token_decoded": "InvalidAlgorithmError",
        "rs256_token_is_pyjwt_error": "ok",
        "expired": "ExpiredSignatureError",
        "empty_key": "InvalidKeyError",
    }


def test_without_the_settings_line_the_same_callbacks_get_through(secret):
    result = settings_child(existing_settings(secret))
    assert result["started"] and scenarios.GUARD not in result["middleware"]
    assert result["jwt"]["import_jwt"] == "jwt"  # PyJWT: no compat block either
    unsigned = result["callbacks"]["unsigned"]
    assert unsigned["answer"] == '{"error": 0}' and unsigned["stored"] == ["served by " + unsigned["downloaded"][0]]
    assert result["callbacks"]["signed_metadata_url"]["downloaded"] == ["http://169.254.169.254/latest/meta-data/"]


def test_with_the_line_and_no_secret_seahub_does_not_start():
    result = settings_child(existing_settings("") + block(SETTINGS_LINE)[1])
    assert not result["started"] and "onlyoffice_jwt.E001" in result["error"]


# Shell blocks -----------------------------------------------------------------------------


def shell_commands() -> list[list[str]]:
    """Every command line of the shell blocks (continuations joined, comments dropped)."""
    commands = []
    for _, code in SHELL:
        for line in code.replace("\\\n", " ").splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                commands.append(shlex.split(line))
    return commands


def test_the_pip_lines_are_the_one_make_test_dist_runs():
    test_dist = (ROOT / "scripts" / "test-dist.sh").read_text(encoding="utf-8")
    pip_lines = [c for c in shell_commands() if "pip" in c] + [
        shlex.split(inner) for c in shell_commands() if c[:3] == ["docker", "exec", "seafile"] and c[3:5] == ["sh", "-c"]
        for inner in c[5].split(" && ")
    ]
    installs = [c[c.index("install"):] for c in pip_lines if "install" in c]
    assert len(installs) == 2
    for args in installs:
        assert args == ["install", "--no-index", "--find-links", ".", "onlyoffice-jwt"]
    # The wheel test of make test-dist: "python3 -m pip install -q ... --no-index ...".
    script_lines = test_dist.replace("\\\n", " ").splitlines()
    tested = [shlex.split(line.split("-m pip install", 1)[1].rstrip(")"))
              for line in script_lines if "-m pip install" in line and "--find-links" in line]
    quiet = ("-q", "--disable-pip-version-check")
    assert [["install", *(arg for arg in args if arg not in quiet)] for args in tested] == [installs[0]]
    checks = [c for c in shell_commands() if c[:1] == ["sha256sum"]]
    assert checks == [["sha256sum", "-c", "SHA256SUMS", "--ignore-missing"]]
    assert "sha256sum *.whl *.tar.gz *.deb > SHA256SUMS" in (ROOT / "mk" / "95-dist.mk").read_text(encoding="utf-8")


def test_the_package_names_are_those_make_dist_writes():
    documented = re.findall(r"`(onlyoffice[_-]jwt[-_][^`]*?\.(?:whl|deb))`", TEXT)
    assert len(documented) == 3
    # <version> is the package's; cp311 is "the CPython that ran make dist".
    patterns = [re.escape(name).replace(re.escape("<version>"), r"[0-9][0-9A-Za-z.+]*")
                .replace("cp311\\-cp311", r"cp3[0-9]+\-cp3[0-9]+") for name in documented]
    dist_mk = (ROOT / "mk" / "95-dist.mk").read_text(encoding="utf-8")
    assert "--features abi3" in dist_mk and "--compatibility manylinux_2_17" in dist_mk
    assert "onlyoffice-jwt-cli" in (ROOT / "scripts" / "build-debs.sh").read_text(encoding="utf-8")
    built = [*(ROOT / "dist").glob("*.whl"), *(ROOT / "dist").glob("onlyoffice-jwt-cli_*.deb")]
    for path in built:  # whatever make dist wrote last, when it has run
        assert any(re.fullmatch(p, path.name) for p in patterns), path.name


def cli() -> pathlib.Path:
    for build in ("release", "debug"):
        binary = ROOT / "target" / build / "onlyoffice-jwt"
        if binary.is_file():
            return binary
    pytest.fail("no onlyoffice-jwt CLI in target/release or target/debug: build it (make build-cli)")


def test_doctors_command_runs_with_its_documented_flags(standin, secret, tmp_path):
    [command] = [c for c in shell_commands() if c[1:3] == ["doctor", "seahub"]]
    assert command[0] == "onlyoffice-jwt"
    flags = [arg for arg in command if arg.startswith("--")]
    help_text = subprocess.run([cli(), "doctor", "seahub", "--help"], capture_output=True, text=True, check=True).stdout
    assert flags == ["--settings", "--python"] and all(flag in help_text for flag in flags)
    assert command[command.index("--settings") + 1] == "/opt/seafile/conf/seahub_settings.py"
    # The same command on this test's installation: the documented settings blocks.
    settings_file = tmp_path / "seahub_settings.py"
    settings_file.write_text(existing_settings(secret, standin.ds.url + "/" + APIJS) + block(SETTINGS_LINE)[1])
    mine = [cli(), *command[1:]]
    mine[mine.index("--settings") + 1] = str(settings_file)
    mine[mine.index("--python") + 1] = sys.executable
    done = subprocess.run(mine, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "protected: every check passed" in done.stdout and re.search(r"^ok +clock", done.stdout, re.M)
    assert secret not in done.stdout + done.stderr
    settings_file.write_text(existing_settings(secret, standin.ds.url + "/" + APIJS))
    done = subprocess.run(mine, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and re.search(r"^FAIL guard", done.stdout, re.M)


# The module's API blocks ------------------------------------------------------------------


def test_the_api_block(capsys):
    exec(compiled(API), {})
    assert capsys.readouterr().out == "bad_signature 2\n"


def test_the_compat_import_block():
    namespace: dict = {}
    exec(compiled(COMPAT_AS_JWT), namespace)
    assert namespace["jwt"] is importlib.import_module("onlyoffice_jwt.compat")


def test_the_pyjwt_suites_deliberate_refusals_are_the_ones_documented():
    runner = ROOT / "python" / "tests" / "pyjwt_suite" / "run_pyjwt_suite.py"
    listed = dict(re.findall(r'^    "(test_[^"]+)": ([A-Z_]+),$', runner.read_text(encoding="utf-8"), re.M))
    documented = re.findall(r"^\| `(test_[^`]+)` \|", TEXT, re.M)
    assert len(listed) == 7
    assert sorted(documented) == sorted(listed)
