// Durations (issue 12, item 3): a half-hour entry reads "30 min", not "0 uur 30 min".
import assert from 'node:assert/strict';
import { test } from 'node:test';

globalThis.localStorage ??= { store: {}, getItem(k) { return this.store[k] ?? null; }, setItem(k, v) { this.store[k] = String(v); } };
globalThis.document ??= { documentElement: {}, querySelectorAll: () => [], querySelector: () => null };

const { setLocale } = await import('../../app/pwa/static/js/i18n.js');
const { duration } = await import('../../app/pwa/static/js/ui.js');

test('Dutch durations', async () => {
  await setLocale('nl');
  assert.equal(duration(30), '30 min');
  assert.equal(duration(120), '2 uur');
  assert.equal(duration(90), '1 uur 30 min');
  assert.equal(duration(60), '1 uur');
  assert.equal(duration(5), '5 min');
});

test('English durations', async () => {
  await setLocale('en');
  assert.equal(duration(30), '30 min');
  assert.equal(duration(120), '2 h');
  assert.equal(duration(90), '1 h 30 min');
  await setLocale('nl');
});
