"""What a user does on the phone, as small functions the tests read like a story."""

import datetime as dt
from zoneinfo import ZoneInfo

from app.models import HourEntry

SCHOOL_ZONE = ZoneInfo("Europe/Amsterdam")

PASSWORD = "e2e-correct-horse"

# Read the local database the way the app keeps it (IndexedDB 'stagewijs').
IDB_COUNTS = """async () => {
  const names = (await indexedDB.databases()).map((d) => d.name);
  if (!names.includes('stagewijs')) return null;
  const db = await new Promise((ok, fail) => {
    const r = indexedDB.open('stagewijs');
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  const counts = {};
  for (const name of db.objectStoreNames) {
    counts[name] = await new Promise((ok) => {
      const r = db.transaction(name).objectStore(name).count(); r.onsuccess = () => ok(r.result);
    });
  }
  db.close();
  return counts;
}"""

OUTBOX = """async () => {
  const db = await new Promise((ok, fail) => {
    const r = indexedDB.open('stagewijs');
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  const ops = await new Promise((ok) => {
    const r = db.transaction('outbox').objectStore('outbox').getAll();
    r.onsuccess = () => ok(r.result);
  });
  db.close();
  return ops;
}"""


def iso(day):
    return day.isoformat()


def today():
    """Today where the school is (the phone and the server both say Europe/Amsterdam): between
    23:00 and 01:00 UTC the machine's own date is another day."""
    return dt.datetime.now(SCHOOL_ZONE).date()


def login(page, user, expect_path):
    page.goto("/login")
    ready(page)
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"**{expect_path}")
    ready(page)


def ready(page):
    page.wait_for_selector("body.ready")


def controlled(page):
    """The service worker controls the page: offline reloads will be answered from its cache."""
    # Polled from Python: wait_for_function with a string needs eval, which our CSP forbids.
    try:
        eventually(
            lambda: page.evaluate("() => navigator.serviceWorker.controller !== null"),
            timeout=30_000,
            message="service worker control",
        )
    except AssertionError:
        state = page.evaluate(
            """async () => {
              const r = await navigator.serviceWorker.getRegistration();
              return r && { active: r.active?.state, installing: r.installing?.state,
                            waiting: r.waiting?.state, url: location.href };
            }"""
        )
        raise AssertionError(f"page not controlled by the service worker: {state}") from None


META = """async (key) => {
  const db = await new Promise((ok, fail) => {
    const r = indexedDB.open('stagewijs');
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  const value = await new Promise((ok) => {
    const r = db.transaction('meta').objectStore('meta').get(key); r.onsuccess = () => ok(r.result);
  });
  db.close();
  return value;
}"""


def meta(page, key):
    return page.evaluate(META, key)


def eventually(check, timeout=15_000, message="condition"):
    deadline = dt.datetime.now() + dt.timedelta(milliseconds=timeout)
    while True:
        value = check()
        if value:
            return value
        if dt.datetime.now() > deadline:
            raise AssertionError(f"timed out waiting for {message}")
        dt_sleep(0.2)


def dt_sleep(seconds):
    import time

    time.sleep(seconds)


def idle_sync(page):
    """Wait until the first sync round has stored the placement and the categories."""
    eventually(lambda: meta(page, "placementId") and meta(page, "categories"), message="first sync")


def log_hours(page, day, start, end, description, category="Stage werkzaamheden"):
    page.goto(f"/entry?date={iso(day)}")
    ready(page)
    page.get_by_label("Begintijd").fill(start)
    page.get_by_label("Eindtijd").fill(end)
    page.get_by_label("Wat heb je gedaan?").select_option(label=category)
    page.get_by_label("Korte uitleg (mag leeg)").fill(description)
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/home")
    ready(page)


def outbox(page):
    return page.evaluate(OUTBOX)


def wait_outbox(page, predicate, timeout=15_000):
    """Poll the outbox (in the page) until predicate(ops) holds."""
    deadline = dt.datetime.now() + dt.timedelta(milliseconds=timeout)
    while True:
        ops = outbox(page)
        if predicate(ops):
            return ops
        if dt.datetime.now() > deadline:
            raise AssertionError(f"outbox did not settle: {ops}")
        page.wait_for_timeout(200)


def all_sent(page, quiet_ms=400, timeout=15_000):
    """Wait until the outbox is empty and stays empty for `quiet_ms`. A click's change is
    queued a moment after Playwright's click returns, so one look at an empty outbox can come
    before it; a change queued and sent within the quiet time has reached the server, which
    is what the caller waits for."""
    deadline = dt.datetime.now() + dt.timedelta(milliseconds=timeout)
    empty_since = None
    while True:
        ops = outbox(page)
        now = dt.datetime.now()
        if ops:
            empty_since = None
        elif empty_since is None:
            empty_since = now
        elif now - empty_since >= dt.timedelta(milliseconds=quiet_ms):
            return
        if now > deadline:
            raise AssertionError(f"outbox did not settle: {ops}")
        page.wait_for_timeout(100)


def server_entries(placement):
    """The entries the server holds for a placement (tombstones left out)."""
    return list(
        HourEntry.select()
        .where((HourEntry.placement == placement.id) & HourEntry.deleted_at.is_null())
        .order_by(HourEntry.date, HourEntry.start_time)
    )


def api_session(playwright, base_url, user):
    """A second device for the same person, talking to the API directly (no browser UI)."""
    request = playwright.request.new_context(base_url=base_url)
    response = request.post("/api/auth/login", data={"email": user.email, "password": PASSWORD})
    assert response.ok, response.text()
    return request


def start_student(page, school):
    login(page, school["student"], "/home")
    controlled(page)
    idle_sync(page)
