"""onlyoffice_jwt.seahub.GuardMiddleware: Seahub protected by one line of configuration.

Two parts:

- in this process, with RequestFactory and conftest's Django settings overridden per
  test: the system checks, start-up, which requests are guarded, the answers and the
  log lines of a refusal, the settings read at request time;
- in child processes, the stand-in Seahub (seahub_standin: Seahub's settings loader,
  URL layout and ONLYOFFICE views as they behave today) with and without
  ``EXTRA_MIDDLEWARE = ["onlyoffice_jwt.seahub.GuardMiddleware"]``: every attack works
  without the guard and is refused with it, the Document Server's traffic works both ways.
"""

from __future__ import annotations

import json
import logging
import secrets

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from onlyoffice_jwt.seahub import GuardMiddleware, check_guard_settings
from seahub_standin import ds, harness, scenarios

SECRET = secrets.token_urlsafe(32)
SEAHUB = {
    "ONLYOFFICE_JWT_SECRET": SECRET,
    "ONLYOFFICE_APIJS_URL": scenarios.APIJS_URL,
    "ONLYOFFICE_JWT_HEADER": "Authorization",
}
CALLBACK = "/onlyoffice/editor-callback/"
HISTORY = "/onlyoffice-api/file-history/?username=a%40example.com&repo_id=r&path=%2Fa.docx&obj_id=o"
SIGNED_HISTORY = "https://seahub.example" + HISTORY
PASSED = HttpResponse(b"the view's answer")


@pytest.fixture
def seahub():
    """conftest's settings with Seahub's ONLYOFFICE settings of this module."""
    with override_settings(**SEAHUB):
        yield


@pytest.fixture
def guard(seahub):
    """The middleware in front of a view that records the requests reaching it."""
    reached = []
    middleware = GuardMiddleware(lambda request: reached.append(request) or PASSED)
    middleware.reached = reached
    return middleware


def callback_request(body: dict, authorization=None, header="Authorization", path=CALLBACK):
    """A POST of the body, with ``authorization`` in ``header``."""
    headers = {header: authorization} if authorization else {}
    return RequestFactory().post(
        path, data=json.dumps(body), content_type="application/json", headers=headers
    )


def history_request(target: str, signed_url: str, method="get"):
    """A request for ``target`` with the Document Server's token for ``signed_url``."""
    authorization = ds.download_authorization(signed_url, SECRET)
    return getattr(RequestFactory(), method)(target, headers={"Authorization": authorization})


def signed_callback(body: dict, plain: dict | None = None, path=CALLBACK):
    """The Document Server's callback of ``body`` (``plain`` replaces its plain body)."""
    callback = ds.callback(body, SECRET)
    plain_body = {**(callback.plain if plain is None else plain), "token": callback.token}
    return callback_request(plain_body, "Bearer " + callback.header_token, path=path)


def save_body(base=scenarios.DS_URL) -> dict:
    """The Document Server's save (status 2) of the document, its URLs on ``base``."""
    return ds.body(scenarios.KEY, 2, base=base)


def leaks(texts, secrets_) -> list[int]:
    """The indexes of the texts holding a secret or a JWT (never the texts themselves)."""
    return [i for i, text in enumerate(texts) if "eyJ" in text or any(s in text for s in secrets_)]


def codes(caplog) -> list[str]:
    """The error codes of the guard's log records."""
    return [record.args[2] for record in caplog.records if record.name == "onlyoffice"]


# System checks and start-up -------------------------------------------------------------


def check_ids() -> list[str]:
    """The ids of the guard's system-check messages."""
    return [message.id for message in check_guard_settings()]


def test_checks_pass_with_a_secret_and_the_ds_url(seahub):
    assert check_guard_settings() == []


@pytest.mark.parametrize("secret", ["", None])
def test_missing_or_empty_secret_is_an_error(seahub, secret):
    if secret is None:
        del settings.ONLYOFFICE_JWT_SECRET
    else:
        settings.ONLYOFFICE_JWT_SECRET = secret
    [error] = check_guard_settings()
    assert error.id == "onlyoffice_jwt.E001" and error.is_serious()
    assert "seahub_settings.py" in error.hint


def test_multiple_office_suites_read_the_onlyoffice_entry(seahub):
    suite = {"id": "onlyoffice", "ONLYOFFICE_APIJS_URL": scenarios.APIJS_URL}
    other = {"id": "collabora", "ONLYOFFICE_JWT_SECRET": SECRET}
    with override_settings(ENABLE_MULTIPLE_OFFICE_SUITE=True, OFFICE_SUITE_LIST=[other, suite]):
        # The top-level secret is ignored in this mode, as Seahub ignores it.
        assert check_ids() == ["onlyoffice_jwt.E001"]
        assert "OFFICE_SUITE_LIST" in check_guard_settings()[0].hint
        suite["ONLYOFFICE_JWT_SECRET"] = SECRET
        assert check_ids() == []
        del suite["ONLYOFFICE_APIJS_URL"]
        assert check_ids() == ["onlyoffice_jwt.E002"]


@pytest.mark.parametrize(
    "overrides",
    [
        {"ONLYOFFICE_APIJS_URL": ""},
        {"ONLYOFFICE_APIJS_URL": "https://ds.example/"},
        {"ONLYOFFICE_APIJS_URL": "/web-apps/apps/api/documents/api.js"},
        {"ONLYOFFICE_JWT_GUARD_DS_INTERNAL_URL": "onlyoffice:80"},
        {"ONLYOFFICE_JWT_GUARD_DS_INTERNAL_URL": ["http://onlyoffice:80/"]},
        {"ONLYOFFICE_JWT_GUARD_EXTRA_DS_URLS": scenarios.STORAGE_URL},
        {"ONLYOFFICE_JWT_GUARD_EXTRA_DS_URLS": ["storage.example"]},
    ],
)
def test_unusable_ds_addresses_are_an_error(seahub, overrides):
    with override_settings(**overrides):
        [error] = check_guard_settings()
    assert error.id == "onlyoffice_jwt.E002"
    assert leaks([error.msg, error.hint], [SECRET]) == []


def test_optional_addresses_pass_the_checks(seahub):
    with override_settings(
        ONLYOFFICE_JWT_GUARD_DS_INTERNAL_URL="http://onlyoffice:80/",
        ONLYOFFICE_JWT_GUARD_EXTRA_DS_URLS=[scenarios.STORAGE_URL],
    ):
        assert check_guard_settings() == []


def test_a_check_error_stops_the_start(seahub):
    settings.ONLYOFFICE_JWT_SECRET = ""
    with pytest.raises(ImproperlyConfigured, match="onlyoffice_jwt.E001"):
        GuardMiddleware(lambda request: PASSED)


def test_a_silenced_check_starts_and_the_callback_is_refused(seahub, caplog):
    silenced = ["onlyoffice_jwt.E001"]
    with override_settings(ONLYOFFICE_JWT_SECRET="", SILENCED_SYSTEM_CHECKS=silenced):
        middleware = GuardMiddleware(lambda request: PASSED)
        response = middleware(signed_callback(save_body()))
    assert response.content == b'{"error": 1}'
    assert codes(caplog) == ["invalid_config"]


def test_secret_removed_while_running_refuses(guard, caplog):
    with override_settings(ONLYOFFICE_JWT_SECRET=""):
        callback = guard(signed_callback(save_body()))
        history = guard(history_request(HISTORY, SIGNED_HISTORY))
    assert (callback.status_code, callback.content) == (200, b'{"error": 1}')
    assert history.status_code == 403
    assert codes(caplog) == ["invalid_config", "invalid_config"] and guard.reached == []


# Which requests are guarded -----------------------------------------------------------


@pytest.mark.parametrize(
    "method, path, site_root",
    [
        ("get", "/", "/"),
        ("post", "/api2/repos/", "/"),
        ("get", CALLBACK, "/"),  # Seahub's view answers {"error": 1} itself
        ("post", "/onlyoffice-api/file-history/", "/"),  # not a method of the view
        ("post", CALLBACK + "x/", "/"),
        ("post", "/onlyoffice/editor-callback", "/"),
        ("post", "/seafile" + CALLBACK, "/"),
        ("post", CALLBACK, "/seafile/"),  # not under SITE_ROOT: no view there
    ],
)
def test_other_requests_pass_untouched(guard, method, path, site_root):
    request = getattr(RequestFactory(), method)(path)
    with override_settings(SITE_ROOT=site_root):
        assert guard(request) is PASSED
    assert guard.reached == [request]


@pytest.mark.parametrize("site_root", ["/", "/seafile/"])
def test_callback_under_site_root_is_guarded(guard, site_root):
    path = site_root + CALLBACK[1:]
    with override_settings(SITE_ROOT=site_root):
        forged = {"key": scenarios.KEY, "status": 2, "url": scenarios.METADATA_URL}
        assert guard(callback_request(forged, path=path)).content == b'{"error": 1}'
        assert guard(signed_callback(save_body(), path=path)) is PASSED
    assert len(guard.reached) == 1


def test_head_on_the_history_is_guarded(guard):
    # Django runs the view's get() for HEAD: a token for another target is refused.
    empty_query = history_request("/onlyoffice-api/file-history/", SIGNED_HISTORY, "head")
    assert guard(empty_query).status_code == 403
    assert guard(history_request(HISTORY, SIGNED_HISTORY, "head")) is PASSED


# Answers, logs and settings read at request time ----------------------------------------


def test_refusals_are_seahubs_answers_logged_without_secret_or_token(guard, caplog):
    swapped = signed_callback(save_body(), plain={**save_body(), "url": scenarios.METADATA_URL})
    callback = guard(swapped)
    assert (callback.status_code, callback.content) == (200, b'{"error": 1}')
    other = "https://seahub.example/onlyoffice-api/file-history/?obj_id=another"
    history = guard(history_request(HISTORY, other))
    assert (history.status_code, history.content) == (403, b'{"error_msg":"Bearer invalid."}')
    assert history["Content-Type"] == "application/json"
    assert guard.reached == []
    records = [record for record in caplog.records if record.name == "onlyoffice"]
    assert [record.levelno for record in records] == [logging.WARNING] * 2
    assert [record.args[:3] for record in records] == [
        ("POST", CALLBACK, "invalid_claim"),
        ("GET", "/onlyoffice-api/file-history/", "invalid_claim"),
    ]
    assert leaks([record.getMessage() for record in records], [SECRET]) == []


def test_callback_header_named_by_the_setting(guard, caplog):
    callback = ds.callback(save_body(), SECRET)
    authorization = "Bearer " + callback.header_token
    with override_settings(ONLYOFFICE_JWT_HEADER="AuthorizationJwt"):
        own_header = callback_request(callback.plain, authorization, header="AuthorizationJwt")
        assert guard(own_header) is PASSED
        assert guard(callback_request(callback.plain, authorization)).content == b'{"error": 1}'
    del settings.ONLYOFFICE_JWT_HEADER  # Seahub's default: Authorization
    assert guard(callback_request(callback.plain, authorization)) is PASSED
    assert codes(caplog) == ["missing_token"]


def test_urls_on_the_internal_or_extra_addresses(guard, caplog):
    internal = signed_callback(save_body(base="http://onlyoffice:80/"))
    external = signed_callback(save_body(base=scenarios.STORAGE_URL))
    assert guard(internal).content == guard(external).content == b'{"error": 1}'
    assert codes(caplog) == ["url_not_allowed", "url_not_allowed"]
    with override_settings(
        ONLYOFFICE_JWT_GUARD_DS_INTERNAL_URL="http://onlyoffice:80/",
        ONLYOFFICE_JWT_GUARD_EXTRA_DS_URLS=[scenarios.STORAGE_URL],
    ):
        assert guard(internal) is PASSED and guard(external) is PASSED


# The stand-in Seahub, without and with the guard -----------------------------------------


@pytest.fixture(scope="module")
def standin() -> harness.Run:
    """Every scenario of the stand-in Seahub, without and with the guard (child processes)."""
    return harness.play_all()


ROWS = [(variant, item.name) for item in scenarios.SCENARIOS for variant in item.variants]


@pytest.mark.parametrize("variant, name", ROWS, ids=[f"{v}: {n}" for v, n in ROWS])
def test_standin_scenario(standin, variant, name):
    [row] = [r for r in standin.rows if (r.variant, r.scenario) == (variant, name)]
    if row.attack:
        assert row.without_guard.effect, f"fails without the guard: {row.without_guard.text}"
        assert not row.with_guard.effect, f"works with the guard: {row.with_guard.text}"
        assert row.with_guard.refused, f"not Seahub's failure answer: {row.with_guard.text}"
    else:
        assert row.without_guard.effect, f"fails without the guard: {row.without_guard.text}"
        assert row.with_guard.effect, f"fails with the guard: {row.with_guard.text}"


def test_standin_played_every_row_and_the_table_shows_them(standin):
    assert sorted((r.variant, r.scenario) for r in standin.rows) == sorted(ROWS)
    table = harness.table(standin.rows)
    assert "NOT AS EXPECTED" not in table
    assert all(name in table for _, name in ROWS)
    assert leaks([table], standin.secrets) == []


def test_standin_guard_logs_hold_no_secret_and_no_token(standin):
    attacks = sum(row.attack for row in standin.rows)
    assert len(standin.log) == attacks
    assert all(line.startswith("onlyoffice_jwt refused ") for line in standin.log)
    assert leaks(standin.log, standin.secrets) == []


@pytest.mark.parametrize(
    "settings_, args, error",
    [
        ({"ONLYOFFICE_JWT_SECRET": SECRET}, (), None),
        ({"ONLYOFFICE_JWT_SECRET": ""}, (), "ImproperlyConfigured: onlyoffice_jwt.seahub."),
        ({}, (), "ImproperlyConfigured: onlyoffice_jwt.seahub."),
        ({"ONLYOFFICE_JWT_SECRET": SECRET}, ("--without-native",), "onlyoffice_jwt._native"),
    ],
    ids=["secret", "empty-secret", "no-secret", "no-native-module"],
)
def test_standin_start(settings_, args, error):
    """Seahub's WSGI application loads the guard at start: a configuration error stops it
    (and a core that cannot be imported stops it too: the guard never fails open)."""
    seahub_settings = {
        "ENABLE_ONLYOFFICE": True,
        "ONLYOFFICE_APIJS_URL": scenarios.APIJS_URL,
        "EXTRA_MIDDLEWARE": [scenarios.GUARD],
        **settings_,
    }
    answer = harness.run_child(seahub_settings, "start", *args)
    if error is None:
        assert answer == {"started": True, "error": None}
    else:
        assert not answer["started"] and error in answer["error"]
        assert ("E001" in answer["error"]) == ("Improperly" in error)
        assert leaks([answer["error"]], [SECRET]) == []
