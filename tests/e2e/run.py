"""The end-to-end demo and test: a Nextcloud-like PHP endpoint and a Seahub-like Python
endpoint, both built on onlyoffice-jwt, against a Document Server stand-in (Node,
jsonwebtoken) and an attacker.

1. Generates a master secret and derives the DS secrets with the CLI (keygen, derive).
2. Starts on 127.0.0.1, on free ports: the DS stand-in, `php -S` with the PHP endpoint,
   the Python endpoint, and a listener standing for another host (it records contacts).
3. For each endpoint: the DS opens the signed editor config and downloads the file,
   posts callbacks 1, 6 (force-save), 2 (save), then on the new key: opens with a
   fragment in document.url, 1 from a clock 120 s ahead, 5 (mail merge), a force-save
   over 1 MiB with a trimmed header, 4 (close); the connector sends a 200 KB docbuilder
   request to the DS (a stock Node server: HTTP 431 past ~16 KB of headers); the attacker sends an
   unsigned callback, a forged one, an expired one, one signed with the inbox secret,
   one whose url points to the other host, a recorded one replayed with changed unsigned
   fields, and download links without the DS token or with a tampered file id.
4. Checks that each endpoint saved exactly the legitimate versions (contents compared)
   and that the other host was never contacted; prints the table and `N passed, N failed`.

Every process it starts is stopped at the end, also on failure, Ctrl-C or SIGTERM; every
wait is bounded, and the whole run is limited to RUN_LIMIT seconds. Exit status 0 only
when every check passed. Secrets are never printed.

Usage: run.py --cli PATH --php PATH --python PATH --node PATH [--php-ini-scan-dir DIR]
"""

import argparse
import base64
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUN_LIMIT = 110
HTTP_TIMEOUT = 15
START_TIMEOUT = 20
STOP_TIMEOUT = 5
FILE_ID = "report"
SAVED = "saved versions = v1, v2, v3, v4 (contents)"
CONTACTED = "other host contacted"
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class RunTimeout(Exception):
    pass


def http(method, url, body=None, headers=None):
    """(status, body bytes) of one request; every request is bounded in time."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with OPENER.open(request, timeout=HTTP_TIMEOUT) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def post_json(url, value):
    status, body = http("POST", url, json.dumps(value).encode(), {"Content-Type": "application/json"})
    return status, json.loads(body)


def free_ports(count):
    """Distinct free TCP ports on 127.0.0.1 (all held open until every one is chosen)."""
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


class OtherHost:
    """A listener standing for a host the endpoints must never fetch from."""

    def __init__(self, port):
        self.contacts = []
        contacts = self.contacts

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                contacts.append(self.path)
                self.send_response(200)
                self.send_header("Content-Length", "4")
                self.end_headers()
                self.wfile.write(b"evil")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def contacted(self, prefix):
        return [path for path in self.contacts if path.startswith(prefix)]

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(STOP_TIMEOUT)


class Processes:
    """The servers this run started, each in its own process group, with its log."""

    def __init__(self, logs):
        self.logs = logs
        self.started = []

    def start(self, name, argv, env, port, cwd=HERE):
        log_path = self.logs / f"{name}.log"
        with open(log_path, "wb") as log:
            process = subprocess.Popen(
                argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.started.append((name, process, log_path))
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with status {process.returncode}:\n{self.tail(log_path)}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"{name} did not listen on port {port} within {START_TIMEOUT} s:\n{self.tail(log_path)}")

    @staticmethod
    def tail(path, lines=20):
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

    @staticmethod
    def send_signal(process, number):
        try:
            os.killpg(process.pid, number)
        except ProcessLookupError:
            pass

    def stop(self):
        for _, process, _ in self.started:
            self.send_signal(process, signal.SIGTERM)
        for _, process, _ in self.started:
            try:
                process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.send_signal(process, signal.SIGKILL)
                process.wait(STOP_TIMEOUT)

    def logs_text(self):
        return "\n".join(f"--- {name} log (last lines)\n{self.tail(path)}" for name, _, path in self.started)


@dataclass
class Outcome:
    accepted: bool
    code: str = ""
    problem: str = ""

    def __str__(self):
        text = "accepted" if self.accepted else f"refused: {self.code}"
        return f"{text} ({self.problem})" if self.problem else text


@dataclass
class Row:
    scenario: str
    expected: str
    cells: dict = field(default_factory=dict)

    def text(self, name):
        """The cell of one endpoint: its outcome, or for a final check, the finding."""
        if name not in self.cells:
            return "not run"
        outcome, ok = self.cells[name]
        if self.scenario in (SAVED, CONTACTED):
            return self.expected if ok else outcome.code
        return str(outcome)

    def passed(self, name):
        return name in self.cells and self.cells[name][1]


def endpoint_outcome(status, body):
    """How an endpoint answered: accepted is HTTP 200 with {"error":0}."""
    try:
        answer = json.loads(body)
    except ValueError:
        return Outcome(False, f"HTTP {status}, not JSON")
    if status == 200 and answer.get("error") == 0:
        return Outcome(True)
    return Outcome(False, answer.get("code") or answer.get("message") or f"HTTP {status}")


class Endpoint:
    def __init__(self, name, slug, url, data):
        self.name = name
        self.slug = slug
        self.url = url
        self.data = data
        self.versions = [f"{name} {FILE_ID} v1 {secrets.token_hex(8)}\n".encode()]
        (data / FILE_ID).mkdir(parents=True)
        (data / FILE_ID / "v1.docx").write_bytes(self.versions[0])

    def new_content(self, label):
        return f"{self.name} {FILE_ID} {label} {secrets.token_hex(8)}\n".encode()

    def saved(self):
        files = sorted((self.data / FILE_ID).glob("v*.docx"), key=lambda p: int(p.stem[1:]))
        return [p.read_bytes() for p in files]

    def mismatch(self):
        """How the saved versions differ from the legitimate ones ("" when they do not)."""
        saved = self.saved()
        if len(saved) != len(self.versions):
            return f"{len(saved)} versions saved, {len(self.versions)} expected"
        return "" if saved == self.versions else "saved contents differ"

    def editor_config(self):
        query = urllib.parse.urlencode({"file": FILE_ID, "user": "alice"})
        status, body = http("GET", f"{self.url}/config?{query}")
        if status != 200:
            raise RuntimeError(f"{self.name}: GET /config answered HTTP {status}: {body[:200]!r}")
        return json.loads(body)


class Demo:
    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.rows = {}
        self.verbose = args.verbose

    def check(self, scenario, expected, endpoint, outcome, ok):
        row = self.rows.setdefault(scenario, Row(scenario, expected))
        row.cells[endpoint.name] = (outcome, ok)
        if self.verbose:
            print(f"  {'PASS' if ok else 'FAIL'}  {endpoint.name:<16} {scenario}: {row.text(endpoint.name)}", flush=True)

    def expect(self, scenario, endpoint, outcome, code=None, extra=""):
        """A check that the endpoint accepted (code None) or refused with `code`."""
        expected = "accepted" if code is None else f"refused: {code}"
        if code is None:
            ok = outcome.accepted and not extra
        else:
            ok = not outcome.accepted and outcome.code == code and not extra
        if extra:
            outcome.problem = extra
        self.check(scenario, expected, endpoint, outcome, ok)

    def secrets_from_cli(self):
        """The master secret from `keygen`, the DS secrets from `derive` (secret on stdin)."""
        run = dict(capture_output=True, timeout=HTTP_TIMEOUT, check=True)
        master = subprocess.run([self.args.cli, "keygen"], **run).stdout.decode().strip()
        derived = subprocess.run(
            [self.args.cli, "derive", "--secret-stdin", "--json"], input=f"{master}\n".encode(), **run
        )
        return master, json.loads(derived.stdout)

    def run(self):
        master, derived = self.secrets_from_cli()
        if self.verbose:
            print("CLI: master secret generated (keygen), DS secrets inbox/outbox/session derived (derive);"
                  " the DS gets those, the connectors the master secret (no secret is shown)")
        ds_port, php_port, py_port, other_port = free_ports(4)
        ds_public = f"http://localhost:{ds_port}/"
        ds_internal = f"http://127.0.0.1:{ds_port}/"
        self.ds_public = ds_public
        self.ds_internal_host = f"127.0.0.1:{ds_port}"
        self.ds = f"http://127.0.0.1:{ds_port}"
        self.other = f"http://127.0.0.1:{other_port}"
        base_env = {k: v for k, v in os.environ.items() if not k.startswith(("OO_", "DS_"))}
        processes = Processes(self.work)
        other_host = OtherHost(other_port)
        try:
            processes.start("ds", [self.args.node, "ds.js"], {
                **base_env,
                "DS_PORT": str(ds_port),
                "DS_PUBLIC_URL": ds_public,
                "DS_INBOX_SECRET": derived["inbox"],
                "DS_OUTBOX_SECRET": derived["outbox"],
                "DS_SECURE_LINK_SECRET": secrets.token_urlsafe(24),
            }, ds_port)
            endpoints = []
            for name, slug, port, argv, cwd in [
                ("nextcloud (PHP)", "nextcloud", php_port,
                 [self.args.php, "-S", f"127.0.0.1:{php_port}", "index.php"], HERE / "nextcloud"),
                ("seahub (Python)", "seahub", py_port, [self.args.python, "server.py"], HERE / "seahub"),
            ]:
                endpoint = Endpoint(name, slug, f"http://127.0.0.1:{port}", self.work / slug)
                env = {
                    **base_env,
                    "OO_PORT": str(port),
                    "OO_MASTER_SECRET": master,
                    "OO_CONNECTOR_URL": endpoint.url,
                    "OO_DS_PUBLIC_URL": ds_public,
                    "OO_DS_INTERNAL_URL": ds_internal,
                    "OO_DATA_DIR": str(endpoint.data),
                }
                if self.args.php_ini_scan_dir:
                    env["PHP_INI_SCAN_DIR"] = self.args.php_ini_scan_dir
                processes.start(slug, argv, env, port, cwd)
                endpoints.append(endpoint)
            for endpoint in endpoints:
                if self.verbose:
                    print(f"{endpoint.name}: {endpoint.url}, DS public {ds_public}, internal {ds_internal}")
                try:
                    self.scenarios(endpoint, other_host)
                except (RuntimeError, OSError, ValueError, KeyError) as e:
                    outcome = Outcome(False, f"{e.__class__.__name__}: {e}")
                    self.check("scenarios ran to the end", "yes", endpoint, outcome, False)
            if not all(ok for row in self.rows.values() for _, ok in row.cells.values()):
                print(processes.logs_text(), file=sys.stderr)
        except BaseException:
            print(processes.logs_text(), file=sys.stderr)
            raise
        finally:
            other_host.stop()
            processes.stop()
        return list(self.rows.values()), [e.name for e in endpoints]

    def open_editor(self, endpoint, scenario, previous_key=None, fragment=""):
        """The browser gets the config from the endpoint; the DS opens it. The key, or
        None when the DS refused."""
        page = endpoint.editor_config()
        _, opened = post_json(f"{self.ds}/e2e/open", {"config": page["config"], "fragment": fragment})
        if not opened["ok"]:
            self.expect(scenario, endpoint, Outcome(False, opened["error"]))
            return None
        problems = []
        if page["documentServerUrl"] != self.ds_public:
            problems.append("wrong documentServerUrl")
        if base64.b64decode(opened["document"]) != endpoint.versions[-1]:
            problems.append("the DS got other content")
        if opened["key"] == previous_key:
            problems.append("the key did not change")
        self.expect(scenario, endpoint, Outcome(True), extra=", ".join(problems))
        return opened["key"]

    def ds_callback(self, key, status, content=None, **options):
        """A callback built by the DS stand-in; delivered unless deliver=False."""
        request = {"key": key, "status": status, **options}
        if content is not None:
            request["content"] = base64.b64encode(content).decode()
        code, answer = post_json(f"{self.ds}/e2e/callback", request)
        if not answer.get("ok"):
            raise RuntimeError(f"DS stand-in refused to build the callback: HTTP {code} {answer}")
        return answer

    def legit(self, endpoint, scenario, key, status, content=None, min_size=0, **options):
        """A callback from the DS; with a file, the endpoint must fetch it once, on the
        DS's internal address (the callback's url is on the public one)."""
        answer = self.ds_callback(key, status, content, **options)
        problems = []
        if len(answer["sent"]["body"]) < min_size:
            problems.append(f"the callback body is only {len(answer['sent']['body'])} bytes")
        if content is not None:
            endpoint.versions.append(content)
            if answer["downloadedVia"] != [self.ds_internal_host]:
                problems.append(f"file fetched via {answer['downloadedVia']}")
        problems.append(endpoint.mismatch())
        outcome = endpoint_outcome(answer["response"]["status"], answer["response"]["body"].encode())
        self.expect(scenario, endpoint, outcome, extra=", ".join(p for p in problems if p))
        return answer["sent"]

    def attack(self, endpoint, scenario, code, sent, callback_url=None):
        """The attacker posts a prepared callback; the endpoint must refuse it."""
        headers = {"Content-Type": "application/json"}
        if sent.get("authorization"):
            headers["Authorization"] = sent["authorization"]
        before = endpoint.saved()
        status, body = http("POST", callback_url or sent["url"], sent["body"].encode(), headers)
        extra = "" if endpoint.saved() == before else "a version was saved"
        self.expect(scenario, endpoint, endpoint_outcome(status, body), code, extra)

    def docbuilder(self, endpoint):
        """The connector sends a ~200 KB docbuilder request; the DS stand-in, a stock Node
        server like the DS, must accept it from the body token alone."""
        scenario = "connector -> DS: 200 KB docbuilder request (body token only)"
        status, _ = http("POST", f"{self.ds}/docbuilder", b"{}", {"Authorization": "Bearer " + "a" * 17000})
        problems = [] if status == 431 else [f"a 17 KB header got HTTP {status}, not 431"]
        status, answer = post_json(f"{endpoint.url}/docbuilder", {})
        ds = answer.get("ds") or {}
        if status != 200 or answer.get("ds_status") != 200 or ds.get("end") is not True:
            problems.append(f"the DS answered {answer.get('ds_status')} {ds}")
        if answer.get("header_omitted") is not True or ds.get("headerSent"):
            problems.append("a header token was sent")
        if answer.get("body_bytes", 0) < 200_000 or ds.get("signedBytes", 0) < answer.get("body_bytes", 0):
            problems.append("the DS did not get the whole signed body")
        self.expect(scenario, endpoint, Outcome(True), extra=", ".join(problems))

    def command(self, endpoint, key):
        """The connector sends a force-save command with the fields its caller added. The
        DS merges a signed `payload` over the request (getRequestParams): a body carrying
        {"payload": {"c": "drop", "key": <another document>}} would drop that document.
        sign_request refuses such a body, so nothing reaches the DS."""
        _, before = post_json(f"{self.ds}/e2e/commands", {})
        url = f"{endpoint.url}/command?file={FILE_ID}"
        status, answer = post_json(url, {"userdata": "from the connector"})
        ds = answer.get("ds") or {}
        problems = [] if ds.get("key") == key and ds.get("c") == "forcesave" else [f"the DS read {ds}"]
        self.expect("connector -> DS: force-save command", endpoint,
                    endpoint_outcome(status, json.dumps(answer).encode()), extra=", ".join(problems))
        other = "someone-elses-document-key"
        status, body = http("POST", url, json.dumps({"payload": {"c": "drop", "key": other}}).encode(),
                            {"Content-Type": "application/json"})
        _, after = post_json(f"{self.ds}/e2e/commands", {})
        sent = after["commands"][len(before["commands"]):]
        extra = "" if all(c.get("key") != other for c in sent) else f"the DS acted on {other}"
        self.expect("connector -> DS: command whose signed body carries payload {c: drop, key: B}",
                    endpoint, endpoint_outcome(status, body), "invalid_input", extra)

    def scenarios(self, endpoint, other_host):
        key = self.open_editor(endpoint, "DS opens the editor (config token), downloads the file")
        if key is None:
            return
        self.legit(endpoint, "DS callback 1: editing", key, 1)
        self.legit(endpoint, "DS callback 6: force-save v2", key, 6, endpoint.new_content("v2"))

        evil = endpoint.new_content("attacker")

        def prepared(**options):
            return self.ds_callback(key, 2, evil, deliver=False, **options)["sent"]

        self.attack(endpoint, "attacker: unsigned callback", "missing_token", prepared(secret="none"))
        self.attack(endpoint, "attacker: forged signature", "bad_signature", prepared(secret="forged"))
        self.attack(endpoint, "attacker: expired token (10 min old)", "expired", prepared(age=600))
        self.attack(endpoint, "attacker: signed with the inbox secret", "bad_signature", prepared(secret="inbox"))
        other_url = f"{self.other}/{endpoint.slug}/cache/files/data/{key}/output.docx"
        self.attack(endpoint, "attacker: url on another host (signed)", "url_not_allowed", prepared(url=other_url))

        recorded = self.legit(endpoint, "DS callback 2: save v3", key, 2, endpoint.new_content("v3"))
        new_key = self.open_editor(endpoint, "DS reopens: new key after the save", previous_key=key)
        if new_key is None:
            return
        replayed = json.loads(recorded["body"])
        replayed.update(key=new_key, status=2, url=json.loads(prepared()["body"])["url"])
        self.attack(endpoint, "attacker: replay, unsigned fields changed", "key_mismatch",
                    {**recorded, "body": json.dumps(replayed)})
        self.open_editor(endpoint, "DS opens again, document.url signed with a #fragment", fragment="#page=2")
        self.legit(endpoint, "DS callback 1 from a clock 120 s ahead (iat in the future)", new_key, 1, ahead=120)
        self.legit(endpoint, "DS callback 5: mail merge (no version saved)", new_key, 5)
        self.legit(endpoint, "DS callback 6 over 1 MiB, header trimmed: v4", new_key, 6,
                   endpoint.new_content("v4"), min_size=1 << 20, history=12000)
        self.docbuilder(endpoint)
        self.command(endpoint, new_key)
        self.legit(endpoint, "DS callback 4: closed, no changes", new_key, 4)

        link = endpoint.editor_config()["config"]["document"]["url"]
        status, body = http("GET", link)
        self.expect("attacker: download link without DS token", endpoint, endpoint_outcome(status, body),
                    "missing_token")
        status, body = http("GET", link.replace(f"file={FILE_ID}", "file=other"))
        self.expect("attacker: download link, file id changed", endpoint, endpoint_outcome(status, body),
                    "bad_signature")

        mismatch = endpoint.mismatch()
        self.check(SAVED, "exactly these", endpoint, Outcome(not mismatch, mismatch), not mismatch)
        contacts = len(other_host.contacted(f"/{endpoint.slug}/"))
        self.check(CONTACTED, "never", endpoint, Outcome(not contacts, f"{contacts} requests"), not contacts)


def print_table(rows, names):
    header = ["scenario", "expected", *names]
    lines = [
        [row.scenario, row.expected, *(f"{'✓' if row.passed(n) else '✗'} {row.text(n)}" for n in names)]
        for row in rows
    ]
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(len(header))]

    def fmt(line):
        return " | ".join(text.ljust(width) for text, width in zip(line, widths)).rstrip()

    print(fmt(header))
    print("-+-".join("-" * w for w in widths))
    for line in lines:
        print(fmt(line))
    results = [row.passed(n) for row in rows for n in names]
    passed = sum(results)
    failed = len(results) - passed
    print(f"{passed} passed, {failed} failed")
    return failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True, help="the onlyoffice-jwt command-line tool")
    parser.add_argument("--php", default="php")
    parser.add_argument("--python", default=sys.executable, help="a Python with onlyoffice_jwt installed")
    parser.add_argument("--node", default="node")
    parser.add_argument("--php-ini-scan-dir", help="PHP_INI_SCAN_DIR for php -S (a build-tree extension)")
    parser.add_argument("--verbose", action="store_true", help="print every check as it runs")
    args = parser.parse_args()
    for name in ("cli", "php", "python", "node"):
        path = shutil.which(getattr(args, name))
        if path is None:
            parser.error(f"--{name}: {getattr(args, name)} not found")
        setattr(args, name, os.path.abspath(path))
    if args.php_ini_scan_dir:
        args.php_ini_scan_dir = os.path.abspath(args.php_ini_scan_dir)

    def on_alarm(*_):
        raise RunTimeout(f"the run took longer than {RUN_LIMIT} s")

    signal.signal(signal.SIGALRM, on_alarm)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.alarm(RUN_LIMIT)
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="onlyoffice-jwt-e2e-"))
    try:
        rows, names = Demo(args, work).run()
    except (RunTimeout, RuntimeError, OSError, subprocess.SubprocessError, ValueError, KeyError) as e:
        print(f"e2e: {e.__class__.__name__}: {e}", file=sys.stderr)
        if isinstance(e, subprocess.CalledProcessError):
            print(e.stderr.decode(errors="replace"), file=sys.stderr)
        print("0 passed, 1 failed")
        return 1
    except KeyboardInterrupt:
        print("e2e: interrupted, every process stopped", file=sys.stderr)
        return 130
    finally:
        signal.alarm(0)
        shutil.rmtree(work, ignore_errors=True)
    failed = print_table(rows, names)
    print(f"e2e: {time.monotonic() - started:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
