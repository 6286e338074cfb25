"""onlyoffice_jwt.compat against PyJWT itself: same tokens, same exception classes."""

from __future__ import annotations

import base64
import json
import time
from datetime import datetime, timedelta, timezone

import jwt as pyjwt
import pytest
from conftest import OTHER, STRONG

import onlyoffice_jwt.compat as cjwt

CLASS_NAMES = [
    "PyJWTError",
    "InvalidTokenError",
    "DecodeError",
    "InvalidSignatureError",
    "ExpiredSignatureError",
    "InvalidAudienceError",
    "InvalidIssuerError",
    "InvalidIssuedAtError",
    "ImmatureSignatureError",
    "InvalidKeyError",
    "InvalidAlgorithmError",
    "MissingRequiredClaimError",
    "InvalidSubjectError",
    "InvalidJTIError",
]


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@pytest.mark.parametrize("name", CLASS_NAMES)
def test_exception_classes_have_pyjwt_names_and_inheritance(name):
    ours = getattr(cjwt, name)
    theirs = getattr(pyjwt.exceptions, name)
    ours_bases = [cls.__name__ for cls in ours.__mro__ if cls.__module__ != "builtins"]
    theirs_bases = [cls.__name__ for cls in theirs.__mro__ if cls.__module__ != "builtins"]
    assert ours_bases == theirs_bases
    assert [cls.__name__ for cls in ours.__mro__][-3:] == ["Exception", "BaseException", "object"]


def test_missing_required_claim_error_message_matches():
    assert str(cjwt.MissingRequiredClaimError("sub")) == str(pyjwt.MissingRequiredClaimError("sub"))
    assert cjwt.MissingRequiredClaimError("sub").claim == "sub"


PAYLOADS = [
    {"sub": "user-1"},
    {"key": "Khirz6zTPdfd7", "status": 2, "users": ["78e1e841"], "f": 0.25, "n": None},
    {"document": {"key": "k", "url": "https://example.com/a.docx"}, "ok": True},
]


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("algorithm", ["HS256", "HS384", "HS512"])
@pytest.mark.parametrize("key", [STRONG, b"raw-bytes-key-0123456789abcdef!!", "short"])
def test_encode_is_byte_identical_and_cross_verifies(payload, algorithm, key):
    ours = cjwt.encode(payload, key, algorithm=algorithm)
    theirs = pyjwt.encode(payload, key, algorithm=algorithm)
    assert ours == theirs
    assert pyjwt.decode(ours, key, algorithms=[algorithm]) == payload
    assert cjwt.decode(theirs, key, algorithms=[algorithm]) == payload


def test_encode_default_algorithm_and_datetime_claims_like_pyjwt():
    exp = datetime(2030, 1, 1, tzinfo=timezone.utc)
    payload = {"sub": "u", "exp": exp, "iat": datetime(2020, 1, 1, tzinfo=timezone.utc)}
    assert cjwt.encode(payload, STRONG) == pyjwt.encode(payload, STRONG)
    assert payload["exp"] is exp  # the caller's dict is not modified


def test_non_ascii_tokens_cross_verify_both_ways():
    payload = {"name": "Zoë Ünïcode ✓"}
    assert pyjwt.decode(cjwt.encode(payload, STRONG), STRONG, algorithms=["HS256"]) == payload
    assert cjwt.decode(pyjwt.encode(payload, STRONG), STRONG, algorithms=["HS256"]) == payload


def test_json_encoder_is_applied_before_signing():
    class Encoder(json.JSONEncoder):
        def default(self, o):
            if isinstance(o, set):
                return sorted(o)
            return super().default(o)

    payload = {"tags": {"b", "a"}}
    assert cjwt.encode(payload, STRONG, json_encoder=Encoder) == pyjwt.encode(
        payload, STRONG, json_encoder=Encoder
    )


def test_headers_alg_and_typ_are_honoured():
    ours = cjwt.encode({"a": 1}, STRONG, headers={"alg": "HS512", "typ": "JWT"})
    assert ours == pyjwt.encode({"a": 1}, STRONG, headers={"alg": "HS512", "typ": "JWT"})
    assert cjwt.get_unverified_header(ours) == pyjwt.get_unverified_header(ours)


def test_decode_complete_matches_pyjwt():
    token = pyjwt.encode({"a": 1}, STRONG, algorithm="HS384")
    ours = cjwt.decode_complete(token, STRONG, algorithms=["HS384"])
    theirs = pyjwt.decode_complete(token, STRONG, algorithms=["HS384"])
    assert ours == theirs


def test_verify_signature_false_decodes_without_key_like_pyjwt():
    token = pyjwt.encode({"a": 1, "exp": 1}, OTHER)
    options = {"verify_signature": False}
    assert cjwt.decode(token, options=options) == pyjwt.decode(token, options=options)


def test_leeway_and_timedelta_like_pyjwt():
    token = pyjwt.encode({"exp": int(time.time()) - 30}, STRONG)
    for leeway in (60, timedelta(seconds=60), 60.0):
        assert cjwt.decode(token, STRONG, algorithms=["HS256"], leeway=leeway) == pyjwt.decode(
            token, STRONG, algorithms=["HS256"], leeway=leeway
        )


def test_audience_issuer_subject_accepted_like_pyjwt():
    token = pyjwt.encode({"aud": ["a", "b"], "iss": "seahub", "sub": "u", "jti": "j"}, STRONG)
    kwargs = {"algorithms": ["HS256"], "audience": "b", "issuer": ["seahub", "x"], "subject": "u"}
    assert cjwt.decode(token, STRONG, **kwargs) == pyjwt.decode(token, STRONG, **kwargs)


def test_bytes_tokens_and_algorithm_lists_with_other_algorithms():
    token = pyjwt.encode({"a": 1}, STRONG)
    algorithms = ["RS256", "HS256"]
    assert cjwt.decode(token.encode(), STRONG, algorithms=algorithms) == pyjwt.decode(
        token.encode(), STRONG, algorithms=algorithms
    )


def _now():
    return int(time.time())


def _hand_made(header: dict, payload: dict, key: str = STRONG) -> str:
    """A token PyJWT signs from raw header and payload bytes (no claim validation)."""
    import hashlib
    import hmac

    signing_input = (
        b64url(json.dumps(header, separators=(",", ":")).encode())
        + "."
        + b64url(json.dumps(payload, separators=(",", ":")).encode())
    )
    mac = hmac.new(key.encode(), signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + b64url(mac)


def _raw_header(header: bytes, key: str = STRONG) -> str:
    """A token over the header's bytes as given (a member may be there twice)."""
    import hashlib
    import hmac

    signing_input = b64url(header) + "." + b64url(b'{"a":1}')
    mac = hmac.new(key.encode(), signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + b64url(mac)


# (name, token factory, decode kwargs): the same bad input must raise the same class.
BAD_INPUTS = [
    ("wrong-key", lambda: pyjwt.encode({"a": 1}, OTHER), {}),
    ("not-a-token", lambda: "not-a-token", {}),
    ("two-segments", lambda: "abc.def", {}),
    ("garbage-header", lambda: "!!!.e30.abc", {}),
    ("payload-not-object", lambda: _hand_made({"alg": "HS256", "typ": "JWT"}, [1]), {}),
    ("expired", lambda: pyjwt.encode({"exp": _now() - 3600}, STRONG), {}),
    ("expired-within-no-leeway", lambda: pyjwt.encode({"exp": _now() - 5}, STRONG), {}),
    ("not-before", lambda: pyjwt.encode({"nbf": _now() + 3600}, STRONG), {}),
    ("issued-in-future", lambda: pyjwt.encode({"iat": _now() + 3600}, STRONG), {}),
    ("iat-not-a-number", lambda: pyjwt.encode({"iat": "yesterday"}, STRONG), {}),
    ("exp-not-a-number", lambda: pyjwt.encode({"exp": "tomorrow"}, STRONG), {}),
    ("nbf-not-a-number", lambda: pyjwt.encode({"nbf": "tomorrow"}, STRONG), {}),
    ("alg-not-allowed", lambda: pyjwt.encode({"a": 1}, STRONG, algorithm="HS512"), {"algorithms": ["HS256"]}),
    ("only-other-algorithms", lambda: pyjwt.encode({"a": 1}, STRONG), {"algorithms": ["RS256"]}),
    ("alg-none", lambda: b64url(b'{"alg":"none","typ":"JWT"}') + "." + b64url(b'{"a":1}') + ".", {}),
    ("no-algorithms", lambda: pyjwt.encode({"a": 1}, STRONG), {"algorithms": None}),
    ("required-claim-missing", lambda: pyjwt.encode({"a": 1}, STRONG), {"options": {"require": ["exp"]}}),
    ("audience-unexpected", lambda: pyjwt.encode({"aud": "x"}, STRONG), {}),
    ("audience-mismatch", lambda: pyjwt.encode({"aud": "x"}, STRONG), {"audience": "y"}),
    ("audience-missing", lambda: pyjwt.encode({"a": 1}, STRONG), {"audience": "y"}),
    ("audience-strict", lambda: pyjwt.encode({"aud": ["y"]}, STRONG), {"audience": "y", "options": {"strict_aud": True}}),
    ("issuer-mismatch", lambda: pyjwt.encode({"iss": "x"}, STRONG), {"issuer": "y"}),
    ("issuer-missing", lambda: pyjwt.encode({"a": 1}, STRONG), {"issuer": "y"}),
    ("subject-mismatch", lambda: pyjwt.encode({"sub": "x"}, STRONG), {"subject": "y"}),
    ("subject-not-string", lambda: pyjwt.encode({"sub": 1}, STRONG), {}),
    ("jti-not-string", lambda: pyjwt.encode({"jti": 1}, STRONG), {}),
    ("token-not-text", lambda: 12345, {}),
    # Both windows missed: PyJWT checks nbf before exp, and so does the core.
    ("not-before-and-expired", lambda: pyjwt.encode({"nbf": _now() + 3600, "exp": _now() - 3600}, STRONG), {}),
    # alg twice: PyJWT's JSON reading keeps the last one, which is not allowed here.
    ("alg-twice-last-none", lambda: _raw_header(b'{"alg":"HS256","alg":"none"}'), {}),
    ("alg-twice-last-hs512", lambda: _raw_header(b'{"alg":"HS256","alg":"HS512"}'), {}),
]


def _outcome(module, token, kwargs):
    kwargs = {"algorithms": ["HS256"], **kwargs}
    try:
        module.decode(token, STRONG, **kwargs)
    except Exception as error:  # noqa: BLE001 - the class is what is compared
        return type(error).__name__
    return "ok"


@pytest.mark.parametrize(("name", "factory", "kwargs"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_same_bad_input_raises_the_same_class(name, factory, kwargs):
    token = factory()
    theirs = _outcome(pyjwt, token, kwargs)
    assert theirs != "ok", f"{name}: PyJWT accepted it, the case is wrong"
    assert _outcome(cjwt, token, kwargs) == theirs


def test_raised_classes_are_catchable_as_the_pyjwt_bases():
    with pytest.raises(cjwt.InvalidTokenError):
        cjwt.decode(pyjwt.encode({"a": 1}, OTHER), STRONG, algorithms=["HS256"])
    with pytest.raises(cjwt.PyJWTError):
        cjwt.decode("x.y.z", STRONG, algorithms=["HS256"])


def test_encode_refusals_use_pyjwt_classes():
    with pytest.raises(TypeError):
        pyjwt.encode(["not", "a", "dict"], STRONG)
    with pytest.raises(TypeError):
        cjwt.encode(["not", "a", "dict"], STRONG)
    with pytest.raises(TypeError):
        cjwt.encode({"iss": 1}, STRONG)
    with pytest.raises(TypeError):
        cjwt.encode({"a": object()}, STRONG)
    with pytest.raises(NotImplementedError):
        pyjwt.encode({"a": 1}, STRONG, algorithm="HS1024")
    with pytest.raises(NotImplementedError):
        cjwt.encode({"a": 1}, STRONG, algorithm="HS1024")


def test_stricter_than_pyjwt_where_documented():
    # alg "none" writes PyJWT's unsigned token (key None only); nothing verifies it.
    unsigned = cjwt.encode({"a": 1}, None, algorithm=None)
    assert unsigned == pyjwt.encode({"a": 1}, None, algorithm=None)
    for library in (cjwt, pyjwt):
        with pytest.raises(library.InvalidSignatureError, match="Signature verification failed"):
            library.decode(unsigned, None, algorithms=["none"])
        with pytest.raises(library.InvalidKeyError):
            library.encode({"a": 1}, STRONG, algorithm=None)
    with pytest.raises(cjwt.InvalidKeyError):
        cjwt.encode({"a": 1}, "")
    # A typ other than JWT is written as PyJWT writes it, and refused when verifying.
    jose = cjwt.encode({"a": 1}, STRONG, headers={"typ": "JOSE"})
    assert jose == pyjwt.encode({"a": 1}, STRONG, headers={"typ": "JOSE"})
    assert pyjwt.decode(jose, STRONG, algorithms=["HS256"]) == {"a": 1}
    with pytest.raises(cjwt.DecodeError):
        cjwt.decode(jose, STRONG, algorithms=["HS256"])
    # Short keys warn, as in PyJWT; refused only on request (enforce_minimum_key_length).
    with pytest.warns(cjwt.InsecureKeyLengthWarning, match="The HMAC key is 5 bytes long"):
        token = cjwt.encode({"a": 1}, "short")
    with pytest.raises(cjwt.InvalidKeyError):
        cjwt.decode(token, "short", algorithms=["HS256"], options={"enforce_minimum_key_length": True})
    # A padded signature segment is not canonical base64url.
    with pytest.warns(cjwt.InsecureKeyLengthWarning):
        assert cjwt.decode(token, "short", algorithms=["HS256"]) == {"a": 1}
    with pytest.raises(cjwt.DecodeError):
        cjwt.decode(token + "=", "short", algorithms=["HS256"])


def test_headers_options_and_bytes_as_pyjwt():
    payload = {"sub": "Zoë", "url": "https://x/y", "n": 1.5}
    for headers in (None, {"kid": "k1"}, {"kid": "k1", "cty": "JWT"}, {"typ": None}):
        ours = cjwt.encode(payload, STRONG, headers=headers)
        assert ours == pyjwt.encode(payload, STRONG, headers=headers), headers
        assert cjwt.get_unverified_header(ours) == pyjwt.get_unverified_header(ours)
    assert cjwt.encode(payload, STRONG, headers={"kid": "k"}, sort_headers=False) == pyjwt.encode(
        payload, STRONG, headers={"kid": "k"}, sort_headers=False)
    with pytest.raises(cjwt.InvalidTokenError):
        cjwt.encode(payload, STRONG, headers={"kid": 1})
    expired = pyjwt.encode({"exp": 1, "nbf": 9_999_999_999}, STRONG)
    for options in ({"verify_exp": False, "verify_nbf": False},):
        assert cjwt.decode(expired, STRONG, algorithms=["HS256"], options=options) == pyjwt.decode(
            expired, STRONG, algorithms=["HS256"], options=options)
    with pytest.raises(cjwt.ImmatureSignatureError):
        cjwt.decode(expired, STRONG, algorithms=["HS256"], options={"verify_exp": False})
    with pytest.raises(cjwt.ExpiredSignatureError):
        cjwt.decode(expired, STRONG, algorithms=["HS256"], options={"verify_nbf": False})


def outcome(decode, token, **kwargs):
    """What a decode gives: the claims, or the exception's class name and message."""
    try:
        return decode(token, STRONG, algorithms=["HS256"], **kwargs)
    except Exception as error:  # noqa: BLE001 - the class is the answer
        return type(error).__name__, str(error)


def test_time_claims_are_judged_by_pyjwts_rules_in_the_core():
    # PyJWT cuts each time claim to whole seconds (int()) and checks iat before nbf:
    # the core does the same with time_rules="pyjwt". Margins of a whole second keep
    # the answers the same however the clock ticks during the test.
    second = int(time.time())
    shapes = {
        "fractional nbf in the leeway's last second": {"nbf": second + 30.9},
        "fractional iat in the leeway's last second": {"iat": second + 30.9},
        "fractional exp cut to expired": {"exp": second - 29.5},
        "iat and nbf ahead: iat named": {"iat": second + 100, "nbf": second + 100},
        "nbf ahead and exp passed": {"nbf": second + 100, "exp": second - 100},
    }
    for name, claims in shapes.items():
        token = pyjwt.encode(claims, STRONG)
        ours = outcome(cjwt.decode, token, leeway=30)
        assert ours == outcome(pyjwt.decode, token, leeway=30), name
    assert outcome(cjwt.decode, pyjwt.encode(shapes["iat and nbf ahead: iat named"], STRONG)) == (
        "ImmatureSignatureError", "The token is not yet valid (iat)")


def test_install_makes_import_jwt_resolve_to_the_facade():
    import subprocess
    import sys

    script = (
        "import onlyoffice_jwt.compat as c; c.install(); import jwt, jwt.exceptions, jwt.warnings, jwt.utils;"
        "assert jwt is c and jwt.exceptions.InvalidKeyError is c.InvalidKeyError;"
        "assert jwt.utils.base64url_encode(b'\\xfb\\xff') == b'-_8';"
        "print(jwt.decode(jwt.encode({'a': 1}, 'k' * 16 + '0123456789abcdef'), 'k' * 16 + '0123456789abcdef', algorithms=['HS256']))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "{'a': 1}"


def test_a_token_over_one_mib_decodes_as_with_pyjwt():
    """PyJWT puts no size limit on a token; a Document Server callback's body token
    passes 1 MiB with a long history."""
    history = [{"created": "2026-01-01 00:00:00", "user": {"id": "u1", "name": "Smith"}}] * 12000
    token = cjwt.encode({"key": "k", "status": 2, "history": {"changes": history}}, STRONG)
    assert len(token) > 1 << 20
    assert len(cjwt.decode(token, STRONG, algorithms=["HS256"])["history"]["changes"]) == 12000
    assert len(cjwt.api_jws.decode(token, STRONG, algorithms=["HS256"])) > 800_000
