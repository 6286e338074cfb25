"""The module from many threads, and inputs above the GIL-release threshold."""

from __future__ import annotations

import base64
import json
import threading

import jwt as pyjwt
from conftest import NOW, OTHER, STRONG

import onlyoffice_jwt as oo

THREADS = 8
ROUNDS = 150


def run_in_threads(work) -> None:
    """Runs work(index) in THREADS threads at once and waits for all of them; an
    exception in any thread fails the test (a thread's exception is otherwise only
    printed)."""
    raised: list[BaseException] = []

    def guarded(index: int) -> None:
        try:
            work(index)
        except BaseException as error:  # noqa: BLE001 - reported below
            raised.append(error)

    threads = [threading.Thread(target=guarded, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if raised:
        raise raised[0]


def test_eight_threads_sign_and_verify_their_own_claims():
    errors: list[str] = []
    barrier = threading.Barrier(THREADS)

    def work(index: int) -> None:
        barrier.wait()
        secret = f"thread-{index}-secret-" + base64.urlsafe_b64encode(bytes([index]) * 3 + b"Qx7Lw2").decode() + "Zr9Kp4Vn8Bt1Md6Hc3"
        for round_ in range(ROUNDS):
            claims = {"thread": index, "round": round_, "pad": "x" * (index * 9000)}
            token = oo.sign(claims, secret, iat=False)
            if pyjwt.decode(token, secret, algorithms=["HS256"]) != claims:
                errors.append(f"{index}/{round_}: PyJWT read other claims")
            if oo.verify(token, secret) != claims:
                errors.append(f"{index}/{round_}: verify returned other claims")
            try:
                oo.verify(token, OTHER)
                errors.append(f"{index}/{round_}: wrong secret accepted")
            except oo.BadSignatureError:
                pass

    run_in_threads(work)
    assert errors == []


def test_inputs_over_the_threshold_give_the_same_results():
    big = "y" * (200 * 1024)
    claims = {"big": big, "exp": NOW + 60}
    token = oo.sign(claims, STRONG, iat=False)
    assert token == pyjwt.encode(claims, STRONG, algorithm="HS256")
    assert oo.verify(token, STRONG, now=NOW) == claims
    body = ('{"key":"k","status":2,"big":"' + big + '","token":"' + pyjwt.encode({"key": "k", "status": 2}, STRONG) + '"}')
    assert oo.verify_callback(body.encode(), STRONG, now=NOW) == {"key": "k", "status": 2}
    try:
        oo.verify(token, STRONG, now=NOW + 3600)
    except oo.ExpiredError:
        pass
    else:
        raise AssertionError("an expired large token was accepted")


SMALL_STACK_SCRIPT = r"""
import json, sys, threading
import onlyoffice_jwt as oo, onlyoffice_jwt.compat as cjwt

SECRET = "a-strong-test-secret-0123456789abcdef"

def nested(containers):
    value = 1
    for _ in range(containers - 1):
        value = [value]
    return {"deep": value}

def body(containers):
    return {"document": {"key": "k1", "url": "https://ds.example/f.docx"}, "x": nested(containers - 1)}

def run(results):
    for containers in (128, 129):
        outcome = []
        for name, call in [
            ("sign", lambda: oo.verify(oo.sign(nested(containers), SECRET), SECRET)),
            ("sign_config", lambda: oo.sign_config(body(containers), SECRET)),
            ("sign_request", lambda: oo.sign_request({"c": nested(containers - 1)}, SECRET)),
            ("compat", lambda: cjwt.decode(cjwt.encode(nested(containers), SECRET), SECRET, algorithms=["HS256"])),
        ]:
            try:
                call()
                outcome.append(name + ":ok")
            except oo.JwtError as error:
                outcome.append(name + ":" + error.code)
            except cjwt.PyJWTError as error:
                outcome.append(name + ":" + type(error).__name__)
        results.append(" ".join(outcome))

threading.stack_size(128 * 1024)
results = []
thread = threading.Thread(target=run, args=(results,))
thread.start()
thread.join()
print("\n".join(results))
"""


def test_the_deepest_accepted_input_is_safe_on_a_128_kib_thread_stack():
    # A Python thread may have a 128 KiB stack: conversion, signing and verification at
    # the nesting limit must fit, and one level more must be refused, not crash. Run in a
    # child process so that a crash is a failure of this test, not of the run.
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", SMALL_STACK_SCRIPT], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split("\n")[:2] == [
        "sign:ok sign_config:ok sign_request:ok compat:ok",
        "sign:invalid_input sign_config:invalid_input sign_request:invalid_input compat:DecodeError",
    ]


def test_returned_keys_are_right_when_thousands_of_keys_compete_for_the_cache():
    # Far more distinct keys than the module's key cache holds (1024 slots): every key
    # evicts others, and each result must still be exactly what json.loads reads.
    claims = {f"k{i}-{'x' * (i % 50)}": i for i in range(5000)}
    token = pyjwt.encode(claims, STRONG, algorithm="HS256")
    payload = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
    for _ in range(3):
        assert list(oo.verify(token, STRONG).items()) == list(payload.items())


def test_recurring_keys_are_one_str_object():
    history = [{"created": "2026-12-01 12:00:00", "user": {"id": str(i), "name": "n"}} for i in range(200)]
    token = pyjwt.encode({"key": "k", "status": 2, "history": history}, STRONG, algorithm="HS256")
    first, second = oo.verify(token, STRONG), oo.verify(token, STRONG)
    keys = [next(iter(entry)) for entry in first["history"]]
    assert all(key is keys[0] for key in keys)
    assert next(iter(second["history"][0]["user"])) is next(iter(first["history"][0]["user"]))


def test_threads_building_results_at_once_get_their_own_keys():
    errors: list[str] = []
    barrier = threading.Barrier(THREADS)

    def work(index: int) -> None:
        claims = {f"t{index}-{n}": {"pad": "z" * 70_000 if n == 0 else n} for n in range(300)}
        token = pyjwt.encode(claims, STRONG, algorithm="HS256")
        barrier.wait()
        for round_ in range(20):
            if oo.verify(token, STRONG) != claims:
                errors.append(f"{index}/{round_}")

    run_in_threads(work)
    assert errors == []
