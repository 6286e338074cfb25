#!/usr/bin/env python3
"""Known-answer vectors produced by PyJWT (pinned in gen/requirements.txt).

Run with the virtualenv that regenerate.sh creates (/work/main/.venv).
PyJWT writes the header {"alg":"HS…","typ":"JWT"} (its default header, keys
sorted) and the payload with json.dumps(separators=(",", ":")), which escapes
non-ASCII: so the claims here are ASCII only, where its bytes are exactly the
formats.md bytes.  Time-dependent answers come from jwt.decode with PyJWT's
clock pinned to the case's "now".  Each answer is also checked against the
stdlib model (gen/ooref.py): the two independent implementations must agree.

Writes tests/vectors/pyjwt.json (operations sign and verify).
"""

import datetime as _dt
import json
import os
import warnings

import jwt
import jwt.api_jwt

from common import NOW, S1, S2, S32, VECTORS_OUT, case, ooref

GEN = "gen/pyjwt_gen.py"
# the vectors pin the library version: a different PyJWT must not silently rewrite them
PINNED = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "requirements.txt")).read()
assert ("pyjwt==" + jwt.__version__) in PINNED.lower(), (jwt.__version__, PINNED)


class _Clock(_dt.datetime):
    now_ts = NOW

    @classmethod
    def now(cls, tz=None):
        return _dt.datetime.fromtimestamp(cls.now_ts, tz=tz)


warnings.filterwarnings("ignore", message=".*HMAC key.*")  # RFC 7518 length advice for HS384/512
jwt.api_jwt.datetime = _Clock  # PyJWT reads datetime.now(tz=timezone.utc) in _validate_claims

ERRORS = [  # most specific first
    (jwt.ExpiredSignatureError, "expired"),
    (jwt.ImmatureSignatureError, "not_yet_valid"),
    (jwt.MissingRequiredClaimError, "missing_claim"),
    (jwt.InvalidSignatureError, "bad_signature"),
    (jwt.InvalidAlgorithmError, "alg_not_allowed"),
]


def pyjwt_sign(claims, secret, alg="HS256", ttl=None, iat=True, now=NOW):
    c = dict(claims)
    if iat:
        c["iat"] = now
    if ttl is not None:
        c["exp"] = now + ttl
    token = jwt.encode(c, secret, algorithm=alg)
    h = ooref.b64u_decode_strict(token.split(".")[0])
    assert h == ('{"alg":"%s","typ":"JWT"}' % alg).encode(), h
    return token


def pyjwt_verify(token, secret, algorithms=None, leeway=60, require=(), now=NOW):
    _Clock.now_ts = now
    secrets = secret if isinstance(secret, list) else [secret]
    last = None
    for s in secrets:  # rotation: every secret may verify
        try:
            claims = jwt.decode(token, s, algorithms=algorithms or ["HS256", "HS384", "HS512"],
                                leeway=leeway, options={"require": list(require)})
            return {"ok": claims}
        except jwt.InvalidSignatureError as e:
            last = e
        except jwt.PyJWTError as e:
            last = e
            break
    for cls, code in ERRORS:
        if isinstance(last, cls):
            return {"error": code}
    raise AssertionError("unmapped PyJWT error %r" % last)


def checked(op, name, args, expect):
    kw = {k: v for k, v in args.items() if k != "options"}
    kw.update(args.get("options", {}))
    model = ooref.run(ooref.sign if op == "sign" else ooref.verify, **kw)
    assert model == expect, f"{name}: PyJWT {expect} != stdlib model {model}"
    return case(name, args, expect, operation=op)


CLAIM_SETS = {
    "simple": {"sub": "user-1", "name": "Alice"},
    "nested": {"document": {"key": "Khirz6zTPdfd7", "url": "https://example.com/a.docx",
                            "permissions": {"edit": True, "comment": False}},
               "users": ["u1", "u2"], "n": None, "count": -3},
    "order": {"z": 0, "b": "x", "a": [1, 2, {"c": "d"}]},
    "escapes": {"path": "/a/b?c=d&e=f", "quote": "say \"hi\"", "tab": "a\tb", "nl": "l1\nl2", "bs": "\\"},
}


def main():
    cases = []
    for cname, claims in CLAIM_SETS.items():
        for alg in ("HS256", "HS384", "HS512"):
            for ttl in (None, 300):
                opts = {"now": NOW}
                if alg != "HS256":
                    opts["alg"] = alg
                if ttl is not None:
                    opts["ttl"] = ttl
                args = {"claims": claims, "secret": S1, "options": opts}
                tok = pyjwt_sign(claims, S1, alg=alg, ttl=ttl)
                cases.append(checked("sign", "sign-%s-%s-%s" % (cname, alg.lower(), "ttl300" if ttl else "no-ttl"),
                                     args, {"ok": tok}))
    cases.append(checked("sign", "sign-no-iat", {"claims": CLAIM_SETS["simple"], "secret": S32,
                                                 "options": {"iat": False, "now": NOW}},
                         {"ok": pyjwt_sign(CLAIM_SETS["simple"], S32, iat=False)}))
    cases.append(checked("sign", "sign-no-iat-ttl", {"claims": CLAIM_SETS["simple"], "secret": S32,
                                                     "options": {"iat": False, "ttl": 60, "now": NOW}},
                         {"ok": pyjwt_sign(CLAIM_SETS["simple"], S32, iat=False, ttl=60)}))

    def V(name, token, secret=S1, **opts):
        opts.setdefault("now", NOW)
        expect = pyjwt_verify(token, secret, algorithms=opts.get("algorithms"), leeway=opts.get("leeway", 60),
                              require=opts.get("require", ()), now=opts["now"])
        cases.append(checked("verify", name, {"token": token, "secret": secret, "options": opts}, expect))
        return expect

    for alg in ("HS256", "HS384", "HS512"):
        tok = pyjwt_sign(CLAIM_SETS["nested"], S1, alg=alg, ttl=300, now=NOW - 10)
        assert "ok" in V("verify-%s-ok" % alg.lower(), tok)
        assert V("verify-%s-wrong-secret" % alg.lower(), tok, secret=S2) == {"error": "bad_signature"}
    tok = pyjwt_sign(CLAIM_SETS["simple"], S1, ttl=300, now=NOW)
    assert "ok" in V("verify-rotation-list", tok, secret=[S2, S1])
    assert V("verify-alg-not-listed", tok, algorithms=["HS512"]) == {"error": "alg_not_allowed"}
    assert V("verify-expired-at-exp-plus-leeway", tok, now=NOW + 360) == {"error": "expired"}
    assert "ok" in V("verify-last-second-within-leeway", tok, now=NOW + 359)
    assert V("verify-expired-leeway-0", tok, now=NOW + 300, leeway=0) == {"error": "expired"}
    assert "ok" in V("verify-leeway-0-one-second-left", tok, now=NOW + 299, leeway=0)
    assert V("verify-iat-in-future", tok, now=NOW - 61) == {"error": "not_yet_valid"}
    assert "ok" in V("verify-iat-in-future-within-leeway", tok, now=NOW - 60)
    nbf = jwt.encode({"sub": "u", "nbf": NOW + 120}, S1, algorithm="HS256")
    assert V("verify-nbf-in-future", nbf) == {"error": "not_yet_valid"}
    assert "ok" in V("verify-nbf-reached-with-leeway", nbf, now=NOW + 60)
    # Not yet valid AND already expired: PyJWT checks nbf before exp (ImmatureSignatureError).
    both = jwt.encode({"sub": "u", "nbf": NOW + 300, "exp": NOW - 300}, S1, algorithm="HS256")
    assert V("verify-nbf-ahead-and-exp-passed-nbf-first", both) == {"error": "not_yet_valid"}
    assert "ok" in V("verify-require-present", tok, require=["sub", "iat", "exp"])
    assert V("verify-require-missing", tok, require=["jti"]) == {"error": "missing_claim"}
    h, p, s = tok.split(".")
    forged = h + "." + ooref.b64u(json.dumps({"sub": "admin", "name": "Alice", "iat": NOW, "exp": NOW + 300},
                                             separators=(",", ":")).encode()) + "." + s
    assert V("verify-tampered-payload", forged) == {"error": "bad_signature"}

    # time_rules "pyjwt": PyJWT cuts each time claim to whole seconds (int()) before
    # comparing it with its sub-second clock, and checks iat before nbf.
    def P(name, claims, **opts):
        token = jwt.encode(claims, S1, algorithm="HS256")
        return V(name, token, time_rules="pyjwt", **opts)

    assert "ok" in P("verify-pyjwt-rules-fractional-nbf-in-the-leeway-second", {"sub": "u", "nbf": NOW + 60.5})
    assert P("verify-pyjwt-rules-nbf-one-second-ahead", {"sub": "u", "nbf": NOW + 61}) == {"error": "not_yet_valid"}
    assert "ok" in P("verify-pyjwt-rules-fractional-iat-in-the-leeway-second", {"sub": "u", "iat": NOW + 60.9})
    assert P("verify-pyjwt-rules-fractional-exp-cut-to-expired", {"sub": "u", "exp": NOW - 59.5}) == {"error": "expired"}
    assert "ok" in P("verify-pyjwt-rules-exp-one-second-left", {"sub": "u", "exp": NOW - 59})
    assert P("verify-pyjwt-rules-iat-and-nbf-ahead", {"iat": NOW + 100, "nbf": NOW + 100}) == {"error": "not_yet_valid"}
    assert P("verify-pyjwt-rules-nbf-ahead-exp-passed", {"nbf": NOW + 300, "exp": NOW - 300},
             leeway=0) == {"error": "not_yet_valid"}

    n = ooref.write_vectors(os.path.join(VECTORS_OUT, "pyjwt.json"), GEN, cases)
    print(f"  pyjwt.json: {n} cases (PyJWT {jwt.__version__})")


if __name__ == "__main__":
    main()
