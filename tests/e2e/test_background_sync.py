"""Where the browser has Background Sync, its `sync` event empties the outbox: the module
service worker flushes it itself, also when no page of the app is open."""

import uuid

import pytest
from e2e_steps import eventually, meta, outbox, server_entries, start_student, today

pytestmark = pytest.mark.e2e

# An operation put straight into the outbox, so no page trigger (write, online) flushes it.
QUEUE_CREATE = """async ([pid, id, date]) => {
  const db = await new Promise((ok) => {
    const r = indexedDB.open('stagewijs');
    r.onsuccess = () => ok(r.result);
  });
  await new Promise((ok) => {
    const t = db.transaction('outbox', 'readwrite');
    t.objectStore('outbox').add({
      opId: crypto.randomUUID(), kind: 'entry.create', method: 'POST',
      url: `/api/placements/${pid}/entries`,
      body: { id, date, start_time: '08:00', end_time: '10:00', category: 1,
              description: 'Via sync' },
      recordKey: `entry:${id}`, scope: null, ifMatch: false, baseVersion: null, chained: false,
      summary: {}, attempts: 0, tries: 0, nextAttemptAt: 0, state: 'pending', error: null,
      createdAt: Date.now(),
    });
    t.oncomplete = ok;
  });
  db.close();
}"""


def registration_id(cdp, page):
    registrations = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.extend(event["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    for _ in range(50):  # CDP events arrive while Playwright waits, not during time.sleep
        if registrations:
            break
        page.wait_for_timeout(100)
    assert registrations
    return registrations[0]["registrationId"]


def fire_sync(cdp, origin, registration):
    cdp.send(
        "ServiceWorker.dispatchSyncEvent",
        {"origin": origin, "registrationId": registration, "tag": "outbox", "lastChance": False},
    )


def test_sync_event_flushes_the_outbox(server, school, phone):
    page = phone.new_page()
    start_student(page, school)
    cdp = phone.new_cdp_session(page)
    registration = registration_id(cdp, page)
    entry_id = str(uuid.uuid4())
    page.evaluate(QUEUE_CREATE, [meta(page, "placementId"), entry_id, today().isoformat()])
    assert len(outbox(page)) == 1
    fire_sync(cdp, server.url, registration)
    eventually(lambda: outbox(page) == [], timeout=10_000, message="outbox emptied by sync")
    assert [str(e.id) for e in server_entries(school["placement"])] == [entry_id]


def test_sync_event_flushes_the_outbox_with_no_page_open(server, school, phone):
    page = phone.new_page()
    start_student(page, school)
    worker = page.evaluate(
        "async () => (await navigator.serviceWorker.getRegistration()).active.scriptURL"
    )
    assert worker.endswith("/sw.js")  # the module worker, which holds the outbox
    phone.set_offline(True)
    entry_id = str(uuid.uuid4())
    page.evaluate(QUEUE_CREATE, [meta(page, "placementId"), entry_id, today().isoformat()])
    # The app is closed; the browser (the context) stays. DevTools talks through a blank tab,
    # which is no page of the app.
    blank = phone.new_page()
    page.close()
    phone.set_offline(False)
    assert server_entries(school["placement"]) == []
    cdp = phone.new_cdp_session(blank)
    fire_sync(cdp, server.url, registration_id(cdp, blank))
    eventually(
        lambda: [str(e.id) for e in server_entries(school["placement"])] == [entry_id],
        timeout=10_000,
        message="the worker sent the entry",
    )
    create = ("POST", f"/api/placements/{school['placement'].id}/entries")
    assert server.dropper.seen.count(create) == 1  # a lone operation goes by itself


# A browser that refuses module service workers (older Firefox): registration with
# {type: 'module'} fails.
NO_MODULE_WORKERS = """
const register = ServiceWorkerContainer.prototype.register;
ServiceWorkerContainer.prototype.register = function (url, options = {}) {
  if (options.type === 'module') return Promise.reject(new TypeError('module workers: no'));
  return register.call(this, url, options);
};
"""


def test_without_module_workers_the_classic_worker_asks_the_page(server, school, new_phone):
    phone = new_phone(init_script=NO_MODULE_WORKERS)
    page = phone.new_page()
    start_student(page, school)
    worker = page.evaluate(
        "async () => (await navigator.serviceWorker.getRegistration()).active.scriptURL"
    )
    assert worker.endswith("/sw-classic.js")
    cdp = phone.new_cdp_session(page)
    registration = registration_id(cdp, page)
    entry_id = str(uuid.uuid4())
    page.evaluate(QUEUE_CREATE, [meta(page, "placementId"), entry_id, today().isoformat()])
    fire_sync(cdp, server.url, registration)
    eventually(lambda: outbox(page) == [], timeout=10_000, message="outbox emptied by the page")
    assert [str(e.id) for e in server_entries(school["placement"])] == [entry_id]
