// Counted strings (item 8 of issue 12): every string with a {n} has a one and an other form in
// both languages, and t() picks the form with Intl.PluralRules.
import assert from 'node:assert/strict';
import { test } from 'node:test';

globalThis.localStorage ??= { store: {}, getItem(k) { return this.store[k] ?? null; }, setItem(k, v) { this.store[k] = String(v); } };
globalThis.document ??= { documentElement: {}, querySelectorAll: () => [], querySelector: () => null };

const { setLocale, t, useStrings } = await import('../../app/pwa/static/js/i18n.js');
const { catalog } = await import('./catalog.mjs');
const nl = await catalog('nl');
const en = await catalog('en');
const LANGS = { nl, en };

const texts = (value) => (typeof value === 'string' ? [value] : Object.values(value));
const counted = (strings) => Object.keys(strings).filter((k) => texts(strings[k]).some((s) => s.includes('{n}')));

// Words that belong to the other form only: never next to "1".
const PLURAL_WORDS = /\b(registraties|weken|items|dagen|entries|weeks|items|days|hours|tries|zijn|hebben)\b/;

for (const [code, strings] of Object.entries(LANGS)) {
  test(`${code}: every counted string has a one and an other form`, () => {
    const keys = counted(strings);
    assert.ok(keys.length >= 15, `only ${keys.length} counted strings`);
    for (const key of keys) {
      const value = strings[key];
      assert.equal(typeof value, 'object', `${key} is a plain string`);
      assert.deepEqual(Object.keys(value).sort(), ['one', 'other'], key);
      for (const form of ['one', 'other']) assert.ok(value[form].includes('{n}'), `${key}.${form} has no {n}`);
      assert.ok(!PLURAL_WORDS.test(value.one), `${key}.one reads plural: ${value.one}`);
    }
  });

  test(`${code}: t() picks the form for 0, 1 and 2`, async () => {
    await setLocale(code);
    await useStrings('account', 'chat', 'desk', 'docent', 'evidence', 'privacy', 'starrt', 'trainer');
    for (const key of counted(strings)) {
      for (const n of [0, 1, 2]) {
        const text = t(key, { n, total: '2 uur', name: 'Sanne', date: '1 dec' });
        const form = n === 1 ? 'one' : 'other';
        assert.ok(text.includes(String(n)), `${key} n=${n}: ${text}`);
        assert.ok(!/\{\w+\}/.test(text), `${key} n=${n}: ${text}`);
        assert.equal(text, strings[key][form].replace(/\{(\w+)\}/g, (_, p) => ({ n, total: '2 uur', name: 'Sanne', date: '1 dec' })[p]), `${key} n=${n}`);
      }
    }
  });
}

test('known words in both languages', async () => {
  await setLocale('nl');
  await useStrings('trainer', 'privacy');
  assert.equal(t('home.week.total', { n: 1, total: '8 uur' }), '8 uur in 1 registratie');
  assert.equal(t('home.week.total', { n: 2, total: '8 uur' }), '8 uur in 2 registraties');
  assert.equal(t('trainer.approve.title', { n: 1 }), '1 week goedkeuren?');
  assert.equal(t('trainer.approve.title', { n: 2 }), '2 weken goedkeuren?');
  assert.equal(t('logout.unsent.title', { n: 1 }), '1 item is nog niet verzonden');
  assert.equal(t('logout.unsent.title', { n: 2 }), '2 items zijn nog niet verzonden');
  assert.equal(t('privacy.time.days', { n: 1 }), '1 dag');
  assert.equal(t('outbox.attention', { n: 0 }), '0 items hebben actie nodig');
  await setLocale('en');
  assert.equal(t('outbox.attention', { n: 1 }), '1 needs your attention');
  assert.equal(t('outbox.attention', { n: 2 }), '2 need your attention');
  assert.equal(t('week.total', { n: 1, total: '8 h' }), 'Total: 8 h in 1 entry');
  assert.equal(t('fmt.hours', { n: '1', count: 1 }), '1 hour');
  assert.equal(t('fmt.hours', { n: '1.5', count: 1.5 }), '1.5 hours');
  await setLocale('nl');
});

test('week numbers are not counts: those strings take {week}', () => {
  for (const strings of Object.values(LANGS)) {
    for (const key of ['week.heading', 'week.submit.title', 'trainer.week.heading', 'outbox.kind.week.approve']) {
      assert.match(strings[key], /\{week\}/, key);
    }
  }
});
