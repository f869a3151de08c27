// UI strings: one module per language (i18n/nl.js, i18n/en.js). Dutch is rendered by the
// server already; another language is applied to [data-i18n] elements on load.
import nl from './i18n/nl.js';

const KEY = 'stagewijs.locale';
let strings = nl;
let current = 'nl';

export const locale = () => current;

export async function initLocale() {
  const wanted = localStorage.getItem(KEY) || 'nl';
  if (wanted !== 'nl') await use(wanted);
}

async function use(code) {
  strings = code === 'en' ? (await import('./i18n/en.js')).default : nl;
  current = code === 'en' ? 'en' : 'nl';
  document.documentElement.lang = current;
  translateDom(document);
}

export async function setLocale(code) {
  localStorage.setItem(KEY, code);
  await use(code);
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
