// The timeline's order and paging (timeline-days.js): newest first, whole days per page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { daysUpTo, newestFirst, PAGE_ITEMS } from '../../app/pwa/static/js/timeline-days.js';

const item = (key, day, createdAt) => ({ r: { key, data: { created_at: createdAt } }, day });

test('newest day first, the last made first within a day, unsent on top', () => {
  const order = newestFirst([
    item('a', '2026-11-02', '2026-11-02T08:00:00'),
    item('b', '2026-11-03', '2026-11-03T08:00:00'),
    item('c', '2026-11-02', '2026-11-02T09:00:00'),
    item('d', '2026-11-02', undefined),
  ]).map((i) => i.r.key);
  assert.deepEqual(order, ['b', 'd', 'c', 'a']);
});

test('a page holds whole days until the limit is reached', () => {
  const items = [];
  for (let day = 30; day >= 1; day--) {
    for (let n = 0; n < 3; n++) items.push(item(`${day}.${n}`, `2026-11-${String(day).padStart(2, '0')}`));
  }
  assert.equal(PAGE_ITEMS, 60);
  const first = daysUpTo(items, 10); // 10 items: 4 whole days (12 items), never half a day
  assert.equal(first.days.length, 4);
  assert.deepEqual(first.days.map((d) => d.items.length), [3, 3, 3, 3]);
  assert.equal(first.days[0].day, '2026-11-30');
  assert.equal(first.left, 90 - 12);
  const all = daysUpTo(items, 1000);
  assert.equal(all.days.length, 30);
  assert.equal(all.left, 0);
  assert.deepEqual(daysUpTo([], 10), { days: [], left: 0 });
});
