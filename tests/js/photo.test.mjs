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

test('the thumbnails kept on the phone: the newest live photos, the rest dropped', async () => {
  const { plan, MAX_KEPT } = await import('../../app/pwa/static/js/thumbs.js');
  assert.equal(MAX_KEPT, 300);
  const photo = (id, takenAt, more = {}) => ({ data: { id, taken_at: takenAt,
    thumbnail_url: `/api/photos/${id}/thumbnail`, deleted: false, ...more } });
  const photos = [
    photo('old', '2026-11-01T08:00:00Z'),
    photo('new', '2026-11-20T08:00:00Z'),
    photo('mid', '2026-11-10T08:00:00Z'),
    photo('gone', '2026-11-21T08:00:00Z', { deleted: true }),
    photo('here', '2026-11-22T08:00:00Z', { thumbnail_url: null }), // not uploaded yet
  ];
  // Kept already: 'mid', the deleted one, and one whose record is gone (lost access).
  const { fetch, drop } = plan(photos, ['mid', 'gone', 'lost', 'here'], 3);
  assert.deepEqual(fetch, [{ id: 'new', url: '/api/photos/new/thumbnail' }]);
  assert.deepEqual(drop.sort(), ['gone', 'lost']);
  // Over the limit the oldest goes; the one taken here keeps the thumbnail it made.
  const tight = plan(photos, ['old', 'here'], 2);
  assert.deepEqual(tight.fetch, [{ id: 'new', url: '/api/photos/new/thumbnail' }]);
  assert.deepEqual(tight.drop, ['old']);
});

test('a picture is looked for on the phone first, the server after', async () => {
  const { pictureSources } = await import('../../app/pwa/static/js/kinds/photo.js');
  const data = { image_url: '/i', thumbnail_url: '/t' };
  const thumb = new Blob(['t']);
  const own = new Blob(['o']);
  assert.deepEqual(pictureSources(data, { thumb, own }), [thumb, own, '/t']);
  assert.deepEqual(pictureSources(data, { thumb, own }, true), [own, '/i', thumb]);
  assert.deepEqual(pictureSources(data, { thumb: null, own: null }, true), ['/i']);
  assert.deepEqual(pictureSources({ image_url: null, thumbnail_url: null }, { thumb, own: null }), [thumb]);
});
