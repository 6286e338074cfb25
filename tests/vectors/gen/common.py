"""Fixed inputs shared by the generators (stdlib only), and the case builder.

Everything here is a constant: the generators have no clock and no randomness,
so running them twice writes identical files.
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.dirname(HERE)
TESTS = os.path.dirname(VECTORS)
ATTACKS = os.path.join(TESTS, "attacks")

# Where the generators write: the committed directories, or, with OOJWT_VECTORS_OUT set,
# its `vectors/` and `attacks/` subdirectories (make test compares those with the
# committed files instead of rewriting them).
_OUT = os.environ.get("OOJWT_VECTORS_OUT")
VECTORS_OUT = os.path.join(_OUT, "vectors") if _OUT else VECTORS
ATTACKS_OUT = os.path.join(_OUT, "attacks") if _OUT else ATTACKS

sys.path.insert(0, HERE)
import ooref  # noqa: E402

# The fixed clock: 2026-01-01T00:00:00Z.
NOW = 1767225600

# Fixed secrets (text, taken as UTF-8 bytes).  All >= 32 bytes unless named weak.
S1 = "vector-secret-one-0123456789abcdef"        # 34 bytes
S2 = "vector-secret-two-0123456789abcdef"        # 34 bytes
S32 = "J7dvqlFF3hPp5N1Dvhq7UpFS1oTPOko7"          # exactly 32 bytes
S31 = S32[:31]                                    # 31 bytes: weak
SUTF8 = "\u00e9Kx\u00e8q7\u00eaZ\u00ebm\u00e02\u00e2Vp\u00e4\u00e7R9\u00ee\u00efw\u00f4"  # 23 characters, 34 UTF-8 bytes
SUTF8_16 = "\u00e9\u00e8\u00ea\u00eb\u00e0\u00e2\u00e4\u00e7\u00ee\u00ef\u00f4\u00f6\u00f9\u00fb\u00fc\u00ff"  # 16 characters, 32 UTF-8 bytes
INBOX = "ds-inbox-secret-q5dDGNMXvQk4uj0Lr4ht"    # connector -> DS (inbox)
OUTBOX = "ds-outbox-secret-0123456789abcdefghij"  # DS -> connector (outbox)
MASTER = "connector-master-secret-0123456789abcdef"
WEAK_DEFAULT = "secret"                           # the DS default, weak

assert len(S1.encode()) >= 32 and len(S32.encode()) == 32 and len(S31.encode()) == 31
assert len(SUTF8) == 23 and len(SUTF8.encode()) == 34 and len(SUTF8_16.encode()) == 32


def cb_tokens(body, secret=OUTBOX, iat=NOW - 5):
    """The two tokens a Document Server sends: body token and header token."""
    bt = ooref.sign(body, secret, ttl=300, now=iat, allow_weak=True)
    ht = ooref.sign({"payload": body}, secret, ttl=300, now=iat, allow_weak=True)
    return bt, ht


def body_text(obj):
    """A callback body as the Document Server writes it: compact JSON, raw UTF-8."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))

FUNCS = {
    "sign": ooref.sign,
    "verify": ooref.verify,
    "decode_unverified": ooref.decode_unverified,
    "sign_config": ooref.sign_config,
    "sign_request": ooref.sign_request,
    "verify_callback": ooref.verify_callback,
    "verify_incoming": ooref.verify_incoming,
    "document_key": ooref.document_key,
    "derive_secrets": ooref.derive_secrets,
    "sign_link": ooref.sign_link,
    "verify_link": ooref.verify_link,
}


def case(name, args, expect, operation=None, **extra):
    c = {"name": name}
    if operation is not None:
        c["operation"] = operation
    c.update(extra)
    c["args"] = args
    c["expect"] = expect
    return c


def model(op, name, args, want, operation_in_case=False, hidden=None, **extra):
    """A case whose expected value is computed by the stdlib model (ooref).

    `want` is the hand-reasoned outcome ("ok", an error name, or
    {"ok": value}); the model's answer must agree, so every case is checked
    twice: by reasoning and by the independent model.
    """
    kw = {k: v for k, v in args.items() if k != "options"}
    kw.update(args.get("options", {}))
    kw.update(hidden or {})
    got = ooref.run(FUNCS[op], **kw)
    if isinstance(want, dict):
        assert got == want, f"{op}/{name}: model says {got}, reasoning says {want}"
    elif want == "ok":
        assert "ok" in got, f"{op}/{name}: model says {got}, reasoning says ok"
    else:
        assert got.get("error") == want, f"{op}/{name}: model says {got}, reasoning says {want}"
    return case(name, args, got, operation=op if operation_in_case else None, **extra)


def literal(op, name, args, expect, operation_in_case=False, **extra):
    """A case whose expected value is written by hand in the generator."""
    return case(name, args, expect, operation=op if operation_in_case else None, **extra)
