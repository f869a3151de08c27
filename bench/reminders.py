"""(7) Reminders: fan-out to a push service, and the selection query at two sizes.

Fan-out: N due reminders (one per student, each student one push subscription with its own
keys) go through the app's delivery pass (claim, quiet-hours check, Declarative Web Push
payload, aes128gcm encryption, VAPID signature, POST, mark sent) to a local push sink on
127.0.0.1 (a separate process that answers 201). Baseline, same run: the same payloads
encrypted with bare `http_ece` and POSTed to the same sink on one kept-alive connection. The
figure is messages per second, app over baseline (target at least 0.7). The app runs with its
default settings, so its posts go through the pool of PUSH_CONCURRENCY threads.

For information (no target): the same pass to a sink that waits 20 ms before each answer, as
a real push service is that far away, once one post at a time and once with the pool. The
loopback sink answers too fast for overlapping posts to matter much; this shows where it does.

Selection: the no-entry rule walks the active placements in keyset windows of 1,000 (by id;
the due students of each window are returned with the cursor to continue from), so one
window's work is the same at any school size. The figure is one window's time at the large
institution over at the small one (target at most 1.5), on the benchmark's seeded databases.
The whole pass over every window is printed too, for information (no target): it grows with
the number of students, as it must.
"""

import base64
import datetime as dt
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid

from bench.harness import BenchError, Figure, median

NAME = "reminders"
TITLE = "reminders: push fan-out vs bare http_ece + POST; selection at two sizes"
FANOUT_TARGET = 0.7
SELECTION_TARGET = 1.5
SINK = r"""
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
import time
DELAY = float(sys.argv[2]) if len(sys.argv) > 2 else 0
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if DELAY:
            time.sleep(DELAY)
        self.send_response(201)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *a):
        pass
server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H)
print("ready", flush=True)
server.serve_forever()
"""


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _subscription_keys(n):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    keys = []
    for _ in range(n):
        public = (
            ec.generate_private_key(ec.SECP256R1())
            .public_key()
            .public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
        )
        keys.append(
            (
                base64.urlsafe_b64encode(public).rstrip(b"=").decode(),
                base64.urlsafe_b64encode(os.urandom(16)).rstrip(b"=").decode(),
            )
        )
    return keys


def _fanout_app(folder, port, n, keys, **settings):
    from py_vapid import Vapid02

    from app import create_app, schema
    from app.extensions import db
    from app.models import Delivery, Institution, PushSubscription, User

    vapid = Vapid02()
    vapid.generate_keys()
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{folder}/fanout.sqlite3",
            "SECRET_KEY": "bench",
            "VAPID_PRIVATE_KEY": vapid.private_pem().decode(),
            "PUSH_ALLOW_LOOPBACK": True,
            "FROZEN_NOW": "2026-11-18T17:30:00+01:00",
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": 1,
            **settings,
        }
    )
    now = dt.datetime(2026, 11, 18, 16, 30)
    with app.app_context():
        db.connect(reuse_if_open=True)
        schema.upgrade()
        school = Institution.create(name="ROC Bench")
        with db.atomic():
            _insert(
                User,
                [
                    {
                        "institution": school.id,
                        "email": f"s{i}@bench.nl",
                        "name": f"Student {i}",
                        "role": "student",
                        "password_hash": "x",
                        "created_at": now,
                    }
                    for i in range(n)
                ],
            )
            ids = [u for (u,) in User.select(User.id).order_by(User.id).tuples()]
            _insert(
                PushSubscription,
                [
                    {
                        "user": uid,
                        "device_id": uuid.uuid4(),
                        "p256dh": p,
                        "auth": a,
                        "endpoint": f"http://127.0.0.1:{port}/push/{uid}",
                        "created_at": now,
                        "updated_at": now,
                    }
                    for uid, (p, a) in zip(ids, keys, strict=True)
                ],
            )
            _insert(
                Delivery,
                [
                    {
                        "user": uid,
                        "kind": "no_entry",
                        "period": "2026-11-18",
                        "title": "Uren schrijven",
                        "body": "Je hebt voor woensdag 18 november nog niets geschreven.",
                        "navigate": "/entry?date=2026-11-18",
                        "ttl_seconds": 60_000,
                        "state": "pending",
                        "not_before": now,
                        "expires_at": now + dt.timedelta(hours=18),
                        "created_at": now,
                    }
                    for uid in ids
                ],
            )
    return app


def _insert(model, rows, size=500):
    """In chunks: SQLite limits the variables of one statement."""
    for start in range(0, len(rows), size):
        model.insert_many(rows[start : start + size]).execute()


def _baseline(port, keys, payload):
    """Bare http_ece + a POST of the same payloads, one kept-alive connection."""
    import http.client

    import http_ece
    from cryptography.hazmat.primitives.asymmetric import ec

    data = json.dumps(payload).encode()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    started = time.perf_counter()
    for p256dh, auth in keys:
        body = http_ece.encrypt(
            data,
            private_key=ec.generate_private_key(ec.SECP256R1()),
            dh=base64.urlsafe_b64decode(p256dh + "=" * (-len(p256dh) % 4)),
            auth_secret=base64.urlsafe_b64decode(auth + "=" * (-len(auth) % 4)),
            version="aes128gcm",
        )
        conn.request(
            "POST", "/push/x", body=body, headers={"Content-Encoding": "aes128gcm", "TTL": "60000"}
        )
        response = conn.getresponse()
        response.read()
        if response.status != 201:
            raise BenchError(f"push sink answered {response.status}")
    conn.close()
    return len(keys) / (time.perf_counter() - started)


def _start_sink(delay=0):
    port = _free_port()
    sink = subprocess.Popen(
        [sys.executable, "-c", SINK, str(port), str(delay)], stdout=subprocess.PIPE, text=True
    )
    if sink.stdout.readline().strip() != "ready":
        sink.terminate()
        raise BenchError("push sink did not start")
    return port, sink


def _deliver_all(app, n):
    """Seconds for delivery passes of 1,000 until nothing is due; every one must be sent."""
    from app.models import Delivery
    from app.services import delivery

    with app.app_context():
        started = time.perf_counter()
        sent = 0
        while done := delivery.deliver_due(limit=1000).get("sent", 0):
            sent += done
        seconds = time.perf_counter() - started
        total = Delivery.select().where(Delivery.state == "sent").count()
    if sent != n or total != n:
        raise BenchError(f"sent {sent} of {n} ({total} marked sent)")
    return seconds


def _fanout(ctx, n):
    from app.config import Config
    from app.push.message import payload

    port, sink = _start_sink()
    try:
        ctx.log(f"  making {n:,} subscriptions and due reminders ...")
        keys = _subscription_keys(n)
        with tempfile.TemporaryDirectory() as folder:
            app = _fanout_app(folder, port, n, keys)
            sample = payload(
                "Uren schrijven",
                "Je hebt voor woensdag 18 november nog niets geschreven.",
                "http://localhost:8000/entry?date=2026-11-18",
            )
            base = _baseline(port, keys[: min(n, 5000)], sample)
            seconds = _deliver_all(app, n)
    finally:
        sink.terminate()
        sink.wait(10)
    rate = n / seconds
    return [
        Figure(
            f"fan-out: {n:,} reminders through the app",
            seconds,
            "s",
            note=f"{rate:,.0f} msg/s, PUSH_CONCURRENCY={Config.PUSH_CONCURRENCY}",
        ),
        Figure("baseline: bare http_ece + POST", base, "msg/s"),
        Figure(
            "fan-out ratio app/baseline",
            rate / base,
            "",
            f">= {FANOUT_TARGET}",
            rate / base >= FANOUT_TARGET,
        ),
    ]


def _distant_fanout(ctx, n, delay=0.02):
    """Informational: a push service 20 ms away (the sink waits before each answer), the same
    reminders posted one at a time and by the pool. The loopback sink above answers in a
    fraction of a millisecond, where overlapping posts saves little; this is where it counts."""
    from app.config import Config

    port, sink = _start_sink(delay)
    try:
        keys = _subscription_keys(n)
        seconds = {}
        for concurrency in (1, Config.PUSH_CONCURRENCY):
            with tempfile.TemporaryDirectory() as folder:
                app = _fanout_app(folder, port, n, keys, PUSH_CONCURRENCY=concurrency)
                seconds[concurrency] = _deliver_all(app, n)
    finally:
        sink.terminate()
        sink.wait(10)
    ms = f"{delay * 1000:.0f} ms"
    return [
        Figure(
            f"fan-out, {n} to a push service {ms} away: one at a time",
            n / seconds[1],
            "msg/s",
            note=f"20,000 would take {20_000 * seconds[1] / n / 60:.1f} min",
        ),
        Figure(
            f"fan-out, {n} to a push service {ms} away: {Config.PUSH_CONCURRENCY} at once",
            n / seconds[Config.PUSH_CONCURRENCY],
            "msg/s",
            note=f"20,000 would take {20_000 * seconds[Config.PUSH_CONCURRENCY] / n / 60:.1f} min",
        ),
    ]


def _selection_time(meta_path, rounds):
    """Medians of one window of 1,000 (the first) and of the whole pass over every window."""
    from app import create_app
    from app.extensions import db
    from app.services import reminders

    app = create_app({"DATABASE_URL": f"sqlite:///{meta_path}", "SECRET_KEY": "bench"})
    with app.app_context():
        db.connect(reuse_if_open=True)
        day = _a_working_day(db)
        window_times, pass_times = [], []
        for _ in range(rounds):
            started = time.perf_counter()
            window = reminders.no_entry_due(day, after_id=0, limit=1000)
            window_times.append(time.perf_counter() - started)
        for _ in range(max(1, rounds // 2)):
            started = time.perf_counter()
            due, windows, after = 0, 0, 0
            while after is not None:
                step = reminders.no_entry_due(day, after_id=after, limit=1000)
                due, windows, after = due + len(step.due), windows + 1, step.next_after
            pass_times.append(time.perf_counter() - started)
        db.close()
    return median(window_times), len(window.due), median(pass_times), due, windows


def _a_working_day(database):
    """A working day three weeks into the placements of the seeded cohort, in the past so
    entries exist around it. The cohort is the most common start date: the few load-test
    students (bench/seed.py) start a year earlier with an empty logbook, and a day in their
    year alone has 32 active placements of 20,000, which is not what the figure is about."""
    from app import calendar_nl

    ((start,),) = database.execute_sql(
        "SELECT start_date FROM placement GROUP BY start_date ORDER BY COUNT(*) DESC LIMIT 1"
    ).fetchall()
    day = dt.date.fromisoformat(str(start)[:10]) + dt.timedelta(days=21)
    while not calendar_nl.is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def run(ctx):
    args = ctx.args
    n = 2000 if args.quick else 20_000
    figures = _fanout(ctx, n)
    figures += _distant_fanout(ctx, 100 if args.quick else 200)
    large = ctx.database(args.students)
    small = ctx.database(args.small)
    t_large, rows_large, pass_large, due_large, windows_large = _selection_time(large["path"], 7)
    t_small, rows_small, pass_small, due_small, windows_small = _selection_time(small["path"], 7)
    ratio = t_large / t_small
    figures += [
        Figure(
            f"selection, one window of 1,000 at {args.students:,} students",
            t_large * 1000,
            "ms",
            note=f"{rows_large} due in the window",
        ),
        Figure(
            f"selection, one window of 1,000 at {args.small:,} students",
            t_small * 1000,
            "ms",
            note=f"{rows_small} due in the window",
        ),
        Figure(
            "selection ratio large/small",
            ratio,
            "",
            f"<= {SELECTION_TARGET}",
            ratio <= SELECTION_TARGET,
        ),
        # Informational (no target): the whole pass grows with the school, as it must.
        Figure(
            f"selection, whole pass at {args.students:,} students",
            pass_large * 1000,
            "ms",
            note=f"{windows_large} windows, {due_large} due",
        ),
        Figure(
            f"selection, whole pass at {args.small:,} students",
            pass_small * 1000,
            "ms",
            note=f"{windows_small} windows, {due_small} due",
        ),
    ]
    return figures
