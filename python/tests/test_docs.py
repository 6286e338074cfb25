"""The Python snippets of docs/seahub.md work when pasted.

Each block is compiled; every block is then run, with stand-ins for the two things a
test machine lacks: Seahub's own settings module and the `requests` HTTP client.
"""

from __future__ import annotations

import importlib
import json
import pathlib
import re
import sys
import types

import jwt as pyjwt
import pytest
from django.test import RequestFactory, override_settings

import onlyoffice_jwt

DOC = pathlib.Path(__file__).resolve().parents[2] / "docs" / "seahub.md"
BLOCKS = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
SECRET = "seahub-outbox-secret-0123456789abcdef"  # conftest's ONLYOFFICE_JWT_SECRET
CONFIG = {
    "document": {"fileType": "docx", "key": "Khirz6zTPdfd7", "title": "a.docx", "url": "https://seahub.example/f/a.docx"},
    "documentType": "word",
    "editorConfig": {"callbackUrl": "https://seahub.example/onlyoffice/editor-callback/", "mode": "edit"},
}


class FakeResponse:
    def __init__(self, content=b"", payload=None):
        self.content = content
        self.payload = payload

    def raise_for_status(self):
        return None

    def json(self):
        return self.payload


@pytest.fixture
def env(monkeypatch):
    """Stand-ins for seahub.onlyoffice.settings and requests, recording the calls."""
    calls = []
    requests = types.ModuleType("requests")
    requests.RequestException = OSError
    requests.get = lambda url, **kw: calls.append(("get", url, kw)) or FakeResponse(b"new version")
    requests.post = lambda url, **kw: calls.append(("post", url, kw)) or FakeResponse(payload={"endConvert": True})
    monkeypatch.setitem(sys.modules, "requests", requests)
    seahub_settings = types.ModuleType("seahub.onlyoffice.settings")
    seahub_settings.ONLYOFFICE_JWT_SECRET = SECRET
    seahub_settings.ONLYOFFICE_JWT_HEADER = "AuthorizationJwt"
    for name in ("seahub", "seahub.onlyoffice"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "seahub.onlyoffice.settings", seahub_settings)
    return calls


def run(block: str, **names) -> dict:
    namespace = dict(names)
    exec(compile(block, str(DOC), "exec"), namespace)
    return namespace


def block_defining(name: str) -> str:
    matches = [b for b in BLOCKS if f"def {name}(" in b]
    assert len(matches) == 1, name
    return matches[0]


def test_every_block_compiles_and_names_only_existing_functions():
    assert len(BLOCKS) >= 7
    for block in BLOCKS:
        compile(block, str(DOC), "exec")
        for name in re.findall(r"onlyoffice_jwt\.(\w+)", block):
            if name not in ("compat", "django"):
                assert hasattr(onlyoffice_jwt, name), name
        for module in re.findall(r"(?:from|import) (onlyoffice_jwt\.\w+)", block):
            importlib.import_module(module)


def test_api_and_compat_blocks_run(capsys):
    run(BLOCKS[0])
    assert capsys.readouterr().out == "bad_signature 2\n"
    run(BLOCKS[1])


def test_editor_config_block():
    namespace = run(block_defining("sign_editor_config"))
    token = namespace["sign_editor_config"](CONFIG, SECRET)
    claims = pyjwt.decode(token, SECRET, algorithms=["HS256"])
    assert claims["exp"] - claims["iat"] == 3 * 24 * 3600
    assert {k: v for k, v in claims.items() if k not in ("iat", "exp")} == CONFIG
    return_dict = {}
    run(BLOCKS[BLOCKS.index(block_defining("sign_editor_config")) + 1], return_dict=return_dict,
        sign_editor_config=namespace["sign_editor_config"], config=CONFIG, ONLYOFFICE_JWT_SECRET=SECRET)
    assert pyjwt.decode(return_dict["onlyoffice_jwt_token"], SECRET, algorithms=["HS256"])["document"] == CONFIG["document"]


def test_conversion_block(env):
    namespace = run(block_defining("post_conversion"))
    payload = {"url": "https://seahub.example/f/a.docx", "outputtype": "pdf", "filetype": "docx", "title": "a.docx", "key": "k1"}
    assert namespace["post_conversion"]("https://ds.example/ConvertService.ashx", payload) == {"endConvert": True}
    (method, url, kwargs), = env
    assert (method, url, kwargs["timeout"]) == ("post", "https://ds.example/ConvertService.ashx", 120)
    body_claims = pyjwt.decode(kwargs["json"]["token"], SECRET, algorithms=["HS256"])
    assert {k: v for k, v in body_claims.items() if k not in ("iat", "exp")} == payload
    header = kwargs["headers"]["AuthorizationJwt"]
    assert pyjwt.decode(header[len("Bearer "):], SECRET, algorithms=["HS256"])["payload"] == payload
    assert kwargs["headers"]["Accept"] == "application/json"


@override_settings(
    ONLYOFFICE_APIJS_URL="https://ds.example/web-apps/apps/api/documents/api.js",
    ONLYOFFICE_DS_INTERNAL_URL="http://onlyoffice:80/",
)
def test_callback_block(env):
    namespace = run(block_defining("onlyoffice_editor_callback"))
    view = namespace["onlyoffice_editor_callback"]

    def call(body, **headers):
        request = RequestFactory().post("/cb/", data=json.dumps(body), content_type="application/json", **headers)
        return json.loads(view(request).content)

    saved = {"key": "k1", "status": 2, "url": "https://ds.example/cache/files/data/k1/output.docx?md5=x"}
    assert call(saved) == {"error": 1}  # unsigned: refused, nothing fetched
    assert call({**saved, "token": pyjwt.encode(saved, "attacker-secret-mYhJbJgLxJaqVcGry2")}) == {"error": 1}
    assert env == []
    evil = {**saved, "url": "http://169.254.169.254/latest/meta-data"}
    assert call({"token": pyjwt.encode(evil, SECRET)}) == {"error": 1}
    assert env == []
    assert call({"token": pyjwt.encode(saved, SECRET)}) == {"error": 0}
    (method, url, kwargs), = env
    assert url == "http://onlyoffice/cache/files/data/k1/output.docx?md5=x"
    assert kwargs["timeout"] == 60 and kwargs["allow_redirects"] is False
    closed = {"key": "k1", "status": 4}
    header = "Bearer " + pyjwt.encode({"payload": closed}, SECRET)
    assert call(closed, HTTP_AUTHORIZATIONJWT=header) == {"error": 0}
    assert view(RequestFactory().get("/cb/")).status_code == 200


def test_history_and_document_key_blocks(env):
    permissions = run(block_defining("history_permissions"))["history_permissions"](True)
    assert permissions["edit"] is False
    generate = run(block_defining("generate_onlyoffice_doc_key"))["generate_onlyoffice_doc_key"]
    key = generate("repo-id", "/a.docx", "0" * 40)
    assert key == onlyoffice_jwt.document_key(SECRET, "repo-id/a.docx", "0" * 40)
    assert re.fullmatch(r"[0-9A-Za-z_-]{32}", key)
    assert generate("repo-id", "/a.docx", "1" * 40) != key


def test_the_pyjwt_suites_deliberate_refusals_are_the_ones_documented():
    runner = DOC.parents[1] / "python" / "tests" / "pyjwt_suite" / "run_pyjwt_suite.py"
    listed = dict(re.findall(r'^    "(test_[^"]+)": ([A-Z_]+),$', runner.read_text(encoding="utf-8"), re.M))
    documented = re.findall(r"^\| `(test_[^`]+)` \|", DOC.read_text(encoding="utf-8"), re.M)
    assert len(listed) == 7
    assert sorted(documented) == sorted(listed)
