// Every string of a language, merged from its folder of area modules (i18n.js says how the
// strings are split), with the area each key lives in.
import { readdirSync } from 'node:fs';

const FOLDER = new URL('../../app/pwa/static/js/i18n/', import.meta.url);

export const areasOf = (code) => readdirSync(new URL(`${code}/`, FOLDER))
  .filter((name) => name.endsWith('.js')).map((name) => name.slice(0, -3)).sort();

export async function area(code, name) {
  return (await import(new URL(`${code}/${name}.js`, FOLDER))).default;
}

export async function catalog(code) {
  const parts = await Promise.all(areasOf(code).map((name) => area(code, name)));
  return Object.assign({}, ...parts);
}
