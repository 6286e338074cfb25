"""Every operation and every exception class of onlyoffice_jwt.

Expected values come from api.md (names, numbers), PyJWT, and the Python stdlib
(hmac, hashlib, base64, urllib), never from onlyoffice_jwt itself.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import inspect
import json
import math
import pathlib
import urllib.parse

import jwt as pyjwt
import pytest
from conftest import NOW, OTHER, STRONG

import onlyoffice_jwt as oo

# docs/api.md, "Errors" (the published numbers, written out).
API_CODES = [
    ("malformed", 1, "MalformedError"),
    ("bad_signature", 2, "BadSignatureError"),
    ("alg_not_allowed", 3, "AlgNotAllowedError"),
    ("expired", 4, "ExpiredError"),
    ("not_yet_valid", 5, "NotYetValidError"),
    ("missing_claim", 6, "MissingClaimError"),
    ("invalid_claim", 7, "InvalidClaimError"),
    ("missing_token", 8, "MissingTokenError"),
    ("key_mismatch", 9, "KeyMismatchError"),
    ("weak_secret", 10, "WeakSecretError"),
    ("too_large", 11, "TooLargeError"),
    ("url_not_allowed", 12, "UrlNotAllowedError"),
    ("invalid_input", 13, "InvalidInputError"),
    ("invalid_config", 14, "InvalidConfigError"),
]

OPERATIONS = [
    "sign",
    "sign_jws",
    "sign_jws_bytes",
    "verify",
    "verify_jws",
    "decode_unverified",
    "decode_jws_unverified",
    "sign_config",
    "sign_request",
    "verify_callback",
    "verify_incoming",
    "check_download_url",
    "document_key",
    "derive_secrets",
    "sign_link",
    "verify_link",
    "audit_ds_config",
]

EDITOR_CONFIG = json.loads(
    (pathlib.Path(__file__).resolve().parents[2] / "tests/data/editor_config.json").read_text()
)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hs256(secret: bytes, header: dict, claims: dict) -> str:
    """A token made with the stdlib only (header and claims as compact JSON)."""

    def part(value):
        return b64url(json.dumps(value, separators=(",", ":")).encode())

    signing_input = part(header) + "." + part(claims)
    mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + b64url(mac)


# ---- the module surface -------------------------------------------------------------


@pytest.mark.parametrize("name", OPERATIONS)
def test_every_operation_is_exported_documented_and_introspectable(name):
    function = getattr(oo, name)
    assert name in oo.__all__
    assert function.__doc__ and len(function.__doc__) > 40
    # Every operation has a signature Python tools can read.
    assert inspect.signature(function).parameters


@pytest.mark.parametrize(("code", "number", "class_name"), API_CODES)
def test_exception_classes_carry_the_shared_code_and_number(code, number, class_name):
    cls = getattr(oo, class_name)
    assert issubclass(cls, oo.JwtError)
    assert issubclass(oo.JwtError, Exception)
    assert cls.code == code
    assert cls.number == number
    assert cls.__module__ == "onlyoffice_jwt"
    assert cls.__doc__
    assert class_name in oo.__all__


def test_the_base_class_has_no_code_of_its_own():
    assert oo.JwtError.code == "internal"
    assert oo.JwtError.number == -1
    subclasses = {cls.__name__ for cls in oo.JwtError.__subclasses__()}
    assert subclasses == {name for _, _, name in API_CODES}


# ---- one raising call per reachable error code ---------------------------------------


def _expired_token():
    return pyjwt.encode({"exp": NOW - 3600}, STRONG, algorithm="HS256")


RAISING_CALLS = {
    "malformed": lambda: oo.verify("not.a-token", STRONG),
    "bad_signature": lambda: oo.verify(pyjwt.encode({"a": 1}, OTHER), STRONG),
    "alg_not_allowed": lambda: oo.verify(
        pyjwt.encode({"a": 1}, STRONG, algorithm="HS384"), STRONG, algorithms=["HS256"]
    ),
    "expired": lambda: oo.verify(_expired_token(), STRONG, now=NOW),
    "not_yet_valid": lambda: oo.verify(
        pyjwt.encode({"nbf": NOW + 3600}, STRONG), STRONG, now=NOW
    ),
    "missing_claim": lambda: oo.verify(
        pyjwt.encode({"a": 1}, STRONG), STRONG, require=["sub"]
    ),
    "invalid_claim": lambda: oo.verify(pyjwt.encode({"exp": "soon"}, STRONG), STRONG),
    "missing_token": lambda: oo.verify_callback(b'{"key":"k","status":2}', STRONG),
    "key_mismatch": lambda: oo.verify_callback(
        json.dumps({"token": pyjwt.encode({"key": "k1", "status": 2}, STRONG)}),
        STRONG,
        expected_key="k2",
    ),
    "weak_secret": lambda: oo.sign({}, "short"),
    "too_large": lambda: oo.verify(pyjwt.encode({"a": "x" * 2000}, STRONG), STRONG, max_size=100),
    "url_not_allowed": lambda: oo.check_download_url(
        "https://evil.example/cache/files/x", "https://ds.example/"
    ),
    "invalid_input": lambda: oo.sign({"a": object()}, STRONG),
}


@pytest.mark.parametrize(("code", "number", "class_name"), API_CODES[:-1])
def test_each_error_code_is_raised_as_its_class(code, number, class_name):
    with pytest.raises(getattr(oo, class_name)) as raised:
        RAISING_CALLS[code]()
    assert type(raised.value) is getattr(oo, class_name)
    assert raised.value.code == code
    assert raised.value.number == number
    assert str(raised.value)


def test_messages_never_contain_the_secret_or_the_token():
    token = pyjwt.encode({"a": 1}, OTHER)
    with pytest.raises(oo.BadSignatureError) as raised:
        oo.verify(token, STRONG)
    assert STRONG not in str(raised.value)
    assert token not in str(raised.value)
    with pytest.raises(oo.WeakSecretError) as raised:
        oo.sign({}, "a-short-private-value")
    assert "a-short-private-value" not in str(raised.value)


# ---- sign / verify / decode_unverified -----------------------------------------------


def test_sign_is_byte_identical_to_pyjwt_for_ascii_claims():
    claims = {"sub": "user-1", "n": 12, "f": 2.5, "ok": True, "none": None, "l": [1, "a"]}
    for alg in ("HS256", "HS384", "HS512"):
        ours = oo.sign(claims, STRONG, alg=alg, iat=False)
        assert ours == pyjwt.encode(claims, STRONG, algorithm=alg)


def test_sign_adds_iat_then_exp_after_the_claims():
    token = oo.sign({"sub": "u"}, STRONG, ttl=300, now=NOW)
    payload = json.loads(b64url_decode(token.split(".")[1]))
    assert list(payload.items()) == [("sub", "u"), ("iat", NOW), ("exp", NOW + 300)]
    decoded = pyjwt.decode(token, STRONG, algorithms=["HS256"], options={"verify_exp": False})
    assert decoded == {"sub": "u", "iat": NOW, "exp": NOW + 300}


def test_sign_accepts_bytes_bytearray_and_tuple_values():
    secret = hashlib.sha256(b"a binary secret").digest() + b"\x00\xff"
    token = oo.sign({"t": (1, 2), "u": "é"}, bytearray(secret), iat=False)
    assert pyjwt.decode(token, secret, algorithms=["HS256"]) == {"t": [1, 2], "u": "é"}
    assert oo.verify(token.encode(), secret) == {"t": [1, 2], "u": "é"}


def test_sign_writes_non_ascii_as_raw_utf8():
    token = oo.sign({"name": "Zoë /\u2028"}, STRONG, iat=False)
    assert b64url_decode(token.split(".")[1]) == '{"name":"Zoë /\u2028"}'.encode()


def test_verify_accepts_stdlib_and_pyjwt_tokens_and_returns_claims_in_order():
    claims = {"z": 1, "a": {"nested": [1, 2]}, "exp": NOW + 60}
    token = hs256(STRONG.encode(), {"alg": "HS256", "typ": "JWT"}, claims)
    result = oo.verify(token, STRONG, now=NOW)
    assert list(result) == ["z", "a", "exp"]
    assert result == claims
    for alg in ("HS384", "HS512"):
        assert oo.verify(pyjwt.encode(claims, STRONG, algorithm=alg), STRONG, now=NOW) == claims


def test_verify_with_rotation_list_accepts_every_secret_and_signs_with_the_first():
    old = pyjwt.encode({"v": "old"}, OTHER)
    assert oo.verify(old, [STRONG, OTHER]) == {"v": "old"}
    token = oo.sign({"v": "new"}, [STRONG, OTHER], iat=False)
    assert pyjwt.decode(token, STRONG, algorithms=["HS256"]) == {"v": "new"}
    with pytest.raises(oo.BadSignatureError):
        oo.verify(token, OTHER)


def test_verify_leeway_default_and_option():
    token = pyjwt.encode({"exp": NOW - 30}, STRONG)
    assert oo.verify(token, STRONG, now=NOW) == {"exp": NOW - 30}
    with pytest.raises(oo.ExpiredError):
        oo.verify(token, STRONG, now=NOW, leeway=0)


def test_verify_refuses_the_none_algorithm():
    token = b64url(b'{"alg":"none","typ":"JWT"}') + "." + b64url(b'{"a":1}') + "."
    with pytest.raises(oo.AlgNotAllowedError):
        oo.verify(token, STRONG)


def test_non_utf8_token_bytes_are_invalid_input_as_in_c_and_php():
    with pytest.raises(oo.InvalidInputError):
        oo.verify(b"\xff\xfe.abc.def", STRONG)


def test_decode_unverified_reads_any_signature():
    token = pyjwt.encode({"a": 1}, OTHER, headers={"kid": "k1"})
    decoded = oo.decode_unverified(token)
    assert decoded == {"header": {"alg": "HS256", "kid": "k1", "typ": "JWT"}, "claims": {"a": 1}}


def test_decode_unverified_reads_a_callback_token_past_one_mib_with_max_size():
    token = pyjwt.encode({"key": "k", "history": "h" * (1 << 20)}, OTHER)
    with pytest.raises(oo.TooLargeError):
        oo.decode_unverified(token)
    assert oo.decode_unverified(token, max_size=len(token))["claims"]["key"] == "k"


def test_weak_secrets_need_allow_weak_and_empty_is_always_refused():
    for weak in ("secret", "short", b"x" * 31):
        with pytest.raises(oo.WeakSecretError):
            oo.sign({}, weak)
        token = oo.sign({"a": 1}, weak, allow_weak=True, iat=False)
        assert token == pyjwt.encode({"a": 1}, weak, algorithm="HS256")
    for empty in ("", b"", []):
        with pytest.raises(oo.WeakSecretError):
            oo.sign({}, empty, allow_weak=True)


# ---- conversion of arguments -----------------------------------------------------------


@pytest.mark.parametrize(
    "claims",
    [
        {1: "non-str key"},
        {"f": math.nan},
        {"f": math.inf},
        {"huge": 10**400},
        {"set": {1, 2}},
        {"bytes": b"raw"},
        {"surrogate": "\ud800"},
        "not a dict",
    ],
)
def test_unconvertible_claims_are_invalid_input(claims):
    with pytest.raises(oo.InvalidInputError):
        oo.sign(claims, STRONG)


def test_integers_keep_their_64_bit_range():
    claims = {"min": -(2**63), "max": 2**64 - 1}
    token = oo.sign(claims, STRONG, iat=False)
    assert pyjwt.decode(token, STRONG, algorithms=["HS256"]) == claims
    assert oo.verify(token, STRONG) == claims


def test_nesting_is_bounded_and_self_reference_is_refused():
    nested: dict = {}
    node = nested
    for _ in range(200):
        node["n"] = {}
        node = node["n"]
    with pytest.raises(oo.InvalidInputError):
        oo.sign(nested, STRONG)
    loop: list = []
    loop.append(loop)
    with pytest.raises(oo.InvalidInputError):
        oo.sign({"loop": loop}, STRONG)


@pytest.mark.parametrize("secret", [None, 42, 3.5, {"k": "v"}, ["ok-" + STRONG, 7]])
def test_secrets_of_other_types_are_invalid_input(secret):
    with pytest.raises(oo.InvalidInputError):
        oo.sign({}, secret)


def test_unknown_options_and_bad_option_types_are_invalid_input():
    with pytest.raises(oo.InvalidInputError):
        oo.sign({}, STRONG, algorithm="HS256")
    with pytest.raises(oo.InvalidInputError):
        oo.sign({}, STRONG, ttl="300")
    with pytest.raises(oo.InvalidInputError):
        oo.verify("a.b.c", STRONG, algorithms=[])
    with pytest.raises(oo.InvalidInputError):
        oo.verify(123, STRONG)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"iat": 1}, "sign: option iat must be true or false"),
        ({"ttl": -1}, "sign: option ttl must be a non-negative integer"),
        ({"ttl": 2**64}, "sign: option ttl must be a non-negative integer"),
        ({"ttl": 1.5}, "sign: option ttl must be a non-negative integer"),
        ({"now": b"1"}, "sign: option now must be an integer"),
        ({"alg": ["HS256"]}, "sign: option alg must be a string"),
        ({"allow_weak": "yes"}, "option allow_weak must be true or false"),
        ({"algorithm": "HS256"}, 'sign: unknown option "algorithm"'),
    ],
)
def test_sign_options_read_from_keywords_keep_the_cores_rules(options, message):
    with pytest.raises(oo.InvalidInputError) as raised:
        oo.sign({}, STRONG, **options)
    assert str(raised.value).startswith(message)


def test_verify_options_read_from_keywords_take_lists_tuples_and_none():
    token = pyjwt.encode({"sub": "u", "exp": NOW + 10}, STRONG, algorithm="HS384")
    expected = {"sub": "u", "exp": NOW + 10}
    assert oo.verify(token, STRONG, algorithms=("HS384",), require=["sub"], now=NOW) == expected
    # None is the default, as an absent keyword.
    assert oo.verify(token, STRONG, algorithms=["HS384"], leeway=None, now=NOW) == expected
    with pytest.raises(oo.InvalidInputError, match="algorithms must be a list of strings"):
        oo.verify(token, STRONG, algorithms=["HS384", 7], now=NOW)
    with pytest.raises(oo.InvalidInputError, match="algorithms must be a list of strings"):
        oo.verify(token, STRONG, algorithms="HS384", now=NOW)
    with pytest.raises(oo.InvalidInputError, match='unknown option "leway"'):
        oo.verify(token, STRONG, leway=5)
    # The unknown name is reported before the token is looked at, as in PHP.
    with pytest.raises(oo.InvalidInputError, match='unknown option "leway"'):
        oo.verify("not a token", STRONG, leway=5)


def test_positional_options_are_refused_by_python():
    with pytest.raises(TypeError):
        oo.sign({}, STRONG, "HS384")


# ---- the protocol operations -----------------------------------------------------------


def test_sign_config_signs_the_editor_config_without_token():
    signed = oo.sign_config(EDITOR_CONFIG, STRONG, ttl=300, now=NOW)
    assert list(signed)[-1] == "token"
    rest = {k: v for k, v in signed.items() if k != "token"}
    assert rest == EDITOR_CONFIG
    claims = pyjwt.decode(signed["token"], STRONG, algorithms=["HS256"], options={"verify_exp": False})
    assert claims == {**EDITOR_CONFIG, "iat": NOW, "exp": NOW + 300}


def test_sign_config_refuses_what_the_document_server_would_reject():
    for broken in (
        {**EDITOR_CONFIG, "document": {**EDITOR_CONFIG["document"], "key": "bad key!"}},
        {**EDITOR_CONFIG, "url": "https://example.com/top-level"},
        {"documentType": "word"},
    ):
        with pytest.raises(oo.InvalidInputError):
            oo.sign_config(broken, STRONG)


def test_sign_request_body_and_header_tokens():
    body = {"c": "forcesave", "key": "Khirz6zTPdfd7"}
    signed = oo.sign_request(body, STRONG, now=NOW)
    assert set(signed) == {"body", "headers", "header_omitted"}
    assert signed["header_omitted"] is False
    header = signed["headers"]["Authorization"]
    assert header.startswith("Bearer ")
    decode = {"algorithms": ["HS256"], "options": {"verify_exp": False, "verify_iat": False}}
    assert pyjwt.decode(signed["body"]["token"], STRONG, **decode) == {
        **body,
        "iat": NOW,
        "exp": NOW + 300,
    }
    assert pyjwt.decode(header[len("Bearer "):], STRONG, **decode) == {
        "payload": body,
        "iat": NOW,
        "exp": NOW + 300,
    }
    custom = oo.sign_request(body, STRONG, header="AuthorizationJwt", prefix="JWT ", ttl=None)
    (name, value), = custom["headers"].items()
    assert name == "AuthorizationJwt" and value.startswith("JWT ")
    assert "exp" not in pyjwt.decode(value[4:], STRONG, **decode)


def _callback_body(claims, secret=STRONG, **extra):
    return json.dumps({**claims, **extra, "token": pyjwt.encode(claims, secret)}).encode()


def test_verify_callback_returns_only_signed_fields():
    signed = {"key": "Khirz6zTPdfd7", "status": 2, "url": "https://ds.example/cache/out.docx"}
    body = _callback_body(signed, url="https://evil.example/x", forcesavetype=1)
    assert oo.verify_callback(body, STRONG) == signed
    assert oo.verify_callback(body.decode(), STRONG, expected_key="Khirz6zTPdfd7") == signed
    assert oo.verify_callback(bytearray(body), STRONG) == signed


def test_verify_callback_from_the_header_unwraps_payload():
    claims = {"key": "k", "status": 4}
    header = "Bearer " + pyjwt.encode({"payload": claims}, STRONG)
    assert oo.verify_callback(json.dumps(claims), STRONG, header) == claims
    assert oo.verify_callback(json.dumps(claims), STRONG, authorization=header) == claims
    with pytest.raises(oo.MalformedError):
        oo.verify_callback(json.dumps(claims), STRONG, "bearer " + header[7:])


def test_verify_callback_bad_body_token_is_final():
    header = "Bearer " + pyjwt.encode({"key": "k", "status": 2}, STRONG)
    body = _callback_body({"key": "k", "status": 2}, secret=OTHER)
    with pytest.raises(oo.BadSignatureError):
        oo.verify_callback(body, STRONG, header)
    with pytest.raises(oo.MalformedError):
        oo.verify_callback(b"[1, 2]", STRONG, header)
    with pytest.raises(oo.InvalidInputError):
        oo.verify_callback({"key": "k"}, STRONG)


def test_verify_incoming_with_and_without_url():
    url = "https://seahub.example/onlyoffice/download/?doc=abc"
    header = "Bearer " + pyjwt.encode({"payload": {"url": url}}, STRONG)
    assert oo.verify_incoming(header, STRONG) == {"url": url}
    assert oo.verify_incoming(header, STRONG, url) == {"url": url}
    with pytest.raises(oo.InvalidClaimError):
        oo.verify_incoming(header, STRONG, url="https://seahub.example/other")
    with pytest.raises(oo.MissingTokenError):
        oo.verify_incoming(None, STRONG)


def test_check_download_url_maps_to_the_internal_address():
    url = "https://ds.example/cache/files/data/k_1/output.docx/output.docx?md5=a&expires=1"
    checked = oo.check_download_url(url, "https://ds.example/", "http://ds-internal:8000/")
    expected = urllib.parse.urlsplit(url)._replace(netloc="ds-internal:8000", scheme="http")
    assert checked == urllib.parse.urlunsplit(expected)
    assert oo.check_download_url(url, "https://ds.example/") == url
    for evil in (
        "https://ds.example.evil.example/cache/x",
        "https://user:pw@ds.example/cache/x",
        "file:///etc/passwd",
        "https://ds.example:8443/cache/x",
    ):
        with pytest.raises(oo.UrlNotAllowedError):
            oo.check_download_url(evil, "https://ds.example/")
    with pytest.raises(oo.InvalidInputError):
        oo.check_download_url(url, "not a url")


def test_document_key_matches_formats_md_with_stdlib_hkdf_and_hmac():
    # formats.md: subkey = HKDF-SHA256(secret, salt "onlyoffice-jwt/v1",
    # info "onlyoffice-jwt/v1/doc_keys"); key = b64url(HMAC(subkey, len|id|len|ver))[:32].
    prk = hmac.new(b"onlyoffice-jwt/v1", STRONG.encode(), hashlib.sha256).digest()
    subkey = hmac.new(prk, b"onlyoffice-jwt/v1/doc_keys\x01", hashlib.sha256).digest()

    def expected(file_id: str, version: str) -> str:
        message = b"".join(
            len(part.encode()).to_bytes(8, "big") + part.encode() for part in (file_id, version)
        )
        return b64url(hmac.new(subkey, message, hashlib.sha256).digest())[:32]

    assert oo.document_key(STRONG, "repo/file.docx", 7) == expected("repo/file.docx", "7")
    assert oo.document_key(STRONG, "repo/file.docx", "v7") == expected("repo/file.docx", "v7")
    with pytest.raises(oo.InvalidInputError):
        oo.document_key(STRONG, "", 1)
    with pytest.raises(oo.InvalidInputError):
        oo.document_key(STRONG, "f", 1.5)


def test_derive_secrets_are_hkdf_sha256_with_distinct_labels():
    master = "a-master-secret-ayu9i87Ev8ehwR3JmD1LmW"
    prk = hmac.new(b"onlyoffice-jwt/v1", master.encode(), hashlib.sha256).digest()
    derived = oo.derive_secrets(master)
    assert list(derived) == ["inbox", "outbox", "session", "links", "doc_keys"]
    for label, value in derived.items():
        okm = hmac.new(prk, f"onlyoffice-jwt/v1/{label}".encode() + b"\x01", hashlib.sha256).digest()
        assert value == b64url(okm)
    with pytest.raises(oo.InvalidInputError):
        oo.derive_secrets([master, master])
    with pytest.raises(oo.WeakSecretError):
        oo.derive_secrets("short")


def test_sign_link_and_verify_link_round_trip_and_expire():
    url = "https://seahub.example/onlyoffice/download/?file=42"
    signed = oo.sign_link(url, STRONG, ttl=60, now=NOW)
    query = urllib.parse.parse_qsl(urllib.parse.urlsplit(signed).query)
    assert query[:2] == [("file", "42"), ("oo_exp", str(NOW + 60))]
    assert query[2][0] == "oo_sig"
    assert oo.verify_link(signed, STRONG, now=NOW + 59) == url
    with pytest.raises(oo.ExpiredError):
        oo.verify_link(signed, STRONG, now=NOW + 60)
    with pytest.raises(oo.BadSignatureError):
        oo.verify_link(signed.replace("file=42", "file=43"), STRONG, now=NOW)
    with pytest.raises(oo.MissingTokenError):
        oo.verify_link(url, STRONG, now=NOW)


def test_audit_ds_config_reports_findings_as_dicts():
    findings = oo.audit_ds_config('{"services": {"CoAuthoring": {"secret": {"inbox": {"string": "secret"}}}}}')
    assert findings and all(isinstance(f, dict) for f in findings)
    assert {"severity", "code", "path", "message", "fix"} <= set(findings[0])
    assert findings[0]["severity"] == "error"
    syntax = oo.audit_ds_config('{"services": ')
    assert syntax[0]["severity"] == "error"
    with pytest.raises(oo.InvalidInputError):
        oo.audit_ds_config("{}", connector_secret=123)


def test_sign_jws_signs_the_given_texts_byte_for_byte():
    header = '{"typ":"JWT","alg":"HS256","kid":"k1"}'
    payload = '{"name":"Zo\\u00eb","url":"https://x\\/y"}'
    token = oo.sign_jws(header, payload, STRONG)
    head, body, signature = token.split(".")
    def unb64(segment):
        return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
    assert unb64(head) == header.encode() and unb64(body) == payload.encode()
    expected = hmac.new(STRONG.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
    assert unb64(signature) == expected
    assert pyjwt.get_unverified_header(token) == {"typ": "JWT", "alg": "HS256", "kid": "k1"}
    assert pyjwt.decode(token, STRONG, algorithms=["HS256"]) == {"name": "Zo\u00eb", "url": "https://x/y"}
    for bad_header, bad_payload in [('{"alg":"none"}', "{}"), ('{"alg":"HS256","crit":[]}', "{}"),
                                    ('{"alg":"HS256"}', "[1]"), ('{"alg":"HS256"}', '{"a":1,"a":2}'),
                                    # what verify refuses is not signed
                                    ('{"alg":"HS256"}', '{"exp":"1"}'), ('{"alg":"HS256"}', '{"exp":-1}'),
                                    ('{"alg":"HS256","zip":"DEF"}', "{}"),
                                    ('{"alg":"HS256","enc":"A256GCM"}', "{}")]:
        with pytest.raises(oo.InvalidInputError):
            oo.sign_jws(bad_header, bad_payload, STRONG)
    with pytest.raises(oo.WeakSecretError):
        oo.sign_jws(header, payload, "short")


def test_ints_of_any_size_come_back_as_they_went_in():
    numbers = [2**63 - 1, 2**63, 2**64 - 1, 2**64, -(2**63), -(2**63) - 1, 2**70 + 1, -(10**30) - 7, 10**308]
    claims = {"n": numbers, "nested": {"big": 2**100 + 3}}
    token = oo.sign(claims, STRONG, iat=False)
    # The payload is the stdlib's JSON text of the same claims, digit for digit.
    assert b64url_decode(token.split(".")[1]) == json.dumps(claims, separators=(",", ":")).encode()
    assert pyjwt.decode(token, STRONG, algorithms=["HS256"]) == claims
    back = oo.verify(token, STRONG)
    assert back == claims and all(type(n) is int for n in back["n"])
    theirs = pyjwt.encode({"n": 2**90 + 1, "f": 0.1, "z": -0.0}, STRONG)
    assert oo.verify(theirs, STRONG) == {"n": 2**90 + 1, "f": 0.1, "z": -0.0}
    import enum

    class Big(enum.IntEnum):
        HUGE = 2**80

    assert oo.verify(oo.sign({"e": Big.HUGE}, STRONG, iat=False), STRONG) == {"e": 2**80}


def test_a_jws_over_any_bytes_matches_the_stdlib_and_pyjws():
    header = '{"alg":"HS384","typ":"JWT"}'
    payload = b"hello world\x00\xff not JSON"
    token = oo.sign_jws_bytes(header, payload, STRONG)
    head, body, signature = token.split(".")
    expected = hmac.new(STRONG.encode(), f"{head}.{body}".encode(), hashlib.sha384).digest()
    assert signature == b64url(expected) and body == b64url(payload)
    assert pyjwt.api_jws.PyJWS().decode(token, STRONG, algorithms=["HS384"]) == payload
    theirs = pyjwt.api_jws.PyJWS().encode(payload, STRONG, algorithm="HS512", headers={"kid": "k"})
    parts = oo.verify_jws(theirs, STRONG)
    assert parts == {"header": {"alg": "HS512", "kid": "k", "typ": "JWT"}, "payload": payload,
                     "signature": b64url_decode(theirs.rsplit(".", 1)[1])}
    assert oo.decode_jws_unverified(theirs) == parts
    with pytest.raises(oo.BadSignatureError):
        oo.verify_jws(theirs, OTHER)
    with pytest.raises(oo.AlgNotAllowedError):
        oo.verify_jws(theirs, STRONG, algorithms=["HS256"])
    with pytest.raises(oo.MalformedError):
        oo.verify(token, STRONG)


def test_a_detached_payload_follows_rfc_7797_and_pyjws():
    # RFC 7797, section 4.2: "$.02" under the HMAC key of RFC 7515, appendix A.1.
    key = b64url_decode("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow")
    rfc = ("eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19.."
           "A5dxf2s96_n5FLueVuW1Z_vh161FwXZC4YLPff6dmDY")
    header = '{"alg":"HS256","b64":false,"crit":["b64"]}'
    assert oo.sign_jws_bytes(header, b"$.02", key, allow_weak=True) == rfc
    assert oo.verify_jws(rfc, key, b"$.02", allow_weak=True)["payload"] == b""
    with pytest.raises(oo.BadSignatureError):
        oo.verify_jws(rfc, key, b"$.03", allow_weak=True)
    with pytest.raises(oo.MalformedError) as missing:
        oo.verify_jws(rfc, key, allow_weak=True)
    assert missing.value.detail == "payload.detached"
    theirs = pyjwt.api_jws.PyJWS().encode(b"data", STRONG, is_payload_detached=True)
    assert oo.verify_jws(theirs, STRONG, b"data")["header"]["crit"] == ["b64"]


def test_errors_name_the_part_that_failed():
    cases = [
        ("a.b", "token.segments"),
        (b64url(b"[1]") + ".e30.", "header.object"),
        (b64url(b'{"alg":"HS256"}') + ".e30=.", "payload.base64"),
        (hs256(STRONG.encode(), {"alg": "HS256", "typ": "JOSE"}, {}), "header.typ"),
        (hs256(STRONG.encode(), {"alg": "HS256"}, {"exp": "soon"}), "claims.exp"),
        (hs256(STRONG.encode(), {"alg": "HS256"}, {"nbf": NOW + 3600}), "claims.nbf"),
    ]
    for token, detail in cases:
        with pytest.raises(oo.JwtError) as error:
            oo.verify(token, STRONG, now=NOW)
        assert error.value.detail == detail, token
    with pytest.raises(oo.BadSignatureError) as error:
        oo.verify(hs256(STRONG.encode(), {"alg": "HS256"}, {}), OTHER)
    assert error.value.detail is None
    with pytest.raises(oo.MissingClaimError) as error:
        oo.verify(hs256(STRONG.encode(), {"alg": "HS256"}, {}), STRONG, require=["sub"])
    assert error.value.detail == "claims.sub"


# ---- same input, same error in every binding (see also php/tests/SameErrorTest.php and
# the C test's test_same_errors) ------------------------------------------------------


def nested(depth):
    claims = {}
    for _ in range(depth - 1):
        claims = {"a": claims}
    return claims


def test_the_same_faults_give_the_same_errors_as_in_c_and_php():
    with pytest.raises(oo.InvalidInputError):
        oo.verify(b"\xff\xfe.e30.sig", STRONG)
    with pytest.raises(oo.InvalidInputError):
        oo.sign(nested(201), STRONG)
    assert oo.verify(oo.sign(nested(128), STRONG), STRONG)
    with pytest.raises(oo.InvalidInputError):
        oo.sign(nested(129), STRONG)
    with pytest.raises(oo.InvalidInputError):
        oo.sign({"a": 1}, STRONG, allow_weak="yes")
    # The secret is judged before the other arguments.
    with pytest.raises(oo.WeakSecretError):
        oo.sign("not claims", "short")
    # Bytes that are not UTF-8 are refused, never replaced: two file ids that differ
    # only in invalid bytes would share one document key.
    with pytest.raises(oo.InvalidInputError):
        oo.document_key(STRONG, b"file-\xff", "1")
    with pytest.raises(oo.InvalidInputError):
        oo.check_download_url(b"https://ds.example/\xff", "https://ds.example/")
