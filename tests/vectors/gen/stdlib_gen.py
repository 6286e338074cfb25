#!/usr/bin/env python3
"""Known-answer vectors from the Python standard library alone.

Expected values come from gen/ooref.py, a model of docs/formats.md written with
hmac, hashlib, base64 and json only, and every case also states the outcome
reasoned by hand (the generator stops if the two disagree).  check_download_url
answers are written by hand (no WHATWG parser in the standard library).

Writes tests/vectors/{sign,verify,decode_unverified,sign_config,sign_request,
verify_callback,verify_incoming,check_download_url,document_key,
derive_secrets,sign_link,verify_link,rfc}.json.
"""

import hashlib
import hmac
import json
import os

from common import (INBOX, MASTER, NOW, OUTBOX, S1, S2, S31, S32, SUTF8, SUTF8_16, VECTORS_OUT,
                    WEAK_DEFAULT, body_text, case, cb_tokens, literal, model, ooref)

GEN = "gen/stdlib_gen.py"
b64u = ooref.b64u


def T(header, payload, secret=S1, alg="HS256"):
    """Token over literal header/payload JSON text, correctly signed."""
    return ooref.raw_token(header.encode("utf-8"), payload.encode("utf-8"),
                           ooref.secret_bytes(secret), alg)


H256 = '{"alg":"HS256","typ":"JWT"}'
H384 = '{"alg":"HS384","typ":"JWT"}'
H512 = '{"alg":"HS512","typ":"JWT"}'


# ---------------------------------------------------------------------------
def sign_cases():
    op = "sign"
    c = []
    base = {"sub": "user-1", "name": "Alice"}
    c.append(model(op, "hs256-adds-iat", {"claims": base, "secret": S1, "options": {"now": NOW}},
                   {"ok": T(H256, '{"sub":"user-1","name":"Alice","iat":%d}' % NOW)}))
    c.append(model(op, "hs256-ttl-adds-iat-then-exp",
                   {"claims": base, "secret": S1, "options": {"ttl": 300, "now": NOW}},
                   {"ok": T(H256, '{"sub":"user-1","name":"Alice","iat":%d,"exp":%d}' % (NOW, NOW + 300))}))
    for alg in ("HS384", "HS512"):
        c.append(model(op, alg.lower() + "-ttl",
                       {"claims": base, "secret": S1, "options": {"alg": alg, "ttl": 3600, "now": NOW}},
                       {"ok": T('{"alg":"%s","typ":"JWT"}' % alg,
                                '{"sub":"user-1","name":"Alice","iat":%d,"exp":%d}' % (NOW, NOW + 3600),
                                alg=alg)}))
    c.append(model(op, "hs256-explicit-alg", {"claims": base, "secret": S1,
                                              "options": {"alg": "HS256", "now": NOW}}, "ok"))
    c.append(model(op, "iat-false-no-ttl-claims-unchanged",
                   {"claims": base, "secret": S1, "options": {"iat": False, "now": NOW}},
                   {"ok": T(H256, '{"sub":"user-1","name":"Alice"}')}))
    c.append(model(op, "iat-false-with-ttl-adds-exp-only",
                   {"claims": base, "secret": S1, "options": {"iat": False, "ttl": 60, "now": NOW}},
                   {"ok": T(H256, '{"sub":"user-1","name":"Alice","exp":%d}' % (NOW + 60))}))
    c.append(model(op, "existing-iat-replaced-in-place",
                   {"claims": {"iat": 1, "sub": "x"}, "secret": S1, "options": {"now": NOW}},
                   {"ok": T(H256, '{"iat":%d,"sub":"x"}' % NOW)}))
    c.append(model(op, "existing-exp-replaced-in-place-iat-appended",
                   {"claims": {"exp": 5, "sub": "x"}, "secret": S1, "options": {"ttl": 100, "now": NOW}},
                   {"ok": T(H256, '{"exp":%d,"sub":"x","iat":%d}' % (NOW + 100, NOW))}))
    c.append(model(op, "existing-iat-and-exp-replaced-in-place",
                   {"claims": {"exp": 5, "sub": "x", "iat": 7}, "secret": S1,
                    "options": {"ttl": 100, "now": NOW}},
                   {"ok": T(H256, '{"exp":%d,"sub":"x","iat":%d}' % (NOW + 100, NOW))}))
    c.append(model(op, "existing-iat-kept-when-iat-false",
                   {"claims": {"iat": 12345, "sub": "x"}, "secret": S1,
                    "options": {"iat": False, "now": NOW}},
                   {"ok": T(H256, '{"iat":12345,"sub":"x"}')}))
    c.append(model(op, "ttl-zero-refused", {"claims": base, "secret": S1, "options": {"ttl": 0, "now": NOW}},
                   "invalid_input"))
    c.append(model(op, "weak-secret-one-byte-repeated",
                   {"claims": base, "secret": "a" * 32, "options": {"now": NOW}}, "weak_secret"))
    c.append(model(op, "weak-secret-32-spaces",
                   {"claims": base, "secret": " " * 32, "options": {"now": NOW}}, "weak_secret"))
    c.append(model(op, "weak-secret-32-nul-bytes",
                   {"claims": base, "secret": "\u0000" * 32, "options": {"now": NOW}}, "weak_secret"))
    c.append(model(op, "weak-secret-five-different-bytes",
                   {"claims": base, "secret": "abcde" * 7, "options": {"now": NOW}}, "weak_secret"))
    c.append(model(op, "weak-secret-8-byte-block-repeated",
                   {"claims": base, "secret": "abcdefgh" * 4, "options": {"now": NOW}}, "weak_secret"))
    c.append(model(op, "weak-variety-allowed-with-allow-weak",
                   {"claims": base, "secret": "a" * 32, "options": {"now": NOW, "allow_weak": True}}, "ok"))
    c.append(model(op, "existing-exp-kept-without-ttl",
                   {"claims": {"sub": "x", "exp": 2000000000}, "secret": S1, "options": {"now": NOW}},
                   {"ok": T(H256, '{"sub":"x","exp":2000000000,"iat":%d}' % NOW)}))
    c.append(model(op, "member-order-is-callers-order",
                   {"claims": {"z": 1, "a": 2, "m": 3}, "secret": S1, "options": {"now": NOW}},
                   {"ok": T(H256, '{"z":1,"a":2,"m":3,"iat":%d}' % NOW)}))
    nested = {"document": {"key": "k1", "permissions": {"edit": True, "download": False}},
              "users": ["u1", "u2"], "n": None, "neg": -42, "zero": 0,
              "big": 9007199254740991, "empty_obj": {}, "empty_arr": []}
    c.append(model(op, "nested-values-and-literals",
                   {"claims": nested, "secret": S1, "options": {"now": NOW}},
                   {"ok": T(H256, '{"document":{"key":"k1","permissions":{"edit":true,"download":false}},'
                                  '"users":["u1","u2"],"n":null,"neg":-42,"zero":0,'
                                  '"big":9007199254740991,"empty_obj":{},"empty_arr":[],"iat":%d}' % NOW)}))
    uni = {"name": "Zo\u00eb \u00dcn\u00efc\u00f6d\u00e9", "cjk": "\u65e5\u672c\u8a9e",
           "emoji": "\U0001F600", "seps": "a\u2028b\u2029c", "slash": "/path/to/file",
           "del": "\u007f", "\u043a\u043b\u044e\u0447": "\u0437\u043d\u0430\u0447\u0435\u043d\u0438\u0435"}
    raw = ('{"name":"Zo\u00eb \u00dcn\u00efc\u00f6d\u00e9","cjk":"\u65e5\u672c\u8a9e",'
           '"emoji":"\U0001F600","seps":"a\u2028b\u2029c","slash":"/path/to/file",'
           '"del":"\u007f","\u043a\u043b\u044e\u0447":"\u0437\u043d\u0430\u0447\u0435\u043d\u0438\u0435","iat":%d}' % NOW)
    c.append(model(op, "non-ascii-slash-u2028-written-raw",
                   {"claims": uni, "secret": S1, "options": {"now": NOW}}, {"ok": T(H256, raw)}))
    ctl = {"ctl": "\u0000\u0001\u0008\u0009\u000a\u000b\u000c\u000d\u001f", "quote": "\"", "backslash": "\\"}
    c.append(model(op, "control-characters-escaped-serde-style",
                   {"claims": ctl, "secret": S1, "options": {"now": NOW}},
                   {"ok": T(H256, '{"ctl":"\\u0000\\u0001\\b\\t\\n\\u000b\\f\\r\\u001f",'
                                  '"quote":"\\"","backslash":"\\\\","iat":%d}' % NOW)}))
    c.append(model(op, "empty-claims-object", {"claims": {}, "secret": S1, "options": {"now": NOW}},
                   {"ok": T(H256, '{"iat":%d}' % NOW)}))
    c.append(model(op, "rotation-list-first-secret-signs",
                   {"claims": base, "secret": [S2, S1], "options": {"now": NOW}},
                   {"ok": T(H256, '{"sub":"user-1","name":"Alice","iat":%d}' % NOW, secret=S2)}))
    c.append(model(op, "secret-exactly-32-bytes", {"claims": base, "secret": S32, "options": {"now": NOW}}, "ok"))
    c.append(model(op, "secret-utf8-text",
                   {"claims": base, "secret": SUTF8, "options": {"now": NOW}}, "ok"))
    c.append(model(op, "weak-secret-16-chars-32-utf8-bytes",
                   {"claims": base, "secret": SUTF8_16, "options": {"now": NOW}}, "weak_secret",
                   note="32 bytes, but 16 characters: too few for 10^18 guesses"))
    for name, weak in (("repeated-word", "abcdefghi" * 4), ("repeated-digits", "0123456789" * 4),
                       ("repeated-password", "password1" * 4),
                       ("keyboard-walk", "qwertyuiopasdfghjklzxcvbnm123456"),
                       ("digit-sequence", "12345678901234567890123456789012"),
                       ("repeated-secret", "secretsecretsecretsecretsecret123"),
                       ("spaces", " " * 32), ("nul-bytes", "\u0000" * 32)):
        c.append(model(op, "weak-secret-guessable-" + name,
                       {"claims": base, "secret": weak, "options": {"now": NOW}}, "weak_secret",
                       note="at least 32 bytes, but guessable: zxcvbn estimates fewer than 10^18 guesses"))
    c.append(model(op, "weak-secret-31-bytes", {"claims": base, "secret": S31, "options": {"now": NOW}},
                   "weak_secret"))
    c.append(model(op, "weak-secret-15-utf8-bytes",
                   {"claims": base, "secret": "\u00e9" * 7 + "x", "options": {"now": NOW}}, "weak_secret"))
    c.append(model(op, "weak-secret-literal-secret",
                   {"claims": base, "secret": WEAK_DEFAULT, "options": {"now": NOW}}, "weak_secret"))
    c.append(model(op, "empty-secret", {"claims": base, "secret": "", "options": {"now": NOW}}, "weak_secret"))
    c.append(model(op, "empty-secret-even-with-allow-weak",
                   {"claims": base, "secret": "", "options": {"now": NOW, "allow_weak": True}}, "weak_secret"))
    c.append(model(op, "literal-secret-with-allow-weak",
                   {"claims": base, "secret": WEAK_DEFAULT, "options": {"now": NOW, "allow_weak": True}},
                   {"ok": T(H256, '{"sub":"user-1","name":"Alice","iat":%d}' % NOW, secret=WEAK_DEFAULT)}))
    c.append(model(op, "short-secret-with-allow-weak",
                   {"claims": base, "secret": S31, "options": {"now": NOW, "allow_weak": True}}, "ok"))
    c.append(model(op, "claims-not-an-object", {"claims": ["a", "b"], "secret": S1, "options": {"now": NOW}},
                   "invalid_input"))
    return c


# ---------------------------------------------------------------------------
def verify_cases():
    op = "verify"
    c = []
    claims = {"sub": "user-1", "iat": NOW - 10, "exp": NOW + 290}
    tok = ooref.sign({"sub": "user-1"}, S1, ttl=300, now=NOW - 10)

    def V(name, token, want, secret=S1, note=None, **opts):
        opts.setdefault("now", NOW)
        extra = {"note": note} if note else {}
        return model(op, name, {"token": token, "secret": secret, "options": opts}, want, **extra)

    c.append(V("hs256-ok", tok, {"ok": claims}))
    for alg in ("HS384", "HS512"):
        c.append(V(alg.lower() + "-ok", ooref.sign({"sub": "user-1"}, S1, alg=alg, ttl=300, now=NOW - 10),
                   {"ok": claims}))
        c.append(V(alg.lower() + "-allowed-alone", ooref.sign({"sub": "u"}, S1, alg=alg, now=NOW),
                   "ok", algorithms=[alg]))
    c.append(V("hs256-not-in-algorithms", tok, "alg_not_allowed", algorithms=["HS384", "HS512"]))
    c.append(V("typ-absent-ok", T('{"alg":"HS256"}', '{"sub":"a"}'), {"ok": {"sub": "a"}}))
    c.append(V("typ-lowercase-jwt-ok", T('{"alg":"HS256","typ":"jwt"}', '{"sub":"a"}'), "ok"))
    c.append(V("typ-mixed-case-jwt-ok", T('{"alg":"HS256","typ":"Jwt"}', '{"sub":"a"}'), "ok"))
    c.append(V("header-other-order-and-kid-ok", T('{"typ":"JWT","kid":"k1","alg":"HS256"}', '{"sub":"a"}'), "ok"))
    c.append(V("header-and-payload-with-json-whitespace-ok",
               T('{ "alg" : "HS256" ,\r\n "typ" : "JWT" }', '\n{\t"sub" : "a" , "n" : [ 1 , 2 ] }\n'),
               {"ok": {"sub": "a", "n": [1, 2]}}))
    c.append(V("payload-unicode-escapes-decoded",
               T(H256, '{"name":"Zo\\u00eb","emoji":"\\ud83d\\ude00","raw":"\u65e5\u672c"}'),
               {"ok": {"name": "Zo\u00eb", "emoji": "\U0001F600", "raw": "\u65e5\u672c"}}))
    c.append(V("rotation-second-secret-verifies", tok, {"ok": claims}, secret=[S2, S1]))
    c.append(V("utf8-secret", ooref.sign({"sub": "a"}, SUTF8, now=NOW), "ok", secret=SUTF8))
    future_iat = ooref.sign({"sub": "a"}, S1, now=NOW + 120)
    c.append(V("future-iat-refused-by-default", future_iat, "not_yet_valid"))
    c.append(V("future-iat-verify-iat-false", future_iat, {"ok": {"sub": "a", "iat": NOW + 120}},
               verify_iat=False))
    c.append(V("future-iat-within-leeway", future_iat, "ok", now=NOW + 60))
    c.append(V("verify-iat-false-still-checks-type", T(H256, '{"iat":"soon"}'), "invalid_claim",
               verify_iat=False))
    c.append(V("verify-iat-not-a-bool", tok, "invalid_input", verify_iat="no"))
    c.append(V("wrong-secret", tok, "bad_signature", secret=S2))
    c.append(V("wrong-secrets-in-rotation-list", tok, "bad_signature", secret=[S2, S32]))
    h, p, s = tok.split(".")
    c.append(V("tampered-payload", h + "." + b64u(b'{"sub":"admin","iat":%d,"exp":%d}' % (NOW - 10, NOW + 290)) + "." + s,
               "bad_signature"))
    c.append(V("hs256-header-with-hs512-signature", h + "." + p + "." + b64u(
        hmac.new(S1.encode(), (h + "." + p).encode(), hashlib.sha512).digest()), "bad_signature"))
    c.append(V("hs512-header-with-hs256-signature",
               ooref.sign({"sub": "a"}, S1, alg="HS512", now=NOW).rsplit(".", 1)[0] + "." + b64u(
                   hmac.new(S1.encode(), ooref.sign({"sub": "a"}, S1, alg="HS512", now=NOW).rsplit(".", 1)[0].encode(),
                            hashlib.sha256).digest()), "bad_signature"))
    # time
    def tt(claims_text):
        return T(H256, claims_text)
    c.append(V("exp-at-now-minus-60-expired", tt('{"exp":%d}' % (NOW - 60)), "expired"))
    c.append(V("exp-at-now-minus-59-within-leeway", tt('{"exp":%d}' % (NOW - 59)), "ok"))
    c.append(V("exp-at-now-leeway-0-expired", tt('{"exp":%d}' % NOW), "expired", leeway=0))
    c.append(V("exp-at-now-plus-1-leeway-0-ok", tt('{"exp":%d}' % (NOW + 1)), "ok", leeway=0))
    c.append(V("exp-leeway-300", tt('{"exp":%d}' % (NOW - 299)), "ok", leeway=300))
    c.append(V("exp-zero-expired", tt('{"exp":0}'), "expired"))
    c.append(V("no-exp-never-expires", tt('{"iat":1000000000}'), "ok"))
    c.append(V("exp-float-ok", tt('{"exp":%d.5}' % (NOW + 100)), {"ok": {"exp": NOW + 100.5}}))
    c.append(V("exp-float-expired", tt('{"exp":%d.5}' % (NOW - 61)), "expired"))
    c.append(V("exp-exponent-form-far-future-ok", tt('{"exp":1e300}'), {"ok": {"exp": 1e300}}))
    c.append(V("nbf-now-plus-60-within-leeway", tt('{"nbf":%d}' % (NOW + 60)), "ok"))
    c.append(V("nbf-now-plus-61-not-yet-valid", tt('{"nbf":%d}' % (NOW + 61)), "not_yet_valid"))
    c.append(V("nbf-now-plus-1-leeway-0", tt('{"nbf":%d}' % (NOW + 1)), "not_yet_valid", leeway=0))
    c.append(V("nbf-now-leeway-0-ok", tt('{"nbf":%d}' % NOW), "ok", leeway=0))
    c.append(V("iat-now-plus-60-within-leeway", tt('{"iat":%d}' % (NOW + 60)), "ok"))
    c.append(V("iat-now-plus-61-not-yet-valid", tt('{"iat":%d}' % (NOW + 61)), "not_yet_valid"))
    c.append(V("iat-far-past-ok", tt('{"iat":0}'), "ok"))
    c.append(V("nbf-checked-before-exp", tt('{"exp":%d,"nbf":%d}' % (NOW - 100, NOW + 100)), "not_yet_valid"))
    c.append(V("exp-null-invalid", tt('{"exp":null}'), "invalid_claim"))
    c.append(V("exp-string-invalid", tt('{"exp":"%d"}' % (NOW + 100)), "invalid_claim"))
    c.append(V("exp-bool-invalid", tt('{"exp":true}'), "invalid_claim"))
    c.append(V("exp-negative-invalid", tt('{"exp":-1}'), "invalid_claim"))
    c.append(V("exp-object-invalid", tt('{"exp":{}}'), "invalid_claim"))
    c.append(V("nbf-string-invalid", tt('{"nbf":"x"}'), "invalid_claim"))
    c.append(V("iat-array-invalid", tt('{"iat":[]}'), "invalid_claim"))
    c.append(V("invalid-claim-before-expiry", tt('{"exp":0,"iat":"x"}'), "invalid_claim"))
    # require
    c.append(V("require-present", tok, "ok", require=["sub", "exp"]))
    c.append(V("require-missing", tok, "missing_claim", require=["aud"]))
    c.append(V("require-one-of-two-missing", tok, "missing_claim", require=["sub", "jti"]))
    c.append(V("require-null-valued-claim-is-present", tt('{"sub":null}'), "ok", require=["sub"]))
    c.append(V("expired-wins-over-missing-claim", tt('{"exp":%d}' % (NOW - 100)), "expired", require=["sub"]))
    # size
    c.append(V("max-size-equal-to-length-ok", tok, "ok", max_size=len(tok)))
    c.append(V("max-size-one-below-length", tok, "too_large", max_size=len(tok) - 1))
    # weak secrets
    weak_tok = ooref.sign({"sub": "a"}, WEAK_DEFAULT, now=NOW, allow_weak=True)
    c.append(V("literal-secret-refused", weak_tok, "weak_secret", secret=WEAK_DEFAULT))
    c.append(V("literal-secret-allow-weak", weak_tok, "ok", secret=WEAK_DEFAULT, allow_weak=True))
    c.append(V("short-secret-refused", tok, "weak_secret", secret=S31))
    c.append(V("empty-secret-refused", tok, "weak_secret", secret=""))
    c.append(V("empty-secret-refused-with-allow-weak", tok, "weak_secret", secret="", allow_weak=True))
    # structure
    c.append(V("empty-token", "", "malformed"))
    c.append(V("one-segment", "abc", "malformed"))
    c.append(V("two-segments", h + "." + p, "malformed"))
    c.append(V("four-segments", tok + "." + s, "malformed"))
    c.append(V("header-not-json", T("{alg:HS256}", '{"sub":"a"}'), "malformed"))
    c.append(V("header-array", T('["HS256"]', '{"sub":"a"}'), "malformed"))
    c.append(V("header-empty", "." + p + "." + s, "malformed"))
    c.append(V("payload-not-json", T(H256, "sub=a"), "malformed"))
    c.append(V("payload-array", T(H256, '[{"sub":"a"}]'), "malformed"))
    c.append(V("payload-null", T(H256, "null"), "malformed"))
    c.append(V("payload-empty", T(H256, ""), "malformed"))
    c.append(V("payload-trailing-garbage", T(H256, '{"sub":"a"}x'), "malformed"))
    c.append(V("payload-duplicate-member", T(H256, '{"sub":"a","sub":"b"}'), "malformed"))
    c.append(V("typ-jose-malformed", T('{"alg":"HS256","typ":"JOSE"}', '{"sub":"a"}'), "malformed"))
    c.append(V("typ-number-malformed", T('{"alg":"HS256","typ":1}', '{"sub":"a"}'), "malformed"))
    c.append(V("typ-null-malformed", T('{"alg":"HS256","typ":null}', '{"sub":"a"}'), "malformed"))
    c.append(V("crit-member-malformed", T('{"alg":"HS256","typ":"JWT","crit":["exp"]}', '{"sub":"a"}'),
               "malformed"))
    c.append(V("b64-true-member-malformed", T('{"alg":"HS256","typ":"JWT","b64":true}', '{"sub":"a"}'),
               "malformed"))
    c.append(V("alg-missing", T('{"typ":"JWT"}', '{"sub":"a"}'), "alg_not_allowed"))
    c.append(V("alg-number", T('{"alg":256,"typ":"JWT"}', '{"sub":"a"}'), "alg_not_allowed"))
    c.append(V("alg-lowercase", T('{"alg":"hs256","typ":"JWT"}', '{"sub":"a"}'), "alg_not_allowed"))
    c.append(V("alg-checked-before-typ", T('{"alg":"none","typ":"JOSE"}', '{"sub":"a"}'), "alg_not_allowed"))
    c.append(V("header-checked-before-signature", T('{"alg":"HS256","crit":["x"]}', '{"sub":"a"}', secret=S2),
               "malformed"))
    c.append(V("signature-checked-before-payload", T(H256, "not json", secret=S2), "bad_signature"))
    # nesting: the payload object counts as depth 1; 128 allowed, 129 refused
    d128 = '{"a":' + "[" * 127 + "]" * 127 + "}"
    d129 = '{"a":' + "[" * 128 + "]" * 128 + "}"
    c.append(V("payload-nesting-128-ok", T(H256, d128), "ok",
               note="depth counts the payload object itself: object + 127 arrays = 128"))
    c.append(V("payload-nesting-129-malformed", T(H256, d129), "malformed",
               note="object + 128 arrays = 129 > 128"))
    return c


# ---------------------------------------------------------------------------
def decode_cases():
    op = "decode_unverified"
    tok = ooref.sign({"sub": "user-1", "exp": NOW - 1000}, S1, now=NOW - 2000)
    c = []

    def D(name, token, want):
        return model(op, name, {"token": token}, want)

    c.append(D("valid-token", tok, {"ok": {"header": {"alg": "HS256", "typ": "JWT"},
                                           "claims": {"sub": "user-1", "exp": NOW - 1000, "iat": NOW - 2000}}}))
    h, p, s = tok.split(".")
    c.append(D("bad-signature-not-checked", h + "." + p + "." + b64u(b"x" * 32), "ok"))
    c.append(D("alg-none-not-checked", b64u(b'{"alg":"none"}') + "." + p + ".",
               {"ok": {"header": {"alg": "none"}, "claims": {"sub": "user-1", "exp": NOW - 1000, "iat": NOW - 2000}}}))
    c.append(D("hs512-header-kept", ooref.sign({"a": [1, {"b": None}]}, S1, alg="HS512", iat=False),
               {"ok": {"header": {"alg": "HS512", "typ": "JWT"}, "claims": {"a": [1, {"b": None}]}}}))
    c.append(D("two-segments", h + "." + p, "malformed"))
    c.append(D("not-base64url", "!!!." + p + "." + s, "malformed"))
    c.append(D("header-not-json", b64u(b"hello") + "." + p + "." + s, "malformed"))
    c.append(D("payload-not-json", h + "." + b64u(b"hello") + "." + s, "malformed"))
    c.append(D("empty-string", "", "malformed"))
    return c


# ---------------------------------------------------------------------------
CONFIG = {
    "document": {"fileType": "docx", "key": "Khirz6zTPdfd7", "title": "Example Document Title.docx",
                 "url": "https://example.com/url-to-example-document.docx",
                 "permissions": {"edit": True, "download": True}},
    "documentType": "word",
    "editorConfig": {"callbackUrl": "https://example.com/url-to-callback.ashx", "lang": "en",
                     "mode": "edit", "user": {"id": "78e1e841", "name": "Smith"}},
}


def with_doc(**changes):
    cfg = json.loads(json.dumps(CONFIG))
    for k, v in changes.items():
        if v is None:
            cfg["document"].pop(k, None)
        else:
            cfg["document"][k] = v
    return cfg


def sign_config_cases():
    op = "sign_config"
    c = []

    def SC(name, config, want, secret=INBOX, **opts):
        args = {"config": config, "secret": secret}
        if opts:
            args["options"] = opts
        return model(op, name, args, want)

    cfg_text = json.dumps(CONFIG, ensure_ascii=False, separators=(",", ":"))
    c.append(SC("no-ttl-no-iat", CONFIG, {"ok": {**CONFIG, "token": T(H256, cfg_text, secret=INBOX)}}, now=NOW))
    c.append(SC("ttl-300-adds-iat-exp", CONFIG,
                {"ok": {**CONFIG, "token": T(H256, cfg_text[:-1] + ',"iat":%d,"exp":%d}' % (NOW, NOW + 300),
                                             secret=INBOX)}}, ttl=300, now=NOW))
    c.append(SC("three-days-ttl", CONFIG, "ok", ttl=259200, now=NOW))
    c.append(SC("old-token-dropped-new-token-last", {"token": "old", **CONFIG},
                {"ok": {**CONFIG, "token": T(H256, cfg_text, secret=INBOX)}}, now=NOW))
    c.append(SC("old-token-in-middle-dropped",
                {"document": CONFIG["document"], "token": "old", "documentType": "word"}, "ok", now=NOW))
    c.append(SC("minimal-config", {"document": {"key": "k", "url": "https://example.com/f.docx"}},
                {"ok": {"document": {"key": "k", "url": "https://example.com/f.docx"},
                        "token": T(H256, '{"document":{"key":"k","url":"https://example.com/f.docx"}}',
                                   secret=INBOX)}}))
    c.append(SC("key-all-allowed-characters", with_doc(key="AZaz09._=-"), "ok", now=NOW))
    c.append(SC("key-128-characters", with_doc(key="k" * 128), "ok", now=NOW))
    c.append(SC("non-ascii-title", with_doc(title="\u041e\u0442\u0447\u0451\u0442 \u65e5\u672c.docx"), "ok", now=NOW))
    c.append(SC("rotation-list", CONFIG, {"ok": {**CONFIG, "token": T(H256, cfg_text, secret=INBOX)}},
                secret=[INBOX, S1], now=NOW))
    c.append(SC("key-129-characters", with_doc(key="k" * 129), "invalid_input", now=NOW))
    c.append(SC("key-empty", with_doc(key=""), "invalid_input", now=NOW))
    c.append(SC("key-missing", with_doc(key=None), "invalid_input", now=NOW))
    c.append(SC("key-number", with_doc(key=12345), "invalid_input", now=NOW))
    c.append(SC("key-with-slash", with_doc(key="a/b"), "invalid_input", now=NOW))
    c.append(SC("key-with-space", with_doc(key="a b"), "invalid_input", now=NOW))
    c.append(SC("key-with-plus", with_doc(key="a+b"), "invalid_input", now=NOW))
    c.append(SC("key-non-ascii", with_doc(key="\u043a\u043b\u044e\u0447"), "invalid_input", now=NOW))
    c.append(SC("url-missing", with_doc(url=None), "invalid_input", now=NOW))
    c.append(SC("url-empty", with_doc(url=""), "invalid_input", now=NOW))
    c.append(SC("url-not-string", with_doc(url=["https://example.com/a"]), "invalid_input", now=NOW))
    c.append(SC("document-missing", {"documentType": "word"}, "invalid_input", now=NOW))
    c.append(SC("document-not-object", {"document": "https://example.com/a.docx"}, "invalid_input", now=NOW))
    c.append(SC("config-not-object", [CONFIG], "invalid_input", now=NOW))
    c.append(SC("top-level-url", {**CONFIG, "url": "https://evil.example/"}, "invalid_input", now=NOW))
    c.append(SC("top-level-payload", {**CONFIG, "payload": {}}, "invalid_input", now=NOW))
    c.append(SC("top-level-key", {**CONFIG, "key": "x"}, "invalid_input", now=NOW))
    c.append(SC("ttl-zero-refused", CONFIG, "invalid_input", ttl=0, now=NOW))
    for label, member, value in (("version-string", "version", "1.0"), ("version-number", "version", 2),
                                 ("version-object", "version", {"key": "k"}),
                                 ("fileinfo-object", "fileInfo", {"BaseFileName": "a.docx"}),
                                 ("fileinfo-true", "fileInfo", True), ("fileinfo-empty-object", "fileInfo", {})):
        c.append(SC("top-level-%s-other-path" % label, {**CONFIG, member: value}, "invalid_config", now=NOW))
    for label, value in (("empty-string", ""), ("zero", 0), ("false", False), ("null", None)):
        c.append(SC("top-level-version-and-fileinfo-%s-allowed" % label,
                    {**CONFIG, "version": value, "fileInfo": value}, "ok", now=NOW))
    c.append(SC("weak-secret", CONFIG, "weak_secret", secret=WEAK_DEFAULT, now=NOW))
    c.append(SC("empty-secret", CONFIG, "weak_secret", secret="", now=NOW))
    # what the DS (JavaScript) would read otherwise than written
    big = {**CONFIG, "document": {**CONFIG["document"], "permissions": {"edit": True, "n": 2 ** 53 + 1}}}
    c.append(SC("permissions-integer-beyond-2-53", big, "invalid_input", now=NOW))
    c.append(SC("integer-at-2-53-minus-1-ok", {**CONFIG, "n": 2 ** 53 - 1}, "ok", now=NOW))
    c.append(SC("negative-integer-beyond-2-53", {**CONFIG, "n": -(2 ** 53)}, "invalid_input", now=NOW))
    proto = {**CONFIG, "document": {**CONFIG["document"], "permissions": {"__proto__": {"edit": True}}}}
    c.append(SC("permissions-proto-member", proto, "invalid_input", now=NOW))
    # the algorithm of the token
    c.append(SC("alg-hs384", CONFIG, {"ok": {**CONFIG, "token": T(H384, cfg_text, secret=INBOX, alg="HS384")}},
                alg="HS384", now=NOW))
    c.append(SC("alg-hs512", CONFIG, {"ok": {**CONFIG, "token": T(H512, cfg_text, secret=INBOX, alg="HS512")}},
                alg="HS512", now=NOW))
    c.append(SC("alg-none-refused", CONFIG, "alg_not_allowed", alg="none", now=NOW))
    c.append(SC("alg-rs256-refused", CONFIG, "alg_not_allowed", alg="RS256", now=NOW))
    return c


# ---------------------------------------------------------------------------
COMMAND = {"c": "forcesave", "key": "Khirz6zTPdfd7", "userdata": "sample userdata"}
CONVERT = {"async": False, "filetype": "docx", "key": "Khirz6zTPdfd7", "outputtype": "pdf",
           "title": "Example Document Title.docx", "url": "https://example.com/url-to-example-document.docx"}


def sign_request_cases():
    op = "sign_request"
    c = []

    def SR(name, body, want, secret=INBOX, **opts):
        opts.setdefault("now", NOW)
        return model(op, name, {"body": body, "secret": secret, "options": opts}, want)

    cmd = '{"c":"forcesave","key":"Khirz6zTPdfd7","userdata":"sample userdata"'
    tail = ',"iat":%d,"exp":%d}' % (NOW, NOW + 300)
    c.append(SR("command-default-ttl-300", COMMAND,
                {"ok": {"body": {**COMMAND, "token": T(H256, cmd + tail, secret=INBOX)},
                        "headers": {"Authorization": "Bearer " + T(H256, '{"payload":' + cmd + "}" + tail,
                                                                   secret=INBOX)},
                        "header_omitted": False}}))
    c.append(SR("command-ttl-null-no-exp", COMMAND,
                {"ok": {"body": {**COMMAND, "token": T(H256, cmd + ',"iat":%d}' % NOW, secret=INBOX)},
                        "headers": {"Authorization": "Bearer " + T(
                            H256, '{"payload":' + cmd + '},"iat":%d}' % NOW, secret=INBOX)},
                        "header_omitted": False}}, ttl=None))
    c.append(SR("command-ttl-zero-refused", COMMAND, "invalid_input", ttl=0))
    # The DS's header rule: a header token of 7168 characters or more is not sent.
    for label, pad, omitted in (("under", 5200, False), ("over", 5400, True)):
        big = {**COMMAND, "userdata": "u" * pad}
        header_token = ooref.sign({"payload": big}, INBOX, ttl=300, now=NOW)
        assert (len(header_token) >= 7168) == omitted, len(header_token)
        c.append(SR("header-token-%s-7168-characters" % label, big,
                    {"ok": {"body": {**big, "token": ooref.sign(big, INBOX, ttl=300, now=NOW)},
                            "headers": {} if omitted else {"Authorization": "Bearer " + header_token},
                            "header_omitted": omitted}}))
    for label, key in (("empty", ""), ("space", "a b"), ("slash", "a/b"), ("129-characters", "k" * 129),
                       ("number", 12345), ("non-ascii", "\u043a\u043b\u044e\u0447")):
        c.append(SR("key-%s-refused" % label, {**CONVERT, "key": key}, "invalid_input"))
    c.append(SR("key-all-allowed-characters", {**CONVERT, "key": "AZaz09._=-"}, "ok"))
    c.append(SR("convert-request", CONVERT, "ok"))
    c.append(SR("custom-header-and-empty-prefix", COMMAND, "ok", header="AuthorizationJwt", prefix=""))
    c.append(SR("ttl-60", CONVERT, "ok", ttl=60))
    c.append(SR("old-body-token-replaced-and-last", {"token": "stale", **COMMAND},
                {"ok": {"body": {**COMMAND, "token": T(H256, cmd + tail, secret=INBOX)},
                        "headers": {"Authorization": "Bearer " + T(H256, '{"payload":' + cmd + "}" + tail,
                                                                   secret=INBOX)},
                        "header_omitted": False}}))
    c.append(SR("docbuilder-nested-body", {"async": True, "url": "https://example.com/script.docbuilder",
                                           "argument": {"name": "\u00c9milie", "list": [1, 2, 3]}}, "ok"))
    c.append(SR("rotation-list-first-signs", COMMAND,
                {"ok": {"body": {**COMMAND, "token": T(H256, cmd + tail, secret=INBOX)},
                        "headers": {"Authorization": "Bearer " + T(H256, '{"payload":' + cmd + "}" + tail,
                                                                   secret=INBOX)},
                        "header_omitted": False}}, secret=[INBOX, S2]))
    c.append(SR("weak-secret", COMMAND, "weak_secret", secret=WEAK_DEFAULT))
    c.append(SR("empty-secret", COMMAND, "weak_secret", secret=""))
    c.append(SR("body-not-object", ["c", "info"], "invalid_input"))
    c.append(SR("header-with-all-token-characters", COMMAND, "ok", header="X-Auth_Token.v1!#$%&'*+^`|~"))
    c.append(SR("prefix-printable-ascii-and-space", COMMAND, "ok", prefix="JWT token= "))
    for label, hdr in (("empty", ""), ("space", "Bad Header"), ("colon", "Authorization:"),
                       ("newline", "Authorization\r\nX-Evil"), ("non-ascii", "Autorisation\u00e9")):
        c.append(SR("header-%s-invalid" % label, COMMAND, "invalid_input", header=hdr))
    for label, pfx in (("newline", "Bearer\r\nX-Evil: 1"), ("tab", "Bearer\t"), ("non-ascii", "B\u00e9arer ")):
        c.append(SR("prefix-%s-invalid" % label, COMMAND, "invalid_input", prefix=pfx))
    # The DS merges a signed payload and query over the request (getRequestParams): the
    # body would mean another command or document. Refused whatever the value.
    for label, member, value in (("payload-drops-another-key", "payload", {"c": "drop", "key": "B"}),
                                 ("query-another-key", "query", {"key": "B"}),
                                 ("payload-string", "payload", "xyz"), ("payload-array", "payload", ["a"]),
                                 ("payload-empty-object", "payload", {}), ("query-null", "query", None)):
        c.append(SR("merged-member-%s" % label, {**COMMAND, member: value}, "invalid_input"))
    c.append(SR("converter-payload-overrides-url", {**CONVERT, "payload": {"url": "http://169.254.169.254/"}},
                "invalid_input"))
    c.append(SR("proto-member-top-level", {**COMMAND, "__proto__": {"key": "B"}}, "invalid_input"))
    c.append(SR("proto-member-nested", {**CONVERT, "thumbnail": {"__proto__": {"aspect": 2}}}, "invalid_input"))
    c.append(SR("userdata-integer-beyond-2-53", {**COMMAND, "userdata": 9007199254740993}, "invalid_input"))
    c.append(SR("userdata-integer-2-53-minus-1-ok", {"c": "info", "key": "Khirz6zTPdfd7",
                                                    "userdata": 9007199254740991}, "ok"))
    c.append(SR("users-json-text-duplicate-member", {"c": "drop", "key": "Khirz6zTPdfd7",
                                                    "users": '{"a":1,"a":2}'}, "invalid_input"))
    c.append(SR("users-json-text-ok", {"c": "drop", "key": "Khirz6zTPdfd7", "users": '["u1","u2"]'}, "ok"))
    c.append(SR("thumbnail-text-not-json-left-to-the-ds", {**CONVERT, "thumbnail": "not json"}, "ok"))
    cmd_hs512 = '{"c":"forcesave","key":"Khirz6zTPdfd7","userdata":"sample userdata"'
    c.append(SR("alg-hs512-both-tokens", COMMAND,
                {"ok": {"body": {**COMMAND, "token": T(H512, cmd_hs512 + tail, secret=INBOX, alg="HS512")},
                        "headers": {"Authorization": "Bearer " + T(H512, '{"payload":' + cmd_hs512 + "}" + tail,
                                                                   secret=INBOX, alg="HS512")},
                        "header_omitted": False}}, alg="HS512"))
    c.append(SR("alg-none-refused", COMMAND, "alg_not_allowed", alg="none"))
    return c


# ---------------------------------------------------------------------------
CB = {"actions": [{"type": 0, "userid": "78e1e841"}], "changesurl": "https://ds.example/cache/files/data/Khirz6zTPdfd7_1234/changes.zip/changes.zip?md5=abc&expires=1767226500&filename=changes.zip",
      "filetype": "docx", "history": {"changes": [{"created": "2026-01-01 00:00:00", "user": {"id": "78e1e841", "name": "Smith"}}], "serverVersion": "9.0.0"},
      "key": "Khirz6zTPdfd7", "status": 2,
      "url": "https://ds.example/cache/files/data/Khirz6zTPdfd7_1234/output.docx/output.docx?md5=def&expires=1767226500&filename=output.docx",
      "users": ["78e1e841"]}


def verify_callback_cases():
    op = "verify_callback"
    c = []

    def VC(name, body, want, secret=OUTBOX, **opts):
        opts.setdefault("now", NOW)
        return model(op, name, {"body": body, "secret": secret, "options": opts}, want)

    bt, ht = cb_tokens(CB)
    signed = {**CB, "iat": NOW - 5, "exp": NOW + 295}
    c.append(VC("body-token-status-2", body_text({**CB, "token": bt}), {"ok": signed},
                authorization="Bearer " + ht))
    c.append(VC("body-token-without-header", body_text({**CB, "token": bt}), {"ok": signed}))
    c.append(VC("header-token-only-payload-unwrapped", body_text(CB), {"ok": CB}, authorization="Bearer " + ht))
    flat = ooref.sign(CB, OUTBOX, ttl=300, now=NOW - 5)
    c.append(VC("header-token-flat-not-wrapped", body_text(CB), {"ok": signed}, authorization="Bearer " + flat))
    c.append(VC("body-token-wins-over-garbage-header", body_text({**CB, "token": bt}), {"ok": signed},
                authorization="Bearer garbage"))
    c.append(VC("bad-body-token-not-rescued-by-header",
                body_text({**CB, "token": cb_tokens(CB, secret=S2)[0]}), "bad_signature",
                authorization="Bearer " + ht))
    c.append(VC("body-token-number", body_text({**CB, "token": 12345}), "malformed", authorization="Bearer " + ht))
    c.append(VC("body-token-null", body_text({**CB, "token": None}), "malformed", authorization="Bearer " + ht))
    c.append(VC("body-token-empty-string", body_text({**CB, "token": ""}), "malformed",
                authorization="Bearer " + ht))
    c.append(VC("expired-body-token", body_text({**CB, "token": bt}), "expired", now=NOW - 5 + 300 + 60))
    c.append(VC("body-token-last-second", body_text({**CB, "token": bt}), "ok", now=NOW - 5 + 300 + 59))
    c.append(VC("leeway-0-expired", body_text({**CB, "token": bt}), "expired", now=NOW - 5 + 300, leeway=0))
    c.append(VC("no-token-no-header", body_text(CB), "missing_token"))
    c.append(VC("no-token-empty-header", body_text(CB), "missing_token", authorization=""))
    c.append(VC("header-lowercase-bearer", body_text(CB), "malformed", authorization="bearer " + ht))
    c.append(VC("header-other-scheme", body_text(CB), "malformed", authorization="Token " + ht))
    c.append(VC("header-token-without-prefix", body_text(CB), "malformed", authorization=ht))
    c.append(VC("custom-prefix", body_text(CB), {"ok": CB}, authorization="JWT " + ht, prefix="JWT "))
    c.append(VC("empty-prefix", body_text(CB), {"ok": CB}, authorization=ht, prefix=""))
    c.append(VC("header-wrong-secret", body_text(CB), "bad_signature",
                authorization="Bearer " + cb_tokens(CB, secret=INBOX)[1]))
    c.append(VC("header-expired", body_text(CB), "expired", authorization="Bearer " + ht, now=NOW + 400))
    for st in (1, 2, 3, 4, 5, 6, 7):
        b = {"key": "Khirz6zTPdfd7", "status": st}
        c.append(VC("status-%d-ok" % st, body_text({**b, "token": cb_tokens(b)[0]}),
                    {"ok": {**b, "iat": NOW - 5, "exp": NOW + 295}}))
    for label, st in (("8", 8), ("0", 0), ("string", "2"), ("float", 2.0), ("bool", True), ("null", None)):
        b = {"key": "Khirz6zTPdfd7", "status": st}
        c.append(VC("status-%s-invalid" % label, body_text({**b, "token": cb_tokens(b)[0]}), "invalid_claim"))
    b = {"key": "Khirz6zTPdfd7"}
    c.append(VC("status-missing", body_text({**b, "token": cb_tokens(b)[0]}), "missing_claim"))
    for label, extra, want in (
            ("url-number", {"url": 42}, "invalid_claim"),
            ("url-null-allowed", {"url": None}, "ok"),
            ("changesurl-object", {"changesurl": {"href": "x"}}, "invalid_claim"),
            ("changesurl-null-allowed", {"changesurl": None}, "ok"),
            ("filetype-bool", {"filetype": True}, "invalid_claim"),
            ("users-string", {"users": "78e1e841"}, "invalid_claim"),
            ("users-with-number", {"users": ["78e1e841", 7]}, "invalid_claim"),
            ("users-empty-list", {"users": []}, "ok"),
            ("forcesavetype-string", {"forcesavetype": "1"}, "invalid_claim"),
            ("forcesavetype-fraction", {"forcesavetype": 1.5}, "invalid_claim"),
            ("forcesavetype-integer", {"forcesavetype": 2}, "ok"),
            ("unknown-claims-kept", {"userdata": {"any": ["thing", 1]}, "lastsave": "2026-01-01T00:00:00.000Z"}, "ok"),
            ("userdata-string", {"userdata": "sample userdata"}, "ok"),
            ("lastsave-number", {"lastsave": 1767225600}, "invalid_claim"),
            ("formsdataurl-string", {"formsdataurl": "https://ds.example/cache/files/data/k/formsdata.json"}, "ok"),
            ("formsdataurl-object", {"formsdataurl": {"url": "x"}}, "invalid_claim"),
            ("notmodified-bool", {"notmodified": True}, "ok"),
            ("notmodified-string", {"notmodified": "true"}, "invalid_claim"),
            ("encrypted-number", {"encrypted": 1}, "invalid_claim"),
            ("mailmerge-string", {"mailMerge": "x"}, "invalid_claim")):
        b = {"key": "Khirz6zTPdfd7", "status": 6, **extra}
        c.append(VC("claim-%s" % label, body_text({**b, "token": cb_tokens(b)[0]}),
                    {"ok": {**b, "iat": NOW - 5, "exp": NOW + 295}} if want == "ok" else want))
    # A mail merge, as the DS's commandSendMMCallback builds it (OutputMailMerge).
    mm = {"key": "Khirz6zTPdfd7", "status": 5,
          "url": "https://ds.example/cache/files/data/Khirz6zTPdfd7_5/output.docx/output.docx?md5=c&expires=1767226500&filename=output.docx",
          "mailMerge": {"from": "office@example.com", "message": "Hello", "subject": "Invoice", "title": "Invoice",
                        "type": 1, "recordCount": 3, "recordErrorCount": 0, "to": "ana@example.com",
                        "recordIndex": 0},
          "users": ["78e1e841"], "filetype": "docx"}
    mbt, mht = cb_tokens(mm)
    c.append(VC("mail-merge-status-5", body_text({**mm, "token": mbt}),
                {"ok": {**mm, "iat": NOW - 5, "exp": NOW + 295}}, authorization="Bearer " + mht))
    # The DS's clock 120 s ahead: iat in the future is no reason to refuse (the DS never
    # checks iat); nbf keeps its meaning.
    abt, aht = cb_tokens(CB, iat=NOW + 120)
    c.append(VC("ds-clock-120s-ahead-body-token", body_text({**CB, "token": abt}),
                {"ok": {**CB, "iat": NOW + 120, "exp": NOW + 420}}))
    c.append(VC("ds-clock-120s-ahead-header-token", body_text(CB), {"ok": CB}, authorization="Bearer " + aht))
    nbf_ahead = ooref.sign({**CB, "nbf": NOW + 120}, OUTBOX, now=NOW + 120)
    c.append(VC("nbf-120s-ahead-refused", body_text({**CB, "token": nbf_ahead}), "not_yet_valid"))
    full = body_text({**CB, "token": bt})
    c.append(VC("no-size-limit-by-default-max-size-given", full, "too_large", max_size=len(full.encode()) - 1))
    c.append(VC("max-size-equal-to-body", full, {"ok": signed}, max_size=len(full.encode())))
    b = {"key": "Khirz6zTPdfd7", "status": 9, "url": 42}
    c.append(VC("status-checked-before-url", body_text({**b, "token": cb_tokens(b)[0]}), "invalid_claim"))
    b = {"key": "Khirz6zTPdfd7", "status": 2, "users": "x"}
    c.append(VC("claim-types-checked-before-expected-key", body_text({**b, "token": cb_tokens(b)[0]}),
                "invalid_claim", expected_key="other"))
    b = {"status": 2}
    c.append(VC("key-missing", body_text({**b, "token": cb_tokens(b)[0]}), "missing_claim"))
    b = {"key": 42, "status": 2}
    c.append(VC("key-not-string", body_text({**b, "token": cb_tokens(b)[0]}), "invalid_claim"))
    c.append(VC("payload-not-object", body_text({"key": "k", "status": 2}), "invalid_claim",
                authorization="Bearer " + ooref.sign({"payload": "k"}, OUTBOX, ttl=300, now=NOW)))
    c.append(VC("payload-array", body_text({"key": "k", "status": 2}), "invalid_claim",
                authorization="Bearer " + ooref.sign({"payload": [CB]}, OUTBOX, ttl=300, now=NOW)))
    c.append(VC("expected-key-matches", body_text({**CB, "token": bt}), {"ok": signed},
                expected_key="Khirz6zTPdfd7"))
    c.append(VC("expected-key-differs", body_text({**CB, "token": bt}), "key_mismatch",
                expected_key="Khirz6zTPdfd8"))
    c.append(VC("expected-key-case-differs", body_text({**CB, "token": bt}), "key_mismatch",
                expected_key="khirz6ztpdfd7"))
    c.append(VC("body-not-json", "status=2&key=Khirz6zTPdfd7", "malformed", authorization="Bearer " + ht))
    c.append(VC("body-empty", "", "malformed", authorization="Bearer " + ht))
    c.append(VC("body-array", "[" + body_text(CB) + "]", "malformed", authorization="Bearer " + ht))
    c.append(VC("body-duplicate-member", '{"key":"a","key":"b","status":2}', "malformed",
                authorization="Bearer " + ht))
    c.append(VC("rotation-list", body_text({**CB, "token": bt}), {"ok": signed}, secret=[S2, OUTBOX]))
    weak_bt, _ = cb_tokens(CB, secret=WEAK_DEFAULT)
    c.append(VC("ds-default-secret-refused", body_text({**CB, "token": weak_bt}), "weak_secret",
                secret=WEAK_DEFAULT))
    c.append(VC("ds-default-secret-allow-weak", body_text({**CB, "token": weak_bt}), {"ok": signed},
                secret=WEAK_DEFAULT, allow_weak=True))
    c.append(VC("empty-secret", body_text({**CB, "token": bt}), "weak_secret", secret=""))
    # algorithms pins the DS's token.outbox.algorithm; by default all three are accepted
    hs512 = ooref.sign(CB, OUTBOX, alg="HS512", ttl=300, now=NOW - 5)
    c.append(VC("hs512-accepted-by-default", body_text({**CB, "token": hs512}), {"ok": signed}))
    c.append(VC("hs512-refused-when-pinned-to-hs256", body_text({**CB, "token": hs512}), "alg_not_allowed",
                algorithms=["HS256"]))
    c.append(VC("hs512-accepted-when-pinned-to-hs512", body_text({**CB, "token": hs512}), {"ok": signed},
                algorithms=["HS512"]))
    c.append(VC("header-token-pinned-algorithm", body_text(CB), "alg_not_allowed",
                authorization="Bearer " + ht, algorithms=["HS384"]))
    c.append(VC("algorithms-empty-list", body_text({**CB, "token": bt}), "invalid_input", algorithms=[]))
    c.append(VC("custom-header-value-and-prefix", body_text(CB), {"ok": CB}, authorization="JWT " + ht,
                prefix="JWT "))
    return c


# ---------------------------------------------------------------------------
DL = "https://connector.example/apps/onlyoffice/download?doc=abc123"


def verify_incoming_cases():
    op = "verify_incoming"
    c = []

    def VI(name, authorization, want, secret=OUTBOX, url_equal=None, note=None, **opts):
        opts.setdefault("now", NOW)
        extra = {"note": note} if note else {}
        return model(op, name, {"authorization": authorization, "secret": secret, "options": opts}, want,
                     hidden={"url_equal": url_equal} if url_equal is not None else None, **extra)

    wrapped = ooref.sign({"payload": {"url": DL}}, OUTBOX, ttl=300, now=NOW - 5)
    flat = ooref.sign({"url": DL}, OUTBOX, ttl=300, now=NOW - 5)
    c.append(VI("wrapped-payload-unwrapped", "Bearer " + wrapped, {"ok": {"url": DL}}))
    c.append(VI("flat-claims", "Bearer " + flat, {"ok": {"url": DL, "iat": NOW - 5, "exp": NOW + 295}}))
    c.append(VI("url-equal", "Bearer " + wrapped, {"ok": {"url": DL}}, url=DL))
    wrapped384 = ooref.sign({"payload": {"url": DL}}, OUTBOX, alg="HS384", ttl=300, now=NOW - 5)
    c.append(VI("hs384-accepted-by-default", "Bearer " + wrapped384, {"ok": {"url": DL}}))
    c.append(VI("hs384-refused-when-pinned-to-hs256", "Bearer " + wrapped384, "alg_not_allowed",
                algorithms=["HS256"]))
    c.append(VI("url-equal-after-whatwg-serialization", "Bearer " + wrapped, {"ok": {"url": DL}},
                url="HTTPS://Connector.Example:443/apps/onlyoffice/download?doc=abc123", url_equal=True,
                note="scheme and host lower-cased, default port dropped"))
    frag = DL.replace("/download", "/./download") + "#page=2"
    signed_frag = ooref.sign({"payload": {"url": frag}}, OUTBOX, ttl=300, now=NOW - 5)
    c.append(VI("signed-url-fragment-and-dot-segment-dropped", "Bearer " + signed_frag, {"ok": {"url": frag}},
                url=DL, url_equal=True,
                note="the DS signs the URL as given and requests it WHATWG-serialised without fragment"))
    c.append(VI("encoded-tilde-not-decoded", "Bearer " + ooref.sign({"payload": {"url": DL + "%7e"}}, OUTBOX,
                                                                        ttl=300, now=NOW - 5),
                "invalid_claim", url=DL + "~", url_equal=False,
                note="the DS requests %7e as is: nothing looser than WHATWG serialisation"))
    ahead = ooref.sign({"payload": {"url": DL}}, OUTBOX, ttl=300, now=NOW + 120)
    c.append(VI("ds-clock-120s-ahead", "Bearer " + ahead, {"ok": {"url": DL}}, url=DL))
    c.append(VI("url-different-query", "Bearer " + wrapped, "invalid_claim",
                url="https://connector.example/apps/onlyoffice/download?doc=other", url_equal=False))
    c.append(VI("url-different-host", "Bearer " + wrapped, "invalid_claim",
                url="https://evil.example/apps/onlyoffice/download?doc=abc123", url_equal=False))
    c.append(VI("url-claim-missing", "Bearer " + ooref.sign({"payload": {"key": "k"}}, OUTBOX, ttl=300, now=NOW),
                "missing_claim", url=DL))
    c.append(VI("url-option-relative", "Bearer " + wrapped, "invalid_input", url="/apps/onlyoffice/download?doc=abc123"))
    c.append(VI("url-option-not-a-url", "Bearer " + wrapped, "invalid_input", url="not a url"))
    c.append(VI("url-option-checked-first", "", "invalid_input", url="not a url",
                note="the url option is checked before the (missing) token"))
    c.append(VI("custom-prefix", "JWT " + wrapped, {"ok": {"url": DL}}, prefix="JWT "))
    c.append(VI("absent", None, "missing_token"))
    c.append(VI("empty", "", "missing_token"))
    c.append(VI("no-prefix", wrapped, "malformed"))
    c.append(VI("lowercase-prefix", "bearer " + wrapped, "malformed"))
    c.append(VI("wrong-secret", "Bearer " + wrapped, "bad_signature", secret=INBOX))
    c.append(VI("expired", "Bearer " + wrapped, "expired", now=NOW - 5 + 360))
    c.append(VI("leeway-0-expired", "Bearer " + wrapped, "expired", now=NOW - 5 + 300, leeway=0))
    c.append(VI("payload-not-object", "Bearer " + ooref.sign({"payload": DL}, OUTBOX, now=NOW), "invalid_claim"))
    c.append(VI("rotation-list", "Bearer " + wrapped, {"ok": {"url": DL}}, secret=[INBOX, OUTBOX]))
    c.append(VI("weak-secret", "Bearer " + wrapped, "weak_secret", secret=WEAK_DEFAULT))
    return c


# ---------------------------------------------------------------------------
DS = "https://ds.example/"
DSI = "http://ds-internal:8000/"
DSB = "https://office.example/ds/"
DSBI = "http://10.0.0.5:8080/onlyoffice"
CACHE = "/cache/files/data/Khirz6zTPdfd7_1234/output.docx/output.docx?md5=Xy-9_a&expires=1767226500&filename=output.docx"


def check_download_url_cases():
    """Expected answers written by hand from the rules of formats.md and the
    WHATWG URL standard (the attack corpus holds the SSRF refusals)."""
    op = "check_download_url"
    c = []

    def CD(name, url, ds_url, internal, expect, note=None):
        args = {"url": url, "ds_url": ds_url}
        if internal is not None:
            args["options"] = {"ds_internal_url": internal}
        extra = {"note": note} if note else {}
        return literal(op, name, args, expect, **extra)

    ok = lambda v: {"ok": v}  # noqa: E731
    no = {"error": "url_not_allowed"}
    c.append(CD("public-url-mapped-to-internal", "https://ds.example" + CACHE, DS, DSI,
                ok("http://ds-internal:8000" + CACHE)))
    c.append(CD("public-url-no-internal-unchanged", "https://ds.example" + CACHE, DS, None,
                ok("https://ds.example" + CACHE)))
    c.append(CD("internal-url-accepted-unchanged", "http://ds-internal:8000" + CACHE, DS, DSI,
                ok("http://ds-internal:8000" + CACHE)))
    c.append(CD("explicit-default-port-same-origin", "https://ds.example:443/cache/files/x.docx", DS, DSI,
                ok("http://ds-internal:8000/cache/files/x.docx")))
    c.append(CD("upper-case-scheme-and-host", "HTTPS://DS.EXAMPLE/cache/files/x.docx", DS, DSI,
                ok("http://ds-internal:8000/cache/files/x.docx")))
    c.append(CD("dot-segments-resolved-inside-base", "https://ds.example/cache/./files/../files/x.docx", DS, DSI,
                ok("http://ds-internal:8000/cache/files/x.docx")))
    c.append(CD("ds-url-without-trailing-slash", "https://ds.example/cache/files/x.docx", "https://ds.example", DSI,
                ok("http://ds-internal:8000/cache/files/x.docx"),
                note="a special URL with an empty path has path /"))
    c.append(CD("base-path-public-to-internal-base-path", "https://office.example/ds" + CACHE, DSB, DSBI,
                ok("http://10.0.0.5:8080/onlyoffice" + CACHE)))
    c.append(CD("base-path-ds-url-without-trailing-slash", "https://office.example/ds/cache/files/x.docx",
                "https://office.example/ds", "http://10.0.0.5:8080/onlyoffice/",
                ok("http://10.0.0.5:8080/onlyoffice/cache/files/x.docx")))
    c.append(CD("base-path-internal-root", "https://office.example/ds/cache/files/x.docx", DSB,
                "http://ds-internal:8000", ok("http://ds-internal:8000/cache/files/x.docx")))
    c.append(CD("root-base-to-internal-base-path", "https://ds.example/cache/files/x.docx", DS, DSBI,
                ok("http://10.0.0.5:8080/onlyoffice/cache/files/x.docx")))
    c.append(CD("base-path-no-internal-unchanged", "https://office.example/ds/cache/files/x.docx", DSB, None,
                ok("https://office.example/ds/cache/files/x.docx")))
    c.append(CD("internal-base-path-url-unchanged", "http://10.0.0.5:8080/onlyoffice/cache/files/x.docx", DSB, DSBI,
                ok("http://10.0.0.5:8080/onlyoffice/cache/files/x.docx")))
    c.append(CD("ds-root-path-itself", "https://ds.example/", DS, DSI, ok("http://ds-internal:8000/")))
    c.append(CD("fragment-dropped", "https://ds.example/cache/files/x.docx#page=2", DS, DSI,
                ok("http://ds-internal:8000/cache/files/x.docx"),
                note="a fragment is not sent in a request: the URL to fetch has none"))
    c.append(CD("fragment-dropped-no-internal", "https://ds.example/cache/files/x.docx?md5=a#x", DS, None,
                ok("https://ds.example/cache/files/x.docx?md5=a")))
    c.append(CD("semicolon-in-a-name-kept", "https://ds.example/cache/files/a;b.docx", DS, DSI,
                ok("http://ds-internal:8000/cache/files/a;b.docx"),
                note="only a segment that is . or .. before its ; is refused"))
    c.append(CD("percent-25-in-a-name-kept", "https://ds.example/cache/files/100%2525.docx", DS, DSI,
                ok("http://ds-internal:8000/cache/files/100%2525.docx")))
    c.append(CD("percent-encoded-space-kept", "https://ds.example/cache/files/my%20file.docx", DS, DSI,
                ok("http://ds-internal:8000/cache/files/my%20file.docx")))
    c.append(CD("http-ds-with-port", "http://ds.example:8080/cache/files/x.docx", "http://ds.example:8080/", None,
                ok("http://ds.example:8080/cache/files/x.docx")))
    c.append(CD("percent-encoded-ds-host-decodes-to-ds-host", "https://ds%2Eexample/cache/files/x.docx", DS, DSI,
                ok("http://ds-internal:8000/cache/files/x.docx"),
                note="WHATWG host parsing percent-decodes the host to ds.example: same origin"))
    c.append(CD("ipv6-ds-url-same-address-other-spelling", "http://[0:0:0:0:0:0:0:1]:8000/cache/files/x.docx",
                "http://[::1]:8000/", None, ok("http://[::1]:8000/cache/files/x.docx"),
                note="IPv6 hosts are serialized compressed"))
    # refusals by the basic rules (the SSRF list is in tests/attacks/download_urls.json)
    c.append(CD("other-host", "https://evil.example" + CACHE, DS, DSI, no))
    c.append(CD("same-host-other-port", "https://ds.example:8443" + CACHE, DS, DSI, no))
    c.append(CD("http-when-ds-is-https", "http://ds.example" + CACHE, DS, DSI, no))
    c.append(CD("internal-host-other-port", "http://ds-internal:8001" + CACHE, DS, DSI, no))
    c.append(CD("internal-url-without-internal-configured", "http://ds-internal:8000" + CACHE, DS, None, no))
    c.append(CD("user-and-password", "https://user:pass@ds.example" + CACHE, DS, DSI, no))
    c.append(CD("outside-base-path", "https://office.example/other/x.docx", DSB, DSBI, no))
    c.append(CD("base-path-prefix-without-slash", "https://office.example/dsx/cache/x.docx", DSB, DSBI, no))
    c.append(CD("base-path-itself-without-trailing-slash", "https://office.example/ds", DSB, DSBI, no,
                note="not under /ds/ (the base path with a trailing / added)"))
    c.append(CD("outside-internal-base-path", "http://10.0.0.5:8080/admin/x", DSB, DSBI, no))
    c.append(CD("url-unparsable", "not a url", DS, DSI, no))
    c.append(CD("url-empty", "", DS, DSI, no))
    c.append(CD("url-relative", "/cache/files/x.docx", DS, DSI, no))
    c.append(CD("url-port-out-of-range", "https://ds.example:99999/cache/files/x.docx", DS, DSI, no))
    c.append(CD("ftp-scheme", "ftp://ds.example/cache/files/x.docx", DS, DSI, no))
    c.append(CD("ds-url-unparsable", "https://ds.example" + CACHE, "not a url", DSI, {"error": "invalid_input"}))
    c.append(CD("ds-url-empty", "https://ds.example" + CACHE, "", None, {"error": "invalid_input"}))
    c.append(CD("ds-internal-url-unparsable", "https://ds.example" + CACHE, DS, "http://",
                {"error": "invalid_input"}))
    c.append(CD("ds-url-ftp", "ftp://ds.example" + CACHE, "ftp://ds.example/", None, {"error": "invalid_input"}))
    c.append(CD("ds-url-mailto", "https://ds.example" + CACHE, "mailto:ds@ds.example", None,
                {"error": "invalid_input"}))
    c.append(CD("ds-internal-url-file", "https://ds.example" + CACHE, DS, "file:///var/lib/onlyoffice/",
                {"error": "invalid_input"}))
    c.append(CD("ds-url-checked-before-url", "not a url", "not a url either", None, {"error": "invalid_input"}))
    c.append(CD("backslash-in-query-allowed", "https://ds.example/cache/files/x.docx?filename=a\\b.docx", DS, DSI,
                ok("http://ds-internal:8000/cache/files/x.docx?filename=a\\b.docx"),
                note="the backslash rule stops at the query"))
    c.append(CD("encoded-slash-dot-backslash-in-query-allowed",
                "https://ds.example/cache/files/x.docx?filename=a%2Fb%2e%5C.docx", DS, DSI,
                ok("http://ds-internal:8000/cache/files/x.docx?filename=a%2Fb%2e%5C.docx"),
                note="%2e/%2f/%5c are refused in the path only"))
    return c


# ---------------------------------------------------------------------------
def document_key_cases():
    op = "document_key"
    c = []

    def DK(name, secret, file_id, version, want):
        return model(op, name, {"secret": secret, "file_id": file_id, "version": version, "options": {}}, want)

    k1 = ooref.document_key(S1, "file-42", 1)
    assert k1 == ooref.document_key(S1, "file-42", "1")
    assert ooref.document_key(S1, "ab", "c") != ooref.document_key(S1, "a", "bc")
    assert len(k1) == 32
    c.append(DK("integer-version", S1, "file-42", 1, {"ok": k1}))
    c.append(DK("string-version-same-as-integer", S1, "file-42", "1", {"ok": k1}))
    c.append(DK("next-version", S1, "file-42", 2, "ok"))
    c.append(DK("version-zero", S1, "file-42", 0, "ok"))
    c.append(DK("large-integer-version", S1, "file-42", 1767225600123, "ok"))
    c.append(DK("etag-like-version", S1, "file-42", "\"5e2b-1767225600\"", "ok"))
    c.append(DK("other-secret", S2, "file-42", 1, "ok"))
    c.append(DK("length-prefix-ab-c", S1, "ab", "c", "ok"))
    c.append(DK("length-prefix-a-bc", S1, "a", "bc", "ok"))
    c.append(DK("unicode-file-id", S1, "\u0434\u043e\u043a\u0443\u043c\u0435\u043d\u0442.docx", "v1", "ok"))
    c.append(DK("path-like-file-id", S1, "repo-1/dir/Report 2026.docx", "3", "ok"))
    c.append(DK("file-id-1024-bytes", S1, "f" * 1024, 1, "ok"))
    c.append(DK("version-1024-bytes", S1, "file-42", "v" * 1024, "ok"))
    c.append(DK("file-id-1024-bytes-multibyte", S1, "\u00e9" * 512, 1, "ok"))
    c.append(DK("rotation-list-first-secret", [S1, S2], "file-42", 1, {"ok": k1}))
    c.append(DK("file-id-1025-bytes", S1, "f" * 1025, 1, "invalid_input"))
    c.append(DK("file-id-1026-bytes-multibyte", S1, "\u00e9" * 513, 1, "invalid_input"))
    c.append(DK("version-1025-bytes", S1, "file-42", "v" * 1025, "invalid_input"))
    c.append(DK("file-id-empty", S1, "", 1, "invalid_input"))
    c.append(DK("version-empty", S1, "file-42", "", "invalid_input"))
    c.append(DK("weak-secret", WEAK_DEFAULT, "file-42", 1, "weak_secret"))
    c.append(DK("short-secret", S31, "file-42", 1, "weak_secret"))
    c.append(DK("empty-secret", "", "file-42", 1, "weak_secret"))
    return c


# ---------------------------------------------------------------------------
def derive_secrets_cases():
    op = "derive_secrets"
    # RFC 5869 appendix A.1 (test case 1) checks the HKDF itself.
    okm = ooref.hkdf_sha256(bytes([0x0B] * 22), bytes(range(13)), bytes(range(0xF0, 0xFA)), 42)
    assert okm.hex() == ("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
                         "34007208d5b887185865"), okm.hex()
    c = []

    def DS_(name, master, want, **opts):
        args = {"master": master}
        if opts:
            args["options"] = opts
        return model(op, name, args, want)

    d = ooref.derive_secrets(MASTER)
    assert len(set(d.values())) == 5 and all(len(v) == 43 for v in d.values())
    c.append(DS_("master", MASTER, {"ok": d}))
    c.append(DS_("other-master", S1, "ok"))
    c.append(DS_("master-exactly-32-bytes", S32, "ok"))
    c.append(DS_("multibyte-master", SUTF8, "ok"))
    c.append(DS_("literal-secret-allow-weak", WEAK_DEFAULT, "ok", allow_weak=True))
    c.append(DS_("short-master-allow-weak", "short", "ok", allow_weak=True))
    c.append(DS_("literal-secret-refused", WEAK_DEFAULT, "weak_secret"))
    c.append(DS_("short-master-refused", S31, "weak_secret"))
    c.append(DS_("empty-master-refused", "", "weak_secret"))
    c.append(DS_("empty-master-refused-with-allow-weak", "", "weak_secret", allow_weak=True))
    return c


# ---------------------------------------------------------------------------
LINK = "https://connector.example/apps/onlyoffice/download"
LINKQ = "https://connector.example/apps/onlyoffice/download?fileId=42&user=alice"
LINKP = "http://connector.example:8080/callback?doc=abc"


def sign_link_cases():
    op = "sign_link"
    c = []

    def SL(name, url, want, secret=MASTER, **opts):
        opts.setdefault("now", NOW)
        return model(op, name, {"url": url, "secret": secret, "options": opts}, want)

    # the message of formats.md, written out for the first case
    msg = ("https\nconnector.example\n443\n/apps/onlyoffice/download\noo_exp=%d" % (NOW + 900)).encode()
    sig = b64u(hmac.new(ooref.subkey(MASTER.encode(), "links"), msg, hashlib.sha256).digest())
    c.append(SL("no-query-default-ttl", LINK, {"ok": LINK + "?oo_exp=%d&oo_sig=%s" % (NOW + 900, sig)}))
    msg = ("https\nconnector.example\n443\n/apps/onlyoffice/download\nfileId=42&user=alice&oo_exp=%d"
           % (NOW + 60)).encode()
    sig = b64u(hmac.new(ooref.subkey(MASTER.encode(), "links"), msg, hashlib.sha256).digest())
    c.append(SL("query-ttl-60", LINKQ, {"ok": LINKQ + "&oo_exp=%d&oo_sig=%s" % (NOW + 60, sig)}, ttl=60))
    msg = ("http\nconnector.example\n8080\n/callback\ndoc=abc&oo_exp=%d" % (NOW + 900)).encode()
    sig = b64u(hmac.new(ooref.subkey(MASTER.encode(), "links"), msg, hashlib.sha256).digest())
    c.append(SL("http-explicit-port", LINKP, {"ok": LINKP + "&oo_exp=%d&oo_sig=%s" % (NOW + 900, sig)}))
    c.append(SL("http-default-port", "http://connector.example/cb", "ok", ttl=3600))
    c.append(SL("percent-encoded-path-and-query", "https://connector.example/files/my%20doc.docx?name=%C3%A9", "ok"))
    c.append(SL("rotation-list-first-signs", LINK, {"ok": ooref.sign_link(LINK, MASTER, now=NOW)}, secret=[MASTER, S1]))
    c.append(SL("other-secret", LINK, "ok", secret=S1))
    for name, url in (("fragment", LINK + "#top"), ("has-oo-exp", LINK + "?oo_exp=1"),
                      ("has-oo-sig", LINKQ + "&oo_sig=abc"), ("has-oo-exp-first", LINK + "?oo_exp=1&a=b"),
                      ("user-info", "https://user:pw@connector.example/apps/onlyoffice/download"),
                      ("user-name-only", "https://user@connector.example/apps/onlyoffice/download"),
                      ("ftp-scheme", "ftp://connector.example/file"), ("relative-url", "/apps/onlyoffice/download"),
                      ("not-a-url", "not a url"), ("empty-url", "")):
        c.append(SL(name, url, "invalid_input"))
    c.append(SL("ttl-zero-refused", LINK, "invalid_input", ttl=0))
    enc = "https://connector.example/files/a%7eb%20c.docx?name=a%20b%7e&x=%c3%a9"
    msg = ("https\nconnector.example\n443\n/files/a~b%20c.docx\nname=a%20b~&x=%C3%A9&oo_exp=" +
           str(NOW + 900)).encode()
    sig = b64u(hmac.new(ooref.subkey(MASTER.encode(), "links"), msg, hashlib.sha256).digest())
    c.append(SL("canonical-path-and-query-signed", enc, {"ok": enc + "&oo_exp=%d&oo_sig=%s" % (NOW + 900, sig)}))
    c.append(SL("weak-secret", LINK, "weak_secret", secret=WEAK_DEFAULT))
    c.append(SL("empty-secret", LINK, "weak_secret", secret=""))
    return c


def verify_link_cases():
    op = "verify_link"
    c = []

    def VL(name, url, want, secret=MASTER, **opts):
        return model(op, name, {"url": url, "secret": secret, "options": opts}, want)

    a = ooref.sign_link(LINK, MASTER, now=NOW)
    b = ooref.sign_link(LINKQ, MASTER, ttl=60, now=NOW)
    p = ooref.sign_link(LINKP, MASTER, now=NOW)
    c.append(VL("no-query-ok", a, {"ok": LINK}, now=NOW))
    c.append(VL("query-ok", b, {"ok": LINKQ}, now=NOW + 59))
    c.append(VL("http-port-ok", p, {"ok": LINKP}, now=NOW))
    c.append(VL("expired-at-oo-exp", b, "expired", now=NOW + 60))
    c.append(VL("expired-later", a, "expired", now=NOW + 100000))
    c.append(VL("rotation-second-secret", a, {"ok": LINK}, secret=[S1, MASTER], now=NOW))
    c.append(VL("wrong-secret", a, "bad_signature", secret=S1, now=NOW))
    c.append(VL("tampered-query", b.replace("fileId=42", "fileId=43"), "bad_signature", now=NOW))
    c.append(VL("tampered-expiry", b.replace("oo_exp=%d" % (NOW + 60), "oo_exp=%d" % (NOW + 6000)),
                "bad_signature", now=NOW))
    c.append(VL("tampered-path", a.replace("/download", "/upload"), "bad_signature", now=NOW))
    c.append(VL("tampered-host", a.replace("connector.example", "evil.example"), "bad_signature", now=NOW))
    c.append(VL("no-query", LINK, "missing_token", now=NOW))
    c.append(VL("no-oo-sig", LINK + "?oo_exp=%d" % (NOW + 900), "missing_token", now=NOW))
    c.append(VL("oo-sig-not-last", b + "&x=1", "missing_token", now=NOW))
    key = MASTER.encode()
    for name, q in (("oo-exp-not-integer", "?oo_exp=soon"), ("oo-exp-decimal-fraction", "?oo_exp=%d.5" % NOW),
                    ("oo-exp-twice", "?oo_exp=%d&oo_exp=%d" % (NOW + 9, NOW + 9)),
                    ("oo-exp-missing", "?fileId=42")):
        u = LINK + q
        c.append(VL(name + "-signed", u + "&oo_sig=" + ooref.link_sig_for(u, key), "malformed", now=NOW))
    enc = "https://connector.example/files/a%7eb%20c.docx?name=a%20b%7e&x=%c3%a9"
    e = ooref.sign_link(enc, MASTER, now=NOW)
    for label, same in (("plus-for-space", e.replace("name=a%20b", "name=a+b")),
                        ("tilde-decoded", e.replace("b%7e&", "b~&").replace("/a%7eb", "/a~b")),
                        ("hex-upper-case", e.replace("%c3%a9", "%C3%A9").replace("%7e", "%7E")),
                        ("name-encoded", e.replace("name=", "%6Eame="))):
        c.append(VL("re-encoded-%s-ok" % label, same, {"ok": same.split("&oo_exp=")[0]}, now=NOW))
    for label, tampered in (("plus-sign-for-space", e.replace("name=a%20b", "name=a%2Bb")),
                            ("pairs-reordered", e.replace("name=a%20b%7e&x=%c3%a9", "x=%c3%a9&name=a%20b%7e")),
                            ("escaped-slash-in-path", e.replace("/files/a", "/files%2Fa")),
                            ("double-encoded", e.replace("%20c.docx", "%2520c.docx")),
                            ("ampersand-encoded", e.replace("%7e&x", "%7e%26x")),
                            ("value-changed", e.replace("%c3%a9", "%c3%a8"))):
        c.append(VL("re-encoded-tampered-%s" % label, tampered, "bad_signature", now=NOW))
    # RFC 3986 2.2: a reserved character and its percent-encoding are not equivalent
    # (servers route ;parameters, ! and + differently): the canonical path keeps them apart.
    res = "https://connector.example/files/a;v=1/b!c+d/e,f@g.docx"
    r = ooref.sign_link(res, MASTER, now=NOW)
    c.append(VL("reserved-in-path-ok", r, {"ok": res}, now=NOW))
    for label, char, enc in (("semicolon", ";", "%3B"), ("exclamation", "!", "%21"), ("plus", "+", "%2B"),
                             ("comma", ",", "%2C"), ("at", "@", "%40"), ("equals", "=", "%3D")):
        c.append(VL("reserved-%s-encoded-tampered" % label, r.replace(char, enc, 1), "bad_signature", now=NOW))
    renc = "https://connector.example/files/a%3Bv%3D1/b%21c.docx"
    re_ = ooref.sign_link(renc, MASTER, now=NOW)
    c.append(VL("encoded-reserved-lower-hex-ok", re_.replace("%3B", "%3b"), {"ok": renc.replace("%3B", "%3b")},
                now=NOW))
    c.append(VL("encoded-reserved-decoded-tampered", re_.replace("%3B", ";"), "bad_signature", now=NOW))
    c.append(VL("unreserved-in-reserved-path-re-encoded-ok", r.replace("files", "%66iles"),
                {"ok": res.replace("files", "%66iles")}, now=NOW))
    c.append(VL("weak-secret", a, "weak_secret", secret=WEAK_DEFAULT, now=NOW))
    c.append(VL("user-info-added", a.replace("https://", "https://user:pw@"), "invalid_input", now=NOW))
    c.append(VL("fragment-added", a + "#x", "invalid_input", now=NOW))
    c.append(VL("ftp-scheme", a.replace("https://", "ftp://"), "invalid_input", now=NOW))
    c.append(VL("not-a-url", "not a url", "invalid_input", now=NOW))
    return c


# ---------------------------------------------------------------------------
def guard_callback_cases():
    """Hand-reasoned (formats.md, "Guards"): the signed claims come from the stdlib
    model's verify_callback, the URLs to fetch are written by hand as check_download_url
    maps them (public DS origin -> internal)."""
    op = "guard_callback"
    c = []

    def GC(name, body, want, secret=OUTBOX, ds_url=DS, note=None, **opts):
        opts.setdefault("now", NOW)
        opts.setdefault("ds_internal_url", DSI)
        extra = {"note": note} if note else {}
        return literal(op, name, {"body": body, "secret": secret, "ds_url": ds_url, "options": opts},
                       want, **extra)

    def internal(url):
        assert url.startswith(DS)
        return DSI + url[len(DS):]

    no = lambda code: {"error": code}  # noqa: E731
    bt, ht = cb_tokens(CB)
    signed = ooref.verify_callback(body_text({**CB, "token": bt}), OUTBOX, now=NOW)
    fetch = {"url": internal(CB["url"]), "changesurl": internal(CB["changesurl"])}
    c.append(GC("body-token-plain-body-the-signed-one", body_text({**CB, "token": bt}),
                {"ok": {"claims": signed, "fetch": fetch}}, authorization="Bearer " + ht))
    c.append(GC("header-token-only", body_text(CB), {"ok": {"claims": CB, "fetch": fetch}},
                authorization="Bearer " + ht))
    trimmed = {k: v for k, v in CB.items() if k != "changesurl"}
    trimmed["history"] = {}
    c.append(GC("plain-body-trimmed-by-the-ds", body_text({**trimmed, "token": bt}),
                {"ok": {"claims": signed, "fetch": fetch}},
                note="the DS leaves changesurl out of the plain body and empties history when the "
                     "header token would reach 7168 characters; its body token keeps both"))
    for label, member, value in (("actions-switch-the-saving-user", "actions", [{"type": 0, "userid": "attacker"}]),
                                 ("history-other-changes", "history", {"changes": [], "serverVersion": "1"}),
                                 ("status-other", "status", 6),
                                 ("url-other", "url", "https://ds.example/cache/files/data/other/output.docx")):
        c.append(GC("plain-%s" % label, body_text({**CB, member: value, "token": bt}), no("invalid_claim")))
    unsigned = {**CB, "forcesavetype": 1}
    c.append(GC("plain-member-not-signed", body_text(unsigned), no("invalid_claim"), authorization="Bearer " + ht,
                note="the header token signs the callback without forcesavetype"))
    meta = {**CB, "url": "http://169.254.169.254/latest/meta-data/"}
    mbt, _ = cb_tokens(meta)
    c.append(GC("signed-url-cloud-metadata", body_text({**meta, "token": mbt}), no("url_not_allowed")))
    other = {**CB, "changesurl": "https://evil.example/changes.zip"}
    obt, _ = cb_tokens(other)
    c.append(GC("signed-changesurl-other-host", body_text({**other, "token": obt}), no("url_not_allowed")))
    form = {"key": CB["key"], "status": 6, "formsdataurl": "http://127.0.0.1:6379/"}
    fbt, _ = cb_tokens(form)
    c.append(GC("signed-formsdataurl-local-address", body_text({**form, "token": fbt}), no("url_not_allowed")))
    closed = {"key": CB["key"], "status": 4}
    cbt, _ = cb_tokens(closed)
    c.append(GC("status-4-nothing-to-fetch", body_text({**closed, "token": cbt}),
                {"ok": {"claims": {**closed, "iat": NOW - 5, "exp": NOW + 295}, "fetch": {}}}))
    c.append(GC("unsigned", body_text(CB), no("missing_token")))
    c.append(GC("header-without-the-exact-prefix", body_text(CB), no("malformed"),
                authorization="XXXXXXX" + ht, note="the connector cuts 7 characters without checking them"))
    c.append(GC("other-document-key", body_text({**CB, "token": bt}), no("key_mismatch"), expected_key="another-key"))
    c.append(GC("signed-with-the-inbox-secret", body_text({**CB, "token": cb_tokens(CB, secret=INBOX)[0]}),
                no("bad_signature")))
    c.append(GC("ds-url-not-a-url", body_text({**CB, "token": bt}), no("invalid_input"), ds_url="not a url"))
    return c


def guard_download_cases():
    """Hand-reasoned: the signed url must name the request's target (path and query after
    WHATWG normalisation); scheme and host are not compared."""
    op = "guard_download"
    c = []
    url42 = "https://nc.example/index.php/apps/onlyoffice/download?doc=file42"
    target42 = "/index.php/apps/onlyoffice/download?doc=file42"

    def GD(name, authorization, target, want, note=None, **opts):
        opts.setdefault("now", NOW)
        extra = {"note": note} if note else {}
        return literal(op, name, {"authorization": authorization, "secret": OUTBOX, "target": target,
                                  "options": opts}, want, **extra)

    def bearer(url, secret=OUTBOX):
        return "Bearer " + ooref.sign({"payload": {"url": url}}, secret, ttl=300, now=NOW - 5)

    ok42 = {"ok": {"url": url42}}
    c.append(GD("target-the-signed-one", bearer(url42), target42, ok42))
    c.append(GD("target-as-a-whole-url-behind-a-proxy", bearer(url42),
                "http://10.0.0.2:8080/index.php/apps/onlyoffice/download?doc=file42", ok42,
                note="a proxy rewrote scheme, host and port: only path and query are compared"))
    c.append(GD("token-for-another-file", bearer(url42), "/index.php/apps/onlyoffice/download?doc=file43",
                {"error": "invalid_claim"}, note="a DS token naming file 42 does not download file 43"))
    c.append(GD("another-path", bearer(url42), "/index.php/apps/onlyoffice/empty?doc=file42",
                {"error": "invalid_claim"}))
    c.append(GD("extra-query-parameter", bearer(url42), target42 + "&x=1", {"error": "invalid_claim"}))
    dotted = "https://nc.example/index.php/apps/./onlyoffice/download?doc=file42"
    c.append(GD("dot-segment-removed-as-the-ds-requests", bearer(dotted), target42, {"ok": {"url": dotted}}))
    c.append(GD("no-url-claim", "Bearer " + ooref.sign({"payload": {"key": "k"}}, OUTBOX, ttl=300, now=NOW - 5),
                target42, {"error": "missing_claim"}))
    c.append(GD("no-token", None, target42, {"error": "missing_token"}))
    c.append(GD("signed-with-the-inbox-secret", bearer(url42, INBOX), target42, {"error": "bad_signature"}))
    c.append(GD("target-not-a-target", bearer(url42), "download?doc=file42", {"error": "invalid_input"}))
    return c


# ---------------------------------------------------------------------------
# RFC examples, hard-coded as literal data.

RFC7515_A1_TOKEN = ("eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
                    ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
                    ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
RFC7515_A1_K = "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"
RFC7520_35_K = "hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg"
RFC7520_PAYLOAD = ("It\u2019s a dangerous business, Frodo, going out your door. You step onto the road, and "
                   "if you don't keep your feet, there\u2019s no knowing where you might be swept off to.")
RFC7520_44_TOKEN = ("eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9"
                    ".SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0"
                    "aGUgcm9hZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcmUgeW91"
                    "IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4"
                    ".s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0")


def rfc_cases():
    c = []
    k1 = {"base64url": RFC7515_A1_K}
    k1b = ooref.secret_bytes(k1)
    assert len(k1b) == 64
    h, p, s = RFC7515_A1_TOKEN.split(".")
    # self-check: the RFC's signature is HMAC-SHA256 over the RFC's signing input
    assert b64u(hmac.new(k1b, (h + "." + p).encode(), hashlib.sha256).digest()) == s
    a1_claims = {"iss": "joe", "exp": 1300819380, "http://example.com/is_root": True}
    c.append(model("verify", "rfc7515-a1-hs256", {"token": RFC7515_A1_TOKEN, "secret": k1,
                                                  "options": {"now": 1300819300}},
                   {"ok": a1_claims}, operation_in_case=True,
                   note="RFC 7515 appendix A.1; the 64-byte key is the JWK k, base64url-decoded; "
                        "header typ comes first and the JSON holds CR LF whitespace"))
    c.append(model("verify", "rfc7515-a1-within-leeway", {"token": RFC7515_A1_TOKEN, "secret": k1,
                                                          "options": {"now": 1300819439}},
                   {"ok": a1_claims}, operation_in_case=True))
    c.append(model("verify", "rfc7515-a1-expired", {"token": RFC7515_A1_TOKEN, "secret": k1,
                                                    "options": {"now": 1300819440}},
                   "expired", operation_in_case=True))
    c.append(model("verify", "rfc7515-a1-expired-leeway-0", {"token": RFC7515_A1_TOKEN, "secret": k1,
                                                             "options": {"now": 1300819380, "leeway": 0}},
                   "expired", operation_in_case=True))
    c.append(model("verify", "rfc7515-a1-hs512-only", {"token": RFC7515_A1_TOKEN, "secret": k1,
                                                       "options": {"now": 1300819300, "algorithms": ["HS512"]}},
                   "alg_not_allowed", operation_in_case=True))
    c.append(model("verify", "rfc7515-a1-wrong-key", {"token": RFC7515_A1_TOKEN,
                                                      "secret": {"base64url": RFC7520_35_K},
                                                      "options": {"now": 1300819300}},
                   "bad_signature", operation_in_case=True))
    c.append(model("decode_unverified", "rfc7515-a1-decode", {"token": RFC7515_A1_TOKEN},
                   {"ok": {"header": {"typ": "JWT", "alg": "HS256"}, "claims": a1_claims}},
                   operation_in_case=True))

    k2 = {"base64url": RFC7520_35_K}
    k2b = ooref.secret_bytes(k2)
    assert len(k2b) == 32
    h, p, s = RFC7520_44_TOKEN.split(".")
    assert ooref.b64u_decode_strict(p).decode("utf-8") == RFC7520_PAYLOAD
    assert ooref.b64u_decode_strict(h) == b'{"alg":"HS256","kid":"018c0ae5-4d9b-471b-bfd6-eef314bc7037"}'
    assert b64u(hmac.new(k2b, (h + "." + p).encode(), hashlib.sha256).digest()) == s
    note = ("RFC 7520 section 4.4 (key: section 3.5). The RFC's signature " + s + " is correct for this key "
            "(the generator checks it), so verification passes step 4 and then refuses the payload, which is "
            "text and not a JSON object, at step 5")
    c.append(model("verify", "rfc7520-4.4-valid-signature-payload-not-json",
                   {"token": RFC7520_44_TOKEN, "secret": k2, "options": {"now": NOW}},
                   "malformed", operation_in_case=True, note=note))
    c.append(model("verify", "rfc7520-4.4-wrong-key-bad-signature-first",
                   {"token": RFC7520_44_TOKEN, "secret": {"base64url": RFC7515_A1_K}, "options": {"now": NOW}},
                   "bad_signature", operation_in_case=True,
                   note="the same token with another key fails at step 4 (signature) before step 5 (payload)"))
    c.append(model("verify", "rfc7520-4.4-signature-flipped",
                   {"token": h + "." + p + "." + ("t" + s[1:]), "secret": k2, "options": {"now": NOW}},
                   "bad_signature", operation_in_case=True))
    c.append(model("decode_unverified", "rfc7520-4.4-decode-payload-not-json", {"token": RFC7520_44_TOKEN},
                   "malformed", operation_in_case=True))
    # the RFC 7520 key and header, over a JSON-object payload: shows the same
    # key and kid header verify once the payload is claims
    tok = ooref.raw_token(ooref.b64u_decode_strict(h), b'{"sub":"frodo"}', k2b)
    c.append(model("verify", "rfc7520-key-and-header-with-claims-payload",
                   {"token": tok, "secret": k2, "options": {"now": NOW}}, {"ok": {"sub": "frodo"}},
                   operation_in_case=True))
    return c


def main():
    out = os.path.join
    counts = {}
    for name, op, fn in (("sign", "sign", sign_cases), ("verify", "verify", verify_cases),
                         ("decode_unverified", "decode_unverified", decode_cases),
                         ("sign_config", "sign_config", sign_config_cases),
                         ("sign_request", "sign_request", sign_request_cases),
                         ("verify_callback", "verify_callback", verify_callback_cases),
                         ("verify_incoming", "verify_incoming", verify_incoming_cases),
                         ("check_download_url", "check_download_url", check_download_url_cases),
                         ("guard_callback", "guard_callback", guard_callback_cases),
                         ("guard_download", "guard_download", guard_download_cases),
                         ("document_key", "document_key", document_key_cases),
                         ("derive_secrets", "derive_secrets", derive_secrets_cases),
                         ("sign_link", "sign_link", sign_link_cases),
                         ("verify_link", "verify_link", verify_link_cases),
                         ("rfc", None, rfc_cases)):
        counts[name] = ooref.write_vectors(out(VECTORS_OUT, name + ".json"), GEN, fn(), operation=op)
    for k, v in counts.items():
        print(f"  {k}.json: {v} cases")


if __name__ == "__main__":
    main()
