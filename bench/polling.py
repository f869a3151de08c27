"""(8) The conversations' poll (#10): 1,000 open phones asking "anything new?" with nothing new.

Each simulated phone is a logged-in user (900 students, 50 praktijkopleiders, 50 docenten of the
large institution, every placement with its Stage and School conversation) sending its own
session cookie and the ETag of its last answer: the app answers 304 with one statement. The
sessions are made with the app's own cookie serializer and the bench's secret (1,000 argon2
logins would take a minute); each phone's ETag comes from one real poll first. `wrk -t1 -c8`
rotates the 1,000 phones over 8 connections (gunicorn's 2 sync workers serve one request at a
time each; more connections only queue). Bare and real runs alternate, `--rounds` times: polls
per second and worker CPU per poll as ratios to the bare WSGI app. Target: at least 0.5.
"""

import datetime as dt
import sqlite3

from bench.harness import SECRET_KEY, BenchError, Figure, median, request, wrk

NAME = "polling"
TITLE = "conversation polls/s with nothing new, real stack vs bare WSGI"
TARGET = 0.5
PHONES = {"student": 900, "praktijkopleider": 50, "docent": 50}
CONNECTIONS = 8
PATH = "/api/conversations/poll"


def run(ctx):
    args = ctx.args
    ctx.database(args.students)
    bare = ctx.bare_server()
    app = ctx.app_server(args.students)
    path = ctx.work_paths[args.students]
    users = _phones(path)
    made = _conversations(path)
    ctx.log(f"  {len(users)} phones; {made:,} conversations in the database")
    cookies = _cookies(users)
    tags = [_first_tag(app, cookie) for cookie in cookies]
    data = {"PATH": PATH, "COOKIES": cookies, "TAGS": tags}
    seconds = args.duration
    ctx.log(f"  warm-up ({args.warmup} s each)")
    wrk(bare, "poll.lua", data, args.warmup, CONNECTIONS, "poll-bare-warmup")
    wrk(app, "poll.lua", data, args.warmup, CONNECTIONS, "poll-warmup")
    bare_runs, app_runs = [], []
    for r in range(args.rounds):
        ctx.check_time(2 * seconds + 20, "another round of polls")
        b = wrk(bare, "poll.lua", data, seconds, CONNECTIONS, f"poll-bare-{r}")
        a = wrk(app, "poll.lua", data, seconds, CONNECTIONS, f"poll-{r}")
        bare_runs.append(b)
        app_runs.append(a)
        ctx.log(
            f"  round {r + 1}: bare {b['rps']:,.0f} req/s, poll {a['ok_rps']:,.0f} req/s "
            f"(p95 {a['p95_ms']:.1f} ms, {a['client_errors'] + a['server_errors']} not 304); "
            f"worker CPU per request: bare {b['cpu_ms']:.2f} ms, poll {a['cpu_ms']:.2f} ms"
        )

    def med(runs, key):
        return median([run[key] for run in runs])

    ratio = med(app_runs, "ok_rps") / med(bare_runs, "rps")
    # Each round's bare and real runs are back to back: their ratio moves less with the other
    # load on the machine than the medians taken apart.
    paired = median([a["ok_rps"] / b["rps"] for a, b in zip(app_runs, bare_runs, strict=True)])
    cpu_ratio = med(bare_runs, "cpu_ms") / med(app_runs, "cpu_ms")
    wrong = sum(a["client_errors"] + a["server_errors"] + a["socket_errors"] for a in app_runs)
    sample = next((a["first_error"] for a in app_runs if a["first_error"]), "")
    verdict = f"{wrong} answers were not 304, e.g. {sample[:160]}" if wrong else "every answer 304"
    return [
        Figure("polls/s, nothing new (median)", med(app_runs, "ok_rps"), "req/s"),
        Figure("requests/s, bare WSGI (median)", med(bare_runs, "rps"), "req/s"),
        Figure("polls ratio real/bare", ratio, "", f">= {TARGET}", ratio >= TARGET, verdict),
        Figure(
            "polls ratio real/bare, median of rounds",
            paired,
            "",
            f">= {TARGET}",
            paired >= TARGET,
            "each round's runs back to back",
        ),
        Figure("poll latency p95 (under load)", med(app_runs, "p95_ms"), "ms"),
        Figure("worker CPU per poll", med(app_runs, "cpu_ms"), "ms"),
        Figure("worker CPU per bare request", med(bare_runs, "cpu_ms"), "ms"),
        Figure(
            "CPU-time ratio bare/poll",
            cpu_ratio,
            "",
            f">= {TARGET}",
            cpu_ratio >= TARGET,
            "robust to other load on the machine",
        ),
    ]


def _phones(path):
    """(id, session_version, role) of the phones: users with a placement, per role."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        found = []
        for role, count in PHONES.items():
            column = {"student": "student_id", "praktijkopleider": "praktijkopleider_id"}.get(
                role, "docent_id"
            )
            rows = conn.execute(
                f'SELECT u.id, u.session_version FROM "user" u WHERE u.role = ? AND u.active '
                f"AND EXISTS (SELECT 1 FROM placement p WHERE p.{column} = u.id) "
                "ORDER BY u.id LIMIT ?",
                (role, count),
            ).fetchall()
            found += [(uid, version, role) for uid, version in rows]
    finally:
        conn.close()
    if len(found) < sum(PHONES.values()) // 2:
        raise BenchError(f"only {len(found)} users with a placement to poll as")
    return found


def _conversations(path):
    """Both lines of every placement, as a school that uses them has (idempotent)."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    conn = sqlite3.connect(path, timeout=30)
    try:
        with conn:
            start = conn.execute("SELECT COALESCE(MAX(change_seq), 0) FROM conversation").fetchone()
            conn.execute(
                "INSERT OR IGNORE INTO conversation "
                "(version, change_seq, created_at, updated_at, placement_id, line, last_seq) "
                "SELECT 1, ? + p.id * 2 + l.n, ?, ?, p.id, l.line, 0 FROM placement p, "
                "(SELECT 'stage' AS line, 0 AS n UNION ALL SELECT 'school', 1) l",
                (start[0], now, now),
            )
        return conn.execute("SELECT COUNT(*) FROM conversation").fetchone()[0]
    finally:
        conn.close()


def _cookies(users):
    """Session cookies as the app itself signs them (flask-login's `_user_id`)."""
    from flask import Flask

    from app.config import config_from_env
    from app.security import SessionInterface

    app = Flask("bench-cookies")
    app.config.from_object(config_from_env())
    app.secret_key = SECRET_KEY
    signer = SessionInterface().get_signing_serializer(app)
    name = app.config["SESSION_COOKIE_NAME"]
    return [
        f"{name}={signer.dumps({'_user_id': f'{uid}:{version}', '_fresh': False})}"
        for uid, version, _ in users
    ]


def _first_tag(app, cookie):
    status, headers, body = request(app.port, "GET", PATH, headers={"Cookie": cookie})
    if status != 200 or not headers.get("ETag"):
        raise BenchError(f"a first poll answered {status}: {body[:300]!r}")
    again, _, _ = request(
        app.port, "GET", PATH, headers={"Cookie": cookie, "If-None-Match": headers["ETag"]}
    )
    if again != 304:
        raise BenchError(f"a poll with its own ETag answered {again}, not 304")
    return headers["ETag"]
