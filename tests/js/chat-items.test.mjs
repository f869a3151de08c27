// The item picker (#10): the student's hours, weeks, photos, STARRTs and learning moments the
// server has, per kind newest first, with a readable label; items of another placement, not yet
// on the server or deleted are not offered.
import assert from 'node:assert/strict';
import { test } from 'node:test';

globalThis.localStorage ??= { getItem: () => null };
const { pointableItems, itemLabel, describeItem } = await import('../../app/pwa/static/js/chat-items.js');

const rec = (kind, data, extra = {}) => ({ key: `${kind}:${data.id}`, kind, pid: 7, data,
  server: { ...data }, ...extra });

test('photos, STARRTs and moments are offered with their day and first words', () => {
  const items = pointableItems({
    photo: [rec('photo', { id: 'p1', caption: 'De nieuwe kassa', taken_at: '2026-03-02T09:00:00Z' },
      { date: '2026-03-02' })],
    starrt: [
      rec('starrt', { id: 's1', title: 'Klant geholpen', created_at: '2026-03-01T10:00:00' }),
      rec('starrt', { id: 's2', title: 'Later', created_at: '2026-03-04T10:00:00' }),
      rec('starrt', { id: 's3', title: 'Elders' }, { pid: 8 }),
      rec('starrt', { id: 's4', title: 'Nog niet verstuurd' }, { server: null }),
      rec('starrt', { id: 's5', title: 'Weg', deleted: true }),
    ],
    learning_moment: [rec('learning_moment', { id: 'm1', date: '2026-03-03',
      text: 'Vandaag heb ik voor het eerst zelf een bestelling gedaan bij de leverancier' })],
  }, '7');
  assert.deepEqual(items.map((i) => [i.kind, i.id]),
    [['photo', 'p1'], ['starrt', 's2'], ['starrt', 's1'], ['learning_moment', 'm1']]);
  assert.equal(items[0].label, 'foto 2026-03-02 · De nieuwe kassa');
  assert.equal(items[2].label, 'STARRT 2026-03-01 · Klant geholpen');
  assert.equal(items[3].label, 'leermoment 2026-03-03 · Vandaag heb ik voor het eerst zelf een …');
  assert.equal(items[1].data.title, 'Later');
});

test("an entry's and a week's labels; a STARRT without a title shows its situation", () => {
  assert.equal(itemLabel('entry', { data: { date: '2026-03-02', start_time: '09:00', end_time: '12:00' } }),
    'uren 2026-03-02 · 09:00–12:00');
  assert.equal(itemLabel('week', { data: { week: '2026-W10' }, server: { id: 3 } }), 'week 2026-W10');
  assert.equal(describeItem({ kind: 'starrt', data: { situatie: 'Drukte', submitted_at: '2026-03-05T08:00:00' } }),
    'STARRT 2026-03-05 · Drukte');
  assert.equal(describeItem({ kind: 'photo', data: { caption: 'Oven', taken_at: '2026-03-06T08:00:00Z' } }),
    'foto 2026-03-06 · Oven');
});
