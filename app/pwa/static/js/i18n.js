// UI strings, per language: i18n/<code>/core.js holds what every screen shows (the frame,
// login, home, hours, weeks, the outbox), and each other file in that folder one area (chat,
// evidence, privacy, ...). A module that shows an area's strings starts with
// `await useStrings('area')`, so they are there before any of its code runs; a phone that
// opens only its home screen never downloads the rest. Dutch is rendered by the server already;
// another language is applied to [data-i18n] elements on load and as areas arrive.
import nl from './i18n/nl/core.js';

const KEY = 'stagewijs.locale';
const LANGUAGES = ['nl', 'en'];
const loading = new Map(); // area -> the promise of its strings, asked for once
let current = 'nl';
let strings = { ...nl }; // the current language: its core and the areas loaded in it

export const locale = () => current;

const load = async (code, area) => (await import(`./i18n/${code}/${area}.js`)).default;

export async function initLocale() {
  const wanted = localStorage.getItem(KEY) || 'nl';
  if (wanted !== 'nl') await use(wanted);
}

async function use(code) {
  const next = LANGUAGES.includes(code) ? code : 'nl';
  let names;
  let parts;
  do { // until no area was asked for while these loaded
    names = ['core', ...loading.keys()];
    parts = await Promise.all(names.map((area) => load(next, area)));
  } while (names.length !== loading.size + 1);
  strings = Object.assign({}, ...parts);
  current = next;
  document.documentElement.lang = current;
  translateDom(document);
}

export async function setLocale(code) {
  localStorage.setItem(KEY, code);
  await use(code);
}

async function merge(area) {
  const code = current;
  const part = await load(code, area);
  if (code === current) Object.assign(strings, part); // else use() loaded it in the new language
}

// The strings of these areas in the current language, each loaded once (offline from the
// service worker's precache, like every module).
export async function useStrings(...names) {
  for (const name of names) if (!loading.has(name)) loading.set(name, merge(name));
  await Promise.all(names.map((name) => loading.get(name)));
  // The server rendered Dutch; a screen of this area in another language is translated now.
  if (current !== 'nl' && globalThis.document) translateDom(document);
}

// A counted string is { one, other }: Intl.PluralRules picks the form by params.count, or by
// params.n where n is the count itself.
const rules = {};
export function plural(text, count, code = current) {
  if (typeof text === 'string') return text;
  const n = Number(count);
  const rule = Number.isFinite(n) ? (rules[code] ??= new Intl.PluralRules(code)).select(n) : 'other';
  return text[rule] ?? text.other;
}

export function t(key, params = {}) {
  const text = plural(strings[key] ?? nl[key] ?? key, params.count ?? params.n);
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? params[name] : `{${name}}`));
}

export function translateDom(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split('=');
      el.setAttribute(attr, t(key));
    }
  }
  const title = document.querySelector('[data-i18n-title]');
  if (title) document.title = `${t(title.dataset.i18nTitle)} · Stagewijs`;
}
