// Conversations (#10): a line's messages leave the outbox in the order they were written, the
// screen orders them by the server's numbers, a message's state, and the poll's backoff.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pickBatch } from '../../app/pwa/static/js/outbox-order.js';

globalThis.localStorage ??= { getItem: () => null };
const { nextDelay, INTERVAL, MAX_INTERVAL } = await import('../../app/pwa/static/js/poll.js');
const { ordered, readersOf, stateOf, utc } = await import('../../app/pwa/static/js/chat-view.js');

let seq = 0;
const message = (lane, fields = {}) => ({ seq: ++seq, opId: `op-${seq}`, state: 'pending',
  nextAttemptAt: 0, method: 'POST', url: '/api/x', recordKey: `message:${seq}`, lane, ...fields });
const ids = (ops) => ops.map((o) => o.opId);

test("a line's messages go together, in order, and one that waits holds back the rest", () => {
  const a = message('line:1:stage');
  const b = message('line:1:stage');
  const other = message('line:2:stage');
  assert.deepEqual(ids(pickBatch([a, b, other], { now: 0 })), [a.opId, b.opId, other.opId]);
  const backingOff = { ...a, nextAttemptAt: 5000, attempts: 1 };
  assert.deepEqual(ids(pickBatch([backingOff, b, other], { now: 0 })), [other.opId]);
  // Tried in this pass and still pending (it failed): the next one waits for the next pass.
  assert.deepEqual(ids(pickBatch([a, b], { now: 0, tried: new Set([a.opId]) })), []);
});

test('a refused message does not hold back the next one', () => {
  const refused = message('line:1:stage', { state: 'attention' });
  const next = message('line:1:stage');
  assert.deepEqual(ids(pickBatch([refused, next], { now: 0 })), [next.opId]);
});

test('the server order first, then what waits, in the order it was written', () => {
  const rec = (id, seqNo, created) => ({ key: id, data: { seq: seqNo, created_at: created } });
  const list = ordered([rec('w2', null, '2026-11-18T10:02:00Z'), rec('s2', 2, 'x'),
    rec('w1', null, '2026-11-18T10:01:00Z'), rec('s1', 1, 'y')]);
  assert.deepEqual(list.map((r) => r.key), ['s1', 's2', 'w1', 'w2']);
});

test('waiting, failed, sent, read', () => {
  const me = 7;
  const sent = { sync: 'synced', data: { seq: 3 } };
  assert.equal(stateOf({ sync: 'pending', data: { seq: null } }, [], me), 'waiting');
  assert.equal(stateOf({ sync: 'attention', data: { seq: null } }, [], me), 'failed');
  assert.equal(stateOf(sent, [{ user_id: me, seq: 9 }, { user_id: 8, seq: 2 }], me), 'sent');
  assert.equal(stateOf(sent, [{ user_id: 8, seq: 3 }], me), 'read');
});

test('read per participant: who of the others reached the message', () => {
  const me = 7;
  const sent = { sync: 'synced', data: { seq: 3 } };
  const markers = [{ user_id: me, name: 'Ik', seq: 9 }, { user_id: 8, name: 'Martijn', seq: 3 },
    { user_id: 9, name: 'Ingrid', seq: 2 }, { user_id: 10, name: 'Eline', seq: 5 }];
  assert.deepEqual(readersOf(sent, markers, me), ['Martijn', 'Eline']);
  assert.deepEqual(readersOf({ data: { seq: null } }, markers, me), []);
});

test('the poll backs off on failures, to two minutes at most', () => {
  assert.equal(nextDelay(0), INTERVAL);
  assert.equal(nextDelay(1), 2 * INTERVAL);
  assert.equal(nextDelay(20), MAX_INTERVAL);
});

test("the API's UTC times get their offset", () => {
  assert.equal(utc('2026-11-18T10:00:00'), '2026-11-18T10:00:00Z');
  assert.equal(utc('2026-11-18T10:00:00Z'), '2026-11-18T10:00:00Z');
  assert.equal(utc('2026-11-18T10:00:00+01:00'), '2026-11-18T10:00:00+01:00');
});
