"""The module from many threads, and inputs above the GIL-release threshold."""

from __future__ import annotations

import threading

import jwt as pyjwt
from conftest import NOW, OTHER, STRONG

import onlyoffice_jwt as oo

THREADS = 8
ROUNDS = 150


def test_eight_threads_sign_and_verify_their_own_claims():
    errors: list[str] = []
    barrier = threading.Barrier(THREADS)

    def work(index: int) -> None:
        barrier.wait()
        secret = f"thread-{index}-secret-0123456789abcdefgh"
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

    threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
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
