"""100 000 calls with valid and invalid input leave memory flat.

tracemalloc sees Python's allocations (result dicts, exceptions, converted strings);
the resident set size also covers the Rust side's allocations.
"""

from __future__ import annotations

import gc
import json
import tracemalloc

import jwt as pyjwt
from conftest import NOW, OTHER, STRONG

import onlyoffice_jwt as oo

CALLS = 100_000

CLAIMS = {"key": "Khirz6zTPdfd7", "status": 2, "users": ["78e1e841"], "exp": NOW + 300}
GOOD = pyjwt.encode(CLAIMS, STRONG)
FORGED = pyjwt.encode(CLAIMS, OTHER)
BODY = json.dumps({"token": GOOD}).encode()


def _rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096


def _mixed_calls(count: int) -> None:
    for i in range(count // 5):
        oo.verify(GOOD, STRONG, now=NOW)
        try:
            oo.verify(FORGED, STRONG, now=NOW)
        except oo.BadSignatureError:
            pass
        oo.sign(CLAIMS, [STRONG, OTHER], now=NOW + i)
        try:
            oo.sign({"bad": object()}, STRONG)
        except oo.InvalidInputError:
            pass
        try:
            oo.verify_callback(BODY, "short")
        except oo.WeakSecretError:
            pass


def test_hundred_thousand_calls_keep_memory_flat():
    _mixed_calls(10_000)  # warm-up: caches, interned strings, allocator pools
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot()
        rss_before = _rss_bytes()
        _mixed_calls(CALLS)
        gc.collect()
        after = tracemalloc.take_snapshot()
        rss_after = _rss_bytes()
    finally:
        tracemalloc.stop()
    grown = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    assert grown < 64 * 1024, f"Python heap grew by {grown} bytes over {CALLS} calls"
    assert rss_after - rss_before < 8 * 1024 * 1024, (
        f"resident set grew by {rss_after - rss_before} bytes over {CALLS} calls"
    )
