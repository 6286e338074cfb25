"""Runs PyJWT 2.15.1's own test suite against onlyoffice_jwt.compat.

``python run_pyjwt_suite.py <pytest arguments>`` (``make test-pyjwt-suite``, in the
directory of PyJWT's unpacked sdist): ``import jwt`` resolves to the facade before
pytest starts, so that PyJWT's own configuration (``filterwarnings`` naming
``jwt.warnings.InsecureKeyLengthWarning``) and every test module see the facade; the
real PyJWT installed beside it is never imported. The tests the facade fails
on purpose are marked ``xfail(strict=True)`` with the reason (a strict xfail that passes
fails the run, so the list cannot go stale); docs/seahub.md lists the same names. At the
end, the numbers of passed and expected-failure tests must be exactly those below: a
test that silently stops running is a failure too.
"""

from __future__ import annotations

import sys

import onlyoffice_jwt.compat

onlyoffice_jwt.compat.install()

import pytest  # noqa: E402  (after install: pytest's configuration imports jwt.warnings)

PADDING = (
    "padded base64url is refused: the core reads only canonical unpadded base64url, so "
    "that one token has one spelling (PyJWT accepts padding some issuers add)"
)
NUMERIC_DATE = (
    "exp, nbf and iat must be JSON numbers (RFC 7519 NumericDate); PyJWT accepts a "
    "string of digits"
)
NOT_JSON = (
    "json.dumps writes Infinity, which is not JSON (RFC 8259): the core refuses the "
    "payload as malformed (DecodeError, without naming the claim)"
)
HEADER_BY_CORE = (
    "the core parses the header, not jwt.api_jwt.json.loads, so patching json.loads "
    "does not reach it"
)

# Test node ids (relative to PyJWT's tests/) -> why the facade fails them on purpose.
DELIBERATE = {
    "test_api_jws.py::TestJWS::test_decode_accepts_padded_crypto_segment": PADDING,
    "test_api_jws.py::TestJWS::test_decode_accepts_canonical_base64url_padding[Zg==-f]": PADDING,
    "test_api_jws.py::TestJWS::test_decode_accepts_canonical_base64url_padding[Zm8=-fo]": PADDING,
    "test_api_jwt.py::TestJWT::test_decode_works_if_iat_is_str_of_a_number": NUMERIC_DATE,
    "test_api_jwt.py::TestJWT::test_decode_raises_clean_error_if_claim_is_non_numeric_type[inf-nbf]": NOT_JSON,
    "test_api_jwt.py::TestJWT::test_decode_raises_clean_error_if_claim_is_non_numeric_type[inf-iat]": NOT_JSON,
    "test_api_jwt.py::TestJWT::test_decode_payload_recursion_error_throws_decode_error": HEADER_BY_CORE,
}

EXPECTED_PASSED = 279

_outcomes: dict[str, int] = {"passed": 0, "xfailed": 0}


def pytest_sessionstart(session: pytest.Session) -> None:
    """Refuses to run against anything but the facade."""
    if sys.modules.get("jwt") is not onlyoffice_jwt.compat:
        raise pytest.UsageError("import jwt does not resolve to onlyoffice_jwt.compat")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Marks the deliberate failures; every listed test must exist."""
    found = set()
    for item in items:
        name = item.nodeid.split("tests/", 1)[-1]
        if name in DELIBERATE:
            found.add(name)
            item.add_marker(pytest.mark.xfail(reason=DELIBERATE[name], strict=True))
    missing = set(DELIBERATE) - found
    if missing:
        raise pytest.UsageError(f"listed deliberate failures not collected: {sorted(missing)}")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Counts the passed and the expected-failure tests."""
    if report.when == "call" and report.passed and not hasattr(report, "wasxfail"):
        _outcomes["passed"] += 1
    elif hasattr(report, "wasxfail") and report.skipped:
        _outcomes["xfailed"] += 1


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fails the run when the counts differ from the expected ones."""
    expected = {"passed": EXPECTED_PASSED, "xfailed": len(DELIBERATE)}
    if exitstatus == 0 and _outcomes != expected:
        print(f"\nPyJWT suite: {_outcomes}, expected {expected}", file=sys.stderr)
        session.exitstatus = 1


if __name__ == "__main__":
    sys.exit(pytest.main(sys.argv[1:], plugins=[sys.modules[__name__]]))
