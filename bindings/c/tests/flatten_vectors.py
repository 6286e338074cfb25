"""Flattens the shared vectors and attacks (tests/vectors/*.json, tests/attacks/*.json)
into a line file for the C test.

The C ABI takes JSON text and bytes, so every argument is written as the exact bytes
the C test passes, hex-encoded (no escaping questions), one case per line:

    id  op  secrets  allow_weak  arg1  arg2  options  kind  expected

separated by tabs; `-` marks an absent value (a NULL pointer for the C call).
- secrets: the keyring's secrets as comma-separated hex, the first one signing;
- arg1, arg2: the operation's arguments in the order of the C function;
- options: the options object as compact JSON text (absent: NULL options);
- kind `text`: a string result (token, URL, key), expected = the string itself,
  compared byte for byte;
- kind `json`: any other result, expected = compact JSON text in the vector's member
  order (json.dumps with ensure_ascii=False and no spaces, the escapes serde_json
  writes). The C test compares the text; when it differs (member order, `1e+300`
  written `1e300`), the C test records the case and compare_json.py compares the two
  as JSON values, as tests/vectors/README.md asks;
- kind `error`: expected = the error name.

Each operation's layout (which argument is the keyring's secret, which are arg1 and
arg2, and how each is written: `json`, `text` or `bytes`) is the table of operations,
written by `make c-vectors` to target/c/vector_layout.json (the first argument).

Cases the C ABI cannot express (an empty list of secrets, a list as a master secret)
are written with kind `skip` so that the C test reports them. Standard library only.
"""

import base64
import glob
import json
import os
import sys

class Unrepresentable(Exception):
    """A case whose arguments the C ABI cannot express."""


def compact(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def secret_bytes(value):
    if isinstance(value, dict) and set(value) == {"base64url"}:
        text = value["base64url"]
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if isinstance(value, str):
        return value.encode("utf-8")
    raise Unrepresentable(f"secret of type {type(value).__name__}")


def hexed(data):
    return data.hex() if data else ""


def encode(value, how):
    if value is None:
        return "-"
    if how == "json":
        return hexed(compact(value).encode("utf-8"))
    if how == "bytes":
        return hexed(secret_bytes(value))
    if not isinstance(value, str):
        raise Unrepresentable(f"text argument of type {type(value).__name__}")
    return hexed(value.encode("utf-8"))


def flatten(case, operation, layouts):
    layout = layouts[operation]
    secret_arg = layout["secret"]
    layout = layout["args"]
    args = case["args"]
    options = args.get("options")
    fields = [operation]
    if secret_arg is None:
        fields += ["-", "0"]
    else:
        secrets = args[secret_arg]
        secrets = secrets if isinstance(secrets, list) else [secrets]
        if not secrets:
            raise Unrepresentable("an empty list of secrets")
        allow_weak = bool((options or {}).get("allow_weak"))
        fields += [",".join(hexed(secret_bytes(s)) for s in secrets), "1" if allow_weak else "0"]
    args = dict(args)
    repeat = case.get("token_repeat")
    if repeat is not None:
        prefix = repeat["prefix"]
        args["token"] = prefix + repeat["char"] * (repeat["total_length"] - len(prefix))
    encoded = [encode(args.get(name), how) for name, how in layout]
    fields += (encoded + ["-"])[:2]
    fields.append("-" if options is None else hexed(compact(options).encode("utf-8")))
    expect = case["expect"]
    if "error" in expect:
        fields += ["error", hexed(expect["error"].encode("utf-8"))]
    else:
        ok = expect["ok"]
        if isinstance(ok, str):
            fields += ["text", hexed(ok.encode("utf-8"))]
        else:
            fields += ["json", hexed(compact(ok).encode("utf-8"))]
    return fields


def main(layout_path, out_path, directories):
    with open(layout_path, encoding="utf-8") as handle:
        layouts = json.load(handle)
    lines = []
    paths = [p for d in directories for p in sorted(glob.glob(os.path.join(d, "*.json")))]
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        stem = os.path.relpath(os.path.splitext(path)[0], os.path.dirname(os.path.dirname(path)))
        for case in document["cases"]:
            operation = case.get("operation", document.get("operation"))
            ident = f"{stem}/{case['name']}".replace("\t", " ")
            try:
                fields = flatten(case, operation, layouts)
            except Unrepresentable as why:
                fields = [operation, "-", "0", "-", "-", "-", "skip", hexed(str(why).encode())]
            lines.append("\t".join([ident] + fields))
    with open(out_path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + ("\n" if lines else ""))
    print(f"flatten_vectors: {len(lines)} cases from {len(paths)} files -> {out_path}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
