"""(2) The trainer inbox's p95 latency at the large institution, as a ratio to a small one.

The same eight trainers exist in both databases with identical students and weeks (see
seed.py), so both servers do the same work; only the size of the database differs. wrk -c2 (one
connection per worker, so the figure is latency rather than queueing) rotates over the trainers'
sessions; small and large runs alternate, `--rounds` times. Target: at most 1.5.
"""

import json

from bench.harness import BenchError, Figure, median, request, wrk

NAME = "inbox"
TITLE = "trainer inbox p95, large vs small institution"
TARGET = 1.5
CONNECTIONS = 2
PATH = "/api/inbox/weeks"


def run(ctx):
    args = ctx.args
    sizes = (args.small, args.students)
    servers, cookies, sizes_seen = {}, {}, {}
    for students in sizes:
        meta = ctx.database(students)
        servers[students] = server = ctx.app_server(students)
        cookies[students] = ctx.login(server, meta["inbox_trainers"])
        sizes_seen[students] = _inbox_sizes(server, cookies[students])
    if sizes_seen[args.small] != sizes_seen[args.students]:
        raise BenchError(f"the inboxes differ between the databases: {sizes_seen}")
    if not any(sizes_seen[args.small]):
        raise BenchError("the measured trainers have empty inboxes")
    seconds = args.duration
    for students in sizes:
        data = {"PATH": PATH, "COOKIES": cookies[students]}
        wrk(
            servers[students],
            "get.lua",
            data,
            args.warmup,
            CONNECTIONS,
            f"inbox-{students}-warmup",
        )
    p95 = {students: [] for students in sizes}
    cpu = {students: [] for students in sizes}
    runs = []
    for r in range(args.rounds):
        ctx.check_time(2 * seconds + 30, "another round of inbox runs")
        for students in sizes:
            data = {"PATH": PATH, "COOKIES": cookies[students]}
            result = wrk(
                servers[students],
                "get.lua",
                data,
                seconds,
                CONNECTIONS,
                f"inbox-{students}-{r}",
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
    note = f"inbox sizes {sizes_seen[args.small]}"
    if errors:
        sample = next((r["first_error"] for r in runs if r["first_error"]), "")
        note += f"; {errors} failed requests, e.g. {sample[:160]}"
    return [
        Figure(f"inbox p95 at {args.small:,} students", median(p95[args.small]), "ms"),
        Figure(f"inbox p95 at {args.students:,} students", median(p95[args.students]), "ms"),
        Figure("inbox p95 ratio large/small", ratio, "", f"<= {TARGET}", ratio <= TARGET, note),
        Figure(
            "inbox worker CPU ratio large/small",
            median(cpu[args.students]) / median(cpu[args.small]),
            "",
            note="robust to other load on the machine",
        ),
    ]


def _inbox_sizes(server, cookies):
    """How many weeks each measured trainer has waiting (must match across the databases)."""
    sizes = []
    for cookie in cookies:
        status, headers, body = request(server.port, "GET", PATH, headers={"Cookie": cookie})
        if status != 200:
            raise BenchError(f"{PATH} answered {status}: {body[:300]!r}")
        pagination = headers.get("X-Pagination")
        total = json.loads(pagination)["total"] if pagination else len(json.loads(body))
        sizes.append(total)
    return sizes
