"""(8) Evidence: the coverage grid and the timeline on the demo student's placement.

The coverage view counts every werkproces's entries, photos, STARRTs and moments; the figure is
its time over the baseline of reading the same placement's entries with their werkproces tags
(one query for the rows, one for the tags), in the same process, alternating, median of the
rounds (target at most 3: the grid is a handful of grouped queries, not a walk over rows). Also
the number of SQL statements it takes (target at most 7, whatever the amount of evidence), and
the timeline's time over the same baseline.
"""

import shutil
import time

from bench.harness import OUT, Figure, median

NAME = "evidence"
TITLE = "evidence: coverage grid and timeline vs reading the entries with their tags"
RATIO_TARGET = 3.0
# One query per evidence kind (entries, STARRTs, photos, learning moments) plus the placement, the
# programme's werkprocessen and the STARRT progress; the figure must not grow with the amount of
# evidence. It was 7 before learning moments became a kind (the grid's own note in #10 gave 8).
STATEMENTS_TARGET = 8


def _timed(fn, repeat):
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat


def run(ctx):
    from app import create_app, demo
    from app.extensions import db
    from app.models import HourEntry, Placement, User
    from app.services import overview, werkprocessen

    path = OUT / "evidence.sqlite3"
    shutil.copyfile(ctx.demo_database(), path)
    app = create_app({"DATABASE_URL": f"sqlite:///{path}", "SECRET_KEY": "bench"})
    repeat = 5 if ctx.args.quick else 40
    with app.test_request_context():
        student = User.get(User.email == demo.STUDENT_EMAIL)
        pid = Placement.get(Placement.student == student.id).id

        def baseline():
            rows = list(HourEntry.select().where(HourEntry.placement == pid))
            werkprocessen.tags_for("entry", [r.id for r in rows])

        statements = []
        original = db.obj.execute_sql

        def counting(sql, *args, **kwargs):
            statements.append(sql)
            return original(sql, *args, **kwargs)

        db.obj.execute_sql = counting
        overview.coverage(student, pid)
        db.obj.execute_sql = original
        rounds = {"base": [], "coverage": [], "timeline": []}
        for _ in range(ctx.args.rounds):
            rounds["base"].append(_timed(baseline, repeat))
            rounds["coverage"].append(_timed(lambda: overview.coverage(student, pid), repeat))
            rounds["timeline"].append(_timed(lambda: overview.timeline(student, pid), repeat))
        entries = HourEntry.select().where(HourEntry.placement == pid).count()
    db.close()
    base, cov, tl = (median(rounds[k]) for k in ("base", "coverage", "timeline"))
    return [
        Figure(
            "baseline: the placement's entries and their tags",
            base * 1000,
            "ms",
            note=f"{entries} entries",
        ),  # fmt: skip
        Figure("coverage grid", cov * 1000, "ms"),
        Figure(
            "coverage / baseline", cov / base, "", f"<= {RATIO_TARGET}", cov / base <= RATIO_TARGET
        ),
        Figure(
            "coverage: SQL statements",
            len(statements),
            "",
            f"<= {STATEMENTS_TARGET}",
            len(statements) <= STATEMENTS_TARGET,
        ),  # fmt: skip
        Figure("timeline (all kinds) / baseline", tl / base, "", note=f"{tl * 1000:.1f} ms"),
    ]
