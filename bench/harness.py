"""What every benchmark shares: gunicorn servers on loopback, logged-in sessions, wrk runs.

Everything is bounded: servers get a start-up deadline and are stopped by their own pid; wrk runs
for a fixed number of seconds with a request cap in its Lua script; the whole run has a deadline.
"""

import contextlib
import dataclasses
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from app.pwa.tools.chromium import CHROMIUM_ARGS, PHONE, chromium_path
from bench import seed

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUT = BENCH / "out"
LUA = BENCH / "lua"
USER_AGENT = "stagewijs-bench/1"
SECRET_KEY = "bench-only-secret-key-0123456789abcdef"
WORKERS = 2
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# The demo school (`flask --app wsgi seed-demo`), for the benchmarks that drive the phone app.
DEMO_PASSWORD = "stagewijs-demo"
DEMO_STUDENT = "student@example.nl"
DEMO_TRAINER = "praktijkopleider@example.nl"
ACCESS_LOG_FORMAT = "%(m)s %(U)s %(s)s %(B)s %(D)s"


class BenchError(RuntimeError):
    pass


@dataclasses.dataclass
class Figure:
    name: str
    value: float | None
    unit: str = ""
    target: str = ""
    ok: bool | None = None  # None: no target, or not measured
    note: str = ""

    def line(self):
        value = "-" if self.value is None else f"{self.value:,.3f}".rstrip("0").rstrip(".")
        verdict = {True: "OK", False: "MISSED", None: ""}[self.ok]
        target = f"(target {self.target})" if self.target else ""
        return f"{self.name:<52} {value:>12} {self.unit:<8} {target:<16} {verdict:<6} {self.note}"


class Server:
    """gunicorn with the project's production settings: sync workers on 127.0.0.1:<free port>."""

    def __init__(self, name, target, env=None, ready_path="/", access_log=False):
        self.name = name
        self.target = target
        self.env = env or {}
        self.ready_path = ready_path
        self.access_log = OUT / f"{name}-access.log" if access_log else None
        self.proc = None
        self.port = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=60):
        self.port = free_port()
        log_path = OUT / f"{self.name}.log"
        self.log = open(log_path, "w")  # noqa: SIM115 (closed in stop)
        env = {**os.environ, **self.env}
        access = []
        if self.access_log:
            self.access_log.write_text("")
            access = [
                "--access-logfile",
                str(self.access_log),
                "--access-logformat",
                ACCESS_LOG_FORMAT,
            ]
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--workers",
                str(WORKERS),
                "--worker-class",
                "sync",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
                *access,
                self.target,
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise BenchError(f"{self.name} exited at start:\n{tail(log_path)}")
            try:
                status, _, _ = request(self.port, "GET", self.ready_path, timeout=2)
            except OSError:
                time.sleep(0.1)
                continue
            if status < 500 and len(self.worker_pids()) == WORKERS:
                return self
            time.sleep(0.1)
        self.stop()
        raise BenchError(f"{self.name} did not become ready in {timeout} s:\n{tail(log_path)}")

    def requests_since(self, mark=0):
        """(method, path, status, bytes, microseconds) answered since `mark` (an access_mark())."""
        with open(self.access_log, "rb") as fh:
            fh.seek(mark)
            lines = fh.read().decode(errors="replace").splitlines()
        rows = []
        for line in lines:
            parts = line.split()
            if len(parts) == 5:
                method, path, status, size, micros = parts
                size = 0 if size == "-" else int(size)
                rows.append((method, path, int(status), size, int(micros)))
        return rows

    def access_mark(self):
        """Where the access log ends now: requests_since(mark) reads what came after."""
        return self.access_log.stat().st_size

    def worker_pids(self):
        """The master's child processes (gunicorn's workers), from /proc."""
        pids = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.proc.pid:
                pids.append(int(entry))
        return sorted(pids)

    def worker_cpu_seconds(self):
        """User + system CPU the workers have used so far (robust to other load on the box)."""
        total = 0
        for pid in self.worker_pids():
            try:
                with open(f"/proc/{pid}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime in clock ticks
        return total / CLOCK_TICKS

    def worker_rss_mb(self):
        return {pid: rss_mb(pid) for pid in self.worker_pids()}

    def stop(self):
        if self.proc is None or self.proc.poll() is not None:
            return
        workers = self.worker_pids()
        self.proc.send_signal(signal.SIGTERM)  # gunicorn: graceful stop of master and workers
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            for pid in [self.proc.pid, *workers]:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        self.log.close()


class Context:
    """One benchmark run: settings, databases, servers and sessions, shared by the modules."""

    def __init__(self, args):
        self.args = args
        self.started = time.monotonic()
        self.deadline = self.started + args.max_minutes * 60
        self.servers = {}
        self.sessions = {}
        self.databases = {}
        self.work_paths = {}
        self.demo_path = None
        self._playwright = None
        self._browser = None
        OUT.mkdir(parents=True, exist_ok=True)

    def log(self, message):
        print(message, flush=True)

    def seconds_left(self):
        return self.deadline - time.monotonic()

    def check_time(self, needed, what):
        if self.seconds_left() < needed:
            raise BenchError(f"not enough time left for {what} (--max-minutes)")

    def database(self, students):
        """The seed sidecar for an institution of `students` (built once, then reused)."""
        if students not in self.databases:
            self.databases[students] = seed.ensure_database(
                str(OUT), students, rebuild=self.args.rebuild, log=self.log
            )
        return self.databases[students]

    def app_server(self, students):
        """The real app (wsgi:app) on a fresh working copy of the `students` database."""
        name = f"app-{students}"
        if name not in self.servers:
            meta = self.database(students)
            path = seed.working_copy(meta, str(OUT))
            self.work_paths[students] = path
            env = {
                "DATABASE_URL": f"sqlite:///{path}",
                "SECRET_KEY": SECRET_KEY,
                "STAGEWIJS_ENV": "production",
            }
            self.servers[name] = Server(name, "wsgi:app", env, "/api/openapi.json").start()
        return self.servers[name]

    def bare_server(self):
        if "bare" not in self.servers:
            self.servers["bare"] = Server("bare", "bench.bare_app:app").start()
        return self.servers["bare"]

    def demo_database(self):
        """A pristine demo school, seeded once per run with the app's own `seed-demo`."""
        if self.demo_path is None:
            path = OUT / "demo.sqlite3"
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    os.remove(f"{path}{suffix}")
            env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "SECRET_KEY": SECRET_KEY}
            done = subprocess.run(
                [sys.executable, "-m", "flask", "--app", "wsgi", "seed-demo"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            if done.returncode != 0:
                raise BenchError(f"seed-demo failed:\n{done.stdout}\n{done.stderr}")
            self.log("  " + (done.stdout.strip().splitlines() or ["demo school seeded"])[0])
            self.demo_path = path
        return self.demo_path

    def demo_server(self):
        """The real app (production settings) on a copy of the demo school, with an access log.

        Chromium treats http://127.0.0.1 as a secure context: it keeps the Secure session cookie.
        """
        if "app-demo" not in self.servers:
            source = self.demo_database()
            path = seed.working_copy({"path": str(source), "students": "demo"}, str(OUT))
            env = {
                "DATABASE_URL": f"sqlite:///{path}",
                "SECRET_KEY": SECRET_KEY,
                "STAGEWIJS_ENV": "production",
                # Photos (#9): their files in bench/out, not in the repository's instance/.
                "STAGEWIJS_FILE_STORAGE": str(OUT / "files-demo"),
            }
            server = Server("app-demo", "wsgi:app", env, "/api/openapi.json", access_log=True)
            server.db_path = path
            self.servers["app-demo"] = server.start()
        return self.servers["app-demo"]

    def browser(self):
        """One headless Chromium (Playwright) for the run; phones are its contexts."""
        if self._browser is None:
            try:
                from playwright.sync_api import sync_playwright
            except ImportError as error:
                raise BenchError(
                    "Playwright is not installed (pip install -e '.[test]')"
                ) from error
            path = chromium_path()
            if path is None:
                raise BenchError("no Chromium: apt-get install chromium (or set CHROMIUM_PATH)")
            with browser_errors("starting Chromium"):
                self._playwright = sync_playwright().start()
                self._browser = self._playwright.chromium.launch(
                    executable_path=path, args=CHROMIUM_ARGS
                )
        return self._browser

    def playwright(self):
        """The run's started Playwright (for what a shared browser cannot do, e.g. a profile)."""
        self.browser()
        return self._playwright

    def phone(self, server):
        """A fresh phone (Pixel 7, Dutch, Amsterdam time): a new browser context."""
        browser = self.browser()
        context = browser.new_context(
            base_url=server.url,
            **self._playwright.devices[PHONE],
            locale="nl-NL",
            timezone_id="Europe/Amsterdam",
        )
        context.set_default_timeout(20_000)
        return context

    def login(self, server, emails, password=seed.PASSWORD):
        """Cookie headers of logged-in sessions, one per email (argon2: ~0.1 s each)."""
        missing = [e for e in emails if (server.name, e) not in self.sessions]
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            for email, cookie in zip(
                missing,
                pool.map(lambda e: login(server.port, e, password), missing),
                strict=True,
            ):
                self.sessions[(server.name, email)] = cookie
        return [self.sessions[(server.name, e)] for e in emails]

    def close(self):
        if self._playwright is not None:
            with contextlib.suppress(Exception):
                if self._browser is not None:
                    self._browser.close()
                self._playwright.stop()
        for server in self.servers.values():
            server.stop()


@contextlib.contextmanager
def browser_errors(what):
    """Playwright's errors (timeouts, a closed page) as BenchError: the other benchmarks go on."""
    from playwright.sync_api import Error as PlaywrightError

    try:
        yield
    except PlaywrightError as error:
        raise BenchError(f"{what}: {str(error).splitlines()[0]}") from error


def wait_until(check, seconds, what, interval=0.1):
    """Poll check() until it returns something truthy; BenchError after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise BenchError(f"timed out after {seconds} s waiting for {what}")
        time.sleep(interval)


def page_ready(page):
    """The screen has drawn (app.js adds body.ready)."""
    page.wait_for_selector("body.ready")


def page_login(page, email, password, expect_path):
    """Log in through the login screen, as a user would (as the e2e tests do)."""
    page.goto("/login")
    page_ready(page)
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"**{expect_path}")
    page_ready(page)


def page_controlled(page, seconds=30):
    """Wait until the service worker controls the page (installed, precached, activated)."""
    # Polled from Python: wait_for_function with a string needs eval, which the CSP forbids.
    wait_until(
        lambda: page.evaluate("() => navigator.serviceWorker.controller !== null"),
        seconds,
        "service worker control",
        interval=0.2,
    )


def shell_version():
    """The phone app's shell version as the server computes it (a hash of its files on disk)."""
    from app.pwa import _compute_shell

    return _compute_shell()["version"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(port, method, path, body=None, headers=None, timeout=10):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        all_headers = {"User-Agent": USER_AGENT, **(headers or {})}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            all_headers["Content-Type"] = "application/json"
        conn.request(method, path, data, all_headers)
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def login(port, email, password):
    status, headers, body = request(
        port, "POST", "/api/auth/login", {"email": email, "password": password}
    )
    if status != 200:
        raise BenchError(f"login {email}: {status} {body[:300]!r}")
    cookies = [h.split(";", 1)[0] for h in headers.get_all("Set-Cookie") or []]
    if not cookies:
        raise BenchError(f"login {email}: no session cookie in the answer")
    return "; ".join(cookies)


def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def lua_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        if not value.isascii():
            raise BenchError(f"non-ASCII value for Lua: {value!r}")
        return json.dumps(value)  # only \" and \\ escapes: valid Lua too
    if isinstance(value, list | tuple):
        return "{" + ", ".join(lua_value(v) for v in value) + "}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {lua_value(v)}" for k, v in value.items()) + "}"
    raise BenchError(f"cannot write {type(value)} to Lua")


def wrk(server, script, data, seconds, connections, label):
    """Run wrk (one thread) against a server; the Lua script prints one JSON line.

    Adds the workers' CPU time per answered request, which other load on the machine barely
    changes (unlike requests per second and latency).
    """
    if shutil.which("wrk") is None:
        raise BenchError("wrk is not installed (apt-get install wrk)")
    data_path = OUT / f"wrk-{label}.lua"
    data_path.write_text("".join(f"{k} = {lua_value(v)}\n" for k, v in data.items()))
    cmd = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "5s",
        "-s",
        str(LUA / script),
        server.url,
        "--",
        str(data_path),
    ]
    cpu_before = server.worker_cpu_seconds()
    done = subprocess.run(
        cmd, capture_output=True, text=True, timeout=seconds + 30, cwd=ROOT, check=False
    )
    cpu = server.worker_cpu_seconds() - cpu_before
    for line in done.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            result = json.loads(line[len("BENCH_JSON ") :])
            result["label"] = label
            answered = result["ok"] + result["client_errors"] + result["server_errors"]
            result["cpu_ms"] = cpu * 1000 / answered if answered else None
            return result
    raise BenchError(f"wrk gave no result ({done.returncode}):\n{done.stdout}\n{done.stderr}")


def median(values):
    return statistics.median(values) if values else None


def tail(path, lines=30):
    try:
        with open(path) as fh:
            return "".join(fh.readlines()[-lines:])
    except OSError:
        return ""


# Reads one value of the phone's IndexedDB "meta" store in the page (page.evaluate(META, key)):
# the benchmarks that drive Chromium wait on it for the first sync.
META = """async (key) => {
  const db = await new Promise((ok, fail) => {
    const r = indexedDB.open('stagewijs');
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  const value = await new Promise((ok) => {
    const r = db.transaction('meta').objectStore('meta').get(key);
    r.onsuccess = () => ok(r.result);
    r.onerror = () => ok(null);
  });
  db.close();
  return value ?? null;
}"""
