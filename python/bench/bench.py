"""Benchmark (not a test): sign and verify of the editor config, onlyoffice_jwt vs PyJWT.

Run with `make bench-python`. Both libraries sign the same claims (tests/data/
editor_config.json, HS256, no added claims) and verify the same token in the same
process; the figures are the best of several timed repeats, in microseconds per call.
Goal from the issue: sign at least 8x, verify at least 15x faster than PyJWT.
"""

from __future__ import annotations

import json
import pathlib
import sys
import timeit

import jwt as pyjwt

import onlyoffice_jwt as oo
import onlyoffice_jwt.compat as compat

ROOT = pathlib.Path(__file__).resolve().parents[2]
CONFIG = json.loads((ROOT / "tests" / "data" / "editor_config.json").read_text())
SECRET = "benchmark-secret-JgWjziIMaidC2Ux3jScG"
REPEATS = 7


def best_microseconds(function) -> float:
    """Best per-call time in microseconds over REPEATS runs of an auto-sized loop."""
    timer = timeit.Timer(function)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=REPEATS, number=number)) / number * 1e6


def main() -> int:
    token = pyjwt.encode(CONFIG, SECRET, algorithm="HS256")
    assert oo.sign(CONFIG, SECRET, iat=False) == token, "the two libraries disagree"
    assert oo.verify(token, SECRET) == pyjwt.decode(token, SECRET, algorithms=["HS256"])

    rows = [
        (
            "sign",
            lambda: pyjwt.encode(CONFIG, SECRET, algorithm="HS256"),
            {
                "onlyoffice_jwt.sign": lambda: oo.sign(CONFIG, SECRET, iat=False),
                "onlyoffice_jwt.compat.encode": lambda: compat.encode(CONFIG, SECRET),
            },
            8,
        ),
        (
            "verify",
            lambda: pyjwt.decode(token, SECRET, algorithms=["HS256"]),
            {
                "onlyoffice_jwt.verify": lambda: oo.verify(token, SECRET),
                "onlyoffice_jwt.compat.decode": lambda: compat.decode(
                    token, SECRET, algorithms=["HS256"]
                ),
            },
            15,
        ),
    ]
    print(f"editor config: {len(json.dumps(CONFIG))} bytes of JSON, token {len(token)} characters")
    print(f"PyJWT {pyjwt.__version__}, Python {sys.version.split()[0]}, best of {REPEATS}")
    print(f"{'operation':<32}{'us/call':>10}{'vs PyJWT':>10}")
    for operation, baseline, candidates, goal in rows:
        reference = best_microseconds(baseline)
        print(f"{'PyJWT ' + operation:<32}{reference:>10.2f}{'1.0x':>10}")
        for name, function in candidates.items():
            elapsed = best_microseconds(function)
            print(f"{name:<32}{elapsed:>10.2f}{reference / elapsed:>9.1f}x")
        print(f"  (goal for onlyoffice_jwt.{operation}: {goal}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
