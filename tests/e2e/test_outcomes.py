"""An action's outcome reaches the tab that queued it, also when another tab sends it."""

import uuid

import pytest
from e2e_steps import meta, ready, server_entries, start_student, today

pytestmark = pytest.mark.e2e

# Tab B queues an operation and waits for its outcome, without flushing itself.
QUEUE_AND_WAIT = """async ([pid, id, date]) => {
  const { tx } = await import('/static/js/db.js');
  const { newOp } = await import('/static/js/outbox.js');
  const { outcomeOf } = await import('/static/js/outcomes.js');
  const op = newOp({ kind: 'entry.create', method: 'POST', url: `/api/placements/${pid}/entries`,
    body: { id, date, start_time: '08:00', end_time: '09:00', category: 1, description: 'Tab B' },
    recordKey: `entry:${id}` });
  await tx('outbox', 'readwrite', (s) => s.outbox.add(op));
  window.__outcome = outcomeOf(op.opId);
}"""


def test_outcome_reaches_the_tab_that_queued_it_when_another_tab_sends(server, school, phone):
    tab_a = phone.new_page()
    start_student(tab_a, school)
    tab_b = phone.new_page()
    tab_b.goto("/home")
    ready(tab_b)
    entry_id = str(uuid.uuid4())
    tab_b.evaluate(QUEUE_AND_WAIT, [meta(tab_b, "placementId"), entry_id, today().isoformat()])

    tab_a.evaluate("async () => (await import('/static/js/outbox.js')).flush({ force: true })")
    outcome = tab_b.evaluate("async () => window.__outcome")
    assert outcome["state"] == "sent"
    assert outcome["data"]["id"] == entry_id
    assert [str(e.id) for e in server_entries(school["placement"])] == [entry_id]
