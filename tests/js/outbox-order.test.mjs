// Which operations the outbox sends together, and what an answer means (outbox-order.js).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BATCH_MAX, backoff, batchItem, parkedError, pickBatch, verdict } from '../../app/pwa/static/js/outbox-order.js';

let seq = 0;
const op = (fields) => ({ seq: ++seq, opId: `op-${seq}`, state: 'pending', nextAttemptAt: 0,
  method: 'POST', url: '/api/x', ...fields });
const entry = (id, week, fields = {}) => op({ recordKey: `entry:${id}`, scope: `week:1:${week}`, ...fields });
const weekOp = (week, fields = {}) => op({ recordKey: `week:1:${week}`, scope: `week:1:${week}`, ...fields });
const ids = (ops) => ops.map((o) => o.opId);

test('one operation per record per round: a chained update waits for its create', () => {
  const create = entry('a', 'W1');
  const update = entry('a', 'W1', { method: 'PATCH' });
  const other = entry('b', 'W1');
  assert.deepEqual(ids(pickBatch([create, update, other], { now: 0 })), [create.opId, other.opId]);
  // Next round, the create is gone: the update goes.
  assert.deepEqual(ids(pickBatch([update], { now: 0 })), [update.opId]);
});

test('at most BATCH_MAX operations, oldest first', () => {
  const ops = Array.from({ length: 120 }, (_, i) => entry(`e${i}`, 'W1'));
  const round = pickBatch(ops, { now: 0 });
  assert.equal(round.length, BATCH_MAX);
  assert.deepEqual(ids(round), ids(ops.slice(0, BATCH_MAX)));
  assert.equal(pickBatch(ops, { now: 0, max: 7 }).length, 7);
});

test("a week's submit never rides with that week's pending entries", () => {
  const e1 = entry('a', 'W1');
  const e2 = entry('b', 'W2');
  const submit = weekOp('W1');
  const submitOther = weekOp('W3');
  assert.deepEqual(ids(pickBatch([e1, e2, submit, submitOther], { now: 0 })), [e1.opId, e2.opId, submitOther.opId]);
  assert.deepEqual(ids(pickBatch([e2, submit], { now: 0 })), [e2.opId, submit.opId]);
});

test('entries queued after a pending week operation wait for it', () => {
  const withdraw = weekOp('W1');
  const edit = entry('a', 'W1', { method: 'PATCH' });
  const elsewhere = entry('b', 'W2');
  assert.deepEqual(ids(pickBatch([withdraw, edit, elsewhere], { now: 0 })), [withdraw.opId, elsewhere.opId]);
});

test('a parked operation holds back its own record, not its week nor others', () => {
  const parked = entry('a', 'W1', { state: 'attention' });
  const after = entry('a', 'W1', { method: 'PATCH' });
  const other = entry('b', 'W2');
  assert.deepEqual(ids(pickBatch([parked, after, other], { now: 0 })), [other.opId]);
  // The server never had the refused entry: the week can be submitted without it.
  const submit = weekOp('W1');
  assert.deepEqual(ids(pickBatch([parked, submit], { now: 0 })), [submit.opId]);
});

test('backing off: skipped until due (unless forced), and still holding its record', () => {
  const waiting = entry('a', 'W1', { nextAttemptAt: 5000 });
  const behind = entry('a', 'W1');
  const submit = weekOp('W1');
  assert.deepEqual(ids(pickBatch([waiting, behind, submit], { now: 1000 })), []);
  assert.deepEqual(ids(pickBatch([waiting, behind, submit], { now: 1000, force: true })), [waiting.opId]);
  assert.deepEqual(ids(pickBatch([waiting, behind], { now: 6000 })), [waiting.opId]);
});

test('tried in this pass: not picked again, still holding its record', () => {
  const tried = entry('a', 'W1');
  const behind = entry('a', 'W1');
  const other = entry('b', 'W1');
  assert.deepEqual(ids(pickBatch([tried, behind, other], { now: 0, tried: new Set([tried.opId]) })), [other.opId]);
});

test('operations of no record (account settings) go along', () => {
  const locale = op({ recordKey: null, scope: null });
  const e = entry('a', 'W1');
  assert.deepEqual(ids(pickBatch([locale, e], { now: 0 })), [locale.opId, e.opId]);
});

test('what an answer means', () => {
  assert.equal(verdict(200), 'sent');
  assert.equal(verdict(201), 'sent');
  assert.equal(verdict(204), 'sent');
  assert.equal(verdict(401), 'auth');
  for (const s of [408, 429, 500, 502, 503]) assert.equal(verdict(s), 'retry');
  for (const s of [400, 403, 404, 409, 412, 413, 422]) assert.equal(verdict(s), 'park');
});

test('backoff doubles up to five minutes, with jitter; Retry-After wins when longer', () => {
  assert.equal(backoff(1, null, () => 1), 1000);
  assert.equal(backoff(1, null, () => 0), 500);
  assert.equal(backoff(4, null, () => 1), 8000);
  assert.equal(backoff(30, null, () => 1), 5 * 60 * 1000);
  assert.equal(backoff(1, 60000, () => 1), 60000);
  assert.equal(backoff(10, 1000, () => 1), 5 * 60 * 1000 > 512000 ? 512000 : 5 * 60 * 1000);
});

test('a parked error keeps the server message, field errors and current copy', () => {
  const err = parkedError(412, { error: 'stale', message: 'Gewijzigd', current: { version: 4 } });
  assert.deepEqual(err, { status: 412, code: 'stale', message: 'Gewijzigd', errors: null, current: { version: 4 } });
  assert.equal(parkedError(413, null, 'Te groot').message, 'Te groot');
  assert.equal(parkedError(413, null).message, 'HTTP 413');
});

test('a batch item carries the op id, the If-Match of its base version, and its body', () => {
  const ifMatch = (v) => `"${v}"`;
  const patch = op({ method: 'PATCH', url: '/api/entries/a', ifMatch: true, baseVersion: 3, body: { x: 1 } });
  assert.deepEqual(batchItem(patch, ifMatch), { op_id: patch.opId, method: 'PATCH', path: '/api/entries/a', if_match: '"3"', body: { x: 1 } });
  const submit = op({ method: 'POST', url: '/api/w/submit', ifMatch: false, baseVersion: 2 });
  assert.deepEqual(batchItem(submit, ifMatch), { op_id: submit.opId, method: 'POST', path: '/api/w/submit' });
});
