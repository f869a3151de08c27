"""Front-end (issue 3): 500 operations queued offline on one phone reach the server.

A fresh phone (Chromium through Playwright, Pixel 7) logs in as the demo student on the real app
(gunicorn, 2 sync workers, production settings, the demo school). Once the service worker is in
control and the first sync is done, the phone goes offline and 500 hour-entry creates are queued
through the app's own code: `saveEntry` of /static/js/actions.js, imported in the page (the same
module instance the screens use), which writes the local record and the outbox operation and
asks for a flush (which fails: offline). Then the phone goes online and the clock runs until the
outbox in IndexedDB is empty and the server's database holds all 500 rows (polled every 50 ms;
every loop has a count and a time limit). Exactly once: the 500 ids, no more, no fewer.

The entries keep the rules: category 2 (overtime, no daily cap), 10-minute slots around the
existing entries, on past days of the student's placement in weeks that are still open or
rejected (editable), spread round-robin over those days.

Baseline, in the same run: the same 500 rows (same ids and values) inserted with peewee through
the HourEntry model, one transaction, on a snapshot of the same SQLite database with the app's
settings (WAL, synchronous=NORMAL). Reported: the sync's time and operations per second, and
their ratio to the baseline's rows per second (shown as a percentage, since it is small).
"""

import datetime as dt
import sqlite3
import statistics
import time
import uuid

from bench import seed
from bench.harness import (
    DEMO_PASSWORD,
    DEMO_STUDENT,
    META,
    OUT,
    BenchError,
    Figure,
    browser_errors,
    page_controlled,
    page_login,
    wait_until,
)

NAME = "sync"
TITLE = "outbox sync of 500 queued operations"
FRONT_END = True  # the phone app: __main__ warns if its files change during the run
OPERATIONS = 500
SLOT_MINUTES = 10
CATEGORY = 2  # overtime: no daily cap
QUEUE_SECONDS = 180
SYNC_SECONDS = 300
POLL_SECONDS = 0.05
BASELINE_ROUNDS = 3
BATCH = "/api/sync/batch"

# Queue the creates with the app's own module, offline. Bounded in time inside the page too.
QUEUE = """async ({ entries, seconds }) => {
  const { saveEntry } = await import('/static/js/actions.js');
  const deadline = Date.now() + seconds * 1000;
  const ids = [];
  for (const values of entries) {
    if (Date.now() > deadline) throw new Error(`queued only ${ids.length} in ${seconds} s`);
    const saved = await saveEntry(values);
    ids.push(typeof saved === 'string' ? saved : saved.id); // older versions returned the id
  }
  return ids;
}"""

# The outbox as the app keeps it (IndexedDB 'stagewijs', store 'outbox'): count and states.
OUTBOX = """async () => {
  const db = await new Promise((ok, fail) => {
    const r = indexedDB.open('stagewijs');
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  const ops = await new Promise((ok, fail) => {
    const r = db.transaction('outbox').objectStore('outbox').getAll();
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  db.close();
  const attention = ops.filter((o) => o.state === 'attention');
  return { total: ops.length, attention: attention.length,
    error: attention.length ? attention[0].error : null };
}"""

OUTBOX_COUNT = """async () => {
  const db = await new Promise((ok, fail) => {
    const r = indexedDB.open('stagewijs');
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  const n = await new Promise((ok, fail) => {
    const r = db.transaction('outbox').objectStore('outbox').count();
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  db.close();
  return n;
}"""

# Counts the page's reads of the whole outbox (IDBObjectStore.getAll on 'outbox'), its
# IndexedDB transactions, the change events it broadcasts and the DOM redraws (ui.js fill()
# is replaceChildren): where a slow sync spends its time. One wrapper per call: negligible.
COUNTERS = """(() => {
  const c = { getAll: 0, items: 0, transactions: 0, events: 0, redraws: 0 };
  Object.defineProperty(window, '__benchIdb', { value: c });
  const getAll = IDBObjectStore.prototype.getAll;
  IDBObjectStore.prototype.getAll = function (...args) {
    const req = getAll.apply(this, args);
    if (this.name === 'outbox') {
      c.getAll += 1;
      req.addEventListener('success', () => { c.items += req.result.length; });
    }
    return req;
  };
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (...args) {
    c.transactions += 1;
    return transaction.apply(this, args);
  };
  const post = BroadcastChannel.prototype.postMessage;
  BroadcastChannel.prototype.postMessage = function (...args) {
    if (this.name === 'stagewijs') c.events += 1;
    return post.apply(this, args);
  };
  const replace = Element.prototype.replaceChildren;
  Element.prototype.replaceChildren = function (...args) {
    c.redraws += 1;
    return replace.apply(this, args);
  };
})();"""
COUNTERS_READ = """() => {
  const c = window.__benchIdb;
  const copy = { ...c };
  c.getAll = 0; c.items = 0; c.transactions = 0; c.events = 0; c.redraws = 0;
  return copy;
}"""


def run(ctx):
    with browser_errors("outbox sync in Chromium"):
        return _run(ctx)


def _run(ctx):
    ctx.check_time(QUEUE_SECONDS + SYNC_SECONDS, "the outbox sync")
    server = ctx.demo_server()
    placement = _placement(server.db_path)
    entries = _slots(server.db_path, placement, OPERATIONS)
    days = sorted({e["date"] for e in entries})
    ctx.log(
        f"  placement {placement['id']} ({placement['start_date']} to {placement['end_date']}): "
        f"{OPERATIONS} entries of {SLOT_MINUTES} min, category {CATEGORY}, on {len(days)} days "
        f"from {days[0]} to {days[-1]}"
    )
    context = ctx.phone(server)
    context.add_init_script(COUNTERS)
    try:
        page = context.new_page()
        page_login(page, DEMO_STUDENT, DEMO_PASSWORD, "/home")
        page_controlled(page)
        wait_until(
            lambda: page.evaluate(META, "placementId") and page.evaluate(META, "categories"),
            30,
            "the first sync (placement and categories in IndexedDB)",
            interval=0.2,
        )
        if page.evaluate(META, "placementId") != placement["id"]:
            raise BenchError("the phone chose another placement than the benchmark's")
        before = page.evaluate(OUTBOX)
        if before["total"]:
            raise BenchError(f"the outbox is not empty before the run: {before}")

        context.set_offline(True)
        page.evaluate(COUNTERS_READ)
        started = time.monotonic()
        ids = page.evaluate(QUEUE, {"entries": entries, "seconds": QUEUE_SECONDS})
        queue_seconds = time.monotonic() - started
        queued = page.evaluate(OUTBOX)
        if queued["total"] != OPERATIONS or len(set(ids)) != OPERATIONS:
            raise BenchError(f"queued {queued['total']} operations, {len(set(ids))} ids")
        hex_ids = [uuid.UUID(i).hex for i in ids]
        if _server_count(server.db_path, hex_ids):
            raise BenchError("entries reached the server while offline")
        queue_reads = page.evaluate(COUNTERS_READ)
        ctx.log(
            f"  queued {OPERATIONS} creates offline in {queue_seconds:.1f} s "
            f"({_reads(queue_reads)})"
        )

        mark = server.access_mark()
        result = _sync(ctx, context, page, server.db_path, hex_ids)
        requests = server.requests_since(mark)
        sync_reads = page.evaluate(COUNTERS_READ)
    finally:
        context.close()

    # The writes: one request per create, or batch requests of up to 50 operations.
    posts = [r for r in requests if r[0] == "POST" and ("/entries" in r[1] or BATCH in r[1])]
    batches = sum(BATCH in r[1] for r in posts)
    statuses = {}
    for r in posts:
        statuses[r[2]] = statuses.get(r[2], 0) + 1
    server_seconds = sum(r[4] for r in posts) / 1e6
    per_create = server_seconds * 1000 / OPERATIONS
    ctx.log(
        f"  synced: server held all {OPERATIONS} after {result['server']:.2f} s, outbox empty "
        f"after {result['empty']:.2f} s; {len(posts)} write requests ({batches} batches) "
        f"{statuses}, {len(requests) - len(posts)} other requests; the server spent "
        f"{server_seconds:.2f} s on the writes ({per_create:.1f} ms per create), the phone "
        f"and the round trips the rest"
    )
    ctx.log(f"  the page during the sync: {_reads(sync_reads)}")
    baseline = _baseline(ctx, server.db_path, hex_ids)
    seconds = result["done"]
    rate = OPERATIONS / seconds
    base_rate = OPERATIONS / baseline["median"]
    ctx.log(
        f"  peewee baseline: {OPERATIONS} rows in one transaction in "
        + ", ".join(f"{s * 1000:.1f}" for s in baseline["runs"])
        + " ms"
    )
    return [
        Figure(
            f"outbox sync of {OPERATIONS} queued creates",
            seconds,
            "s",
            note=(
                f"online -> outbox empty and all rows on the server; {len(posts)} POSTs "
                f"({batches} batches) {statuses}; server time {server_seconds:.2f} s "
                f"({per_create:.1f} ms per create); page: {_reads(sync_reads)}; queued offline in "
                f"{queue_seconds:.1f} s"
            ),
        ),
        Figure("outbox sync throughput", rate, "ops/s"),
        Figure(
            f"peewee insert of the same {OPERATIONS} rows (1 transaction)",
            base_rate,
            "rows/s",
            note=f"median of {BASELINE_ROUNDS}: {baseline['median'] * 1000:.1f} ms; "
            "HourEntry.create per row, same SQLite settings",
        ),
        Figure(
            "outbox sync ops/s / peewee insert rows/s",
            100 * rate / base_rate,
            "%",
            note=f"ratio {rate / base_rate:.4f}: the sync takes "
            f"{seconds / baseline['median']:,.0f}x as long as the insert",
        ),
    ]


def _sync(ctx, context, page, db_path, hex_ids):
    """Go online; seconds until the server holds every row and until the outbox is empty."""
    started = time.monotonic()
    context.set_offline(False)
    deadline = started + SYNC_SECONDS
    server_at = empty_at = None
    last_check = 0.0
    polls = 0
    while time.monotonic() < deadline and polls < SYNC_SECONDS / POLL_SECONDS * 2:
        polls += 1
        now = time.monotonic()
        if server_at is None:
            count = _server_count(db_path, hex_ids)
            if count > len(hex_ids):
                raise BenchError(f"the server holds {count} rows for {len(hex_ids)} ids")
            if count == len(hex_ids):
                server_at = now - started
        if empty_at is None and page.evaluate(OUTBOX_COUNT) == 0:
            empty_at = time.monotonic() - started
        if server_at is not None and empty_at is not None:
            break
        if now - last_check > 2:  # operations the server refused would never leave
            last_check = now
            state = page.evaluate(OUTBOX)
            if state["attention"]:
                raise BenchError(
                    f"{state['attention']} operations need attention, e.g. {state['error']}"
                )
        time.sleep(POLL_SECONDS)
    else:
        state = page.evaluate(OUTBOX)
        count = _server_count(db_path, hex_ids)
        raise BenchError(
            f"sync not done after {SYNC_SECONDS} s: server has {count}, outbox {state}"
        )
    return {"server": server_at, "empty": empty_at, "done": max(server_at, empty_at)}


def _reads(counts):
    return (
        f"{counts['getAll']:,} reads of the whole outbox ({counts['items']:,} operations "
        f"read), {counts['transactions']:,} IndexedDB transactions, {counts['events']:,} change "
        f"events, {counts['redraws']:,} DOM redraws"
    )


def _connect(db_path):
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)
    conn.execute("PRAGMA query_only = 1")
    return conn


def _server_count(db_path, hex_ids):
    conn = _connect(db_path)
    try:
        marks = ",".join("?" * len(hex_ids))
        sql = f"SELECT count(*) FROM hour_entry WHERE id IN ({marks}) AND deleted_at IS NULL"
        return conn.execute(sql, hex_ids).fetchone()[0]
    finally:
        conn.close()


def _placement(db_path):
    """The demo student's current placement."""
    today = seed.local_today().isoformat()
    conn = _connect(db_path)
    try:
        row = conn.execute(
            "SELECT p.id, p.start_date, p.end_date FROM placement p "
            'JOIN "user" u ON u.id = p.student_id WHERE u.email = ? '
            "AND p.start_date <= ? AND ? <= p.end_date ORDER BY p.start_date DESC LIMIT 1",
            (DEMO_STUDENT, today, today),
        ).fetchone()
    finally:
        conn.close()
    if row is None:
        raise BenchError(f"{DEMO_STUDENT} has no current placement in the demo school")
    return {"id": row[0], "start_date": row[1], "end_date": row[2]}


def _slots(db_path, placement, count):
    """`count` free 10-minute slots on past days of editable weeks, round-robin over the days."""
    from app.models.logbook import EDITABLE_WEEK_STATUSES

    today = seed.local_today()
    first = dt.date.fromisoformat(placement["start_date"])
    last = min(dt.date.fromisoformat(placement["end_date"]), today - dt.timedelta(days=1))
    conn = _connect(db_path)
    try:
        statuses = dict(
            conn.execute(
                "SELECT monday, status FROM week WHERE placement_id = ?", (placement["id"],)
            )
        )
        busy = {}
        for day, start, end in conn.execute(
            "SELECT date, start_time, end_time FROM hour_entry "
            "WHERE placement_id = ? AND deleted_at IS NULL",
            (placement["id"],),
        ):
            busy.setdefault(day, []).append((_minute(start), _minute(end)))
    finally:
        conn.close()
    per_day = []
    day = first
    while day <= last:
        monday = (day - dt.timedelta(days=day.weekday())).isoformat()
        if statuses.get(monday, "open") in EDITABLE_WEEK_STATUSES:
            taken = busy.get(day.isoformat(), [])
            free = [
                start
                for start in range(0, 24 * 60 - SLOT_MINUTES, SLOT_MINUTES)
                if not any(start < end and begin < start + SLOT_MINUTES for begin, end in taken)
            ]
            if free:
                per_day.append((day, free))
        day += dt.timedelta(days=1)
    available = sum(len(free) for _, free in per_day)
    if available < count:
        raise BenchError(f"only {available} free slots in the student's editable weeks")
    entries = []
    for i in range(max(len(free) for _, free in per_day)):
        for day, free in per_day:
            if i < len(free) and len(entries) < count:
                start = free[i]
                entries.append(
                    {
                        "date": day.isoformat(),
                        "start_time": _hhmm(start),
                        "end_time": _hhmm(start + SLOT_MINUTES),
                        "category": CATEGORY,
                        "description": f"Benchmark: outbox sync {len(entries) + 1}/{count}",
                    }
                )
    return entries


def _minute(text):
    hours, minutes = text.split(":")[:2]
    return int(hours) * 60 + int(minutes)


def _hhmm(minute):
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _baseline(ctx, db_path, hex_ids):
    """Seconds to insert the synced rows again with peewee, one transaction, on a snapshot."""
    import peewee

    from app.db import make_database
    from app.extensions import db
    from app.models import HourEntry

    target = OUT / "sync-baseline.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        (OUT / f"{target.name}{suffix}").unlink(missing_ok=True)
    source = sqlite3.connect(db_path, timeout=10)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    database = make_database(f"sqlite:///{target}")
    previous = db.obj
    db.initialize(database)
    try:
        database.connect()
        wanted = [uuid.UUID(h) for h in hex_ids]
        rows = list(HourEntry.select().where(HourEntry.id.in_(wanted)).dicts())
        if len(rows) != len(hex_ids):
            raise BenchError(f"the snapshot holds {len(rows)} of the {len(hex_ids)} rows")

        def delete():
            with database.atomic():
                HourEntry.delete().where(HourEntry.id.in_(wanted)).execute()

        runs = []
        for r in range(BASELINE_ROUNDS + 1):  # the first is a warm-up
            delete()
            started = time.perf_counter()
            with database.atomic():
                for row in rows:
                    HourEntry.create(**row)
            elapsed = time.perf_counter() - started
            if r:
                runs.append(elapsed)
        count = HourEntry.select().where(HourEntry.id.in_(wanted)).count()
        if count != len(rows):
            raise BenchError(f"the baseline inserted {count} rows, not {len(rows)}")
    except peewee.PeeweeException as error:
        raise BenchError(f"peewee baseline failed: {error}") from error
    finally:
        database.close()
        db.initialize(previous)
    for suffix in ("", "-wal", "-shm"):
        (OUT / f"{target.name}{suffix}").unlink(missing_ok=True)
    return {"runs": runs, "median": statistics.median(runs)}
