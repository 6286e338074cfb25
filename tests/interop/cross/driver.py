"""Cross-language interop test for issue 8.

"Tokens from PyJWT and from node jsonwebtoken 9 (with the DS's options) verify in every
binding; every binding's tokens verify in both."

    .venv/bin/python tests/interop/cross/driver.py      (make test-interop-cross)

1. The same claims are signed, with the same fixed `now` and `ttl`, by every binding:
   PHP (the freshly built extension, via php_side.php), Python (onlyoffice_jwt), C
   (libonlyoffice_jwt.so through ctypes) and the CLI (`onlyoffice-jwt sign`, which
   has no `now` option: its token is compared with one made at its own `iat`); also
   sign_config and sign_request in PHP, Python and C. The tokens must be
   byte-identical across bindings, and each verifies with PyJWT and with jsonwebtoken
   9 as the Document Server calls it (jwt.verify with clockTolerance 60), giving back
   exactly the claims plus iat/exp.
2. Tokens made by PyJWT and by jsonwebtoken (plain tokens, and callbacks as the DS
   posts them: body token plus "Bearer " header over {"payload": body}) verify in
   every binding: verify and verify_callback in PHP, Python and C, `onlyoffice-jwt
   verify` for the CLI.
3. A token under another secret, and an expired one, are refused everywhere, so that a
   harness that accepts anything cannot pass.

One line per check, then "N passed, N failed"; exit status 1 on any failure.
Environment: OOJWT_PHP_INI_DIR (default target/php-test-ini), OOJWT_C_LIB (default
target/release/libonlyoffice_jwt.so), OOJWT_CLI (default target/release/onlyoffice-jwt),
PHP (default php), NODE (default node).
"""

import ctypes
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import jwt  # PyJWT
import onlyoffice_jwt

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
PHP_INI_DIR = os.environ.get("OOJWT_PHP_INI_DIR", str(ROOT / "target" / "php-test-ini"))
C_LIB = os.environ.get("OOJWT_C_LIB", str(ROOT / "target" / "release" / "libonlyoffice_jwt.so"))
CLI = os.environ.get("OOJWT_CLI", str(ROOT / "target" / "release" / "onlyoffice-jwt"))
PHP = os.environ.get("PHP", "php")
NODE = os.environ.get("NODE", "node")

# Fixed test secrets (ASCII, 32+ bytes); never used outside this test.
SECRET = "cross-interop-test-secret/issue-8/0123456789ABCDEF"
OTHER_SECRET = "another-cross-interop-secret/issue-8/FEDCBA9876543210"
SECRET_ENV = "OOJWT_CROSS_TEST_SECRET"

# Close to the real clock, so that exp (now + TTL) is ahead for PyJWT and jsonwebtoken,
# which verify against the real time.
NOW = int(time.time())
TTL = 300

BINDINGS = ("php", "python", "c", "cli")
LIBRARY_BINDINGS = ("php", "python", "c")  # the ones with sign_config/sign_request/verify_callback

# ---------------------------------------------------------------------------- claims

EDITOR_CONFIG = json.loads((ROOT / "tests" / "data" / "editor_config.json").read_text("utf-8"))

CALLBACK_BODY = {
    "key": "Khirz6zTPdfd7",
    "status": 2,
    "url": "https://documentserver/cache/files/data/Khirz6zTPdfd7_1234/output.docx/output.docx"
    "?md5=zXnYcBpWQ7hS5kqv4Z6bUw&expires=1763900000&filename=output.docx",
    "changesurl": "https://documentserver/cache/files/data/Khirz6zTPdfd7_1234/changes.zip/changes.zip"
    "?md5=3oTqaeMvZJr7xKB0yWm8AQ&expires=1763900000&filename=changes.zip",
    "history": {
        "serverVersion": "8.2.0",
        "changes": [{"created": "2026-11-23 11:00:00", "user": {"id": "78e1e841", "name": "Smith"}}],
    },
    "users": ["78e1e841"],
    "actions": [{"type": 0, "userid": "78e1e841"}],
    "lastsave": "2026-11-23T11:00:00.000Z",
    "notmodified": False,
    "filetype": "docx",
}

REQUEST_BODY = {"c": "version"}

NON_ASCII = {
    "title": "Отчёт за год — 年度報告 📄.docx",
    "user": {"id": "ü-1", "name": "José Müller-Łukasiewicz", "group": "Ελληνικά"},
    "comment": "tab\t quote\" backslash\\ slash/ <b>&amp;</b> \u2028 \u00e9 e\u0301",
    "emoji": "👩\u200d💻🇺🇦",
}

MIXED = {"z": 1, "a": [1, -2, 0, True, None, "x"], "nested": {"b": False, "a": None, "n": 9007199254740991}}

EMPTY_CONTAINERS = {"customization": {}, "users": [], "editorConfig": {"plugins": {"pluginsData": []}, "embedded": {}}}

CLAIM_SETS = {
    "editor_config": EDITOR_CONFIG,
    "callback": CALLBACK_BODY,
    "request": REQUEST_BODY,
    "non_ascii": NON_ASCII,
    "mixed_types": MIXED,
    "empty_containers": EMPTY_CONTAINERS,
}

# ---------------------------------------------------------------------------- results

passed = 0
failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name}{': ' + detail if detail else ''}")
    sys.stdout.flush()


def with_times(claims, iat=NOW, ttl=TTL):
    return {**claims, "iat": iat, "exp": iat + ttl}


def short(value, limit=300):
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= limit else text[:limit] + "…"


def ok(result):
    return {"ok": True, "result": result}


def err(code):
    return {"ok": False, "error": code}


# ---------------------------------------------------------------------------- bindings
# Each binding runs a batch of calls {"id", "op", "arg", "options"} and answers, per id,
# {"ok": True, "result": ...} or {"ok": False, "error": <error name>}.


def run_python(calls):
    out = {}
    for call in calls:
        op, arg, opts = call["op"], call["arg"], dict(call.get("options", {}))
        try:
            if op == "sign":
                res = onlyoffice_jwt.sign(arg, SECRET, **opts)
            elif op == "sign_config":
                res = onlyoffice_jwt.sign_config(arg, SECRET, **opts)
            elif op == "sign_request":
                res = onlyoffice_jwt.sign_request(arg, SECRET, **opts)
            elif op == "verify":
                res = onlyoffice_jwt.verify(arg, SECRET, **opts)
            elif op == "verify_callback":
                authorization = opts.pop("authorization", None)
                res = onlyoffice_jwt.verify_callback(arg.encode("utf-8"), SECRET, authorization, **opts)
            else:
                raise ValueError(op)
            out[call["id"]] = ok(res)
        except onlyoffice_jwt.JwtError as e:
            out[call["id"]] = err(e.code)
    return out


def run_php(calls):
    request = {
        "secret": SECRET,
        "calls": [{"id": c["id"], "op": c["op"], "args": [c["arg"]], "options": c.get("options", {})}
                  for c in calls],
    }
    env = dict(os.environ, PHP_INI_SCAN_DIR=PHP_INI_DIR)
    proc = subprocess.run([PHP, str(HERE / "php_side.php")], input=json.dumps(request).encode("utf-8"),
                          capture_output=True, env=env, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"php_side.php exited {proc.returncode}: {proc.stderr.decode(errors='replace')}")
    reply = json.loads(proc.stdout)
    out = {}
    for cid, item in reply.items():
        if item["ok"]:
            out[cid] = ok(item["result"])
        else:
            out[cid] = err(onlyoffice_jwt_error_name(item["code"]))
    return out


class CLib:
    """libonlyoffice_jwt through ctypes, with the header's signatures."""

    def __init__(self, path):
        lib = ctypes.CDLL(path)
        c_char_p, c_size_t, c_int32 = ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int32
        out_p = ctypes.POINTER(ctypes.c_void_p)
        lib.oojwt_keyring_new.argtypes = [c_char_p, c_size_t, ctypes.c_bool, ctypes.POINTER(ctypes.c_void_p)]
        lib.oojwt_keyring_new.restype = c_int32
        lib.oojwt_keyring_free.argtypes = [ctypes.c_void_p]
        lib.oojwt_keyring_free.restype = None
        lib.oojwt_free.argtypes = [ctypes.c_void_p]
        lib.oojwt_free.restype = None
        lib.oojwt_error_name.argtypes = [c_int32]
        lib.oojwt_error_name.restype = c_char_p
        lib.oojwt_last_error.argtypes = []
        lib.oojwt_last_error.restype = c_char_p
        for name in ("sign", "verify", "sign_config", "sign_request", "verify_callback"):
            fn = getattr(lib, "oojwt_" + name)
            fn.argtypes = [ctypes.c_void_p, c_char_p, c_size_t, c_char_p, c_size_t, out_p]
            fn.restype = c_int32
        self.lib = lib
        self.keyring = ctypes.c_void_p()
        secret = SECRET.encode("utf-8")
        rc = lib.oojwt_keyring_new(secret, len(secret), False, ctypes.byref(self.keyring))
        if rc != 0:
            raise RuntimeError(f"oojwt_keyring_new: {rc}")

    def call(self, name, text, options):
        data = text.encode("utf-8")
        opts = json.dumps(options).encode("utf-8") if options else None
        out = ctypes.c_void_p()
        rc = getattr(self.lib, "oojwt_" + name)(self.keyring, data, len(data), opts,
                                                 len(opts) if opts else 0, ctypes.byref(out))
        if rc != 0:
            if out.value:
                self.lib.oojwt_free(out)
            return rc, None
        text = ctypes.string_at(out.value).decode("utf-8")
        self.lib.oojwt_free(out)
        return rc, text

    def close(self):
        self.lib.oojwt_keyring_free(self.keyring)


_clib = None


def clib():
    global _clib
    if _clib is None:
        _clib = CLib(C_LIB)
    return _clib


def onlyoffice_jwt_error_name(number):
    return clib().lib.oojwt_error_name(int(number)).decode("ascii")


def run_c(calls):
    lib = clib()
    out = {}
    for call in calls:
        op, arg = call["op"], call["arg"]
        text = arg if isinstance(arg, str) else json.dumps(arg, ensure_ascii=False)
        rc, res = lib.call(op, text, call.get("options", {}))
        if rc != 0:
            out[call["id"]] = err(onlyoffice_jwt_error_name(rc))
        elif op in ("sign",):
            out[call["id"]] = ok(res)  # a single-string result: the token itself
        else:
            out[call["id"]] = ok(json.loads(res))
    return out


def run_cli(calls):
    env = dict(os.environ, **{SECRET_ENV: SECRET})
    out = {}
    for call in calls:
        op, arg, opts = call["op"], call["arg"], call.get("options", {})
        if op == "sign":
            args = ["sign", "--secret-env", SECRET_ENV, "--json"]
            if "ttl" in opts:
                args += ["--ttl", str(opts["ttl"])]
            args.append(json.dumps(arg, ensure_ascii=False))
        elif op == "verify":
            args = ["verify", "--secret-env", SECRET_ENV, "--json", arg]
        else:
            raise ValueError(f"the CLI has no {op}")
        proc = subprocess.run([CLI, *args], capture_output=True, env=env, check=False)
        try:
            reply = json.loads(proc.stdout)
        except ValueError:
            out[call["id"]] = err(f"exit {proc.returncode}, no JSON: {proc.stderr.decode(errors='replace')}")
            continue
        if proc.returncode == 0 and reply.get("ok"):
            out[call["id"]] = ok(reply["token"] if op == "sign" else reply["claims"])
        else:
            out[call["id"]] = err(reply.get("error", {}).get("code", f"exit {proc.returncode}"))
    return out


RUNNERS = {"php": run_php, "python": run_python, "c": run_c, "cli": run_cli}


def run_all(calls_per_binding):
    return {b: RUNNERS[b](calls) for b, calls in calls_per_binding.items() if calls}


# ---------------------------------------------------------------------------- PyJWT, node


def pyjwt_verify(token, secret=SECRET):
    try:
        return ok(jwt.decode(token, secret, algorithms=["HS256"], leeway=60))
    except jwt.PyJWTError as e:
        return err(f"{type(e).__name__}: {e}")


def pyjwt_sign(claims, now=NOW, ttl=TTL, secret=SECRET):
    return jwt.encode(with_times(claims, now, ttl), secret, algorithm="HS256")


def run_node(request):
    request = {"secret": SECRET, **request}
    proc = subprocess.run([NODE, str(HERE / "node_side.js")], input=json.dumps(request).encode("utf-8"),
                          capture_output=True, cwd=HERE, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"node_side.js exited {proc.returncode}: {proc.stderr.decode(errors='replace')}")
    return json.loads(proc.stdout)


def node_result(item):
    return ok(item["claims"]) if item["ok"] else err(item["error"])


def expect_claims(name, result, expected):
    if not result["ok"]:
        check(name, False, f"refused: {result['error']}")
    else:
        got = result["result"]
        check(name, got == expected, f"got {short(got)}, expected {short(expected)}")


def expect_error(name, result, code=None):
    if result["ok"]:
        check(name, False, f"accepted: {short(result['result'])}")
    elif code is not None:
        check(name, result["error"] == code, f"error {result['error']}, expected {code}")
    else:
        check(name, True)


def php_view(value):
    """How PHP arrays give a JSON value back: an empty object comes back as [] (see
    php/stubs/onlyoffice_jwt.stub.php); everything else is unchanged."""
    if isinstance(value, dict):
        return {k: php_view(v) for k, v in value.items()} if value else []
    if isinstance(value, list):
        return [php_view(v) for v in value]
    return value


def expect_claims_in(binding, name, result, expected):
    if binding == "php" and php_view(expected) != expected:
        expect_claims(f"{name} (empty objects as [] in PHP)", result, php_view(expected))
    else:
        expect_claims(name, result, expected)


def b64_claims(token):
    return jwt.decode(token, options={"verify_signature": False})


# ---------------------------------------------------------------------------- the test


def part_one():
    """Every binding signs; tokens identical; PyJWT and jsonwebtoken verify them."""
    print(f"# 1. every binding signs (now={NOW}, ttl={TTL}); PyJWT and jsonwebtoken 9 verify")
    timed = {"now": NOW, "ttl": TTL}
    calls = {b: [] for b in BINDINGS}
    for name, claims in CLAIM_SETS.items():
        for b in LIBRARY_BINDINGS:
            calls[b].append({"id": f"sign/{name}", "op": "sign", "arg": claims, "options": timed})
        calls["cli"].append({"id": f"sign/{name}", "op": "sign", "arg": claims, "options": {"ttl": TTL}})
    for b in LIBRARY_BINDINGS:
        calls[b].append({"id": "sign_config", "op": "sign_config", "arg": EDITOR_CONFIG, "options": timed})
        for name in ("request", "non_ascii"):
            calls[b].append({"id": f"sign_request/{name}", "op": "sign_request", "arg": CLAIM_SETS[name],
                             "options": timed})
    signed = run_all(calls)

    to_verify = []  # (label, token, expected claims)

    # sign: identical tokens, then verification of each binding's token
    for name, claims in CLAIM_SETS.items():
        results = {b: signed[b][f"sign/{name}"] for b in BINDINGS}
        refused = {b: r["error"] for b, r in results.items() if not r["ok"]}
        check(f"sign {name}: every binding signs", not refused, f"refused by {refused}")
        if refused:
            continue
        tokens = {b: results[b]["result"] for b in BINDINGS}
        lib_tokens = {tokens[b] for b in LIBRARY_BINDINGS}
        check(f"sign {name}: php, python, c tokens byte-identical", len(lib_tokens) == 1,
              short({b: tokens[b] for b in LIBRARY_BINDINGS}, 2000))
        # The CLI reads the clock: its token must equal the library's at the CLI's iat.
        cli_iat = b64_claims(tokens["cli"]).get("iat")
        in_range = isinstance(cli_iat, int) and NOW <= cli_iat <= NOW + 120
        check(f"sign {name}: cli iat {cli_iat} is the current time", in_range)
        if in_range:
            reference = (tokens["python"] if cli_iat == NOW
                         else onlyoffice_jwt.sign(claims, SECRET, now=cli_iat, ttl=TTL))
            check(f"sign {name}: cli token byte-identical to the library's at iat {cli_iat}",
                  tokens["cli"] == reference, f"cli {tokens['cli']} vs {reference}")
        for b in BINDINGS:
            iat = cli_iat if b == "cli" else NOW
            to_verify.append((f"{b} sign {name}", tokens[b], with_times(claims, iat)))

    # sign_config: same config out everywhere, token last, its claims = config + iat/exp
    results = {b: signed[b]["sign_config"] for b in LIBRARY_BINDINGS}
    refused = {b: r["error"] for b, r in results.items() if not r["ok"]}
    check("sign_config editor_config: php, python, c sign", not refused, f"refused by {refused}")
    if not refused:
        configs = {b: results[b]["result"] for b in LIBRARY_BINDINGS}
        check("sign_config editor_config: php, python, c results identical (token included)",
              all(configs[b] == configs["python"] for b in LIBRARY_BINDINGS), short(configs, 3000))
        for b in LIBRARY_BINDINGS:
            config = configs[b]
            keys = list(config)
            without = {k: v for k, v in config.items() if k != "token"}
            check(f"sign_config {b}: the input config plus token, token last",
                  without == EDITOR_CONFIG and keys[-1] == "token", short(keys))
            to_verify.append((f"{b} sign_config token", config.get("token", ""), with_times(EDITOR_CONFIG)))

    # sign_request: body with token, Authorization: Bearer <token over {"payload": body}>
    for name in ("request", "non_ascii"):
        body_in = CLAIM_SETS[name]
        results = {b: signed[b][f"sign_request/{name}"] for b in LIBRARY_BINDINGS}
        refused = {b: r["error"] for b, r in results.items() if not r["ok"]}
        check(f"sign_request {name}: php, python, c sign", not refused, f"refused by {refused}")
        if refused:
            continue
        reqs = {b: results[b]["result"] for b in LIBRARY_BINDINGS}
        check(f"sign_request {name}: php, python, c results identical",
              all(reqs[b] == reqs["python"] for b in LIBRARY_BINDINGS), short(reqs, 3000))
        for b in LIBRARY_BINDINGS:
            req = reqs[b]
            body = req.get("body", {})
            headers = req.get("headers", {})
            auth = headers.get("Authorization", "")
            shape = ({k: v for k, v in body.items() if k != "token"} == body_in and "token" in body
                     and list(headers) == ["Authorization"] and auth.startswith("Bearer "))
            check(f"sign_request {name} {b}: body + token, one Authorization: Bearer header", shape, short(req))
            if shape:
                to_verify.append((f"{b} sign_request {name} body token", body["token"], with_times(body_in)))
                to_verify.append((f"{b} sign_request {name} header token", auth[len("Bearer "):],
                                  with_times({"payload": body_in})))

    # PyJWT and jsonwebtoken verify every token
    node = run_node({"verify": [{"id": str(i), "token": t} for i, (_, t, _) in enumerate(to_verify)]})
    for i, (label, token, expected) in enumerate(to_verify):
        expect_claims(f"PyJWT verifies {label}", pyjwt_verify(token), expected)
        expect_claims(f"jsonwebtoken verifies {label}", node_result(node["verify"][str(i)]), expected)

    # Negative: under another secret both refuse (one token per binding suffices).
    wrong = [(label, token) for (label, token, _) in to_verify if " sign " in f" {label} "]
    node = run_node({"verify": [{"id": str(i), "token": t, "secret": OTHER_SECRET}
                                for i, (_, t) in enumerate(wrong)]})
    for i, (label, token) in enumerate(wrong):
        expect_error(f"PyJWT refuses {label} under another secret", pyjwt_verify(token, OTHER_SECRET))
        expect_error(f"jsonwebtoken refuses {label} under another secret",
                     node_result(node["verify"][str(i)]))


def part_two():
    """PyJWT's and jsonwebtoken's tokens verify in every binding."""
    print("# 2. PyJWT and jsonwebtoken 9 sign; every binding verifies")
    node = run_node({
        "sign": [{"id": name, "claims": claims, "now": NOW, "ttl": TTL} for name, claims in CLAIM_SETS.items()]
        + [{"id": "wrong/" + name, "claims": claims, "now": NOW, "ttl": TTL, "secret": OTHER_SECRET}
           for name, claims in CLAIM_SETS.items()]
        + [{"id": "expired/" + name, "claims": claims, "now": NOW - 1000, "ttl": TTL}
           for name, claims in CLAIM_SETS.items()],
        "callbacks": [{"id": "callback", "body": CALLBACK_BODY, "now": NOW}],
    })

    # jsonwebtoken, given the same claims and time, writes the very same bytes as we do
    for name, claims in CLAIM_SETS.items():
        ours = onlyoffice_jwt.sign(claims, SECRET, now=NOW, ttl=TTL)
        check(f"jsonwebtoken's token for {name} is byte-identical to the bindings'", node["sign"][name] == ours,
              f"{node['sign'][name]} vs {ours}")

    tokens = []  # (label, token, expected claims or error name)
    for name, claims in CLAIM_SETS.items():
        tokens.append((f"PyJWT token {name}", pyjwt_sign(claims), with_times(claims)))
        tokens.append((f"jsonwebtoken token {name}", node["sign"][name], with_times(claims)))
    for name, claims in CLAIM_SETS.items():
        tokens.append((f"PyJWT token {name} under another secret", pyjwt_sign(claims, secret=OTHER_SECRET),
                       "bad_signature"))
        tokens.append((f"jsonwebtoken token {name} under another secret", node["sign"]["wrong/" + name],
                       "bad_signature"))
        tokens.append((f"expired jsonwebtoken token {name}", node["sign"]["expired/" + name], "expired"))
        tokens.append((f"expired PyJWT token {name}", pyjwt_sign(claims, now=NOW - 1000), "expired"))

    # DS-style callbacks: body token and "Bearer " header over {"payload": body}, exp = iat + 300.
    py_callback = {
        "body": {**CALLBACK_BODY, "token": pyjwt_sign(CALLBACK_BODY)},
        "authorization": "Bearer " + pyjwt_sign({"payload": CALLBACK_BODY}),
    }
    callbacks = {"jsonwebtoken": node["callbacks"]["callback"], "PyJWT": py_callback}
    cb_cases = []  # (label, raw body, authorization, expected claims)
    for source, cb in callbacks.items():
        body_token = cb["body"]["token"]
        header_token = cb["authorization"][len("Bearer "):]
        tokens.append((f"{source} callback body token", body_token, with_times(CALLBACK_BODY)))
        tokens.append((f"{source} callback header token", header_token, with_times({"payload": CALLBACK_BODY})))
        bare = json.dumps(CALLBACK_BODY, ensure_ascii=False)
        # body token wins when present (its claims include iat/exp); the header's payload otherwise
        cb_cases.append((f"{source} callback, body token only", json.dumps(cb["body"], ensure_ascii=False), None,
                         with_times(CALLBACK_BODY)))
        cb_cases.append((f"{source} callback, body token and header", json.dumps(cb["body"]),
                         cb["authorization"], with_times(CALLBACK_BODY)))
        cb_cases.append((f"{source} callback, header only", bare, cb["authorization"], CALLBACK_BODY))
    wrong_cb = {"body": {**CALLBACK_BODY, "token": pyjwt_sign(CALLBACK_BODY, secret=OTHER_SECRET)}}
    cb_cases.append(("PyJWT callback under another secret", json.dumps(wrong_cb["body"]), None, "bad_signature"))

    calls = {b: [] for b in BINDINGS}
    for i, (_, token, _) in enumerate(tokens):
        for b in BINDINGS:
            calls[b].append({"id": f"t{i}", "op": "verify", "arg": token})
    for i, (_, raw, authorization, _) in enumerate(cb_cases):
        opts = {"authorization": authorization} if authorization else {}
        for b in LIBRARY_BINDINGS:
            calls[b].append({"id": f"cb{i}", "op": "verify_callback", "arg": raw, "options": opts})
    results = run_all(calls)

    for i, (label, _, expected) in enumerate(tokens):
        for b in BINDINGS:
            result = results[b][f"t{i}"]
            if isinstance(expected, str):
                expect_error(f"{b} verify refuses {label} ({expected})", result, expected)
            else:
                expect_claims_in(b, f"{b} verify accepts {label}", result, expected)
    for i, (label, _, _, expected) in enumerate(cb_cases):
        for b in LIBRARY_BINDINGS:
            result = results[b][f"cb{i}"]
            if isinstance(expected, str):
                expect_error(f"{b} verify_callback refuses {label} ({expected})", result, expected)
            else:
                expect_claims_in(b, f"{b} verify_callback accepts {label}", result, expected)


def main():
    print(f"# PyJWT {jwt.__version__}, onlyoffice_jwt (Python) from {onlyoffice_jwt.__file__}")
    print(f"# C library {C_LIB}, CLI {CLI}, PHP ini dir {PHP_INI_DIR}")
    try:
        part_one()
        part_two()
    except Exception as e:  # a harness failure is a failure, never a pass
        check(f"harness ran to the end ({type(e).__name__})", False, str(e))
    finally:
        if _clib is not None:
            _clib.close()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
