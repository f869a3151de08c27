// The evidence kinds on the phone (STARRT, note, learning goal and moment): registered,
// keyed by the phone's UUID, described in the outbox, and revoked one by one (a narrowed note).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as registry from '../../app/pwa/static/js/kinds/registry.js';
import { revokedKeys } from '../../app/pwa/static/js/merge.js';

const NAMES = ['starrt', 'note', 'learning_goal', 'learning_moment'];

test('each evidence kind is found by name, record key and operation kind', () => {
  for (const name of NAMES) {
    const kind = registry.kind(name);
    assert.equal(kind.name, name);
    assert.equal(kind.key({ id: 'a1' }), `${name}:a1`);
    assert.equal(registry.kindOfKey(`${name}:a1`), kind);
    assert.equal(registry.kindOfOp({ kind: `${name}.update` }), kind);
    const shaped = kind.shape({ data: { id: 'a1', placement_id: 7, date: '2026-11-18' } });
    assert.deepEqual([shaped.pid, shaped.date], [7, '2026-11-18']);
  }
});

test('the outbox names the kind and a line of its text', () => {
  const v = { t: (key) => ({ 'outbox.kind.starrt.submit': 'STARRT inleveren' })[key] || key };
  const op = { kind: 'starrt.submit', summary: { title: 'Een heel lange titel van een opdracht die niet past' } };
  const text = registry.kindOfOp(op).describe(op, v);
  assert.ok(text.startsWith('STARRT inleveren: Een heel lange titel'), text);
  assert.ok(text.endsWith('…') && text.length < 60, text);
  assert.equal(registry.kind('starrt').fixHref({ kind: 'starrt.update', url: '/api/starrts/a1' }), '/starrt?id=a1');
  assert.equal(registry.kind('note').fixHref({ kind: 'note.delete', url: '/api/notes/a1' }), null);
});

test('a revoked note drops exactly that note', () => {
  const records = [{ key: 'note:n1', kind: 'note', id: 'n1' }, { key: 'note:n2', kind: 'note', id: 'n2' }];
  assert.deepEqual(revokedKeys({ kind: 'note', id: 'n1', revoked: true }, records, registry), ['note:n1']);
});
