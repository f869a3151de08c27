// A new kind is one descriptor and one register() call: a dummy "sticker" kind (the server's
// tests use the same name) goes through keys, shaping, merge, revocation, the outbox order and
// the outbox screen's description with no other code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as registry from '../../app/pwa/static/js/kinds/registry.js';
import { mergeServer, revokedKeys } from '../../app/pwa/static/js/merge.js';
import { pickBatch } from '../../app/pwa/static/js/outbox-order.js';

const sticker = registry.register({
  name: 'sticker',
  key: (data) => (data?.id ? `sticker:${data.id}` : null),
  keyFromId: (id) => `sticker:${id}`,
  placementOf: (data) => data?.placement_id ?? null,
  shape(record) { record.pid = record.data?.placement_id ?? record.pid; return record; },
  describe: (op, v) => `${v.t(`outbox.kind.${op.kind}`)}: ${op.summary?.label || ''}`,
  conflict: { fields: ['label'], value: (field, data) => data?.[field] || '–' },
});

test('the registry finds the new kind by name, record key and operation kind', () => {
  assert.equal(registry.kind('sticker'), sticker);
  assert.equal(registry.kindOfKey('sticker:s1'), sticker);
  assert.equal(registry.kindOfOp({ kind: 'sticker.create' }), sticker);
  const v = { t: (key) => (key === 'outbox.kind.sticker.create' ? 'Nieuwe sticker' : key) };
  assert.equal(registry.kindOfOp({ kind: 'sticker.create' }).describe({ kind: 'sticker.create',
    summary: { label: 'Top' } }, v), 'Nieuwe sticker: Top');
});

test('its server copies merge like every kind', () => {
  const data = { id: 's1', version: 2, placement_id: 9, label: 'Top' };
  const key = sticker.key(data);
  const { put } = mergeServer(undefined, data, { key, kind: 'sticker' });
  const shaped = sticker.shape(put);
  assert.deepEqual([shaped.key, shaped.pid, shaped.version], ['sticker:s1', 9, 2]);
  assert.equal(mergeServer({ ...shaped }, { ...data, version: 1 }, { key, kind: 'sticker' }), null);
});

test('revocations reach it: its placement going, or itself', () => {
  const records = [{ key: 'sticker:s1', kind: 'sticker', id: 's1', pid: 9 }];
  assert.deepEqual(revokedKeys({ kind: 'placement', id: '9' }, records, registry).sort(),
    ['placement:9', 'sticker:s1']);
  assert.deepEqual(revokedKeys({ kind: 'sticker', id: 's1' }, [], registry), ['sticker:s1']);
});

test('its operations follow the outbox order (FIFO per record)', () => {
  const ops = [
    { seq: 1, opId: 'a', recordKey: 'sticker:s1', state: 'pending', nextAttemptAt: 0 },
    { seq: 2, opId: 'b', recordKey: 'sticker:s1', state: 'pending', nextAttemptAt: 0 },
    { seq: 3, opId: 'c', recordKey: 'sticker:s2', state: 'pending', nextAttemptAt: 0 },
  ];
  assert.deepEqual(pickBatch(ops, { now: 0 }).map((o) => o.opId), ['a', 'c']);
});
