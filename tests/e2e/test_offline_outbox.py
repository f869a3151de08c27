"""Hours logged without a network reach the server exactly once, whatever the network does."""

import datetime as dt

import pytest
from e2e_steps import (
    all_sent,
    log_hours,
    outbox,
    ready,
    server_entries,
    start_student,
    today,
    wait_outbox,
)

pytestmark = pytest.mark.e2e

NO_BACKGROUND_SYNC = """
delete ServiceWorkerRegistration.prototype.sync;
delete window.SyncManager;
"""


def offline_three_entries(page, context):
    """Log in online, then log three entries on two days with the network off."""
    yesterday = today() - dt.timedelta(days=1)
    context.set_offline(True)
    log_hours(page, yesterday, "08:00", "12:00", "Deeg gekneed")
    log_hours(page, yesterday, "12:30", "17:00", "Oven schoongemaakt")
    log_hours(page, today(), "08:30", "17:00", "Brood gebakken")
    return yesterday


def test_offline_entries_survive_reload_and_sync_once(server, school, phone):
    page = phone.new_page()
    start_student(page, school)
    yesterday = offline_three_entries(page, phone)

    page.reload()
    ready(page)
    assert page.get_by_text("3 niet verzonden").first.is_visible()
    today_entry = page.locator("#today .entry", has_text="Brood gebakken")
    assert today_entry.locator(".badge-pending", has_text="Niet verzonden").is_visible()
    page.goto(f"/logbook?view=day&d={yesterday.isoformat()}")
    ready(page)
    for text in ("Deeg gekneed", "Oven schoongemaakt"):
        entry = page.locator(".entry", has_text=text)
        assert entry.locator(".badge-pending", has_text="Niet verzonden").is_visible()
    page.goto("/outbox")
    ready(page)
    assert page.locator(".outbox-item").count() == 3
    assert server_entries(school["placement"]) == []

    phone.set_offline(False)
    all_sent(page)
    held = server_entries(school["placement"])
    assert [e.description for e in held] == ["Deeg gekneed", "Oven schoongemaakt", "Brood gebakken"]
    assert all(e.version == 1 for e in held)
    page.goto("/home")
    ready(page)
    page.get_by_text("Alles is verzonden.").wait_for()


# Queue `n` creates offline through the app's own action: 10-minute overtime slots (no daily cap).
QUEUE_SLOTS = """async ([day, n]) => {
  const { saveEntry } = await import('/static/js/actions.js');
  const ids = [];
  for (let i = 0; i < n; i++) {
    const start = 6 * 60 + i * 10;
    const two = (n) => String(n).padStart(2, '0');
    const hhmm = (m) => `${two(Math.floor(m / 60))}:${two(m % 60)}`;
    ids.push((await saveEntry({ date: day, start_time: hhmm(start), end_time: hhmm(start + 10),
      category: '2', description: `Slot ${i + 1}` })).id);
  }
  return ids;
}"""


def test_lost_batch_response_is_applied_once(server, school, phone):
    """55 creates go out in two batches (50 + 5); the first batch's answer is lost after the
    server committed it. The phone sends that batch again: every entry exists once."""
    page = phone.new_page()
    start_student(page, school)
    phone.set_offline(True)
    ids = page.evaluate(QUEUE_SLOTS, [(today() - dt.timedelta(days=1)).isoformat(), 55])
    assert len(outbox(page)) == 55
    server.dropper.arm("POST", "/api/sync/batch")

    phone.set_offline(False)
    wait_outbox(page, lambda ops: ops == [], timeout=30_000)
    assert len(server.dropper.dropped) == 1
    assert server.dropper.dropped[0][2].startswith("200")
    held = server_entries(school["placement"])
    assert sorted(str(e.id) for e in held) == sorted(ids)
    assert all(e.version == 1 for e in held)


def test_refused_entry_is_parked_and_does_not_block_others(server, school, phone):
    page = phone.new_page()
    start_student(page, school)
    phone.set_offline(True)
    tomorrow = today() + dt.timedelta(days=1)
    log_hours(page, tomorrow, "08:00", "12:00", "Nog niet gewerkt")  # refused: future date
    log_hours(page, today(), "08:00", "12:00", "Taarten versierd")
    log_hours(page, today(), "13:00", "17:00", "Klanten geholpen")

    phone.set_offline(False)
    ops = wait_outbox(page, lambda ops: len(ops) == 1 and ops[0]["state"] == "attention")
    assert ops[0]["error"]["status"] == 422
    assert ops[0]["error"]["code"] == "date_in_future"
    held = server_entries(school["placement"])
    assert [e.description for e in held] == ["Taarten versierd", "Klanten geholpen"]

    page.goto("/outbox")
    ready(page)
    item = page.locator(".outbox-item.is-attention")
    item.get_by_text("Actie nodig").wait_for()
    assert item.get_by_text(ops[0]["error"]["message"]).is_visible()
    assert "nog moet komen" in ops[0]["error"]["message"]


def test_outbox_empties_on_online_without_background_sync(server, school, new_phone):
    context = new_phone(init_script=NO_BACKGROUND_SYNC)
    page = context.new_page()
    start_student(page, school)
    assert page.evaluate(
        "!('SyncManager' in window) && !('sync' in ServiceWorkerRegistration.prototype)"
    )
    offline_three_entries(page, context)
    assert len(outbox(page)) == 3

    context.set_offline(False)
    all_sent(page)
    assert len(server_entries(school["placement"])) == 3


def test_without_background_sync_the_next_app_start_sends_what_the_closed_app_held(
    server, school, new_phone
):
    """Where no worker can flush on its own (no Background Sync), the entries a student logged
    offline wait on the phone while the app is closed, and leave it when the app starts again."""
    context = new_phone(init_script=NO_BACKGROUND_SYNC)
    page = context.new_page()
    start_student(page, school)
    offline_three_entries(page, context)
    assert len(outbox(page)) == 3
    page.close()  # the app is closed; the phone (the context) with its IndexedDB stays
    context.set_offline(False)
    assert server_entries(school["placement"]) == []

    page = context.new_page()
    page.goto("/home")
    ready(page)
    all_sent(page)
    assert len(server_entries(school["placement"])) == 3
    assert outbox(page) == []


SET_LAST_SYNC = """async (ms) => {
  const db = await new Promise((ok) => {
    const r = indexedDB.open('stagewijs');
    r.onsuccess = () => ok(r.result);
  });
  await new Promise((ok) => {
    const t = db.transaction('meta', 'readwrite');
    t.objectStore('meta').put(ms, 'lastSyncOk');
    t.oncomplete = ok;
  });
  db.close();
}"""


def test_warns_when_the_last_sync_is_days_old(server, school, phone):
    page = phone.new_page()
    start_student(page, school)
    phone.set_offline(True)
    log_hours(page, today(), "08:00", "12:00", "Ver weg van wifi")
    three_days_ago = (dt.datetime.now() - dt.timedelta(days=3)).timestamp() * 1000
    page.evaluate(SET_LAST_SYNC, three_days_ago)
    page.reload()
    ready(page)
    page.get_by_role("alert").filter(has_text="al 3 dagen niet met de server gepraat").wait_for()


QUEUE_SENT_CREATE_THEN_EDIT = """async (day) => {
  const { saveEntry } = await import('/static/js/actions.js');
  const { tx, done } = await import('/static/js/db.js');
  const values = { date: day, start_time: '08:00', end_time: '12:00', category: '1',
    description: 'Eerste poging' };
  const { id } = await saveEntry(values);
  // The create went out once and its answer was lost: it is frozen, so the edit queues behind it.
  await tx('outbox', 'readwrite', async (s) => {
    const [op] = await done(s.outbox.getAll());
    op.tries = 1;
    s.outbox.put(op);
  });
  await saveEntry({ ...values, description: 'Tweede poging' }, id);
}"""


def test_parked_create_holds_back_the_later_edit_of_that_entry(server, school, phone):
    page = phone.new_page()
    start_student(page, school)
    phone.set_offline(True)
    tomorrow = today() + dt.timedelta(days=1)  # refused by the server: a future date
    page.evaluate(QUEUE_SENT_CREATE_THEN_EDIT, tomorrow.isoformat())
    assert [o["method"] for o in outbox(page)] == ["POST", "PATCH"]

    phone.set_offline(False)
    page.evaluate("async () => (await import('/static/js/outbox.js')).flush({ force: true })")
    ops = wait_outbox(page, lambda ops: ops and ops[0]["state"] == "attention")
    page.wait_for_timeout(500)
    ops = outbox(page)
    assert [(o["method"], o["state"]) for o in ops] == [("POST", "attention"), ("PATCH", "pending")]
    assert ops[1]["tries"] == 0  # never sent ahead of the create it depends on
    assert server_entries(school["placement"]) == []
