"""onlyoffice_jwt.django with Django's RequestFactory and Seahub's settings."""

from __future__ import annotations

import json

import jwt as pyjwt
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory, override_settings

import onlyoffice_jwt as oo
from onlyoffice_jwt.django import callback_error, callback_ok, verify_callback_request

SEAHUB_SECRET = "seahub-outbox-secret-0123456789abcdef"  # conftest's ONLYOFFICE_JWT_SECRET
CLAIMS = {"key": "Khirz6zTPdfd7", "status": 2, "url": "https://ds.example/cache/files/out.docx"}


def post(body: dict, **headers):
    return RequestFactory().post(
        "/onlyoffice/editor-callback/",
        data=json.dumps(body),
        content_type="application/json",
        **headers,
    )


def test_body_token_verified_with_the_settings_secret():
    request = post({**CLAIMS, "url": "https://evil.example/", "token": pyjwt.encode(CLAIMS, SEAHUB_SECRET)})
    assert verify_callback_request(request) == CLAIMS


def test_header_token_from_the_configured_header():
    token = pyjwt.encode({"payload": CLAIMS}, SEAHUB_SECRET)
    request = post(CLAIMS, HTTP_AUTHORIZATIONJWT="Bearer " + token)
    assert verify_callback_request(request) == CLAIMS
    # The default Authorization header is not read when ONLYOFFICE_JWT_HEADER names another.
    with pytest.raises(oo.MissingTokenError):
        verify_callback_request(post(CLAIMS, HTTP_AUTHORIZATION="Bearer " + token))
    assert verify_callback_request(
        post(CLAIMS, HTTP_AUTHORIZATION="Bearer " + token), header="Authorization"
    ) == CLAIMS


def test_unsigned_callback_is_refused():
    with pytest.raises(oo.MissingTokenError):
        verify_callback_request(post(CLAIMS))


def test_forged_callback_is_refused():
    forged = pyjwt.encode(CLAIMS, "attacker-secret-INzueMnRSYAC4vFRMkc8")
    with pytest.raises(oo.BadSignatureError):
        verify_callback_request(post({**CLAIMS, "token": forged}))


def test_explicit_secret_and_options_are_passed_on():
    other = "another-outbox-secret-0123456789abcdef"
    request = post({"token": pyjwt.encode(CLAIMS, other)})
    assert verify_callback_request(request, secret=[other, SEAHUB_SECRET]) == CLAIMS
    with pytest.raises(oo.KeyMismatchError):
        verify_callback_request(request, secret=other, expected_key="another-key")
    with pytest.raises(oo.WeakSecretError):
        verify_callback_request(request, secret="short")
    assert verify_callback_request(
        post({"token": pyjwt.encode(CLAIMS, "short")}), secret="short", allow_weak=True
    ) == CLAIMS


@override_settings(ONLYOFFICE_JWT_SECRET="")
def test_missing_secret_setting_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured):
        verify_callback_request(post(CLAIMS))


@override_settings(ONLYOFFICE_JWT_HEADER=None)
def test_header_setting_unset_means_authorization():
    token = pyjwt.encode({"payload": CLAIMS}, SEAHUB_SECRET)
    assert verify_callback_request(post(CLAIMS, HTTP_AUTHORIZATION="Bearer " + token)) == CLAIMS


def test_replies_are_what_the_document_server_expects():
    for reply, error in ((callback_ok(), 0), (callback_error(), 1)):
        assert reply.status_code == 200
        assert reply["Content-Type"] == "application/json"
        assert json.loads(reply.content) == {"error": error}
