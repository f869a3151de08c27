// One date style per language (issue 12, item 9): English is en-GB ("1 December 2026, 18:23"),
// never US order; Dutch "1 december 2026, 18:23". Instants are shown in Europe/Amsterdam.
import assert from 'node:assert/strict';
import { test } from 'node:test';

globalThis.localStorage ??= { store: {}, getItem(k) { return this.store[k] ?? null; }, setItem(k, v) { this.store[k] = String(v); } };
globalThis.document ??= { documentElement: {}, querySelectorAll: () => [], querySelector: () => null };

const { setLocale, t, useStrings } = await import('../../app/pwa/static/js/i18n.js');
const { instant, instantDay, longDate, number } = await import('../../app/pwa/static/js/dates.js');

const EVENING = Date.UTC(2026, 11, 1, 17, 23, 8); // 18:23:08 in Amsterdam

test('English dates are en-GB', async () => {
  await setLocale('en');
  assert.equal(instant(EVENING), '1 December 2026, 18:23');
  assert.equal(instant('2026-12-01T17:23:08Z'), '1 December 2026, 18:23');
  assert.equal(instantDay('2026-12-01T17:23:08Z'), '1 December 2026');
  assert.equal(longDate('2026-12-01'), 'Tuesday 1 December');
  assert.equal(t('sync.last', { when: instant(EVENING) }), 'Last connected to the server: 1 December 2026, 18:23');
  assert.equal(number(1.5), '1.5');
  await useStrings('docent'); // in English now: the area arrives in English
  assert.equal(t('docent.pok', { status: t('pok.status.definitief') }), 'POK: final');
});

test('Dutch dates, and the same instant in summer time', async () => {
  await setLocale('nl');
  assert.equal(instant(EVENING), '1 december 2026, 18:23');
  assert.equal(instant(Date.UTC(2026, 5, 1, 6, 5)), '1 juni 2026, 08:05');
  assert.equal(number(1.5), '1,5');
  assert.equal(t('docent.pok', { status: t('pok.status.definitief') }), 'POK: definitief');
});
