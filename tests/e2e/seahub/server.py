"""A Seahub-like ONLYOFFICE connector: the three endpoints a connector serves to the
Document Server, with every security step done by the onlyoffice_jwt module.
Run: python server.py (standard library HTTP server, threads).

  GET  /config?file=<id>&user=<id>  the signed editor config (sign_config, 3 days)
  GET  /download?file=<id>&oo_exp=&oo_sig=  the file, for the DS: the link must carry
       our signature (verify_link) and the request the DS's token (verify_incoming)
  POST /callback?file=<id>          a DS callback: verify_callback against the file's
       document key, then on status 2/6 check_download_url and fetch the new version
  POST /docbuilder                  a docbuilder request of ~200 KB to the DS
  POST /command?file=               a force-save command, with the JSON body's fields added
       (sign_request: the header token is left out when too large), the DS's answer

Answers are JSON: {"error":0} when accepted; a refusal is HTTP 403 with
{"error":1,"code":"<error name>"} (the DS treats anything but 200 + {"error":0} as a
failure, and a status code lets proxies and logs see it too).

Settings (environment): OO_PORT; OO_MASTER_SECRET — the connector's one secret: the DS
secrets and our subkeys are derived from it; OO_CONNECTOR_URL — our own address as the
DS reaches it; OO_DS_PUBLIC_URL, OO_DS_INTERNAL_URL — the DS as browsers see it and as
we reach it; OO_DATA_DIR — the files, <id>/v<n>.docx, one file per version.
"""

import json
import os
import re
import signal
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import onlyoffice_jwt

CONFIG_TTL = 3 * 24 * 3600
LINK_TTL = 900
DOWNLOAD_TIMEOUT = 10
MAX_FILE_SIZE = 64 << 20
# The DS puts no size limit on a callback (a long history passes 1 MiB): the endpoint's
# own bound is generous, and verify_callback sets none by default.
MAX_CALLBACK_SIZE = 64 << 20
FILE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")

SETTINGS = {
    name: os.environ.get(name, "")
    for name in ("OO_PORT", "OO_MASTER_SECRET", "OO_CONNECTOR_URL", "OO_DS_PUBLIC_URL", "OO_DS_INTERNAL_URL", "OO_DATA_DIR")
}
STORAGE_LOCK = threading.Lock()


class Refused(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


# No proxy from the environment, no redirects: the checked URL is the one fetched.
FETCHER = urllib.request.build_opener(urllib.request.ProxyHandler({}), NoRedirect)


def master():
    return SETTINGS["OO_MASTER_SECRET"]


def ds_secrets():
    return onlyoffice_jwt.derive_secrets(master())


def file_dir(file_id):
    directory = Path(SETTINGS["OO_DATA_DIR"], file_id)
    if not FILE_ID.fullmatch(file_id) or not directory.is_dir():
        raise Refused(404, "no such file")
    return directory


def latest_version(directory):
    return len(list(directory.glob("v*.docx")))


def session_version(directory):
    """The version the open editing session started from: the document key is derived
    from it, and it stays while force-saves add versions; a new session starts after a
    save (status 2) or a close (status 4)."""
    marker = directory / "session"
    return int(marker.read_text()) if marker.is_file() else latest_version(directory)


def document_key(file_id, directory):
    return onlyoffice_jwt.document_key(master(), file_id, session_version(directory))


def editor_config(file_id, user):
    with STORAGE_LOCK:
        directory = file_dir(file_id)
        marker = directory / "session"
        if not marker.is_file():
            marker.write_text(str(latest_version(directory)))
        key = document_key(file_id, directory)
    this = SETTINGS["OO_CONNECTOR_URL"].rstrip("/")
    config = {
        "documentType": "word",
        "document": {
            "fileType": "docx",
            "key": key,
            "title": f"{file_id}.docx",
            "url": onlyoffice_jwt.sign_link(f"{this}/download?file={file_id}", master(), ttl=LINK_TTL),
            "permissions": {"edit": True, "download": True},
        },
        "editorConfig": {
            "callbackUrl": f"{this}/callback?file={file_id}",
            "mode": "edit",
            "lang": "en",
            "user": {"id": user, "name": user},
        },
    }
    return {
        "documentServerUrl": SETTINGS["OO_DS_PUBLIC_URL"],
        "config": onlyoffice_jwt.sign_config(config, ds_secrets()["inbox"], ttl=CONFIG_TTL),
    }


def fetch(url):
    """Fetches a file from the Document Server: bounded in time and size, no redirects."""
    try:
        with FETCHER.open(url, timeout=DOWNLOAD_TIMEOUT) as response:
            content = response.read(MAX_FILE_SIZE + 1)
            status = response.status
    except (urllib.error.URLError, OSError) as e:
        raise Refused(502, f"download failed ({e.__class__.__name__})") from e
    if status != 200 or len(content) > MAX_FILE_SIZE:
        raise Refused(502, f"download failed (HTTP {status})")
    return content


def post_to_ds(path, body):
    """Signs a request body (sign_request, inbox secret), posts it to the DS's service
    at `path`; returns (signed, HTTP status, the DS's JSON answer)."""
    signed = onlyoffice_jwt.sign_request(body, ds_secrets()["inbox"])
    request = urllib.request.Request(
        SETTINGS["OO_DS_INTERNAL_URL"].rstrip("/") + path,
        data=json.dumps(signed["body"]).encode(),
        method="POST",
        headers={"Content-Type": "application/json", **signed["headers"]},
    )
    try:
        with FETCHER.open(request, timeout=DOWNLOAD_TIMEOUT) as response:
            return signed, response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return signed, e.code, None


def run_command(file_id, extra):
    """A force-save command for a file, with the extra fields the caller gives (as a
    connector that forwards request fields into the command body); the DS's reply."""
    body = {"c": "forcesave", "key": document_key(file_id, file_dir(file_id))}
    body.update({k: v for k, v in extra.items() if k not in body})
    _, status, answer = post_to_ds("/coauthoring/CommandService.ashx", body)
    return {"error": 0, "ds_status": status, "ds": answer}


def run_docbuilder():
    """Sends a docbuilder request with a large argument; returns the DS's reply."""
    body = {
        "async": False,
        "url": SETTINGS["OO_CONNECTOR_URL"].rstrip("/") + "/builder.docbuilder",
        "argument": {"text": "Lorem ipsum dolor sit amet. " * 7500},
    }
    signed, status, answer = post_to_ds("/docbuilder", body)
    return {
        "ds_status": status,
        "ds": answer,
        "header_omitted": signed["header_omitted"],
        "body_bytes": len(json.dumps(body, separators=(",", ":"))),
    }


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 30

    def reply(self, status, body, content_type="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def query(self):
        return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))

    def route(self, method):
        path = urllib.parse.urlsplit(self.path).path
        try:
            if method == "GET" and path == "/config":
                query = self.query()
                self.reply(200, editor_config(query.get("file", ""), query.get("user", "guest")))
            elif method == "GET" and path == "/download":
                self.serve_download()
            elif method == "POST" and path == "/docbuilder":
                self.reply(200, run_docbuilder())
            elif method == "POST" and path == "/command":
                length = int(self.headers.get("Content-Length") or 0)
                extra = json.loads(self.rfile.read(length) or b"{}")
                self.reply(200, run_command(self.query().get("file", ""), extra))
            elif method == "POST" and path == "/callback":
                self.handle_callback(self.query().get("file", ""))
            else:
                self.reply(404, {"error": 1, "message": "not found"})
        except onlyoffice_jwt.JwtError as e:
            self.log_message("refused %s %s: %s: %s", method, path, e.code, e)
            self.reply(403, {"error": 1, "code": e.code})
        except Refused as e:
            self.log_message("refused %s %s: %s", method, path, e)
            self.reply(e.status, {"error": 1, "message": str(e)})

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")

    def serve_download(self):
        url = SETTINGS["OO_CONNECTOR_URL"].rstrip("/") + self.path
        unsigned = onlyoffice_jwt.verify_link(url, master())
        onlyoffice_jwt.verify_incoming(self.headers.get("Authorization"), ds_secrets()["outbox"], url=url)
        file_id = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(unsigned).query)).get("file", "")
        with STORAGE_LOCK:
            directory = file_dir(file_id)
            content = (directory / f"v{latest_version(directory)}.docx").read_bytes()
        self.reply(200, content, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")

    def read_body(self):
        length = self.headers.get("Content-Length") or "0"
        if not re.fullmatch(r"[0-9]{1,9}", length) or int(length) > MAX_CALLBACK_SIZE:
            raise Refused(413, "no or too large Content-Length")
        return self.rfile.read(int(length))

    def handle_callback(self, file_id):
        body = self.read_body()
        with STORAGE_LOCK:
            directory = file_dir(file_id)
            callback = onlyoffice_jwt.verify_callback(
                body,
                ds_secrets()["outbox"],
                authorization=self.headers.get("Authorization"),
                expected_key=document_key(file_id, directory),
            )
            status = callback["status"]
            if status in (2, 6):
                source = onlyoffice_jwt.check_download_url(
                    callback.get("url", ""), SETTINGS["OO_DS_PUBLIC_URL"], ds_internal_url=SETTINGS["OO_DS_INTERNAL_URL"]
                )
                (directory / f"v{latest_version(directory) + 1}.docx").write_bytes(fetch(source))
            if status in (2, 4):
                (directory / "session").unlink(missing_ok=True)
        self.reply(200, {"error": 0})


def main():
    missing = [name for name, value in SETTINGS.items() if not value]
    if missing:
        sys.exit(f"not set: {', '.join(missing)}")
    server = ThreadingHTTPServer(("127.0.0.1", int(SETTINGS["OO_PORT"])), Handler)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    print(f"seahub ready {server.server_address[1]}", flush=True)
    with server:
        server.serve_forever()


if __name__ == "__main__":
    main()
