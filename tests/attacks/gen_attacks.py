#!/usr/bin/env python3
"""Attack corpus generator - Python standard library only.

Every case is an attack on the verifier (or on the SSRF / link checks) with
the outcome the rules of docs/formats.md require, nearly always an error.
Tokens are built with the stdlib model in tests/vectors/gen/ooref.py, and
every case states its hand-reasoned outcome, which the model must confirm
(check_download_url answers are written by hand only).

Writes tests/attacks/{jwt,callbacks,download_urls,links}.json.
"""

import base64
import hashlib
import hmac
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "vectors", "gen"))

from common import (ATTACKS_OUT, INBOX, MASTER, NOW, OUTBOX, S1, S2, WEAK_DEFAULT,  # noqa: E402
                    body_text, case, cb_tokens, literal, model, ooref)

GEN = "gen_attacks.py"
b64u = ooref.b64u
H256 = '{"alg":"HS256","typ":"JWT"}'
CLAIMS = '{"sub":"user-1","role":"editor","iat":%d,"exp":%d}' % (NOW, NOW + 300)


def T(header, payload, secret=S1, alg="HS256"):
    if isinstance(header, str):
        header = header.encode("utf-8")
    if isinstance(payload, str):
        payload = payload.encode("utf-8")
    return ooref.raw_token(header, payload, ooref.secret_bytes(secret), alg)


def lenient_b64u(seg):
    return base64.urlsafe_b64decode(seg + "=" * (-len(seg) % 4))


def non_canonical(seg):
    """Same bytes under a lenient decoder, but unused low bits set."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    unused = {2: 4, 3: 2}[len(seg) % 4]  # bits of the last character not used
    v = alphabet.index(seg[-1])
    assert v % (1 << unused) == 0
    bad = seg[:-1] + alphabet[v | 1]
    assert bad != seg and lenient_b64u(bad) == lenient_b64u(seg)
    return bad


# ---------------------------------------------------------------------------
def jwt_cases():
    op = "verify"
    c = []

    def V(name, token, want, secret=S1, note=None, **opts):
        opts.setdefault("now", NOW)
        extra = {"note": note} if note else {}
        return model(op, name, {"token": token, "secret": secret, "options": opts}, want, **extra)

    tok = T(H256, CLAIMS)
    h, p, s = tok.split(".")
    c.append(V("baseline-valid-token", tok, "ok", note="the untouched token the other cases start from"))

    # --- alg none and algorithm substitution
    for alg in ("none", "None", "NONE", "nOnE"):
        hdr = b64u(('{"alg":"%s","typ":"JWT"}' % alg).encode())
        c.append(V("alg-%s-empty-signature" % alg, hdr + "." + p + ".", "alg_not_allowed"))
    hdr = b64u(b'{"alg":"none"}')
    c.append(V("alg-none-no-typ-empty-signature", hdr + "." + p + ".", "alg_not_allowed"))
    c.append(V("alg-none-with-hmac-signature", T('{"alg":"none","typ":"JWT"}', CLAIMS), "alg_not_allowed"))
    c.append(V("alg-none-listed-by-caller", hdr + "." + p + ".", "alg_not_allowed",
               algorithms=["none", "HS256"], note="none is refused even when the caller lists it"))
    c.append(V("alg-none-two-segments", hdr + "." + p, "malformed"))
    c.append(V("empty-signature", h + "." + p + ".", "bad_signature"))
    c.append(V("stripped-signature-two-segments", h + "." + p, "malformed"))
    c.append(V("hs512-when-only-hs256-allowed", T('{"alg":"HS512","typ":"JWT"}', CLAIMS, alg="HS512"),
               "alg_not_allowed", algorithms=["HS256"]))
    c.append(V("hs384-when-only-hs256-allowed", T('{"alg":"HS384","typ":"JWT"}', CLAIMS, alg="HS384"),
               "alg_not_allowed", algorithms=["HS256"]))
    for alg in ("RS256", "ES256", "PS256", "EdDSA", "RS512", "ES512"):
        c.append(V("alg-%s-hmac-signed-key-confusion" % alg.lower(),
                   T('{"alg":"%s","typ":"JWT"}' % alg, CLAIMS), "alg_not_allowed"))
    for label, alg in (("trailing-space", "HS256 "), ("lowercase", "hs256"), ("dash", "HS-256"),
                       ("empty", ""), ("null", None), ("array", ["HS256"])):
        c.append(V("alg-%s" % label, T(json.dumps({"alg": alg, "typ": "JWT"}, separators=(",", ":")), CLAIMS),
                   "alg_not_allowed"))
    c.append(V("alg-hs256-with-hs384-signature", h + "." + p + "." + b64u(
        hmac.new(S1.encode(), (h + "." + p).encode(), hashlib.sha384).digest()), "bad_signature"))

    # --- header members
    c.append(V("crit-member", T('{"alg":"HS256","typ":"JWT","crit":["exp"]}', CLAIMS), "malformed"))
    c.append(V("crit-empty-array", T('{"alg":"HS256","typ":"JWT","crit":[]}', CLAIMS), "malformed"))
    c.append(V("b64-false-unencoded-payload", T('{"alg":"HS256","b64":false,"crit":["b64"]}', CLAIMS),
               "malformed"))
    c.append(V("b64-false-without-crit", T('{"alg":"HS256","typ":"JWT","b64":false}', CLAIMS), "malformed"))
    c.append(V("zip-deflate-member", T('{"alg":"HS256","typ":"JWT","zip":"DEF"}', CLAIMS), "malformed",
               note="a compressed payload is not read as if it were plain (RFC 7516 zip)"))
    c.append(V("enc-member-jwe", T('{"alg":"HS256","typ":"JWT","enc":"A256GCM"}', CLAIMS), "malformed",
               note="a JWE header member: nothing here decrypts"))
    kid = '{"alg":"HS256","typ":"JWT","kid":"../../../dev/null"}'
    c.append(V("kid-path-traversal-valid-signature-ignored", T(kid, CLAIMS), "ok",
               note="kid selects nothing: the token verifies with the configured secret"))
    c.append(V("kid-path-traversal-signed-with-empty-key", T(kid, CLAIMS, secret={"base64url": ""}),
               "bad_signature", note="what /dev/null as key file would give: HMAC with an empty key"))
    c.append(V("kid-path-traversal-wrong-signature", T(kid, CLAIMS, secret=S2), "bad_signature"))
    c.append(V("kid-sql-injection-ignored", T('{"alg":"HS256","typ":"JWT","kid":"x\' OR \'1\'=\'1"}', CLAIMS),
               "ok"))
    c.append(V("jku-x5u-ignored", T('{"alg":"HS256","typ":"JWT","jku":"https://evil.example/jwks.json",'
                                    '"x5u":"https://evil.example/cert.pem"}', CLAIMS), "ok"))
    attacker = "attacker-chosen-key-0123456789abcdef"
    jwk = json.dumps({"alg": "HS256", "typ": "JWT",
                      "jwk": {"kty": "oct", "k": b64u(attacker.encode())}}, separators=(",", ":"))
    c.append(V("embedded-jwk-attacker-key", T(jwk, CLAIMS, secret=attacker), "bad_signature"))
    c.append(V("signed-with-ds-default-secret", T(H256, CLAIMS, secret=WEAK_DEFAULT), "bad_signature"))
    c.append(V("signed-with-empty-key", T(H256, CLAIMS, secret={"base64url": ""}), "bad_signature"))

    # --- base64url strictness
    tj = T(H256, CLAIMS + " ")  # payload length chosen so that padding is needed
    for i in range(50):
        tj = T(H256, '{"sub":"user-1","n":%d}' % i)
        if len(tj.split(".")[1]) % 4 and any(ch in tj.split(".")[2] for ch in "-_"):
            break
    jh, jp, js = tj.split(".")
    assert len(jp) % 4 and any(ch in js for ch in "-_")
    c.append(V("baseline-for-base64-cases", tj, "ok"))
    c.append(V("payload-padded-with-equals", jh + "." + jp + "=" * (-len(jp) % 4) + "." + js, "malformed"))
    c.append(V("signature-padded-with-equals", jh + "." + jp + "." + js + "=", "malformed"))
    c.append(V("signature-standard-alphabet", jh + "." + jp + "." + js.replace("-", "+").replace("_", "/"),
               "malformed", note="the same bytes written with + and / instead of - and _"))
    for i in range(200):
        tp = T(H256, '{"sub":"user-1","q":"???>>>","n":%d}' % i)
        if any(ch in tp.split(".")[1] for ch in "-_"):
            break
    ph, pp, ps = tp.split(".")
    assert any(ch in pp for ch in "-_")
    c.append(V("payload-standard-alphabet", ph + "." + pp.replace("-", "+").replace("_", "/") + "." + ps,
               "malformed"))
    c.append(V("leading-space", " " + tok, "malformed"))
    c.append(V("trailing-space", tok + " ", "malformed"))
    c.append(V("trailing-newline", tok + "\n", "malformed"))
    c.append(V("trailing-crlf", tok + "\r\n", "malformed"))
    c.append(V("space-inside-payload", h + "." + p[:10] + " " + p[10:] + "." + s, "malformed"))
    c.append(V("newline-inside-signature", h + "." + p + "." + s[:20] + "\n" + s[20:], "malformed"))
    c.append(V("tab-after-dot", h + ".\t" + p + "." + s, "malformed"))
    c.append(V("trailing-dot", tok + ".", "malformed"))
    c.append(V("trailing-segment", tok + ".eyJ4IjoxfQ", "malformed"))
    c.append(V("trailing-equals", tok + "=", "malformed"))
    c.append(V("trailing-nul", tok + "\u0000", "malformed"))
    c.append(V("trailing-two-chars-impossible-length", tok + "AA", "malformed",
               note="a 45-character segment cannot be base64url"))
    c.append(V("trailing-one-char-extra-signature-byte", tok + "A", "bad_signature",
               note="44 characters are canonical base64url of 33 bytes: well-formed, but not the MAC"))
    c.append(V("non-canonical-signature-last-char", h + "." + p + "." + non_canonical(s), "malformed",
               note="low unused bits of the last character set: decodes to the MAC under a lenient decoder"))
    c.append(V("non-canonical-payload-last-char", jh + "." + non_canonical(jp) + "." + js, "malformed"))
    c.append(V("non-ascii-in-segment", h + "." + p + "\u00e9." + s, "malformed"))
    c.append(V("four-segments", tok + "." + s, "malformed"))
    c.append(V("five-segments", tok + ".." + s, "malformed"))
    c.append(V("two-segments", h + "." + p, "malformed"))
    c.append(V("one-segment", h, "malformed"))
    c.append(V("only-dots", "..", "malformed"))
    c.append(V("empty-token", "", "malformed"))

    # --- JSON strictness (all correctly signed)
    c.append(V("duplicate-header-member-typ", T('{"alg":"HS256","typ":"JWT","typ":"JWT"}', CLAIMS), "malformed"))
    c.append(V("duplicate-header-alg-none-then-hs256", T('{"alg":"none","alg":"HS256","typ":"JWT"}', CLAIMS),
               "malformed"))
    c.append(V("duplicate-header-alg-hs256-then-none", T('{"alg":"HS256","alg":"none","typ":"JWT"}', CLAIMS),
               "malformed"))
    c.append(V("duplicate-payload-sub", T(H256, '{"sub":"user-1","sub":"admin"}'), "malformed"))
    c.append(V("duplicate-payload-exp", T(H256, '{"exp":%d,"exp":%d}' % (NOW - 1000, NOW + 100000)), "malformed"))
    c.append(V("duplicate-payload-via-escape", T(H256, '{"sub":"user-1","s\\u0075b":"admin"}'), "malformed",
               note="\\u0075 is u: the two members have the same name"))
    c.append(V("duplicate-in-nested-object", T(H256, '{"sub":"u","perm":{"edit":false,"edit":true}}'), "malformed"))
    for label, text in (("array", '["sub","user-1"]'), ("string", '"user-1"'), ("number", "42"),
                        ("true", "true"), ("null", "null"), ("empty-object-twice", "{}{}")):
        c.append(V("payload-%s" % label, T(H256, text), "malformed"))
    c.append(V("header-array", T('["HS256"]', CLAIMS), "malformed"))
    for claim in ("exp", "nbf", "iat"):
        c.append(V("%s-as-string" % claim, T(H256, '{"sub":"u","%s":"%d"}' % (claim, NOW)), "invalid_claim"))
    c.append(V("exp-as-numeric-string-far-future", T(H256, '{"exp":"9999999999"}'), "invalid_claim"))
    for label, text in (("nan", "NaN"), ("infinity", "Infinity"), ("minus-infinity", "-Infinity")):
        c.append(V("exp-%s-not-json" % label, T(H256, '{"exp":%s}' % text), "malformed"))
    c.append(V("exp-1e400-out-of-range", T(H256, '{"exp":1e400}'), "malformed"))
    c.append(V("exp-minus-1e400-out-of-range", T(H256, '{"exp":-1e400}'), "malformed"))
    c.append(V("exp-negative", T(H256, '{"exp":-1}'), "invalid_claim"))
    c.append(V("exp-negative-large", T(H256, '{"exp":-9223372036854775808}'), "invalid_claim"))
    c.append(V("nbf-negative", T(H256, '{"nbf":-100}'), "invalid_claim"))
    c.append(V("iat-negative", T(H256, '{"iat":-5}'), "invalid_claim"))
    c.append(V("exp-hex-not-json", T(H256, '{"exp":0x7fffffff}'), "malformed"))
    c.append(V("exp-leading-plus-not-json", T(H256, '{"exp":+%d}' % (NOW + 100)), "malformed"))
    c.append(V("exp-leading-zero-not-json", T(H256, '{"exp":0%d}' % (NOW + 100)), "malformed"))
    for label, raw in (("ff-byte", b'{"sub":"\xff"}'), ("overlong-slash", b'{"sub":"\xc0\xaf"}'),
                       ("utf8-encoded-surrogate", b'{"sub":"\xed\xa0\x80"}'),
                       ("truncated-sequence", b'{"sub":"\xe6\x97"}'), ("latin1-e-acute", b'{"sub":"caf\xe9"}')):
        c.append(V("invalid-utf8-%s" % label, T(H256, raw), "malformed"))
    c.append(V("invalid-utf8-in-header", T(b'{"alg":"HS256","typ":"JWT","x":"\xff"}', CLAIMS), "malformed"))
    c.append(V("lone-surrogate-escape", T(H256, '{"sub":"\\ud800"}'), "malformed"))
    c.append(V("utf8-bom-before-payload", T(H256, "\ufeff" + CLAIMS), "malformed"))
    c.append(V("raw-control-character-in-string", T(H256, '{"sub":"a\u0001b"}'), "malformed"))
    c.append(V("single-quoted-json", T(H256, "{'sub':'user-1'}"), "malformed"))
    c.append(V("trailing-comma", T(H256, '{"sub":"user-1",}'), "malformed"))
    c.append(V("comment-in-json", T(H256, '{"sub":"user-1"/*x*/}'), "malformed"))

    # --- size and depth
    for total, want, ch in ((1048577, "too_large", "a"), (1048576, None, "A")):
        prefix = h + "." + p + "."
        token = prefix + ch * (total - len(prefix))
        got = ooref.run(ooref.verify, token, S1, now=NOW)
        if want:
            assert got == {"error": want}, got
        else:
            assert got.get("error") not in (None, "too_large"), got
        c.append(case("token-%d-bytes" % total, {"secret": S1, "options": {"now": NOW}}, got,
                      token_repeat={"prefix": prefix, "char": ch, "total_length": total},
                      note="1 MiB + 1: too large" if want else
                      "exactly 1 MiB is not too large; the 'a' signature then fails as usual"))
    for total in (2049, 2048):
        prefix = h + "." + p + "."
        token = prefix + "a" * (total - len(prefix))
        got = ooref.run(ooref.verify, token, S1, max_size=2048, now=NOW)
        c.append(case("token-%d-bytes-max-size-2048" % total,
                      {"secret": S1, "options": {"now": NOW, "max_size": 2048}}, got,
                      token_repeat={"prefix": prefix, "char": "a", "total_length": total}))
    deep = '{"a":' + "[" * 9999 + "]" * 9999 + "}"
    c.append(V("payload-nesting-10000", T(H256, deep), "malformed", note="object + 9999 arrays, correctly signed"))
    deep_obj = '{"a":' * 10000 + "1" + "}" * 10000
    c.append(V("payload-nesting-10000-objects", T(H256, deep_obj), "malformed"))
    c.append(V("header-nesting-10000", T('{"alg":"HS256","typ":"JWT","x":' + "[" * 9999 + "]" * 9999 + "}",
                                         CLAIMS), "malformed"))

    # --- secrets
    c.append(V("inbox-token-on-outbox-secret", T(H256, CLAIMS, secret=INBOX), "bad_signature", secret=OUTBOX))
    return c


# ---------------------------------------------------------------------------
URL_A = "https://ds.example/cache/files/data/Khirz6zTPdfd7_1234/output.docx/output.docx?md5=aaa&expires=1767226500&filename=output.docx"
URL_B = "https://evil.example/payload.docx"


def callback_cases():
    c = []

    def VC(name, body, want, secret=OUTBOX, note=None, **opts):
        opts.setdefault("now", NOW)
        extra = {"note": note} if note else {}
        return model("verify_callback", name, {"body": body, "secret": secret, "options": opts}, want,
                     operation_in_case=True, **extra)

    signed = {"key": "Khirz6zTPdfd7", "status": 2, "url": URL_A, "users": ["78e1e841"]}
    bt, ht = cb_tokens(signed)
    claims = {**signed, "iat": NOW - 5, "exp": NOW + 295}
    forged_bt = cb_tokens({**signed, "url": URL_B}, secret=S2)[0]
    c.append(VC("valid-header-invalid-body-token", body_text({**signed, "token": forged_bt}), "bad_signature",
                authorization="Bearer " + ht, note="a failing body token is final: the header does not rescue it"))
    c.append(VC("garbage-body-token-valid-header", body_text({**signed, "token": "x.y.z"}), "malformed",
                authorization="Bearer " + ht))
    ib, ih = cb_tokens(signed, secret=INBOX)
    c.append(VC("inbox-signed-when-outbox-expected", body_text({**signed, "token": ib}), "bad_signature",
                authorization="Bearer " + ih))
    c.append(VC("inbox-signed-header-only", body_text(signed), "bad_signature", authorization="Bearer " + ih))
    wb, wh = cb_tokens(signed, secret=WEAK_DEFAULT)
    c.append(VC("signed-with-ds-default-secret", body_text({**signed, "token": wb}), "bad_signature",
                authorization="Bearer " + wh))
    c.append(VC("replay-with-changed-unsigned-fields",
                body_text({"key": "Khirz6zTPdfd7", "status": 6, "url": URL_B, "users": ["attacker"],
                      "changesurl": URL_B, "forcesavetype": 1, "token": bt}),
                {"ok": claims}, note="only the signed claims come back: status 2 and url A, no changesurl"))
    c.append(VC("header-only-with-changed-unsigned-fields",
                body_text({"key": "Khirz6zTPdfd7", "status": 6, "url": URL_B, "changesurl": URL_B}),
                {"ok": signed}, authorization="Bearer " + ht))
    c.append(VC("key-differs-from-expected", body_text({**signed, "token": bt}), "key_mismatch",
                expected_key="OtherFileKey1"))
    c.append(VC("plain-key-matches-but-signed-key-differs",
                body_text({**signed, "key": "OtherFileKey1", "token": cb_tokens({**signed, "key": "Khirz6zTPdfd7"})[0]}),
                "key_mismatch", expected_key="OtherFileKey1"))
    c.append(VC("header-only-key-differs", body_text(signed), "key_mismatch", authorization="Bearer " + ht,
                expected_key="OtherFileKey1"))
    none_tok = b64u(b'{"alg":"none","typ":"JWT"}') + "." + b64u(ooref.dumps_compact(claims)) + "."
    c.append(VC("body-token-alg-none", body_text({**signed, "token": none_tok}), "alg_not_allowed",
                authorization="Bearer " + ht))
    c.append(VC("header-token-alg-none", body_text(signed), "alg_not_allowed", authorization="Bearer " + none_tok))
    old_bt = cb_tokens(signed, iat=NOW - 3600)[0]
    c.append(VC("replayed-old-body-token-with-fresh-header", body_text({**signed, "token": old_bt}), "expired",
                authorization="Bearer " + ht))
    c.append(VC("duplicate-token-members", '{"key":"Khirz6zTPdfd7","status":2,"token":"%s","token":"%s"}'
                % (bt, forged_bt), "malformed"))
    c.append(VC("duplicate-plain-key-members", '{"key":"Khirz6zTPdfd7","key":"x","status":2,"token":"%s"}' % bt,
                "malformed"))
    c.append(VC("body-token-in-header-position-lowercase-prefix", body_text(signed), "malformed",
                authorization="bearer " + ht))
    c.append(VC("prefix-only-no-token", body_text(signed), "malformed", authorization="Bearer "))
    c.append(VC("double-prefix", body_text(signed), "malformed", authorization="Bearer Bearer " + ht))
    c.append(VC("payload-string-smuggling", body_text(signed), "invalid_claim",
                authorization="Bearer " + ooref.sign({"payload": body_text(signed)}, OUTBOX, ttl=300, now=NOW)))
    b = {"key": "Khirz6zTPdfd7", "status": "2"}
    c.append(VC("status-as-string", body_text({**b, "token": cb_tokens(b)[0]}), "invalid_claim"))
    b = {"key": ["Khirz6zTPdfd7"], "status": 2}
    c.append(VC("key-as-array", body_text({**b, "token": cb_tokens(b)[0]}), "invalid_claim",
                expected_key="Khirz6zTPdfd7"))

    def VI(name, authorization, want, note=None, **opts):
        opts.setdefault("now", NOW)
        extra = {"note": note} if note else {}
        return model("verify_incoming", name, {"authorization": authorization, "secret": OUTBOX, "options": opts},
                     want, operation_in_case=True, hidden={"url_equal": False} if want == "invalid_claim" else None,
                     **extra)

    doc_a = "https://connector.example/apps/onlyoffice/download?doc=aaa"
    doc_b = "https://connector.example/apps/onlyoffice/download?doc=bbb"
    tok_a = ooref.sign({"payload": {"url": doc_a}}, OUTBOX, ttl=300, now=NOW)
    c.append(VI("incoming-token-for-other-document", "Bearer " + tok_a, "invalid_claim", url=doc_b))
    c.append(VI("incoming-callback-token-reused-for-download", "Bearer " + ht, "invalid_claim", url=doc_a,
                note="a callback header token verifies, but its url is a DS cache URL, not this download URL"))
    c.append(VI("incoming-token-without-url-claim", "Bearer " + ooref.sign(
        {"payload": {"key": "Khirz6zTPdfd7"}}, OUTBOX, ttl=300, now=NOW), "missing_claim", url=doc_a))
    return c


# ---------------------------------------------------------------------------
DS = "https://ds.example/"
DSI = "http://ds-internal:8000/"
DSB = "https://office.example/ds/"
DSBI = "http://10.0.0.5:8080/onlyoffice/"


def download_url_cases():
    """Hand-reasoned: each of these is refused by a rule of formats.md
    (scheme, user info, origin, base path, raw backslash, %2e/%2f/%5c)."""
    op = "check_download_url"
    c = []
    no = {"error": "url_not_allowed"}

    def CD(name, url, ds=DS, internal=DSI, note=None):
        args = {"url": url, "ds_url": ds}
        if internal is not None:
            args["options"] = {"ds_internal_url": internal}
        extra = {"note": note} if note else {}
        return literal(op, name, args, no, **extra)

    f = "/cache/files/data/k/output.docx"
    c += [
        CD("other-host", "https://evil.example" + f),
        CD("same-host-other-port", "https://ds.example:8443" + f),
        CD("same-host-port-zero", "https://ds.example:0" + f),
        CD("other-scheme-http", "http://ds.example" + f),
        CD("other-scheme-http-port-443", "http://ds.example:443" + f),
        CD("scheme-ftp", "ftp://ds.example" + f),
        CD("scheme-file", "file:///etc/passwd"),
        CD("scheme-gopher", "gopher://ds.example:443/_GET%20/"),
        CD("scheme-ws", "ws://ds.example" + f),
        CD("scheme-javascript", "javascript:alert(1)"),
        CD("scheme-data", "data:text/plain,hello"),
        CD("userinfo-ds-at-evil", "https://ds@evil.example/"),
        CD("userinfo-ds-host-at-evil", "https://ds.example@evil.example" + f),
        CD("userinfo-ds-host-port-at-evil", "https://ds.example:443@evil.example" + f),
        CD("userinfo-on-ds-host", "https://evil@ds.example" + f, note="right origin, but a user name"),
        CD("password-on-ds-host", "https://:secret@ds.example" + f),
        CD("fragment-at-trick", "https://evil.example#@ds.example" + f),
        CD("query-at-trick", "https://evil.example?@ds.example" + f),
        CD("ds-host-as-subdomain-of-evil", "https://ds.example.evil/"),
        CD("ds-host-prefix-of-evil-domain", "https://ds.example.evil.example" + f),
        CD("evil-suffix-host", "https://evilds.example" + f),
        CD("trailing-dot-host", "https://ds.example." + f, note="WHATWG keeps the trailing dot: another host"),
        CD("idn-homograph-cyrillic-e", "https://ds.exampl\u0435" + f),
        CD("ipv6-loopback", "https://[::1]" + f),
        CD("ipv6-loopback-internal-port", "http://[::1]:8000" + f),
        CD("ipv6-mapped-ipv4-loopback", "http://[::ffff:127.0.0.1]:8000" + f),
        CD("ipv6-link-local", "http://[fe80::1]" + f),
        CD("ipv4-loopback", "http://127.0.0.1:8000" + f),
        CD("ipv4-decimal-integer", "http://2130706433:8000" + f),
        CD("ipv4-hex", "http://0x7f000001:8000" + f),
        CD("ipv4-octal", "http://0177.0.0.1:8000" + f),
        CD("cloud-metadata", "http://169.254.169.254/latest/meta-data/"),
        CD("localhost", "http://localhost:8000" + f),
        CD("percent-encoded-other-host", "https://%65vil.example" + f),
        CD("percent-encoded-dot-other-host", "https://evil%2Eexample" + f),
        CD("percent-encoded-dot-ds-prefix", "https://ds.example%2Eevil.example" + f),
        CD("dot-dot-out-of-base-path", "https://office.example/ds/../admin/config", DSB, DSBI),
        CD("dot-dot-deep-out-of-base-path", "https://office.example/ds/cache/../../admin", DSB, DSBI),
        CD("dot-dot-out-of-internal-base-path", "http://10.0.0.5:8080/onlyoffice/../manager/html", DSB, DSBI),
        CD("encoded-dot-dot-out-of-base-path", "https://office.example/ds/%2e%2e/admin", DSB, DSBI),
        CD("path-parameter-dot-dot", "https://office.example/ds/..;/admin", DSB, DSBI,
           note="Tomcat-like servers drop ;parameters before resolving: ..; is .."),
        CD("path-parameter-dot-dot-with-value", "https://office.example/ds/x/..;jsessionid=1/..;/admin", DSB, DSBI),
        CD("path-parameter-single-dot", "https://ds.example/cache/.;/files/x.docx"),
        CD("encoded-semicolon-dot-dot", "https://office.example/ds/x/..%3B/admin", DSB, DSBI,
           note="..%3B decodes to ..; (a proxy decodes, the server drops the parameter)"),
        CD("encoded-semicolon-dot-dot-lower", "https://office.example/ds/x/..%3b/..%3b/admin", DSB, DSBI),
        CD("double-encoded-dot-dot", "https://office.example/ds/%252e%252e/admin", DSB, DSBI,
           note="a proxy that decodes twice reads %252e as ."),
        CD("double-encoded-dot-dot-upper", "https://ds.example/cache/%252E%252E/%252E%252E/etc/passwd"),
        CD("triple-encoded-dot-dot", "https://office.example/ds/%25252e%25252e/admin", DSB, DSBI),
        CD("double-encoded-semicolon-dot-dot", "https://office.example/ds/x/..%253B/admin", DSB, DSBI),
        CD("backslash-dot-dot", "https://ds.example/cache\\..\\..\\etc\\passwd",
           note="a raw backslash in the path is refused (WHATWG would read it as /)"),
        CD("backslash-dot-dot-after-files", "https://ds.example/cache/files/..\\..\\..\\etc\\passwd"),
        CD("backslash-out-of-base-path", "https://office.example/ds\\..\\admin", DSB, DSBI),
        CD("backslash-after-host", "https://ds.example\\@evil.example/",
           note="WHATWG ends the host at the backslash (path /@evil.example/); refused for the raw backslash"),
        CD("backslash-single", "https://ds.example/cache\\files/x.docx"),
        CD("encoded-dot-dot-lower", "https://ds.example/cache/%2e%2e/%2e%2e/etc/passwd"),
        CD("encoded-dot-dot-upper", "https://ds.example/cache/%2E%2E/%2E%2E/etc/passwd"),
        CD("encoded-dot-dot-mixed", "https://ds.example/cache/.%2e/%2E./etc/passwd"),
        CD("encoded-single-dot", "https://ds.example/cache/%2e/files/x.docx"),
        CD("encoded-slash-lower", "https://ds.example/cache/files%2f..%2f..%2fetc%2fpasswd"),
        CD("encoded-slash-upper", "https://ds.example/cache/files%2F..%2F..%2Fetc%2Fpasswd"),
        CD("encoded-backslash-lower", "https://ds.example/cache/files%5c..%5cx"),
        CD("encoded-backslash-upper", "https://ds.example/cache/files%5C..%5Cx"),
        CD("protocol-relative", "//evil.example" + f),
        CD("unparsable-space-in-host", "https://ds exa mple" + f),
        CD("triple-slash-first-segment-is-host", "https://" + f,
           note="WHATWG skips the extra slash: host cache"),
        CD("no-internal-configured-internal-host", "http://ds-internal:8000" + f, DS, None),
    ]
    return c


# ---------------------------------------------------------------------------
def link_cases():
    op = "verify_link"
    c = []

    def VL(name, url, want, secret=MASTER, note=None, **opts):
        opts.setdefault("now", NOW)
        extra = {"note": note} if note else {}
        return model(op, name, {"url": url, "secret": secret, "options": opts}, want, **extra)

    base = "https://connector.example/apps/onlyoffice/download?fileId=42"
    good = ooref.sign_link(base, MASTER, ttl=900, now=NOW)
    q, sig = good.rsplit("&oo_sig=", 1)
    c.append(VL("baseline-valid-link", good, {"ok": base}))
    c.append(VL("extended-expiry", good.replace("oo_exp=%d" % (NOW + 900), "oo_exp=%d" % (NOW + 9000000)),
                "bad_signature"))
    c.append(VL("other-file", good.replace("fileId=42", "fileId=43"), "bad_signature"))
    c.append(VL("other-path", good.replace("/download", "/upload"), "bad_signature"))
    c.append(VL("other-host", good.replace("connector.example", "evil.example"), "bad_signature"))
    c.append(VL("other-scheme", good.replace("https://", "http://"), "bad_signature"))
    c.append(VL("other-port", good.replace("connector.example", "connector.example:8443"), "bad_signature"))
    c.append(VL("param-appended-after-signature", good + "&fileId=1", "missing_token"))
    c.append(VL("signature-removed", q, "missing_token"))
    c.append(VL("signature-moved-first", base.split("?")[0] + "?oo_sig=" + sig + "&fileId=42&oo_exp=%d" % (NOW + 900),
                "missing_token"))
    c.append(VL("param-inserted-before-signature", q + "&admin=1&oo_sig=" + sig, "bad_signature"))
    c.append(VL("second-oo-exp-inserted", q + "&oo_exp=%d&oo_sig=%s" % (NOW + 9000000, sig), "bad_signature"))
    c.append(VL("signature-upper-cased", q + "&oo_sig=" + sig.upper(), "bad_signature"))
    c.append(VL("signature-padded", good + "=", "bad_signature"))
    c.append(VL("signature-empty", q + "&oo_sig=", "bad_signature"))
    c.append(VL("signature-from-other-secret", ooref.sign_link(base, S1, now=NOW), "bad_signature"))
    c.append(VL("signed-with-ds-secret", ooref.sign_link(base, INBOX, now=NOW), "bad_signature",
                note="a link signed with a DS secret is not one signed with the connector's links subkey"))
    raw = hmac.new(MASTER.encode(), ("https\nconnector.example\n443\n/apps/onlyoffice/download\n" +
                                     q.split("?", 1)[1]).encode(), hashlib.sha256).digest()
    c.append(VL("signed-with-master-instead-of-links-subkey", q + "&oo_sig=" + b64u(raw), "bad_signature"))
    other = ooref.sign_link("https://connector.example/apps/onlyoffice/download?fileId=7", MASTER, now=NOW)
    c.append(VL("signature-transplanted-from-other-link", q + "&oo_sig=" + other.rsplit("&oo_sig=", 1)[1],
                "bad_signature"))
    c.append(VL("expired-link", good, "expired", now=NOW + 900))
    c.append(VL("user-info-injected", good.replace("https://", "https://admin:x@"), "invalid_input",
                note="user info is not covered by the signature: refused before anything else"))
    c.append(VL("fragment-appended", good + "#oo_sig=x", "invalid_input"))
    return c


def main():
    counts = {}
    counts["jwt"] = ooref.write_vectors(os.path.join(ATTACKS_OUT, "jwt.json"), GEN, jwt_cases(), operation="verify")
    counts["callbacks"] = ooref.write_vectors(os.path.join(ATTACKS_OUT, "callbacks.json"), GEN, callback_cases())
    counts["download_urls"] = ooref.write_vectors(os.path.join(ATTACKS_OUT, "download_urls.json"), GEN,
                                                  download_url_cases(), operation="check_download_url")
    counts["links"] = ooref.write_vectors(os.path.join(ATTACKS_OUT, "links.json"), GEN, link_cases(),
                                          operation="verify_link")
    for k, v in counts.items():
        print(f"  attacks/{k}.json: {v} cases")


if __name__ == "__main__":
    main()
