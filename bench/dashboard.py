"""(#10) The docent's dashboard: p95 for a docent with 40 students at the large institution as a
ratio to the small one, and the SQL statements one dashboard request runs.

The seed gives each docent 25 students (bench/seed.py); on each working copy the first 40
placements are handed to docent 0, so the measured class is the same 40 students with the same
logbooks at both sizes (student i's logbook comes from random.Random(i)): only the size of the
database differs. wrk -c2 (one connection per worker: latency, not queueing); small and large
runs alternate, `--rounds` times. Target: at most 1.5.

Statements are counted in-process (the app on the same working copy, its driver's execute_sql
wrapped) for one request after a warm-up, at both sizes: they must be the same number.
"""

import json
import sqlite3

from bench.harness import SECRET_KEY, BenchError, Figure, median, request, wrk

NAME = "dashboard"
TITLE = "docent dashboard p95 (40 students), large vs small institution; SQL per request"
TARGET = 1.5
CONNECTIONS = 2
PATH = "/api/dashboard"
CLASS_SIZE = 40
DOCENT = "docent0@bench.example.nl"


def run(ctx):
    args = ctx.args
    sizes = (args.small, args.students)
    servers, cookies, shapes, statements = {}, {}, {}, {}
    for students in sizes:
        servers[students] = server = ctx.app_server(students)
        _hand_class_to_docent(ctx.work_paths[students])
        (cookies[students],) = ctx.login(server, [DOCENT])
        shapes[students] = _shape(server, cookies[students])
        statements[students] = _statements(ctx, students)
    if shapes[args.small] != shapes[args.students]:
        raise BenchError(f"the dashboards differ between the databases: {shapes}")
    if shapes[args.small][0] != CLASS_SIZE:
        raise BenchError(f"the docent has {shapes[args.small][0]} students, not {CLASS_SIZE}")
    seconds = args.duration
    data = {students: {"PATH": PATH, "COOKIES": [cookies[students]]} for students in sizes}
    for students in sizes:
        wrk(
            servers[students],
            "get.lua",
            data[students],
            args.warmup,
            CONNECTIONS,
            f"dash-{students}-w",
        )
    p95 = {students: [] for students in sizes}
    cpu = {students: [] for students in sizes}
    runs = []
    for r in range(args.rounds):
        ctx.check_time(2 * seconds + 30, "another round of dashboard runs")
        for students in sizes:
            result = wrk(
                servers[students],
                "get.lua",
                data[students],
                seconds,
                CONNECTIONS,
                f"dash-{students}-{r}",
            )
            p95[students].append(result["p95_ms"])
            cpu[students].append(result["cpu_ms"])
            runs.append(result)
            ctx.log(
                f"  round {r + 1}: {students:,} students: p95 {result['p95_ms']:.2f} ms, "
                f"p50 {result['p50_ms']:.2f} ms, {result['rps']:,.0f} req/s, "
                f"worker CPU {result['cpu_ms']:.2f} ms/request"
            )
    ratio = median(p95[args.students]) / median(p95[args.small])
    errors = sum(r["client_errors"] + r["server_errors"] + r["socket_errors"] for r in runs)
    note = f"{CLASS_SIZE} students, levels {shapes[args.small][1]}"
    if errors:
        sample = next((r["first_error"] for r in runs if r["first_error"]), "")
        note += f"; {errors} failed requests, e.g. {sample[:160]}"
    same = statements[args.small] == statements[args.students]
    return [
        Figure(f"dashboard p95 at {args.small:,} students", median(p95[args.small]), "ms"),
        Figure(f"dashboard p95 at {args.students:,} students", median(p95[args.students]), "ms"),
        Figure("dashboard p95 ratio large/small", ratio, "", f"<= {TARGET}", ratio <= TARGET, note),
        Figure(
            "dashboard worker CPU ratio large/small",
            median(cpu[args.students]) / median(cpu[args.small]),
            "",
            note="robust to other load on the machine",
        ),
        Figure(
            "SQL statements per dashboard request",
            statements[args.students],
            "",
            "same at both sizes",
            same,
            f"{statements[args.small]} at {args.small:,}, {statements[args.students]} at "
            f"{args.students:,} (session and user included)",
        ),
    ]


def _hand_class_to_docent(path):
    """Placements 1..40 to docent 0 (seeded with 1..25), the same rows at every size."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            (docent,) = conn.execute('SELECT id FROM "user" WHERE email = ?', (DOCENT,)).fetchone()
            conn.execute(
                'UPDATE "placement" SET docent_id = ? WHERE id BETWEEN 1 AND ?',
                (docent, CLASS_SIZE),
            )
    finally:
        conn.close()


def _shape(server, cookie):
    """(students, counts by level): the work each size does must be the same."""
    status, _, body = request(server.port, "GET", PATH, headers={"Cookie": cookie})
    if status != 200:
        raise BenchError(f"{PATH} answered {status}: {body[:300]!r}")
    data = json.loads(body)
    return len(data["students"]), data["counts"]


def _statements(ctx, students):
    """SQL statements of one dashboard request (after a warm-up one), in-process."""
    from app import create_app
    from app.extensions import db

    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{ctx.work_paths[students]}",
            "SECRET_KEY": SECRET_KEY,
            "SESSION_COOKIE_SECURE": False,
        }
    )
    client = app.test_client()
    from bench.seed import PASSWORD

    answer = client.post("/api/auth/login", json={"email": DOCENT, "password": PASSWORD})
    if answer.status_code != 200:
        raise BenchError(f"in-process login: {answer.status_code}")
    client.get(PATH)
    seen = []
    real = db.obj.execute_sql

    def counting(sql, params=None, *a, **kw):
        seen.append(sql)
        return real(sql, params, *a, **kw)

    db.obj.execute_sql = counting
    try:
        if client.get(PATH).status_code != 200:
            raise BenchError("in-process dashboard request failed")
    finally:
        db.obj.execute_sql = real
        db.close()
    return len(seen)
