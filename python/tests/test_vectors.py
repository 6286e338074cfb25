"""The shared vectors (tests/vectors, tests/attacks) through the Python module.

Expected values were produced by independent generators (PyJWT, node jsonwebtoken, the
Python stdlib, RFC texts); every result must be identical, member order included.
"""

from __future__ import annotations

import base64
import json
import pathlib

import pytest

import onlyoffice_jwt as oo

ROOT = pathlib.Path(__file__).resolve().parents[2]
FILES = sorted((ROOT / "tests" / "vectors").glob("*.json")) + sorted(
    (ROOT / "tests" / "attacks").glob("*.json")
)


def _cases():
    for path in FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            operation = case.get("operation", data.get("operation"))
            yield pytest.param(
                operation, case, id=f"{path.parent.name}/{path.stem}/{case['name']}"
            )


def _secret(value):
    if isinstance(value, dict):
        encoded = value["base64url"]
        return base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    return value


def _secrets(value):
    if isinstance(value, list):
        return [_secret(item) for item in value]
    return _secret(value)


def _token(case, args):
    repeat = case.get("token_repeat")
    if repeat is None:
        return args["token"]
    count = (repeat["total_length"] - len(repeat["prefix"])) // max(len(repeat["char"]), 1)
    return repeat["prefix"] + repeat["char"] * count


def _call(operation, case):
    args = case.get("args", {})
    options = args.get("options") or {}
    secret = _secrets(args["secret"]) if "secret" in args else None
    if operation == "sign":
        return oo.sign(args["claims"], secret, **options)
    if operation == "verify":
        return oo.verify(_token(case, args), secret, **options)
    if operation == "decode_unverified":
        return oo.decode_unverified(_token(case, args), **options)
    if operation == "sign_config":
        return oo.sign_config(args["config"], secret, **options)
    if operation == "sign_request":
        return oo.sign_request(args["body"], secret, **options)
    if operation == "verify_callback":
        return oo.verify_callback(args["body"].encode("utf-8"), secret, **options)
    if operation == "verify_incoming":
        return oo.verify_incoming(args.get("authorization"), secret, **options)
    if operation == "guard_callback":
        return oo.guard_callback(args["body"].encode("utf-8"), secret, args["ds_url"], **options)
    if operation == "guard_download":
        return oo.guard_download(args.get("authorization"), secret, args["target"], **options)
    if operation == "check_download_url":
        return oo.check_download_url(args["url"], args["ds_url"], **options)
    if operation == "document_key":
        return oo.document_key(secret, args["file_id"], args["version"], **options)
    if operation == "derive_secrets":
        master = _secrets(args["master"])
        return oo.derive_secrets(master[0] if isinstance(master, list) else master, **options)
    if operation == "sign_link":
        return oo.sign_link(args["url"], secret, **options)
    if operation == "verify_link":
        return oo.verify_link(args["url"], secret, **options)
    raise AssertionError(f"unknown operation {operation!r}")


def _canonical(value):
    return json.dumps(value, ensure_ascii=False)


def test_vector_files_are_present():
    assert len(FILES) >= 10, FILES


@pytest.mark.parametrize(("operation", "case"), list(_cases()))
def test_vector(operation, case):
    expect = case["expect"]
    if "error" in expect:
        with pytest.raises(oo.JwtError) as raised:
            _call(operation, case)
        assert raised.value.code == expect["error"], str(raised.value)
    else:
        assert _canonical(_call(operation, case)) == _canonical(expect["ok"])
