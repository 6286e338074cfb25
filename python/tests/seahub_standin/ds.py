"""The Document Server's side: what it sends to Seahub, signed as it signs it (PyJWT,
HS256, independent of onlyoffice_jwt).

A callback is signed twice with the same secret: the body token is the body plus
``iat`` and ``exp`` (``iat + 300``); the header is ``Bearer `` + a token of
``{"payload": body, "iat", "exp"}``. When that header token would be 7168 characters or
more, the Document Server drops ``changesurl`` and empties ``history`` in the header
token and in the plain body — never in the body token. When it downloads a URL from
Seahub, its header is ``Bearer `` + a token of ``{"payload": {"url": url}, "iat", "exp"}``.
"""

import secrets
import time
from typing import NamedTuple
from urllib.parse import urlencode, urljoin

import jwt

EXPIRES = 300
MAX_HEADER_TOKEN = 7168
USER = "78e1e841"


class Callback(NamedTuple):
    """A callback as the Document Server builds it."""

    plain: dict  # the plain body, without its token
    token: str  # the body token
    header_token: str  # the token after "Bearer " in the header
    trimmed: bool  # the header token and the plain body were trimmed


def sign(claims, secret, iat):
    """An HS256 token of the claims with iat and exp added."""
    return jwt.encode({**claims, "iat": iat, "exp": iat + EXPIRES}, secret, algorithm="HS256")


def callback(body, secret, *, ahead=0):
    """The callback of ``body``; ``ahead`` seconds stand for a Document Server clock ahead."""
    iat = int(time.time()) + ahead
    plain = body
    header_token = sign({"payload": body}, secret, iat)
    trimmed = len(header_token) >= MAX_HEADER_TOKEN
    if trimmed:
        plain = {name: value for name, value in body.items() if name != "changesurl"}
        plain["history"] = {}
        header_token = sign({"payload": plain}, secret, iat)
    return Callback(plain, sign(body, secret, iat), header_token, trimmed)


def download_authorization(url, secret):
    """The Authorization header of the Document Server's request for ``url``."""
    return "Bearer " + sign({"payload": {"url": url}}, secret, int(time.time()))


def cache_url(base, key, name):
    """A link into the Document Server's cache (its secure-link shape) under ``base``."""
    path = f"cache/files/data/{key}_{int(time.time())}/{name}/{name}"
    query = {"md5": secrets.token_urlsafe(16), "expires": int(time.time()) + 900, "filename": name}
    return urljoin(base, path) + "?" + urlencode(query)


def body(key, status, *, base=None, history=0):
    """The callback body of ``status`` for ``key``; for 2, 3, 6 and 7 a ``url`` on
    ``base`` (the Document Server's URL), and with ``history`` that many changes and a
    ``changesurl``."""
    callback_body = {
        "key": key,
        "status": status,
        "users": [USER],
        "actions": [{"type": 1 if status == 1 else 0, "userid": USER}],
    }
    if status in (2, 3, 6, 7):
        callback_body["url"] = cache_url(base, key, "output.docx")
        callback_body["filetype"] = "docx"
        callback_body["lastsave"] = "2026-01-01T00:00:00.000Z"
        if status in (6, 7):
            callback_body["forcesavetype"] = 1
        if history:
            change = {"created": "2026-01-01 00:00:00", "user": {"id": USER, "name": "Alice"}}
            callback_body["changesurl"] = cache_url(base, key, "changes.zip")
            callback_body["history"] = {"serverVersion": "9.0.0", "changes": [change] * history}
    return callback_body
