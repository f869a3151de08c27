// The docent's kept dashboard (needs.js): one student's row found, replaced, in the kept copy.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rowFor, withRow } from '../../app/pwa/static/js/needs.js';

const kept = {
  at: 1,
  data: {
    counts: { red: 1, orange: 0, green: 1 },
    students: [
      { placement_id: 7, level: 'red', reasons: [{ code: 'nothing_logged', text: 'x' }] },
      { placement_id: 9, level: 'green', reasons: [] },
    ],
  },
};

test('a row is found by placement id, also when the id comes from a URL as text', () => {
  assert.equal(rowFor(kept, 9).level, 'green');
  assert.equal(rowFor(kept, '7').level, 'red');
  assert.equal(rowFor(kept, 8), null);
  assert.equal(rowFor(null, 7), null);
  assert.equal(rowFor({ at: 1 }, 7), null);
});

test('a fresh row replaces the kept one and leaves the rest, without changing the copy', () => {
  const fresh = { placement_id: 7, level: 'green', reasons: [] };
  const next = withRow(kept, fresh);
  assert.equal(rowFor(next, 7), fresh);
  assert.equal(rowFor(next, 9), kept.data.students[1]);
  assert.equal(rowFor(kept, 7).level, 'red', 'the kept copy is not changed in place');
  assert.equal(next.at, 1);
  assert.equal(withRow(null, fresh), null);
});
