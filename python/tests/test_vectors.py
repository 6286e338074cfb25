"""The shared vectors (tests/vectors, tests/attacks) through the Python module.

Expected values were produced by independent generators (PyJWT, node jsonwebtoken, the
Python stdlib, RFC texts); every result must be identical, member order included.
"""

from __future__ import annotations

import base64
import inspect
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
    """Calls ``onlyoffice_jwt.<operation>`` with the case's arguments, each put where the
    function's parameter of that name is (the functions are made from the table of
    operations, so their parameters are the table's arguments), options as keywords."""
    args = dict(case.get("args", {}))
    options = args.pop("options", None) or {}
    if "token_repeat" in case:
        args["token"] = _token(case, args)
    function = getattr(oo, operation)
    positional = []
    for name, parameter in inspect.signature(function).parameters.items():
        if parameter.kind is not parameter.POSITIONAL_OR_KEYWORD:
            break
        if parameter.default is not parameter.empty and name not in args:
            break
        value = args.get(name)
        positional.append(_secrets(value) if name in ("secret", "master") else value)
    return function(*positional, **options)


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
