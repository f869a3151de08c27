"""`python -m bench.profile_create [--n 2000] [--top 25]`: where an hour-entry create's time goes.

In-process, no network: the app on a fresh SQLite file, one logged-in student, and N creates
(each a new UUID and a free slot, with an Idempotency-Key as the outbox sends them) driven
straight through the WSGI callable. Prints the SQL statements one create runs, the time per
create and per logged-in GET /api/auth/me next to a bare WSGI callable, and the functions that
take the time (cProfile, by own time and by cumulative time).
"""

import argparse
import cProfile
import datetime as dt
import io
import pstats
import tempfile
import time
import uuid
from collections import Counter

from werkzeug.test import EnvironBuilder

PASSWORD = "bench-password-1"


def build_app(folder):
    from app import create_app, schema
    from app.extensions import db
    from app.models import Company, Institution, Placement, Programme
    from app.models.placements import POK_DEFINITIEF
    from app.models.users import STUDENT, TEACHER, TRAINER
    from app.services.reference import ensure_categories
    from app.services.users import create_user

    today = dt.date.today()
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{folder}/profile.sqlite3",
            "SECRET_KEY": "profile",
            "SESSION_COOKIE_SECURE": False,
            # Far in the future: every slot of the run is a day before "today".
            "FROZEN_TODAY": (today + dt.timedelta(days=4000)).isoformat(),
        }
    )
    with app.app_context():
        db.connect(reuse_if_open=True)
        schema.upgrade()
        ensure_categories()
        school = Institution.create(name="ROC Profiel")
        company = Company.create(institution=school, name="Bedrijf")
        programme = Programme.create(institution=school, name="Software", crebo="25998")

        def person(role, **kw):
            return create_user(school, f"{role}@profiel.nl", role, role, PASSWORD, **kw)

        student = person(STUDENT)
        placement = Placement(
            student=student, company=company, programme=programme,
            praktijkopleider=person(TRAINER, company=company), docent=person(TEACHER),
            start_date=today, end_date=today + dt.timedelta(days=4000), required_hours=800,
            pok_status=POK_DEFINITIEF,
        )  # fmt: skip
        placement.stamp()
        placement.save()
    client = app.test_client()
    response = client.post("/api/auth/login", json={"email": student.email, "password": PASSWORD})
    assert response.status_code == 200, response.get_json()
    cookie = response.headers["Set-Cookie"].split(";", 1)[0]
    return app, placement.id, today, cookie


def create_environ(placement_id, day, slot, cookie):
    start = dt.time(7 + slot % 10)
    body = {
        "id": str(uuid.uuid4()),
        "date": day.isoformat(),
        "start_time": start.strftime("%H:%M"),
        "end_time": start.replace(minute=50).strftime("%H:%M"),
        "category": 1,
        "description": "Profiel",
    }
    return EnvironBuilder(
        path=f"/api/placements/{placement_id}/entries",
        method="POST",
        json=body,
        headers={"Cookie": cookie, "Idempotency-Key": str(uuid.uuid4())},
    ).get_environ()


def call(app, environ):
    status = []
    body = b"".join(app(environ, lambda s, h, e=None: status.append(s)))
    return status[0], body


def bare(environ, start_response):
    start_response("200 OK", [("Content-Type", "application/json")])
    return [b'{"ok":true}']


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.profile_create", description=__doc__)
    parser.add_argument("--n", type=int, default=2000, help="creates to run")
    parser.add_argument("--top", type=int, default=25, help="functions to list")
    args = parser.parse_args(argv)
    from app.extensions import db

    with tempfile.TemporaryDirectory() as folder:
        app, pid, start_day, cookie = build_app(folder)
        environs = [
            create_environ(pid, start_day + dt.timedelta(days=i // 10), i, cookie)
            for i in range(args.n * 2 + 1)
        ]
        # SQL per create: count what reaches the driver.
        statements = []
        real_execute = db.obj.execute_sql

        def counting(sql, params=None, *a, **kw):
            statements.append(sql.split(" ", 1)[0] + " " + sql[:90])
            return real_execute(sql, params, *a, **kw)

        db.obj.execute_sql = counting
        status, body = call(app, environs[0])
        assert status.startswith("201"), body
        db.obj.execute_sql = real_execute
        print(f"SQL statements for one create: {len(statements)}")
        for sql in statements:
            print("   ", sql)

        me = EnvironBuilder(path="/api/auth/me", headers={"Cookie": cookie}).get_environ()
        timings = {}
        for name, target, envs in [
            ("create", app, environs[1 : args.n + 1]),
            ("GET /api/auth/me", app, [me] * args.n),
            ("bare WSGI", bare, [me] * args.n),
        ]:
            began = time.process_time()  # CPU time: other load on the machine barely moves it
            for environ in envs:
                call(target, dict(environ) if name != "create" else environ)
            timings[name] = (time.process_time() - began) / len(envs) * 1000
        for name, ms in timings.items():
            print(f"{name:>18}: {ms:.3f} ms CPU per request")

        profiler = cProfile.Profile()
        profiler.enable()
        for environ in environs[args.n + 1 :]:
            call(app, environ)
        profiler.disable()
        for order in ("tottime", "cumulative"):
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(args.top)
            print(f"\n--- by {order} ({args.n} creates) ---")
            print(out.getvalue().split("\n", 6)[-1])
        kinds = Counter(s.split(" ", 1)[0] for s in statements)
        print("statement kinds:", dict(kinds))


if __name__ == "__main__":
    main()
