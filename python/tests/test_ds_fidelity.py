"""Real Document Server traffic (issue 12): each case is shaped as the DS produces it
(ONLYOFFICE/server: DocsCoServer.js, canvasservice.js, utils.js) and signed here with
PyJWT or the standard library, never with onlyoffice_jwt; link re-encoding by python-requests itself.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

import jwt as pyjwt
import pytest
import requests.models
from conftest import NOW, STRONG

import onlyoffice_jwt as oo

OUTBOX = STRONG
CACHE = "https://ds.example/cache/files/data/Khirz6zTPdfd7_5/output.docx/output.docx?md5=c&expires=1767226500&filename=output.docx"


def ds_sign(claims: dict, iat: int = NOW) -> str:
    """As the DS signs (jsonwebtoken, expiresIn 5m): claims + iat + exp."""
    return pyjwt.encode({**claims, "iat": iat, "exp": iat + 300}, OUTBOX, algorithm="HS256")


def callback_body(fields: dict, token: str) -> bytes:
    return json.dumps({**fields, "token": token}, separators=(",", ":")).encode()


def test_a_mail_merge_callback_is_accepted():
    # commandSendMMCallback: status 5, the merged file of one record, OutputMailMerge.
    fields = {
        "key": "Khirz6zTPdfd7",
        "status": 5,
        "url": CACHE,
        "mailMerge": {"from": "office@example.com", "message": "Hello", "subject": "Invoice",
                      "title": "Invoice", "type": 1, "recordCount": 3, "recordErrorCount": 0,
                      "to": "ana@example.com", "recordIndex": 0},
        "users": ["78e1e841"],
        "filetype": "docx",
    }
    claims = oo.verify_callback(callback_body(fields, ds_sign(fields)), OUTBOX, now=NOW)
    assert claims == {**fields, "iat": NOW, "exp": NOW + 300}
    bad = {**fields, "mailMerge": "ana@example.com"}
    with pytest.raises(oo.InvalidClaimError):
        oo.verify_callback(callback_body(bad, ds_sign(bad)), OUTBOX, now=NOW)


@pytest.mark.parametrize("member, value", [
    ("lastsave", 1767225600), ("notmodified", "false"), ("encrypted", 1), ("formsdataurl", {"u": 1}),
])
def test_force_save_fields_are_typed(member, value):
    fields = {"key": "Khirz6zTPdfd7", "status": 6, "url": CACHE, member: value}
    with pytest.raises(oo.InvalidClaimError):
        oo.verify_callback(callback_body(fields, ds_sign(fields)), OUTBOX, now=NOW)


def test_a_document_server_clock_120_s_ahead_is_accepted():
    fields = {"key": "Khirz6zTPdfd7", "status": 2, "url": CACHE}
    ahead = NOW + 120
    body = callback_body(fields, ds_sign(fields, iat=ahead))
    assert oo.verify_callback(body, OUTBOX, now=NOW)["iat"] == ahead
    header = "Bearer " + ds_sign({"payload": fields}, iat=ahead)
    plain = json.dumps(fields).encode()
    assert oo.verify_callback(plain, OUTBOX, authorization=header, now=NOW) == fields
    download = "Bearer " + ds_sign({"payload": {"url": "https://cloud.example/dl?doc=1"}}, iat=ahead)
    assert oo.verify_incoming(download, OUTBOX, url="https://cloud.example/dl?doc=1", now=NOW)
    # The generic verify checks iat by default (as PyJWT does), and not when told.
    token = ds_sign({"sub": "x"}, iat=ahead)
    with pytest.raises(oo.NotYetValidError):
        oo.verify(token, OUTBOX, now=NOW)
    assert oo.verify(token, OUTBOX, now=NOW, verify_iat=False)["iat"] == ahead


def test_floats_come_back_exactly():
    # 203 random floats of every magnitude, and the time.time() values of time claims:
    # each parsed back exactly (serde_json's float_roundtrip).
    import random
    generator = random.Random(20261201)
    values = [generator.uniform(-1e6, 1e6) for _ in range(100)]
    values += [generator.random() * 10 ** generator.randint(-300, 300) for _ in range(100)]
    values += [1796120249.9995003, 0.1 + 0.2, 5e-324]
    token = oo.sign({"values": values}, STRONG, iat=False)
    assert oo.verify(token, STRONG)["values"] == values


def test_time_claims_from_time_time_are_judged_at_their_precision():
    issued = time.time()
    token = pyjwt.encode({"iat": issued, "nbf": issued}, OUTBOX, algorithm="HS256")
    assert oo.verify(token, OUTBOX, leeway=0)["nbf"] == issued
    passed = time.time() - 0.001
    token = pyjwt.encode({"exp": passed}, OUTBOX, algorithm="HS256")
    with pytest.raises(oo.ExpiredError):
        oo.verify(token, OUTBOX, leeway=0)
    # PyJWT refuses it at the same instant too.
    with pytest.raises(pyjwt.ExpiredSignatureError):
        pyjwt.decode(token, OUTBOX, algorithms=["HS256"])


def test_a_callback_over_one_mebibyte_with_a_trimmed_header_is_accepted():
    change = {"created": "2026-01-01 00:00:00", "user": {"id": "78e1e841", "name": "Smith"}}
    full = {"key": "Khirz6zTPdfd7", "status": 2, "url": CACHE,
            "changesurl": CACHE.replace("output.docx", "changes.zip"),
            "history": {"serverVersion": "9.0.0", "changes": [change] * 12000}}
    trimmed = {"key": "Khirz6zTPdfd7", "status": 2, "url": CACHE, "history": {}}
    body = callback_body(trimmed, ds_sign(full))
    assert len(body) > 1 << 20
    header = "Bearer " + ds_sign({"payload": trimmed})
    claims = oo.verify_callback(body, OUTBOX, authorization=header, now=NOW)
    assert claims["history"] == full["history"] and claims["changesurl"] == full["changesurl"]
    with pytest.raises(oo.TooLargeError):
        oo.verify_callback(body, OUTBOX, now=NOW, max_size=1 << 20)


def test_a_200_kb_conversion_request_is_signed_in_the_body_only():
    body = {"async": False, "filetype": "docx", "key": "Khirz6zTPdfd7", "outputtype": "pdf",
            "url": "https://cloud.example/f.docx", "title": "t" * 200_000}
    signed = oo.sign_request(body, STRONG, now=NOW)
    assert signed["headers"] == {} and signed["header_omitted"] is True
    decoded = pyjwt.decode(signed["body"]["token"], STRONG, algorithms=["HS256"],
                           options={"verify_exp": False, "verify_iat": False})
    assert decoded == {**body, "iat": NOW, "exp": NOW + 300}
    with pytest.raises(oo.InvalidInputError):
        oo.sign_request({**body, "title": "t", "key": "not a key"}, STRONG)


def test_ttl_zero_is_refused_everywhere():
    for call in (lambda: oo.sign({"a": 1}, STRONG, ttl=0),
                 lambda: oo.sign_request({"c": "info"}, STRONG, ttl=0),
                 lambda: oo.sign_link("https://cloud.example/dl", STRONG, ttl=0)):
        with pytest.raises(oo.InvalidInputError, match="ttl 0"):
            call()


@pytest.mark.parametrize("member, value", [("version", "1.0"), ("fileInfo", {"BaseFileName": "a.docx"})])
def test_configs_the_document_server_routes_elsewhere_are_refused(member, value):
    config = {"document": {"key": "k1", "url": "https://cloud.example/f.docx"}, member: value}
    with pytest.raises(oo.InvalidConfigError, match="would"):
        oo.sign_config(config, STRONG)


def test_the_download_request_url_is_compared_as_the_ds_requests_it():
    signed = "https://Cloud.Example/apps/onlyoffice/./download?doc=a%7eb#page=2"
    header = "Bearer " + ds_sign({"payload": {"url": signed}})
    requested = "https://cloud.example/apps/onlyoffice/download?doc=a%7eb"
    assert oo.verify_incoming(header, OUTBOX, url=requested, now=NOW) == {"url": signed}
    with pytest.raises(oo.InvalidClaimError):
        oo.verify_incoming(header, OUTBOX, url=requested.replace("%7e", "~"), now=NOW)


def test_storage_external_host_is_allowed_only_when_listed():
    url = "https://files.example/cache/files/data/k_1/output.docx/output.docx?md5=a&expires=1"
    with pytest.raises(oo.UrlNotAllowedError):
        oo.check_download_url(url, "https://ds.example/")
    assert oo.check_download_url(url, "https://ds.example/", extra_ds_urls=["https://files.example/"]) == url


def links_key(secret: str) -> bytes:
    """The `links` subkey of docs/formats.md, by HKDF-SHA256 with the stdlib."""
    prk = hmac.new(b"onlyoffice-jwt/v1", secret.encode(), hashlib.sha256).digest()
    return hmac.new(prk, b"onlyoffice-jwt/v1/links\x01", hashlib.sha256).digest()


def test_signed_links_survive_the_re_encoding_of_python_requests():
    url = "https://cloud.example/files/a%7eb.docx?name=a%20b%7e&x=%c3%a9"
    link = oo.sign_link(url, STRONG, now=NOW)
    # The canonical message of docs/formats.md, written out with the stdlib.
    message = (b"https\ncloud.example\n443\n/files/a~b.docx\nname=a%20b~&x=%C3%A9&oo_exp="
               + str(NOW + 900).encode())
    signature = base64.urlsafe_b64encode(
        hmac.new(links_key(STRONG), message, hashlib.sha256).digest()).rstrip(b"=").decode()
    assert link == url + "&oo_exp=%d&oo_sig=%s" % (NOW + 900, signature)
    prepared = requests.models.PreparedRequest()
    prepared.prepare_url(link.replace("%20", "+"), None)
    assert prepared.url != link
    assert oo.verify_link(prepared.url, STRONG, now=NOW)
    with pytest.raises(oo.BadSignatureError):
        oo.verify_link(link.replace("x=%c3%a9", "x=%c3%a8"), STRONG, now=NOW)


@pytest.mark.parametrize("weak", ["a" * 32, " " * 32, "\0" * 32, "abcdefgh" * 4, b"\x80" * 40])
def test_secrets_with_too_little_variety_are_weak(weak):
    with pytest.raises(oo.WeakSecretError):
        oo.sign({"a": 1}, weak)
    assert oo.sign({"a": 1}, weak, allow_weak=True)
