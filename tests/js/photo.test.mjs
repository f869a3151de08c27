// Photos on the phone (#9): the size a photo is scaled to, its SHA-256 in the server's
// spelling, and the photo kind's keys, shape and outbox line.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { kind, kindOfKey, kindOfOp } from '../../app/pwa/static/js/kinds/registry.js';
import { LONG_SIDE, fitWithin, sha256Hex } from '../../app/pwa/static/js/photo-scale.js';

test('a photo is scaled to 1600 pixels on its long side, never up', () => {
  assert.equal(LONG_SIDE, 1600);
  assert.deepEqual(fitWithin(4000, 3000), { width: 1600, height: 1200 });
  assert.deepEqual(fitWithin(3000, 4000), { width: 1200, height: 1600 });
  assert.deepEqual(fitWithin(4032, 1816), { width: 1600, height: 721 });
  assert.deepEqual(fitWithin(800, 600), { width: 800, height: 600 });
  assert.deepEqual(fitWithin(100000, 10), { width: 1600, height: 1 });
});

test('the SHA-256 is lower-case hex of the bytes, as the server checks it', async () => {
  const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
  const expected = createHash('sha256').update(bytes).digest('hex');
  assert.equal(await sha256Hex(new Blob([bytes])), expected);
});

test('the photo kind keys, shapes and describes its records', () => {
  const photo = kind('photo');
  const data = { id: 'a1', placement_id: 7, caption: 'Patchkast', taken_at: '2026-11-18T23:30:00.000Z' };
  assert.equal(photo.key(data), 'photo:a1');
  assert.equal(kindOfKey('photo:a1'), photo);
  const record = photo.shape({ key: 'photo:a1', data });
  assert.equal(record.pid, 7);
  assert.equal(record.date, '2026-11-19'); // taken after midnight in Amsterdam
  const op = { kind: 'photo.create', summary: { caption: 'Patchkast' }, recordKey: 'photo:a1' };
  assert.equal(kindOfOp(op), photo);
  assert.equal(photo.describe(op, { t: (k) => k }), 'outbox.kind.photo.create: Patchkast');
  assert.equal(photo.fixHref(op), '/photos?id=a1');
  assert.equal(photo.fixHref({ ...op, kind: 'photo.delete' }), null);
});
