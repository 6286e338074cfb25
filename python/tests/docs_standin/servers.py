"""The file server and the Document Server as HTTP servers on 127.0.0.1 (a thread each).

- :class:`FileServer` — Seafile's file server as Seahub reaches it (INNER_FILE_SERVER_ROOT):
  ``POST /update-api/<token>`` takes a multipart form (``file``, ``target_file``) and
  stores a new version of ``target_file`` when the token (from the ``seaserv``
  stand-in) grants "update" of that library; ``GET /files/<token>/<name>`` serves the
  object a "view" token names. ``fail_uploads`` makes update-api answer 500.
- :class:`DocumentServer` — ``GET /cache/files/...`` serves what :meth:`publish` put
  there, ``GET /healthcheck`` answers ``true`` (with the HTTP Date the doctor reads),
  ``POST /ConvertService.ashx`` checks the body token and the header token of a
  conversion request with PyJWT (as the Document Server, independent of onlyoffice_jwt)
  and answers with the converted file's URL on its public address.

Both record the requests they received.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

import jwt

from seaserv import Upload, seafile_api


class Received(NamedTuple):
    method: str
    path: str
    headers: dict
    body: bytes


class _Server:
    """A ThreadingHTTPServer whose handler calls ``self.handle``."""

    def __init__(self) -> None:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                received = Received(self.command, self.path, dict(self.headers.items()), body)
                server.received.append(received)
                status, content_type, payload, *extra = server.handle(received)
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                for name, value in (extra[0] if extra else {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)

            do_GET = do_POST = do_HEAD = _serve

        self.received: list[Received] = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def handle(self, received: Received) -> tuple:
        """(status, content type, body) or (status, content type, body, headers)."""
        raise NotImplementedError


def form_parts(received: Received) -> dict:
    """The parts of a multipart/form-data body: name -> (filename or None, bytes)."""
    head = f"Content-Type: {received.headers.get('Content-Type', '')}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + received.body)
    parts = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        parts[name] = (part.get_filename(), part.get_payload(decode=True))
    return parts


class FileServer(_Server):
    def __init__(self) -> None:
        super().__init__()
        self.fail_uploads = False

    def handle(self, received: Received) -> tuple[int, str, bytes]:
        path = urlsplit(received.path).path
        op, _, rest = path.lstrip("/").partition("/")
        token = rest.split("/")[0]
        grant = seafile_api.tokens.get(token)
        if received.method == "POST" and op == "update-api":
            if grant is None or grant.op != "update":
                return 403, "text/plain", b"Access token not found"
            if self.fail_uploads:
                return 500, "text/plain", b"Internal error"
            parts = form_parts(received)
            filename, content = parts["file"]
            target = parts["target_file"][1].decode()
            upload = Upload(content, filename, grant.username)
            seafile_api.versions.setdefault((grant.repo_id, target), []).append(upload)
            return 200, "text/plain", b"0" * 40
        if received.method == "GET" and op == "files":
            if grant is None or grant.op != "view":
                return 403, "text/plain", b"Access token not found"
            return 200, "application/octet-stream", seafile_api.objects[(grant.repo_id, grant.obj_id)]
        return 404, "text/plain", b"Not found"


class DocumentServer(_Server):
    def __init__(self, public_url: str) -> None:
        super().__init__()
        self.public_url = public_url  # the address users and Seahub's settings know
        self.secret = ""
        self.header = "Authorization"
        self.files: dict[str, bytes] = {}
        self.redirects: dict[str, str] = {}  # path -> Location (answered with 302)

    def publish(self, path: str, content: bytes) -> str:
        """Serves ``content`` at ``path`` (under /cache/files/); its public URL."""
        self.files[path] = content
        return self.public_url.rstrip("/") + path

    def handle(self, received: Received) -> tuple:
        path = unquote(urlsplit(received.path).path)
        if received.method in ("GET", "HEAD") and path == "/healthcheck":
            return 200, "text/plain", b"true"
        if received.method == "GET" and path in self.redirects:
            return 302, "text/plain", b"Found", {"Location": self.redirects[path]}
        if received.method == "GET" and path in self.files:
            return 200, "application/octet-stream", self.files[path]
        if received.method == "POST" and path == "/ConvertService.ashx":
            return 200, "application/json", json.dumps(self.convert(received)).encode()
        return 404, "text/plain", b"Not found"

    def convert(self, received: Received) -> dict:
        """The ConvertService: error -8 unless both tokens are the DS's; else done."""
        body = json.loads(received.body)
        headers = {name.lower(): value for name, value in received.headers.items()}
        authorization = headers.get(self.header.lower(), "")
        try:
            signed = jwt.decode(body["token"], self.secret, algorithms=["HS256"])
            header = jwt.decode(authorization[len("Bearer "):], self.secret, algorithms=["HS256"])
        except (KeyError, jwt.PyJWTError):
            return {"error": -8}
        if not authorization.startswith("Bearer ") or header["payload"]["key"] != signed["key"]:
            return {"error": -8}
        url = self.publish(f"/cache/files/conv_{signed['key']}/output.{signed['outputtype']}",
                           b"converted: " + signed["title"].encode())
        return {"endConvert": True, "fileUrl": url, "percent": 100}
