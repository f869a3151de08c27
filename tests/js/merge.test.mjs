// How server copies meet local records (merge.js), and what a revocation removes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as registry from '../../app/pwa/static/js/kinds/registry.js';
import { mergeServer, prunedInbox, revokedKeys, withSyncState } from '../../app/pwa/static/js/merge.js';

const key = 'entry:a';
const server = (version, fields = {}) => ({ id: 'a', version, placement_id: 7, description: `v${version}`, ...fields });
const record = (fields) => ({ key, kind: 'entry', id: 'a', sync: 'synced', ...fields });

test('a new server copy becomes the record', () => {
  const { put } = mergeServer(undefined, server(1), { key, kind: 'entry' });
  assert.equal(put.key, key);
  assert.deepEqual(put.data, server(1));
  assert.equal(put.version, 1);
  assert.equal(put.sync, 'synced');
});

test('an older copy than the one held is ignored (answers and feeds can cross)', () => {
  const held = record({ server: server(3), data: server(3), version: 3 });
  assert.equal(mergeServer(held, server(2), { key, kind: 'entry' }), null);
  assert.equal(mergeServer(held, server(3, { description: 'same' }), { key, kind: 'entry' }).put.data.description, 'same');
});

test('local edits still waiting win: the server copy is kept beside them', () => {
  const mine = { ...server(1), description: 'mijn tekst' };
  const held = record({ server: server(1), data: mine, version: 1, sync: 'pending' });
  const { put } = mergeServer(held, server(2), { key, kind: 'entry', waiting: true });
  assert.equal(put.data.description, 'mijn tekst');
  assert.equal(put.version, 1);
  assert.equal(put.sync, 'pending');
  assert.equal(put.server.version, 2);
});

test('fields a fuller answer gave are kept when a feed copy leaves them out', () => {
  const held = record({ server: server(1, { totals: { minutes: 60 } }), data: server(1), version: 1 });
  const { put } = mergeServer(held, server(2), { key, kind: 'entry' });
  assert.deepEqual(put.data.totals, { minutes: 60 });
  assert.equal(put.data.version, 2);
});

test('nested lists in an answer are not stored on the record', () => {
  const { put } = mergeServer(undefined, { ...server(1), entries: [{ id: 'x' }] }, { key, kind: 'week' });
  assert.equal('entries' in put.server, false);
});

test('a deletion removes the record, unless local operations still wait for it', () => {
  const held = record({ server: server(1), data: server(1), version: 1 });
  assert.deepEqual(mergeServer(held, server(2, { deleted: true }), { key, kind: 'entry' }), { remove: true });
  const kept = mergeServer(held, null, { key, kind: 'entry', deleted: true, waiting: true });
  assert.equal(kept.put.server.deleted, true);
  assert.equal(mergeServer(undefined, null, { key, kind: 'entry', deleted: true }), null);
});

test('sync state follows the waiting operations; with none left the server copy shows', () => {
  const held = record({ server: server(2), data: { ...server(1), description: 'oud' }, version: 1 });
  assert.equal(withSyncState(held, [{ state: 'pending' }]).sync, 'pending');
  assert.equal(withSyncState(held, [{ state: 'pending' }, { state: 'attention' }]).sync, 'attention');
  const done = withSyncState(held, []);
  assert.equal(done.sync, 'synced');
  assert.equal(done.data.description, 'v2');
  assert.equal(done.version, 2);
});

test('a refused operation lends its reason to the record; a later answer clears it', () => {
  const held = record({ server: null, data: server(1) });
  const refused = withSyncState(held, [{ seq: 4, state: 'attention', error: { message: 'Overlapt.' } }]);
  assert.equal(refused.sync, 'attention');
  assert.deepEqual(refused.refusal, { seq: 4, message: 'Overlapt.' });
  assert.equal(withSyncState(refused, [{ seq: 5, state: 'pending' }]).refusal, null);
});

const stored = [
  { key: 'placement:7', kind: 'placement', id: 7, pid: 7 },
  { key: 'week:7:2026-W10', kind: 'week', id: 41, pid: 7 },
  { key: 'entry:a', kind: 'entry', id: 'a', pid: 7 },
  { key: 'photo:p', kind: 'photo', id: 'p', pid: 7 }, // a kind this version does not know
  { key: 'week:8:2026-W10', kind: 'week', id: 42, pid: 8 },
];

test('a revoked placement takes every record of it along, of any kind', () => {
  const gone = revokedKeys({ kind: 'placement', id: '7', revoked: true }, stored, registry);
  assert.deepEqual(gone.sort(), ['entry:a', 'photo:p', 'placement:7', 'week:7:2026-W10']);
});

test('another revoked kind drops that one record: by its key, or found by id', () => {
  assert.deepEqual(revokedKeys({ kind: 'entry', id: 'a' }, [], registry), ['entry:a']);
  assert.deepEqual(revokedKeys({ kind: 'week', id: '42' }, stored, registry), ['week:8:2026-W10']);
});

test("the trainer's inbox list loses the revoked weeks", () => {
  assert.deepEqual(prunedInbox(['week:7:2026-W10', 'week:8:2026-W10'], ['week:7:2026-W10']), ['week:8:2026-W10']);
  assert.equal(prunedInbox(undefined, ['x']), undefined);
});

test('every kind has a key from data and from an id, and a shape', () => {
  for (const kind of registry.kinds()) {
    assert.equal(typeof kind.key, 'function', kind.name);
    assert.equal(typeof kind.keyFromId, 'function', kind.name);
    assert.equal(typeof kind.shape, 'function', kind.name);
    assert.equal(typeof kind.describe, 'function', kind.name);
  }
  assert.equal(registry.kind('week').key({ placement_id: 7, week: '2026-W10' }), 'week:7:2026-W10');
  assert.equal(registry.kindOfOp({ kind: 'entry.create' }).name, 'entry');
  assert.equal(registry.kindOfKey('week:7:2026-W10').name, 'week');
  assert.equal(registry.kindOfOp({ kind: 'me.locale' }).name, null);
  const shaped = registry.kind('entry').shape({ key: 'entry:a', data: { placement_id: 7, date: '2026-03-02', week: '2026-W10' } });
  assert.deepEqual([shaped.pid, shaped.date, shaped.week], [7, '2026-03-02', '2026-W10']);
  assert.equal(registry.kind('placement').shape({ key: 'placement:7', data: { id: 7 } }).pid, 7);
});
