"""Request bodies may be Blobs (photos are next): the outbox keeps a reference to the `blobs`
store, loads the Blob when it sends, and sends it as it is. Too large: parked with the server's
message (413), like any refusal."""

import pytest
from e2e_steps import all_sent, start_student, wait_outbox

from app.models import User

pytestmark = pytest.mark.e2e

# A Blob in the blobs store and an operation whose body is that Blob, queued by the app's own
# newOp and flushed.
QUEUE_BLOB = """async ([size, locale]) => {
  const { tx } = await import('/static/js/db.js');
  const { flush, newOp } = await import('/static/js/outbox.js');
  const text = JSON.stringify({ locale }).padEnd(size, ' ');
  const id = crypto.randomUUID();
  await tx(['blobs', 'outbox'], 'readwrite', async (s) => {
    s.blobs.put({ id, blob: new Blob([text], { type: 'application/json' }) });
    s.outbox.add(newOp({ kind: 'me.locale', method: 'PATCH', url: '/api/auth/me',
      bodyBlob: id, summary: { locale } }));
  });
  await flush({ force: true });
}"""


def test_blob_body_is_sent_as_is_and_413_is_parked(server, school, phone):
    page = phone.new_page()
    start_student(page, school)
    page.evaluate(QUEUE_BLOB, [100, "en"])
    all_sent(page)
    assert User.get_by_id(school["student"].id).locale == "en"

    page.evaluate(QUEUE_BLOB, [2 * 1024 * 1024, "nl"])  # over the 1 MiB limit
    (op,) = wait_outbox(page, lambda ops: ops and ops[0]["state"] == "attention")
    assert op["error"]["status"] == 413
    assert op["error"]["message"]
    assert User.get_by_id(school["student"].id).locale == "en"
