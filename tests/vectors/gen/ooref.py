"""Independent reference model of docs/formats.md, Python standard library only.

This module is NOT the project's implementation and must never import it.  It
is written straight from docs/formats.md (hmac, hashlib, base64, json) so that
the known-answer vectors it produces can catch mistakes in the Rust core and
in every binding.  It is shared by gen/stdlib_gen.py and
tests/attacks/gen_attacks.py.

Every operation raises `Err(code)` with the error name of api.md, or returns
the value the vector files record under "expect": {"ok": ...}.
"""

import base64
import hashlib
import hmac
import json
import math
import os
import re

MIB = 1024 * 1024


class Err(Exception):
    def __init__(self, code, why=""):
        super().__init__(f"{code}: {why}")
        self.code = code


# ---------------------------------------------------------------------------
# base64url


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


_B64U_RE = re.compile(r"[A-Za-z0-9_-]*")


def b64u_decode_strict(seg: str) -> bytes:
    """Canonical unpadded base64url, or Err(malformed)."""
    if not _B64U_RE.fullmatch(seg):
        raise Err("malformed", "segment alphabet")
    if len(seg) % 4 == 1:
        raise Err("malformed", "segment length")
    raw = base64.urlsafe_b64decode(seg + "=" * (-len(seg) % 4))
    if b64u(raw) != seg:  # non-zero unused bits in the last character
        raise Err("malformed", "non-canonical base64url")
    return raw


# ---------------------------------------------------------------------------
# JSON: strict parse (duplicates, NaN/Infinity, out-of-range numbers, lone
# surrogates, invalid UTF-8 are all errors) and serde_json-compatible output.


def dumps_compact(value) -> bytes:
    # ensure_ascii=False + separators: Python escapes exactly '"', '\\' and
    # U+0000..U+001F (as \b \f \n \r \t or \u00xx, lower-case hex), writes
    # everything else raw - the serde_json rules of formats.md.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _no_dups(pairs):
    obj = {}
    for k, v in pairs:
        if k in obj:
            raise Err("malformed", "duplicate member")
        obj[k] = v
    return obj


def _reject_constant(name):
    raise Err("malformed", "not JSON: " + name)


def _finite_float(text):
    v = float(text)
    if math.isinf(v):
        raise Err("malformed", "number out of range")
    return v


def _depth_and_surrogates(value):
    """Nesting depth (a scalar is 0, [] or {} is 1) and lone-surrogate check."""
    if isinstance(value, str):
        if any(0xD800 <= ord(c) <= 0xDFFF for c in value):
            raise Err("malformed", "lone surrogate")
        return 0
    if isinstance(value, dict):
        d = 0
        for k, v in value.items():
            _depth_and_surrogates(k)
            d = max(d, _depth_and_surrogates(v))
        return d + 1
    if isinstance(value, list):
        d = 0
        for v in value:
            d = max(d, _depth_and_surrogates(v))
        return d + 1
    return 0


def loads_strict(data: bytes, max_depth=None):
    try:
        text = data.decode("utf-8")  # strict: overlongs, surrogates, bad bytes
    except UnicodeDecodeError:
        raise Err("malformed", "invalid UTF-8")
    try:
        value = json.loads(
            text,
            object_pairs_hook=_no_dups,
            parse_constant=_reject_constant,
            parse_float=_finite_float,
        )
        depth = _depth_and_surrogates(value)
    except RecursionError:
        raise Err("malformed", "nesting too deep")
    except ValueError:
        raise Err("malformed", "not JSON")
    if max_depth is not None and depth > max_depth:
        raise Err("malformed", "nesting too deep")
    return value


# ---------------------------------------------------------------------------
# secrets


def secret_bytes(s) -> bytes:
    if isinstance(s, bytes):
        return s
    if isinstance(s, dict):  # {"base64url": "..."} = raw bytes, see README
        return base64.urlsafe_b64decode(s["base64url"] + "=" * (-len(s["base64url"]) % 4))
    return s.encode("utf-8")


def guesses_log10(secret: bytes) -> float:
    """The zxcvbn estimate (the Python port, pinned in requirements.txt) as the core
    takes it: UTF-8 text as its characters within the first 128 bytes, other bytes as
    one Latin-1 character each; capped at 2^64 guesses, as the Rust port caps it."""
    import zxcvbn  # third-party, an implementation independent of the core's

    try:
        text, out = secret.decode("utf-8"), ""
        for ch in text:
            if len((out + ch).encode("utf-8")) > 128:
                break
            out += ch
    except UnicodeDecodeError:
        out = secret[:128].decode("latin-1")
    return min(zxcvbn.zxcvbn(out, max_length=128)["guesses_log10"], 64 * math.log10(2))


def keyring(secret, allow_weak=False):
    items = secret if isinstance(secret, list) else [secret]
    keys = [secret_bytes(s) for s in items]
    if not keys:
        raise Err("weak_secret", "no secret")
    for k in keys:
        if len(k) == 0:
            raise Err("weak_secret", "empty")
        if not allow_weak and (k == b"secret" or len(k) < 32):
            raise Err("weak_secret", "short")
        # docs/security.md: zxcvbn must estimate at least 10^18 guesses
        if not allow_weak and guesses_log10(k) < 18:
            raise Err("weak_secret", "guessable")
    return keys


# ---------------------------------------------------------------------------
# JWT

HASHES = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}
DEFAULT_ALGS = ["HS256", "HS384", "HS512"]


def mac(alg, key: bytes, msg: bytes) -> bytes:
    return hmac.new(key, msg, HASHES[alg]).digest()


def raw_token(header: bytes, payload: bytes, key: bytes, alg="HS256") -> str:
    """A token over arbitrary header/payload bytes, signed with `alg`."""
    signing_input = b64u(header) + "." + b64u(payload)
    return signing_input + "." + b64u(mac(alg, key, signing_input.encode("ascii")))


def sign(claims, secret, alg="HS256", ttl=None, iat=True, now=None, allow_weak=False):
    keys = keyring(secret, allow_weak)
    if not isinstance(claims, dict):
        raise Err("invalid_input", "claims must be an object")
    if alg not in HASHES:
        raise Err("alg_not_allowed", "alg")
    if ttl == 0:
        raise Err("invalid_input", "ttl 0")
    c = dict(claims)  # dict assignment keeps an existing member's position
    if iat:
        c["iat"] = now
    if ttl is not None:
        c["exp"] = now + ttl
    header = ('{"alg":"%s","typ":"JWT"}' % alg).encode("ascii")
    return raw_token(header, dumps_compact(c), keys[0], alg)


def _is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def verify(token, secret, algorithms=None, leeway=60, require=(), max_size=MIB,
           now=None, allow_weak=False, verify_iat=True, time_rules="precise"):
    keys = keyring(secret, allow_weak)
    if not isinstance(verify_iat, bool):
        raise Err("invalid_input", "verify_iat")
    if time_rules not in ("precise", "pyjwt", "firebase"):
        raise Err("invalid_input", "time_rules")
    algorithms = DEFAULT_ALGS if algorithms is None else algorithms
    # 1
    if len(token.encode("utf-8")) > max_size:
        raise Err("too_large")
    # 2
    segs = token.split(".")
    if len(segs) != 3:
        raise Err("malformed", "segments")
    raw = [b64u_decode_strict(s) for s in segs]
    # 3
    header = loads_strict(raw[0])
    if not isinstance(header, dict):
        raise Err("malformed", "header not an object")
    alg = header.get("alg")
    if not isinstance(alg, str) or alg not in algorithms or alg not in HASHES:
        raise Err("alg_not_allowed")
    if "typ" in header:
        typ = header["typ"]
        if not (isinstance(typ, str) and typ.isascii() and typ.lower() == "jwt"):
            raise Err("malformed", "typ")
    if any(member in header for member in ("crit", "b64", "zip", "enc")):
        raise Err("malformed", "crit/b64")
    # 4
    signing_input = (segs[0] + "." + segs[1]).encode("ascii")
    if not any(hmac.compare_digest(mac(alg, k, signing_input), raw[2]) for k in keys):
        raise Err("bad_signature")
    # 5
    claims = loads_strict(raw[1], max_depth=128)
    if not isinstance(claims, dict):
        raise Err("malformed", "payload not an object")
    # 6
    for name in ("exp", "nbf", "iat"):
        if name in claims:
            v = claims[name]
            if not _is_num(v) or not math.isfinite(v) or v < 0:
                raise Err("invalid_claim", name)
    # 7: the time claims by the rules named (formats.md, "Time rules")
    _check_times(claims, now, leeway, verify_iat, time_rules)
    # 8
    for name in require:
        if name not in claims:
            raise Err("missing_claim", name)
    return claims


def _check_times(claims, now, leeway, verify_iat, time_rules):
    nbf, iat, exp = (claims.get(name) for name in ("nbf", "iat", "exp"))
    if not verify_iat:
        iat = None
    if time_rules == "precise":
        # nbf, then iat, then exp, as jsonwebtoken checks them, each as it is
        if nbf is not None and nbf > now + leeway:
            raise Err("not_yet_valid")
        if iat is not None and iat > now + leeway:
            raise Err("not_yet_valid")
        if exp is not None and now >= exp + leeway:
            raise Err("expired")
    elif time_rules == "pyjwt":
        # PyJWT 2 (api_jwt._validate_claims): iat, nbf, exp, each int() of the claim
        for claim in (iat, nbf):
            if claim is not None and int(claim) > now + leeway:
                raise Err("not_yet_valid")
        if exp is not None and int(exp) <= now - leeway:
            raise Err("expired")
    else:
        # firebase/php-jwt 6 (JWT::decode): a whole-second clock; nbf, then iat only
        # without nbf, both floor()ed; then exp as it is
        timestamp = math.floor(now)
        if nbf is not None and math.floor(nbf) > timestamp + leeway:
            raise Err("not_yet_valid")
        if nbf is None and iat is not None and math.floor(iat) > timestamp + leeway:
            raise Err("not_yet_valid")
        if exp is not None and timestamp - leeway >= exp:
            raise Err("expired")


def decode_unverified(token):
    segs = token.split(".")
    if len(segs) != 3:
        raise Err("malformed")
    raw = [b64u_decode_strict(s) for s in segs]
    header = loads_strict(raw[0])
    claims = loads_strict(raw[1])
    if not isinstance(header, dict) or not isinstance(claims, dict):
        raise Err("malformed")
    return {"header": header, "claims": claims}


# ---------------------------------------------------------------------------
# HKDF-SHA256 (RFC 5869) and derived secrets

SALT = b"onlyoffice-jwt/v1"
LABELS = ["inbox", "outbox", "session", "links", "doc_keys"]


def hkdf_sha256(ikm: bytes, salt: bytes, info: bytes, length: int) -> bytes:
    prk = hmac.new(salt, ikm, hashlib.sha256).digest()
    okm, t, i = b"", b"", 1
    while len(okm) < length:
        t = hmac.new(prk, t + info + bytes([i]), hashlib.sha256).digest()
        okm += t
        i += 1
    return okm[:length]


def subkey(master: bytes, label: str) -> bytes:
    return hkdf_sha256(master, SALT, b"onlyoffice-jwt/v1/" + label.encode("ascii"), 32)


def derive_secrets(master, allow_weak=False):
    m = keyring(master, allow_weak)[0]
    return {label: b64u(subkey(m, label)) for label in LABELS}


# ---------------------------------------------------------------------------
# document keys


def document_key(secret, file_id, version):
    key = keyring(secret)[0]
    if isinstance(version, int) and not isinstance(version, bool):
        version = str(version)
    f, v = file_id.encode("utf-8"), version.encode("utf-8")
    if not (1 <= len(f) <= 1024) or not (1 <= len(v) <= 1024):
        raise Err("invalid_input")
    msg = len(f).to_bytes(8, "big") + f + len(v).to_bytes(8, "big") + v
    return b64u(hmac.new(subkey(key, "doc_keys"), msg, hashlib.sha256).digest())[:32]


# ---------------------------------------------------------------------------
# signed links.  Only for URLs that are already in WHATWG-serialized form
# (lower-case scheme and host, no default port, non-empty path, no fragment):
# the generator asserts that, so urllib.parse gives the same pieces as the
# Rust `url` crate would.

from urllib.parse import quote_from_bytes, unquote_to_bytes, urlsplit  # noqa: E402


def _link_parts(url):
    u = urlsplit(url)
    if u.scheme not in ("http", "https") or not u.netloc or "://" not in url:
        raise Err("invalid_input", "not an absolute http(s) URL")
    if "@" in u.netloc:
        raise Err("invalid_input", "user info")
    if u.fragment or "#" in url:
        raise Err("invalid_input", "fragment")
    assert u.path.startswith("/"), url
    assert u.hostname == u.netloc.split(":")[0], url
    assert u.netloc == u.netloc.lower(), url
    default = 80 if u.scheme == "http" else 443
    assert u.port != default, "default port must not be written: " + url
    port = u.port if u.port is not None else default
    return u, port


UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_HEX = b"0123456789abcdefABCDEF"


RESERVED = frozenset(b":/@[]!$&'()*+,;=")


def canonical_path(path: str) -> bytes:
    """docs/formats.md: a valid %XX of an unreserved byte is that byte; a literal
    unreserved or reserved (RFC 3986) byte stays; every other byte and %XX is %XX
    upper-case (%2F stays %2F, %3B stays %3B: RFC 3986 says they are not ';')."""
    out, raw, i = b"", path.encode("utf-8"), 0
    while i < len(raw):
        pair = raw[i + 1:i + 3]
        if raw[i:i + 1] == b"%" and len(pair) == 2 and all(c in _HEX for c in pair):
            byte, i = int(pair, 16), i + 3
            out += bytes([byte]) if byte in UNRESERVED else b"%%%02X" % byte
            continue
        byte, i = raw[i], i + 1
        out += bytes([byte]) if byte in UNRESERVED or byte in RESERVED else b"%%%02X" % byte
    return out


def form_decode(part: str) -> bytes:
    return unquote_to_bytes(part.replace("+", " "))


def canonical_query(query: str) -> bytes:
    """docs/formats.md: the non-empty pairs in order, name and value form-decoded
    ('+' is a space) and written with every byte but the unreserved ones as %XX."""
    pairs = []
    for pair in (p for p in query.split("&") if p):
        name, _, value = pair.partition("=")
        pairs.append(b"=".join(quote_from_bytes(form_decode(x), safe="").encode("ascii")
                               for x in (name, value)))
    return b"&".join(pairs)


def _link_message(u, port, query):
    return ("\n".join([u.scheme, u.hostname, str(port)]) + "\n").encode("utf-8") + \
        canonical_path(u.path) + b"\n" + canonical_query(query)


def _param_names(query):
    return [p.split("=", 1)[0] for p in query.split("&")] if query else []


def sign_link(url, secret, ttl=900, now=None):
    u, port = _link_parts(url)  # "before anything else"
    key = keyring(secret)[0]
    if {"oo_exp", "oo_sig"} & set(_param_names(u.query)):
        raise Err("invalid_input", "reserved parameter")
    if ttl == 0:
        raise Err("invalid_input", "ttl 0")
    base = url + ("&" if "?" in url else "?") + "oo_exp=%d" % (now + ttl)
    query = urlsplit(base).query
    sig = hmac.new(subkey(key, "links"), _link_message(u, port, query), hashlib.sha256).digest()
    return base + "&oo_sig=" + b64u(sig)


def link_sig_for(url_without_sig, key: bytes):
    """Signature a given URL (whose query is taken as is) would carry."""
    u, port = _link_parts(url_without_sig)
    return b64u(hmac.new(subkey(key, "links"), _link_message(u, port, u.query),
                         hashlib.sha256).digest())


def verify_link(url, secret, now=None):
    u, port = _link_parts(url)  # "before anything else"
    keys = keyring(secret)
    params = u.query.split("&") if "?" in url else []
    if not params or not params[-1].startswith("oo_sig="):
        raise Err("missing_token")
    sig = params[-1][len("oo_sig="):]
    signed_query = "&".join(params[:-1])
    msg = _link_message(u, port, signed_query)
    if not any(hmac.compare_digest(
            b64u(hmac.new(subkey(k, "links"), msg, hashlib.sha256).digest()).encode(),
            sig.encode()) for k in keys):
        raise Err("bad_signature")
    exps = [p for p in params[:-1] if form_decode(p.split("=", 1)[0]) == b"oo_exp"]
    if len(exps) != 1:
        raise Err("malformed", "oo_exp count")
    value = form_decode(exps[0].split("=", 1)[1] if "=" in exps[0] else "")
    if not re.fullmatch(rb"[0-9]+", value) or len(value) > 18:
        raise Err("malformed", "oo_exp value")
    if now >= int(value):
        raise Err("expired")
    rest = [p for p in params[:-1] if form_decode(p.split("=", 1)[0]) != b"oo_exp"]
    return url.split("?", 1)[0] + ("?" + "&".join(rest) if rest else "")


# ---------------------------------------------------------------------------
# editor config and requests to the DS

_KEY_RE = re.compile(r"[0-9A-Za-z._=-]{1,128}")


MAX_SAFE_INTEGER = 2 ** 53 - 1


def _js_check(value):
    """docs/formats.md, "What the Document Server reads": no integer beyond
    +-(2^53 - 1) and no member named __proto__, at any depth."""
    if isinstance(value, bool):
        return
    if isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            raise Err("invalid_input", "unsafe integer")
    elif isinstance(value, list):
        for item in value:
            _js_check(item)
    elif isinstance(value, dict):
        for name, item in value.items():
            if name == "__proto__":
                raise Err("invalid_input", "__proto__")
            _js_check(item)


def _reparsed(text):
    """JSON text the DS parses again must read as written: strictly parsed, then
    _js_check; text the lenient parser reads but the strict one refuses (a duplicate)
    is refused; text that is not JSON is left to the DS."""
    try:
        value = loads_strict(text.encode("utf-8"))
    except Err:
        try:
            json.loads(text)
        except ValueError:
            return
        raise Err("invalid_input", "re-parsed JSON text")
    _js_check(value)


def sign_config(config, secret, alg="HS256", ttl=None, now=None):
    keyring(secret)
    if not isinstance(config, dict):
        raise Err("invalid_input", "config")
    doc = config.get("document")
    if not isinstance(doc, dict):
        raise Err("invalid_input", "document")
    key = doc.get("key")
    if not isinstance(key, str) or not _KEY_RE.fullmatch(key):
        raise Err("invalid_input", "document.key")
    url = doc.get("url")
    if not isinstance(url, str) or url == "":
        raise Err("invalid_input", "document.url")
    for bad in ("url", "payload", "key"):
        if bad in config:
            raise Err("invalid_input", bad)
    # the DS's other paths: a truthy fileInfo (WOPI) or version (version history)
    for other in ("fileInfo", "version"):
        if _truthy(config.get(other)):
            raise Err("invalid_config", other)
    _js_check(config)
    c = {k: v for k, v in config.items() if k != "token"}
    token = sign(c, secret, alg=alg, iat=ttl is not None, ttl=ttl, now=now)
    return {**c, "token": token}


def _truthy(value):
    """JavaScript truthiness of a JSON value (containers are always truthy)."""
    if isinstance(value, (dict, list)):
        return True
    return bool(value)


_HTTP_TOKEN = re.compile(r"[A-Za-z0-9!#$%&'*+.^_`|~-]+")
_PRINTABLE = re.compile(r"[\x20-\x7e]*")


def sign_request(body, secret, alg="HS256", header="Authorization", prefix="Bearer ", ttl=300, now=None):
    keyring(secret)
    if not isinstance(body, dict):
        raise Err("invalid_input", "body")
    if not _HTTP_TOKEN.fullmatch(header) or not _PRINTABLE.fullmatch(prefix):
        raise Err("invalid_input", "header/prefix")
    if "key" in body and not (isinstance(body["key"], str) and _KEY_RE.fullmatch(body["key"])):
        raise Err("invalid_input", "key")  # the DS answers -7
    b = {k: v for k, v in body.items() if k != "token"}
    # the DS merges a signed payload or query over the request (getRequestParams)
    if "payload" in b or "query" in b:
        raise Err("invalid_input", "payload/query")
    for member in ("users", "thumbnail", "documentRenderer"):
        if isinstance(b.get(member), str):
            _reparsed(b[member])
    _js_check(b)
    body_token = sign(b, secret, alg=alg, iat=True, ttl=ttl, now=now)
    header_token = sign({"payload": b}, secret, alg=alg, iat=True, ttl=ttl, now=now)
    # the DS's own rule for header tokens: authorization.length < 7168
    omitted = len(header_token) >= 7168
    headers = {} if omitted else {header: prefix + header_token}
    return {"body": {**b, "token": body_token}, "headers": headers, "header_omitted": omitted}


# ---------------------------------------------------------------------------
# callbacks and requests from the DS

STATUSES = {1, 2, 3, 4, 5, 6, 7}


def _unwrap(claims):
    if "payload" in claims:
        if not isinstance(claims["payload"], dict):
            raise Err("invalid_claim", "payload")
        return claims["payload"]
    return claims


def _header_token(authorization, prefix):
    if authorization is None or authorization == "":
        raise Err("missing_token")
    if not authorization.startswith(prefix):
        raise Err("malformed", "prefix")
    return authorization[len(prefix):]


def verify_callback(body, secret, authorization=None, prefix="Bearer ", leeway=60,
                    expected_key=None, now=None, allow_weak=False, max_size=None, algorithms=None):
    keyring(secret, allow_weak)
    if algorithms is not None and not algorithms:
        raise Err("invalid_input", "algorithms")
    data = body.encode("utf-8") if isinstance(body, str) else body
    if max_size is not None and len(data) > max_size:
        raise Err("too_large")
    token_max = float("inf") if max_size is None else max_size
    obj = loads_strict(data)
    if not isinstance(obj, dict):
        raise Err("malformed", "body")
    if "token" in obj:
        if not isinstance(obj["token"], str):
            raise Err("malformed", "token")
        claims = verify(obj["token"], secret, algorithms=algorithms, leeway=leeway, now=now,
                        allow_weak=allow_weak, verify_iat=False, max_size=token_max)
    else:
        claims = verify(_header_token(authorization, prefix), secret, algorithms=algorithms,
                        leeway=leeway, now=now, allow_weak=allow_weak, verify_iat=False,
                        max_size=token_max)
    claims = _unwrap(claims)
    if "key" not in claims:
        raise Err("missing_claim", "key")
    if not isinstance(claims["key"], str):
        raise Err("invalid_claim", "key")
    if "status" not in claims:
        raise Err("missing_claim", "status")
    st = claims["status"]
    if not (isinstance(st, int) and not isinstance(st, bool) and st in STATUSES):
        raise Err("invalid_claim", "status")
    for name in ("url", "changesurl", "filetype", "formsdataurl", "lastsave"):
        if claims.get(name) is not None and not isinstance(claims[name], str):
            raise Err("invalid_claim", name)
    for name in ("notmodified", "encrypted"):
        if claims.get(name) is not None and not isinstance(claims[name], bool):
            raise Err("invalid_claim", name)
    if claims.get("mailMerge") is not None and not isinstance(claims["mailMerge"], dict):
        raise Err("invalid_claim", "mailMerge")
    users = claims.get("users")
    if users is not None and not (isinstance(users, list) and all(isinstance(x, str) for x in users)):
        raise Err("invalid_claim", "users")
    fst = claims.get("forcesavetype")
    if fst is not None and not (isinstance(fst, int) and not isinstance(fst, bool)):
        raise Err("invalid_claim", "forcesavetype")
    if expected_key is not None and expected_key != claims["key"]:
        raise Err("key_mismatch")
    return claims


def verify_incoming(authorization, secret, url=None, url_equal=None, prefix="Bearer ",
                    leeway=60, now=None, algorithms=None):
    """`url_equal` is the hand-reasoned WHATWG comparison of the generator's
    case (True/False): this model does not implement the WHATWG parser.
    An absolute `url` option is recognised by its "scheme://host" start."""
    if url is not None and not re.match(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#]", url):
        raise Err("invalid_input", "url option")
    keyring(secret)
    if algorithms is not None and not algorithms:
        raise Err("invalid_input", "algorithms")
    claims = _unwrap(verify(_header_token(authorization, prefix), secret, algorithms=algorithms,
                            leeway=leeway, now=now, verify_iat=False))
    if url is not None:
        if "url" not in claims:
            raise Err("missing_claim", "url")
        if url_equal is None:
            url_equal = claims["url"] == url
        if not url_equal:
            raise Err("invalid_claim", "url")
    return claims


def run(fn, *a, **kw):
    """{"ok": value} or {"error": code}."""
    try:
        return {"ok": fn(*a, **kw)}
    except Err as e:
        return {"error": e.code}


# ---------------------------------------------------------------------------
# writing vector files


def write_vectors(path, generator, cases, operation=None):
    names = [c["name"] for c in cases]
    dup = {n for n in names if names.count(n) > 1}
    assert not dup, f"duplicate case names in {path}: {sorted(dup)}"
    for c in cases:
        assert ("ok" in c["expect"]) != ("error" in c["expect"]), c["name"]
        assert (operation is None) == ("operation" in c), c["name"]
    doc = {}
    if operation is not None:
        doc["operation"] = operation
    doc["generator"] = generator
    doc["cases"] = cases
    text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return len(cases)
