"""`make bench`: sign/verify timings and peak memory for Rust, Python and PHP (not a test).

Payloads, written once here (target/bench/) and read by every driver:

- shape ``string``: the ONLYOFFICE sample editor config (tests/data/editor_config.json)
  padded with one long ``padding`` string;
- shape ``values``: a Document Server save callback (status 2) whose ``history.changes``
  and ``actions`` grow: the same bytes as many small values;

each at 0.5 KB, 8 KB and 1 MiB of JSON. One process per language; in each, the
implementations are measured interleaved (one run of each in turn, five rounds, best
round kept), so that a busy moment of the machine hits them all alike.

- Rust: the core against the jsonwebtoken crate (rust_crypto) and against the floor of
  a strict verify (HMAC, base64, one pass over the JSON that builds nothing);
- Python: onlyoffice_jwt against PyJWT 2.15.1, a stdlib-only implementation (json,
  hmac, base64) and an orjson-based one;
- PHP: the extension against a plain-PHP implementation written the way
  firebase/php-jwt works (php/bench/PlainJwt.php).

Peak memory: each Python implementation signs and verifies the 1 MiB payloads in a
process of its own; the figure is how far the process's resident set rises above its
level at the start (the kernel's peak, reset first), which includes the Rust heap
that tracemalloc cannot see.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import pathlib
import platform
import subprocess
import sys
import time

import jwt as pyjwt
import orjson

import onlyoffice_jwt as oo

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "target" / "bench"
SECRET = "benchmark-secret-JgWjziIMaidC2Ux3jScG"
SIZES = [("0.5KB", 512), ("8KB", 8192), ("1MiB", 1 << 20)]
SHAPES = ["string", "values"]


def compact(value) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def string_shape(size: int) -> dict:
    """The sample config with a padding member bringing its JSON to `size` bytes."""
    claims = json.loads((ROOT / "tests" / "data" / "editor_config.json").read_text())
    pad = size - len(compact(claims)) - len(',"padding":""')
    if pad > 0:
        claims["padding"] = "a" * pad
    return claims


def values_shape(size: int) -> dict:
    """A save callback whose history grows by one change (and one action) at a time
    until its JSON reaches `size` bytes."""
    body = {
        "key": "Khirz6zTPdfd7",
        "status": 2,
        "url": "https://documentserver.example/cache/files/data/Khirz6zTPdfd7/output.docx",
        "changesurl": "https://documentserver.example/cache/files/data/Khirz6zTPdfd7/changes.zip",
        "filetype": "docx",
        "forcesavetype": 0,
        "lastsave": "2026-12-01T10:00:00.000Z",
        "notmodified": False,
        "users": ["u1"],
        "actions": [],
        "history": {"serverVersion": "9.1.0", "changes": []},
    }
    index = 0
    while len(compact(body)) < size:
        user = {"id": f"u{index % 7}", "name": f"User {index % 7}"}
        body["history"]["changes"].append(
            {"created": f"2026-12-01 10:{index % 60:02d}:{index % 59:02d}", "user": user}
        )
        body["actions"].append({"type": index % 3, "userid": user["id"]})
        index += 1
    return body


def write_payloads() -> dict:
    OUT.mkdir(parents=True, exist_ok=True)
    payloads = {}
    for shape in SHAPES:
        for label, size in SIZES:
            claims = string_shape(size) if shape == "string" else values_shape(size)
            (OUT / f"{shape}-{label}.json").write_bytes(compact(claims))
            payloads[(shape, label)] = claims
    return payloads


# ---- the Python implementations ------------------------------------------------------


def b64(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def unb64(segment: bytes) -> bytes:
    return base64.urlsafe_b64decode(segment + b"=" * (-len(segment) % 4))


HEADER = b64(b'{"alg":"HS256","typ":"JWT"}')


def hand_written(dumps, loads):
    """HS256 written by hand over a JSON library's `dumps` (to bytes) and `loads`: sign,
    and verify (signature in constant time, then the claims, then exp)."""

    def sign(claims: dict, key: bytes) -> str:
        signing_input = HEADER + b"." + b64(dumps(claims))
        return (signing_input + b"." + b64(hmac.new(key, signing_input, hashlib.sha256).digest())).decode()

    def verify(token: str, key: bytes) -> dict:
        data = token.encode()
        signing_input, _, signature = data.rpartition(b".")
        header, _, payload = signing_input.partition(b".")
        if loads(unb64(header)).get("alg") != "HS256":
            raise ValueError("alg")
        if not hmac.compare_digest(unb64(signature), hmac.new(key, signing_input, hashlib.sha256).digest()):
            raise ValueError("signature")
        claims = loads(unb64(payload))
        if "exp" in claims and claims["exp"] <= time.time():
            raise ValueError("expired")
        return claims

    return sign, verify


# What a connector writes by hand with the stdlib only, and the same over orjson.
stdlib_sign, stdlib_verify = hand_written(lambda v: json.dumps(v, separators=(",", ":")).encode(), json.loads)
orjson_sign, orjson_verify = hand_written(orjson.dumps, orjson.loads)


KEY = SECRET.encode()
PYTHON = {
    "onlyoffice_jwt": (
        lambda claims: oo.sign(claims, SECRET, iat=False),
        lambda token: oo.verify(token, SECRET, max_size=4 << 20),
    ),
    "PyJWT": (
        lambda claims: pyjwt.encode(claims, SECRET, algorithm="HS256"),
        lambda token: pyjwt.decode(token, SECRET, algorithms=["HS256"]),
    ),
    "stdlib": (lambda claims: stdlib_sign(claims, KEY), lambda token: stdlib_verify(token, KEY)),
    "orjson": (lambda claims: orjson_sign(claims, KEY), lambda token: orjson_verify(token, KEY)),
}


def iterations(size: int) -> int:
    return max(3, 4_000_000 // (size + 400))


def interleaved(functions: dict, number: int) -> dict:
    """Best of five rounds per function, µs per call; each round runs every function."""
    best = {name: float("inf") for name in functions}
    for _ in range(5):
        for name, function in functions.items():
            start = time.perf_counter()
            for _ in range(number):
                function()
            best[name] = min(best[name], (time.perf_counter() - start) / number * 1e6)
    return best


def python_figures(payloads: dict) -> dict:
    figures = {}
    for (shape, label), claims in payloads.items():
        token = stdlib_sign(claims, KEY)
        for name, (sign, verify) in PYTHON.items():
            if sign(claims) != token and name != "orjson":
                raise SystemExit(f"{shape} {label}: {name} writes another token")
            if verify(token) != claims:
                raise SystemExit(f"{shape} {label}: {name} reads other claims")
        number = iterations(len(compact(claims)))
        signs = interleaved({name: (lambda s=s: s(claims)) for name, (s, _) in PYTHON.items()}, number)
        verifies = interleaved({name: (lambda v=v: v(token)) for name, (_, v) in PYTHON.items()}, number)
        figures[(shape, label)] = {"sign": signs, "verify": verifies}
    return figures


def status_kib(field: str) -> int:
    """A field of /proc/self/status in KiB (VmRSS, VmHWM)."""
    for line in pathlib.Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise SystemExit(f"no {field} in /proc/self/status")


def peak_memory_child(name: str) -> None:
    """In a process of its own: how far the resident set rises above its level at the
    start while `name` signs and verifies each 1 MiB payload ten times (KiB). The peak
    is reset first (clear_refs 5), so loading the payloads does not count."""
    payloads = {shape: json.loads((OUT / f"{shape}-1MiB.json").read_bytes()) for shape in SHAPES}
    tokens = {shape: stdlib_sign(claims, KEY) for shape, claims in payloads.items()}
    sign, verify = PYTHON[name]
    pathlib.Path("/proc/self/clear_refs").write_text("5")
    before = status_kib("VmRSS")
    for _ in range(10):
        for shape in SHAPES:
            sign(payloads[shape])
            verify(tokens[shape])
    print(status_kib("VmHWM") - before)


def peak_memory() -> dict:
    return {
        name: int(
            subprocess.run(
                [sys.executable, __file__, "--peak", name], check=True, capture_output=True, text=True
            ).stdout.split()[-1]
        )
        for name in PYTHON
    }


def command_json(command: list[str], env: dict | None = None) -> dict:
    """Runs a benchmark driver that prints one JSON object."""
    done = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    payloads = write_payloads()
    rust = command_json(
        ["cargo", "run", "--release", "-q", "-p", "onlyoffice-jwt", "--example", "bench_sizes", "--", str(OUT)]
    )
    python = python_figures(payloads)
    php_env = dict(os.environ)
    php_env["PHP_INI_SCAN_DIR"] = os.environ.get("PHP_TEST_INI", "")
    php = command_json(["php", "php/bench/sizes.php", str(OUT)], env=php_env)
    memory = peak_memory()

    cpu = next(
        (line.split(":", 1)[1].strip() for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        platform.processor(),
    )
    print(f"machine: {cpu}, {os.cpu_count()} cores; Python {platform.python_version()}, "
          f"PyJWT {pyjwt.__version__}, orjson {orjson.__version__}, {php['version']}")
    print("µs per call (best of 5 interleaved rounds); ratio = the other's time / ours\n")
    print("| shape | size | op | Rust core | jsonwebtoken | floor | Python ext | PyJWT | stdlib | orjson"
          " | vs PyJWT | vs stdlib | vs orjson | PHP ext | plain PHP | vs plain |")
    print("|---|---|---|" + "---:|" * 15)
    for shape in SHAPES:
        for label, _ in SIZES:
            for op in ("sign", "verify"):
                r = rust[f"{shape}-{label}"][op]
                p = python[(shape, label)][op]
                h = php[f"{shape}-{label}"]
                ours = p["onlyoffice_jwt"]
                print(
                    f"| {shape} | {label} | {op} | {r['ours']:.2f} | {r['jsonwebtoken']:.2f} | {r['floor']:.2f} "
                    f"| {ours:.2f} | {p['PyJWT']:.2f} | {p['stdlib']:.2f} | {p['orjson']:.2f} "
                    f"| {p['PyJWT'] / ours:.1f}× | {p['stdlib'] / ours:.2f}× | {p['orjson'] / ours:.2f}× "
                    f"| {h[op]:.2f} | {h['plain_' + op]:.2f} | {h['plain_' + op] / h[op]:.2f}× |"
                )
    print("\npeak resident set above the start, sign + verify of both 1 MiB payloads"
          " (KiB, one process each):")
    for name, kib in memory.items():
        print(f"  {name}: {kib}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--peak":
        peak_memory_child(sys.argv[2])
        sys.exit(0)
    sys.exit(main())
