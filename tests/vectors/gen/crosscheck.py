#!/usr/bin/env python3
"""Re-check every vector and attack file against the stdlib model (gen/ooref.py).

Files written by PyJWT and jsonwebtoken are thereby checked by a second,
independent implementation, and the stdlib files are checked once more after
they went through JSON.  Cases whose answer needs a WHATWG URL parser (all of
check_download_url, and the verify_incoming cases listed in WHATWG_CASES) are
hand-reasoned and skipped here, as are the guards (whose URLs to fetch are
mapped by hand).  Also checks the file format itself.
Exits non-zero on any disagreement.
"""

import glob
import json
import os
import sys

from common import ATTACKS_OUT, FUNCS, VECTORS_OUT, ooref

ERRORS = {"malformed", "bad_signature", "alg_not_allowed", "expired", "not_yet_valid", "missing_claim",
          "invalid_claim", "missing_token", "key_mismatch", "weak_secret", "too_large", "url_not_allowed",
          "invalid_input", "invalid_config"}
HAND_REASONED = {"check_download_url", "guard_callback", "guard_download"}
OPS = set(FUNCS) | HAND_REASONED
WHATWG_CASES = {("verify_incoming", "url-equal-after-whatwg-serialization"),
                ("verify_incoming", "signed-url-fragment-and-dot-segment-dropped"),
                ("verify_incoming", "ds-download-requested-url-fragment"),
                ("verify_incoming", "ds-download-requested-url-case-port-dot-segment"),
                ("verify_incoming", "ds-download-requested-url-non-ascii")}


def same(a, b):
    """Equal as JSON values, with int and float kept apart (2 != 2.0)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return type(a) is type(b) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def main():
    files = sorted(glob.glob(os.path.join(VECTORS_OUT, "*.json")) + glob.glob(os.path.join(ATTACKS_OUT, "*.json")))
    checked = skipped = failed = 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        rel = os.path.relpath(path, os.path.dirname(VECTORS_OUT))
        assert set(doc) <= {"operation", "generator", "cases"} and doc["cases"], rel
        names = set()
        for c in doc["cases"]:
            op = c.get("operation", doc.get("operation"))
            assert op in OPS, (rel, c["name"], op)
            assert c["name"] not in names, (rel, c["name"])
            names.add(c["name"])
            assert set(c) <= {"name", "operation", "note", "token_repeat", "args", "expect"}, (rel, c["name"])
            exp = c["expect"]
            assert len(exp) == 1 and ("ok" in exp or exp.get("error") in ERRORS), (rel, c["name"], exp)
            if op in HAND_REASONED or (op, c["name"]) in WHATWG_CASES:
                skipped += 1
                continue
            args = dict(c["args"])
            if "token_repeat" in c:
                r = c["token_repeat"]
                args["token"] = r["prefix"] + r["char"] * (r["total_length"] - len(r["prefix"]))
            kw = {k: v for k, v in args.items() if k != "options"}
            kw.update(args.get("options", {}))
            got = ooref.run(FUNCS[op], **kw)
            if not same(got, exp):
                failed += 1
                print(f"MISMATCH {rel} {c['name']}: file {json.dumps(exp)[:200]} model {json.dumps(got)[:200]}")
            checked += 1
    print(f"  crosscheck: {checked} cases agree with the stdlib model, {skipped} hand-reasoned URL cases "
          f"skipped, {failed} disagree ({len(files)} files)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
