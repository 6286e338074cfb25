"""`make bench`: one table of sign/verify timings for Rust, Python and PHP (not a test).

Payloads are the ONLYOFFICE sample editor config (tests/data/editor_config.json) padded
with a "padding" member to 0.5 KB, 8 KB and 1 MiB of JSON — the same construction in
all three languages. Python compares onlyoffice_jwt with PyJWT in the same process; PHP
compares the extension with a plain-PHP implementation written the way firebase/php-jwt
works (php/bench/PlainJwt.php). Figures are microseconds per call, best of several runs.
"""

from __future__ import annotations

import json
import os
import pathlib
import platform
import subprocess
import sys
import timeit

import jwt as pyjwt

import onlyoffice_jwt as oo

ROOT = pathlib.Path(__file__).resolve().parents[2]
SECRET = "benchmark-secret-0123456789abcdefghij"
SIZES = [("0.5KB", 512), ("8KB", 8192), ("1MiB", 1 << 20)]


def payload(size: int) -> dict:
    """The sample config with a padding member bringing its compact JSON to `size` bytes."""
    claims = json.loads((ROOT / "tests" / "data" / "editor_config.json").read_text())
    base = len(json.dumps(claims, separators=(",", ":"), ensure_ascii=False).encode())
    pad = size - base - len(',"padding":""')
    if pad > 0:
        claims["padding"] = "a" * pad
    return claims


def best_us(function) -> float:
    """Best per-call time in microseconds over five runs of an auto-sized loop."""
    timer = timeit.Timer(function)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=5, number=number)) / number * 1e6


def python_figures() -> dict:
    """onlyoffice_jwt and PyJWT, same claims, same token."""
    figures = {}
    for label, size in SIZES:
        claims = payload(size)
        token = pyjwt.encode(claims, SECRET, algorithm="HS256")
        if oo.sign(claims, SECRET, iat=False) != token:
            raise SystemExit(f"{label}: onlyoffice_jwt and PyJWT produce different tokens")
        figures[label] = {
            "sign": best_us(lambda: oo.sign(claims, SECRET, iat=False)),
            "verify": best_us(lambda: oo.verify(token, SECRET, max_size=4 << 20)),
            "pyjwt_sign": best_us(lambda: pyjwt.encode(claims, SECRET, algorithm="HS256")),
            "pyjwt_verify": best_us(lambda: pyjwt.decode(token, SECRET, algorithms=["HS256"])),
        }
    return figures


def command_json(command: list[str], env: dict | None = None) -> dict:
    """Runs a benchmark driver that prints one JSON object."""
    done = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    rust = command_json(["cargo", "run", "--release", "-q", "-p", "onlyoffice-jwt", "--example", "bench_sizes"])
    python = python_figures()
    php_env = dict(os.environ)
    php_env["PHP_INI_SCAN_DIR"] = os.environ.get("PHP_TEST_INI", "")
    php = command_json(["php", "php/bench/sizes.php"], env=php_env)

    cpu = next(
        (line.split(":", 1)[1].strip() for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        platform.processor(),
    )
    print(f"machine: {cpu}, {os.cpu_count()} cores; Python {platform.python_version()}, "
          f"PyJWT {pyjwt.__version__}, {php['version']}")
    print("µs per call (best of 5); ratio = the peer's time / ours")
    header = ("| payload | op | Rust core | Python ext | PyJWT | vs PyJWT | PHP ext | plain PHP | vs plain PHP |")
    print(header)
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, _ in SIZES:
        for op in ("sign", "verify"):
            r, p, h = rust[label][op], python[label], php[label]
            print(f"| {label} | {op} | {r:.2f} | {p[op]:.2f} | {p['pyjwt_' + op]:.2f} | "
                  f"{p['pyjwt_' + op] / p[op]:.1f}× | {h[op]:.2f} | {h['plain_' + op]:.2f} | "
                  f"{h['plain_' + op] / h[op]:.1f}× |")
    print()
    print("growth from 8 KB to 1 MiB (128× the bytes; linear cost means about 128×):")
    for op in ("sign", "verify"):
        growth = rust["1MiB"][op] / rust["8KB"][op]
        print(f"  Rust {op}: {growth:.0f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
