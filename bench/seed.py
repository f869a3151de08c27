"""The benchmark's databases: one institution of N students with a school year of hour entries.

The tables and indexes come from the app's own models (created in memory, their SQL replayed on
the file), so the benchmark measures the real schema. The rows go in with raw `executemany` in
one transaction with the journal off; the secondary indexes are built after the load, which is
several times faster than maintaining them row by row (20,000 students, ~3 million entries: about
a minute). A sidecar JSON records what was built; the file is reused while the sidecar matches
(same seed version, size and schema, seeded recently enough that the POK periods cover today).

The structure per student does not depend on N: student i is in company i // 10, has trainer
i // 5 and teacher i // 25, and its logbook comes from random.Random(i). So the first trainers
have identical inboxes at 1,000 and at 20,000 students, and the inbox benchmark compares the
same work on a small and a large database.
"""

import datetime as dt
import hashlib
import json
import os
import random
import shutil
import sqlite3
import time
from zoneinfo import ZoneInfo

import peewee

SEED_VERSION = 1
PASSWORD = "bench-password"
SCHOOL_WEEKS = 30  # weeks of logbook before the current one: 30 x ~5 entries x 20,000 = 3 million
LOAD_STUDENTS = 32  # the last students: an empty logbook and a year-long POK, for the create load
INBOX_TRAINERS = 8  # the first trainers: their inboxes are measured at both sizes
STUDENTS_PER_COMPANY = 10
STUDENTS_PER_TRAINER = 5
STUDENTS_PER_TEACHER = 25
MAX_AGE_DAYS = 21
ZONE = ZoneInfo("Europe/Amsterdam")

_UUID_CLEAR = ~((0xF << 76) | (0x3 << 62)) & ((1 << 128) - 1)
_UUID_SET = (0x4 << 76) | (0x2 << 62)


def local_today():
    return dt.datetime.now(ZONE).date()


def database_path(out_dir, students):
    return os.path.join(out_dir, f"bench-{students}.sqlite3")


def ensure_database(out_dir, students, rebuild=False, log=print):
    """The pristine database for `students`, built when missing or stale; returns its sidecar."""
    os.makedirs(out_dir, exist_ok=True)
    path = database_path(out_dir, students)
    sidecar = path + ".json"
    schema, schema_hash = schema_sql()
    if not rebuild and os.path.exists(path) and os.path.exists(sidecar):
        with open(sidecar) as fh:
            meta = json.load(fh)
        age = (local_today() - dt.date.fromisoformat(meta["seeded_on"])).days
        if (
            meta.get("seed_version") == SEED_VERSION
            and meta.get("students") == students
            and meta.get("schema_hash") == schema_hash
            and os.path.getsize(path) == meta.get("bytes")
            and 0 <= age <= MAX_AGE_DAYS
        ):
            log(
                f"  reusing {os.path.basename(path)} ({meta['entries']:,} entries, "
                f"seeded {meta['seeded_on']})"
            )
            return meta
    log(f"  seeding {students:,} students into {os.path.basename(path)} ...")
    started = time.monotonic()
    meta = build(path, students, schema)
    meta["schema_hash"] = schema_hash
    meta["seconds"] = round(time.monotonic() - started, 1)
    with open(sidecar, "w") as fh:
        json.dump(meta, fh, indent=1)
    log(
        f"  seeded {meta['entries']:,} entries, {meta['weeks']:,} weeks in {meta['seconds']} s "
        f"({meta['bytes'] / 1e6:,.0f} MB)"
    )
    return meta


def working_copy(meta, out_dir, tag="work"):
    """A fresh copy to serve (the load writes to it); the pristine file stays as built."""
    source = meta["path"]
    target = os.path.join(out_dir, f"{tag}-{meta['students']}.sqlite3")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(target + suffix):
            os.remove(target + suffix)
    shutil.copyfile(source, target)
    # Flush the copy now: otherwise SQLite's first checkpoint fsync waits for a gigabyte of
    # dirty pages in the middle of a measurement.
    fd = os.open(target, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    _read_through(target)
    return target


def _read_through(path, chunk=1 << 20):
    """Read the whole copy once, so the OS keeps it in its page cache, as it keeps the file of
    a server that has been running. The copy is written in the kernel (copy_file_range) and is
    then mostly not cached: measured on 3 Dec 2026, 391 MB of the 1.3 GB copy was resident after
    a creates run, so a create's index reads went to the disk and the figure depended on the
    disk and on what earlier runs had left in the cache."""
    with open(path, "rb", buffering=0) as fh:
        while fh.read(chunk):
            pass


def schema_sql():
    """CREATE statements of the app's models, in creation order, and a hash of them."""
    from app.db import make_database
    from app.extensions import db
    from app.models import ALL_MODELS

    database = make_database("sqlite:///:memory:")
    db.initialize(database)
    try:
        db.create_tables(ALL_MODELS)
        rows = database.execute_sql(
            "SELECT type, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
        ).fetchall()
    finally:
        database.close()
    statements = [(kind, sql) for kind, sql in rows]
    digest = hashlib.sha256("\n".join(sql for _, sql in statements).encode()).hexdigest()
    return statements, digest


def build(path, students, schema):
    from app.demo import SD_TASKS, VIG_TASKS
    from app.services.passwords import hash_password

    temp = path + ".building"
    for name in (temp, path, path + "-wal", path + "-shm"):
        if os.path.exists(name):
            os.remove(name)
    conn = sqlite3.connect(temp, isolation_level=None)
    for pragma in (
        "journal_mode=OFF",
        "synchronous=OFF",
        "cache_size=-1000000",
        "temp_store=MEMORY",
        "locking_mode=EXCLUSIVE",
    ):
        conn.execute(f"PRAGMA {pragma}")
    for kind, sql in schema:
        if kind == "table":
            conn.execute(sql)
    today = local_today()
    writer = _Writer(conn, today, hash_password(PASSWORD), (SD_TASKS, VIG_TASKS))
    conn.execute("BEGIN")
    meta = writer.load(students)
    conn.execute("COMMIT")
    for kind, sql in schema:  # indexes after the load: one sort each instead of 3M inserts
        if kind == "index":
            conn.execute(sql)
    conn.execute("PRAGMA locking_mode=NORMAL")
    conn.close()
    conn = sqlite3.connect(temp, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    os.replace(temp, path)
    meta.update(
        seed_version=SEED_VERSION,
        students=students,
        seeded_on=today.isoformat(),
        path=path,
        bytes=os.path.getsize(path),
        password=PASSWORD,
    )
    return meta


class _Writer:
    def __init__(self, conn, today, password_hash, tasks):
        self.conn = conn
        self.today = today
        self.password_hash = password_hash
        self.tasks = tasks
        self.seq = 0
        self.now = str(dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0))

    def inserter(self, model, names):
        """executemany for `names` of `model`; other columns get their defaults."""
        meta = model._meta
        fields = [meta.fields[n] for n in names]
        extra = [
            f
            for f in meta.sorted_fields
            if f.name not in names and not isinstance(f, peewee.AutoField)
        ]
        extra_values = tuple(_default(model, f) for f in extra)
        columns = ", ".join(f'"{f.column_name}"' for f in fields + extra)
        marks = ", ".join("?" * (len(fields) + len(extra)))
        sql = f'INSERT INTO "{meta.table_name}" ({columns}) VALUES ({marks})'

        def insert(rows):
            self.conn.executemany(sql, (tuple(row) + extra_values for row in rows))

        return insert

    def next_seq(self):
        self.seq += 1
        return self.seq

    def load(self, students):
        from app.models import (
            ActivityCategory,
            Company,
            Counter,
            HourEntry,
            Institution,
            Placement,
            Programme,
            User,
            Week,
        )
        from app.models.placements import POK_DEFINITIEF
        from app.services.reference import CATEGORIES

        companies = -(-students // STUDENTS_PER_COMPANY)
        trainers = -(-students // STUDENTS_PER_TRAINER)
        teachers = -(-students // STUDENTS_PER_TEACHER)
        coordinators = 2
        teacher_id = lambda k: 1 + coordinators + k  # noqa: E731
        trainer_id = lambda j: 1 + coordinators + teachers + j  # noqa: E731
        student_id = lambda i: 1 + coordinators + teachers + trainers + i  # noqa: E731

        self.inserter(Institution, ["id", "name"])([(1, f"ROC Benchmark ({students:,})")])
        self.inserter(Programme, ["id", "institution", "name", "crebo"])(
            [(1, 1, "Software developer", "25998"), (2, 1, "Verzorgende-IG", "25655")]
        )
        self.inserter(Company, ["id", "institution", "name", "city"])(
            (c + 1, 1, f"Leerbedrijf {c + 1}", "Utrecht") for c in range(companies)
        )
        self.inserter(
            ActivityCategory,
            [
                "id",
                "code",
                "name_nl",
                "name_en",
                "counts_toward_hours",
                "daily_cap_minutes",
                "overflow_code",
            ],
        )(
            (code, code, nl, en, int(counts), cap, overflow)
            for code, nl, en, counts, cap, overflow in CATEGORIES
        )
        users = self.inserter(
            User, ["id", "institution", "email", "name", "role", "company", "password_hash"]
        )
        pw = self.password_hash
        users(
            (
                1 + k,
                1,
                f"coordinator{k}@bench.example.nl",
                f"Coördinator {k}",
                "coordinator",
                None,
                pw,
            )
            for k in range(coordinators)
        )
        users(
            (teacher_id(k), 1, f"docent{k}@bench.example.nl", f"Docent {k}", "docent", None, pw)
            for k in range(teachers)
        )
        users(
            (
                trainer_id(j),
                1,
                f"trainer{j}@bench.example.nl",
                f"Praktijkopleider {j}",
                "praktijkopleider",
                j // 2 + 1,
                pw,
            )
            for j in range(trainers)
        )
        users(
            (student_id(i), 1, f"student{i}@bench.example.nl", f"Student {i}", "student", None, pw)
            for i in range(students)
        )

        placements = self.inserter(
            Placement,
            [
                "id",
                "student",
                "company",
                "praktijkopleider",
                "docent",
                "programme",
                "start_date",
                "end_date",
                "required_hours",
                "pok_status",
                "change_seq",
            ],
        )
        weeks = self.inserter(
            Week,
            [
                "id",
                "placement",
                "monday",
                "status",
                "submitted_at",
                "decided_at",
                "decided_by",
                "comment",
                "version",
                "change_seq",
                "created_at",
                "updated_at",
            ],
        )
        entries = self.inserter(
            HourEntry,
            [
                "id",
                "placement",
                "week",
                "date",
                "start_time",
                "end_time",
                "minutes",
                "category",
                "description",
                "created_by",
                "create_fingerprint",
                "change_seq",
                "created_at",
                "updated_at",
            ],
        )

        this_monday = self.today - dt.timedelta(days=self.today.weekday())
        first_load = students - min(LOAD_STUDENTS, students // 2)
        load_students, placement_rows, week_rows, entry_rows = [], [], [], []
        week_id = 0
        n_weeks = n_entries = 0
        for i in range(students):
            sid, pid, trainer = student_id(i), i + 1, trainer_id(i // STUDENTS_PER_TRAINER)
            programme = 1 if (i // STUDENTS_PER_COMPANY) % 2 == 0 else 2
            if i >= first_load:
                start = this_monday - dt.timedelta(weeks=52)
                end = this_monday + dt.timedelta(weeks=8, days=4)
                load_students.append(
                    {
                        "email": f"student{i}@bench.example.nl",
                        "placement_id": pid,
                        "start_date": start.isoformat(),
                    }
                )
            else:
                start = this_monday - dt.timedelta(weeks=SCHOOL_WEEKS)
                end = this_monday + dt.timedelta(weeks=10, days=4)
            placement_rows.append(
                (
                    pid,
                    sid,
                    i // STUDENTS_PER_COMPANY + 1,
                    trainer,
                    teacher_id(i // STUDENTS_PER_TEACHER),
                    programme,
                    start.isoformat(),
                    end.isoformat(),
                    800,
                    POK_DEFINITIEF,
                    self.next_seq(),
                )
            )
            if i >= first_load:
                continue
            rng = random.Random(i * 7919 + SEED_VERSION)
            statuses = _week_statuses(rng)
            tasks = self.tasks[programme - 1]
            for w in range(SCHOOL_WEEKS + 1):
                monday = start + dt.timedelta(weeks=w)
                status = statuses[w] if w < SCHOOL_WEEKS else "open"
                days = [monday + dt.timedelta(days=d) for d in range(5)]
                days = [d for d in days if d < self.today]
                if not days:
                    continue
                week_id += 1
                week_entries = self.day_entries(rng, pid, week_id, sid, days, tasks)
                entry_rows.extend(week_entries)
                week_rows.append(self.week_row(rng, week_id, pid, monday, status, trainer))
            if len(entry_rows) >= 200_000:
                n_weeks, n_entries = self.flush(
                    placements,
                    placement_rows,
                    weeks,
                    week_rows,
                    entries,
                    entry_rows,
                    n_weeks,
                    n_entries,
                )
        n_weeks, n_entries = self.flush(
            placements, placement_rows, weeks, week_rows, entries, entry_rows, n_weeks, n_entries
        )
        self.inserter(Counter, ["name", "value"])([("changes", self.seq)])
        return {
            "entries": n_entries,
            "weeks": n_weeks,
            "load_students": load_students,
            "inbox_trainers": [f"trainer{j}@bench.example.nl" for j in range(INBOX_TRAINERS)],
        }

    @staticmethod
    def flush(
        placements, placement_rows, weeks, week_rows, entries, entry_rows, n_weeks, n_entries
    ):
        placements(placement_rows)
        weeks(week_rows)
        entries(entry_rows)
        n_weeks += len(week_rows)
        n_entries += len(entry_rows)
        for rows in (placement_rows, week_rows, entry_rows):
            rows.clear()
        return n_weeks, n_entries

    def week_row(self, rng, week_id, pid, monday, status, trainer):
        friday = monday + dt.timedelta(days=4)
        submitted = decided = decided_by = None
        version, comment = 1, ""
        if status != "open":
            submitted = f"{friday} 16:{rng.randrange(60):02d}:00"
            version = 2
        if status in ("approved", "rejected"):
            decided = f"{friday + dt.timedelta(days=3)} 10:{rng.randrange(60):02d}:00"
            decided_by, version = trainer, 3
            if status == "rejected":
                comment = "Beschrijf per dag wat je gedaan hebt en lever de week opnieuw in."
        created = f"{monday} 08:00:00"
        return (
            week_id,
            pid,
            monday.isoformat(),
            status,
            submitted,
            decided,
            decided_by,
            comment,
            version,
            self.next_seq(),
            created,
            decided or submitted or created,
        )

    def day_entries(self, rng, pid, week_id, sid, days, tasks):
        rows = []
        for day in days:
            roll = rng.random()
            if roll < 0.03:
                spans = [(7, "08:30:00", "17:00:00", 510, "Ziek gemeld")]
            elif roll < 0.06:
                spans = [
                    (5, "08:30:00", "10:00:00", 90, "Tandarts"),
                    (1, "10:15:00", "17:00:00", 405, rng.choice(tasks)),
                ]
            else:
                spans = [(1, "08:30:00", "17:00:00", 510, rng.choice(tasks))]
            iso = day.isoformat()
            for code, start, end, minutes, description in spans:
                uid = "%032x" % ((rng.getrandbits(128) & _UUID_CLEAR) | _UUID_SET)
                stamp = f"{iso} {end}"
                rows.append(
                    (
                        uid,
                        pid,
                        week_id,
                        iso,
                        start,
                        end,
                        minutes,
                        code,
                        description,
                        sid,
                        hashlib.sha256(uid.encode()).hexdigest(),
                        self.next_seq(),
                        stamp,
                        stamp,
                    )
                )
        return rows


def _week_statuses(rng):
    """All approved, with a tail like a real class: some submitted, a rejection, a late week."""
    tail = rng.choice(
        [
            ["submitted"],
            ["submitted", "submitted"],
            ["rejected", "submitted"],
            ["submitted", "open"],
            [],
        ]
    )
    return ["approved"] * (SCHOOL_WEEKS - len(tail)) + tail


def _default(model, field):
    value = field.default() if callable(field.default) else field.default
    if value is None and not field.null:
        raise RuntimeError(
            f"bench/seed.py: {model.__name__}.{field.name} has no default; add it to the seed"
        )
    value = field.db_value(value) if value is not None else None
    if isinstance(value, dt.datetime | dt.date | dt.time):
        value = str(value)
    if isinstance(value, bool):
        value = int(value)
    return value
