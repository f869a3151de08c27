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

from bench import seed

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUT = BENCH / "out"
LUA = BENCH / "lua"
USER_AGENT = "stagewijs-bench/1"
SECRET_KEY = "bench-only-secret-key-0123456789abcdef"
WORKERS = 2
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


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

    def __init__(self, name, target, env=None, ready_path="/"):
        self.name = name
        self.target = target
        self.env = env or {}
        self.ready_path = ready_path
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
        for server in self.servers.values():
            server.stop()


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
