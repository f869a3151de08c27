"""Where the browser has Background Sync, its `sync` event empties the outbox via the page."""

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


def test_sync_event_flushes_the_outbox(server, school, phone):
    page = phone.new_page()
    start_student(page, school)
    cdp = phone.new_cdp_session(page)
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

    entry_id = str(uuid.uuid4())
    page.evaluate(QUEUE_CREATE, [meta(page, "placementId"), entry_id, today().isoformat()])
    assert len(outbox(page)) == 1
    cdp.send(
        "ServiceWorker.dispatchSyncEvent",
        {
            "origin": server.url,
            "registrationId": registrations[0]["registrationId"],
            "tag": "outbox",
            "lastChance": False,
        },
    )
    eventually(lambda: outbox(page) == [], timeout=10_000, message="outbox emptied by sync")
    assert [str(e.id) for e in server_entries(school["placement"])] == [entry_id]
