"""Expected values of the protocol tests, computed from docs/formats.md with
Python's standard library only (never with this crate). Run: python3 expected_values.py
"""
import base64
import hashlib
import hmac
import json
import os
import struct
import sys

# The canonical link path and query of docs/formats.md, from the stdlib model of the
# vector generators (also standard library only).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../tests/vectors/gen"))
from ooref import canonical_path, canonical_query  # noqa: E402

SECRET = b"OZUrNsPqPdQ1Og7YN8gKkgboxhQGTa3V"
NOW = 1767225600


def b64u(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def hkdf(master, label):
    prk = hmac.new(b"onlyoffice-jwt/v1", master, hashlib.sha256).digest()
    info = b"onlyoffice-jwt/v1/" + label.encode()
    return hmac.new(prk, info + b"\x01", hashlib.sha256).digest()


def jwt(claims, secret=SECRET):
    head = b64u(b'{"alg":"HS256","typ":"JWT"}')
    body = b64u(json.dumps(claims, separators=(",", ":"), ensure_ascii=False).encode())
    sig = hmac.new(secret, f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{b64u(sig)}"


for label in ["inbox", "outbox", "session", "links", "doc_keys"]:
    print(f"derive {label}: {b64u(hkdf(SECRET, label))}")


def doc_key(file_id, version):
    msg = b""
    for part in (file_id.encode(), version.encode()):
        msg += struct.pack(">Q", len(part)) + part
    return b64u(hmac.new(hkdf(SECRET, "doc_keys"), msg, hashlib.sha256).digest())[:32]


for file_id, version in [("file-42", "3"), ("file-42", "4"), ("file-43", "3"), ("ab", "c"), ("a", "bc")]:
    print(f"document_key {file_id!r} {version!r}: {doc_key(file_id, version)}")

config = json.load(open("../../../tests/data/editor_config.json"))
print("sign_config ttl 300:", jwt({**config, "iat": NOW, "exp": NOW + 300}))
print("sign_config no ttl:", jwt(config))

body = {"c": "info", "key": "Khirz6zTPdfd7"}
print("sign_request body:", jwt({**body, "iat": NOW, "exp": NOW + 300}))
print("sign_request header:", jwt({"payload": body, "iat": NOW, "exp": NOW + 300}))
print("sign_request no ttl header:", jwt({"payload": body, "iat": NOW}))


def link_message(scheme, host, port, path, query):
    return f"{scheme}\n{host}\n{port}\n".encode() + canonical_path(path) + b"\n" + canonical_query(query)


def link(scheme, host, port, path, query):
    query = (query + "&" if query else "") + f"oo_exp={NOW + 900}"
    msg = link_message(scheme, host, port, path, query)
    sig = b64u(hmac.new(hkdf(SECRET, "links"), msg, hashlib.sha256).digest())
    return f"{query}&oo_sig={sig}"


print("sign_link query:", link("https", "cloud.example", 443, "/apps/onlyoffice/download", "doc=abc&v=2"))
print("sign_link no query:", link("http", "cloud.example", 8080, "/dl", ""))
print("sign_link encoded:", link("https", "cloud.example", 443, "/files/a%7eb%20c.docx", "name=a%20b%7e&x=%c3%a9"))


def forged_link(query):
    """A link over `query` as is, signed with the links subkey (for the oo_exp rules)."""
    msg = link_message("https", "cloud.example", 443, "/dl", query)
    sig = b64u(hmac.new(hkdf(SECRET, "links"), msg, hashlib.sha256).digest())
    return f"https://cloud.example/dl?{query}&oo_sig={sig}"


for query in ["a=1", "oo_exp=12x", "oo_exp=1767226500&oo_exp=1767226500", "oo_exp=", "oo_exp=+1767226500"]:
    print(f"signed link over {query!r}: {forged_link(query)}")
