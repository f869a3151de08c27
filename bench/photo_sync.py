"""Photos (issue #9): 20 photos taken offline on one phone reach the server once it is online,
against uploading the same files one by one with a plain HTTP client, in the same run.

A fresh phone (Chromium, Pixel 7) logs in as the demo student on the real app (gunicorn, 2 sync
workers, production settings). Offline, 20 camera-sized JPEGs (4000 x 3000, each a little
different) go through the app's own `addPhoto` (photo-actions.js): scaled on the phone to 1600
px, kept in IndexedDB, queued in the outbox. Then the phone goes online and the clock runs until
the outbox is empty and the server holds the 20 photos (polled every 50 ms, bounded).

Baseline: the very blobs the phone queued (read back from IndexedDB before going online),
posted one after the other to the same endpoint by http.client on one kept-alive connection,
logged in as the same student, with fresh ids. Reported: both times and their ratio.
"""

import base64
import hashlib
import http.client
import io
import sqlite3
import time
import uuid
from urllib.parse import urlencode

from bench.harness import (
    DEMO_PASSWORD,
    DEMO_STUDENT,
    META,
    USER_AGENT,
    BenchError,
    Figure,
    browser_errors,
    page_controlled,
    page_login,
    wait_until,
)

NAME = "photo-sync"
TITLE = "20 photos queued offline reach the server"
FRONT_END = True
PHOTOS = 20
SIZE = (4000, 3000)
SYNC_SECONDS = 240
POLL_SECONDS = 0.05

ADD = """async (b64) => {
  const { addPhoto } = await import('/static/js/photo-actions.js');
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const file = new File([bytes], 'IMG.jpg', { type: 'image/jpeg' });
  return (await addPhoto(file, { caption: 'Benchmark' })).id;
}"""

# The queued blobs, as base64, by photo id.
BLOBS = """async () => {
  const db = await new Promise((ok, fail) => {
    const r = indexedDB.open('stagewijs');
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  const rows = await new Promise((ok, fail) => {
    const r = db.transaction('blobs').objectStore('blobs').getAll();
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  db.close();
  const out = {};
  for (const row of rows) {
    const bytes = new Uint8Array(await row.blob.arrayBuffer());
    let text = '';
    for (let i = 0; i < bytes.length; i += 8192) {
      text += String.fromCharCode(...bytes.subarray(i, i + 8192));
    }
    out[row.id] = btoa(text);
  }
  return out;
}"""

COUNT = """async () => {
  const db = await new Promise((ok, fail) => {
    const r = indexedDB.open('stagewijs');
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  const n = await new Promise((ok) => {
    const r = db.transaction('outbox').objectStore('outbox').count();
    r.onsuccess = () => ok(r.result);
  });
  db.close();
  return n;
}"""


def camera_jpegs(count=PHOTOS, size=SIZE):
    """`count` different camera-sized JPEGs (noise over gradients, a numbered patch each)."""
    from PIL import Image

    base = Image.merge(
        "RGB",
        (
            Image.effect_noise(size, 30),
            Image.linear_gradient("L").rotate(90).resize(size),
            Image.radial_gradient("L").resize(size),
        ),
    )
    photos = []
    for n in range(count):
        image = base.copy()
        image.paste((n * 12 % 256, 90, 200 - n * 5), (100 + n * 150, 100, 400 + n * 150, 400))
        out = io.BytesIO()
        image.save(out, "JPEG", quality=90)
        photos.append(out.getvalue())
    return photos


def run(ctx):
    with browser_errors("photo sync in Chromium"):
        return _run(ctx)


def _run(ctx):
    ctx.check_time(SYNC_SECONDS + 120, "the photo sync")
    server = ctx.demo_server()
    files = camera_jpegs()
    ctx.log(f"  {PHOTOS} JPEGs of {SIZE[0]} x {SIZE[1]}, {sum(map(len, files)) / 1e6:.0f} MB")
    context = ctx.phone(server)
    try:
        page = context.new_page()
        page_login(page, DEMO_STUDENT, DEMO_PASSWORD, "/home")
        page_controlled(page)
        pid = wait_until(lambda: page.evaluate(META, "placementId"), 30, "the first sync")
        before = _server_count(server.db_path)
        context.set_offline(True)
        started = time.monotonic()
        ids = [page.evaluate(ADD, base64.b64encode(data).decode()) for data in files]
        queued_s = time.monotonic() - started
        if page.evaluate(COUNT) != PHOTOS or _server_count(server.db_path) != before:
            raise BenchError("the photos were not all queued, or reached the server offline")
        blobs = {k: base64.b64decode(v) for k, v in page.evaluate(BLOBS).items()}
        if sorted(blobs) != sorted(ids):
            raise BenchError("the queued blobs are not the photos queued")
        ctx.log(
            f"  queued offline in {queued_s:.1f} s (scaled on the phone to "
            f"{sum(map(len, blobs.values())) / PHOTOS / 1e3:.0f} kB a photo)"
        )
        mark = server.access_mark()
        sync_s = _sync(context, page, server.db_path, before)

        def uploads():
            rows = server.requests_since(mark)
            return [r for r in rows if r[0] == "POST" and "/photos" in r[1]]

        # gunicorn logs a request after answering it: the last line may come a moment later.
        wait_until(lambda: len(uploads()) >= PHOTOS, 5, "the access log of the uploads")
        time.sleep(0.5)  # and nothing more (a second upload of one photo) comes after
        posts = uploads()
    finally:
        context.close()
    statuses = {}
    for r in posts:
        statuses[r[2]] = statuses.get(r[2], 0) + 1
    if len(posts) != PHOTOS or _server_count(server.db_path) != before + PHOTOS:
        raise BenchError(f"not exactly once: {len(posts)} uploads {statuses}")
    base_s = _baseline(ctx, server, pid, [blobs[i] for i in ids])
    server_s = sum(r[4] for r in posts) / 1e6
    ctx.log(
        f"  synced in {sync_s:.2f} s ({statuses}; the server spent {server_s:.2f} s); plain "
        f"client: {base_s:.2f} s"
    )
    return [
        Figure(
            f"{PHOTOS} photos queued offline, online -> all on the server",
            sync_s,
            "s",
            note=f"outbox empty and {PHOTOS} rows; server time {server_s:.2f} s; queued "
            f"(scaled) offline in {queued_s:.1f} s",
        ),
        Figure(f"the same {PHOTOS} files posted one by one (http.client)", base_s, "s"),
        Figure("photo sync / plain one-by-one upload", sync_s / base_s, "x"),
    ]


def _sync(context, page, db_path, before):
    started = time.monotonic()
    context.set_offline(False)
    deadline = started + SYNC_SECONDS
    server_at = empty_at = None
    while time.monotonic() < deadline:
        if server_at is None and _server_count(db_path) >= before + PHOTOS:
            server_at = time.monotonic() - started
        if empty_at is None and page.evaluate(COUNT) == 0:
            empty_at = time.monotonic() - started
        if server_at is not None and empty_at is not None:
            return max(server_at, empty_at)
        time.sleep(POLL_SECONDS)
    raise BenchError(f"photo sync not done after {SYNC_SECONDS} s")


def _baseline(ctx, server, pid, blobs):
    (cookie,) = ctx.login(server, [DEMO_STUDENT], DEMO_PASSWORD)
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        started = time.monotonic()
        for data in blobs:
            query = urlencode(
                {
                    "id": str(uuid.uuid4()),
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "taken_at": "2026-11-18T10:15:00+01:00",
                    "caption": "Benchmark",
                }
            )
            headers = {"Cookie": cookie, "Content-Type": "image/jpeg", "User-Agent": USER_AGENT}
            conn.request("POST", f"/api/placements/{pid}/photos?{query}", data, headers)
            response = conn.getresponse()
            body = response.read()
            if response.status != 201:
                raise BenchError(f"baseline upload: {response.status} {body[:200]!r}")
        return time.monotonic() - started
    finally:
        conn.close()


def _server_count(db_path):
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)
    try:
        return conn.execute("SELECT count(*) FROM photo WHERE deleted_at IS NULL").fetchone()[0]
    finally:
        conn.close()
