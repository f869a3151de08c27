// Every named import of the phone app's modules exists in the module it names. A browser
// refuses the whole page when one does not ("does not provide an export named ..."), and only
// an end-to-end test that opens that page would notice; moving a function to another module
// is a common change, so this checks all of them in milliseconds.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FOLDERS = ['app/pwa/static/js', 'service_worker'];

function modules(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((item) => {
    const path = join(folder, item.name);
    if (item.isDirectory()) return modules(path);
    return item.name.endsWith('.js') ? [path] : [];
  });
}

const N = '[\\w$]+'; // a JS name, `$` included
const parts = (list) => list.split(',').map((part) => part.trim()).filter(Boolean)
  .map((part) => part.split(/\s+as\s+/));

export function exportsOf(source) {
  const found = new Set();
  const declared = new RegExp(`^export\\s+(?:async\\s+)?(?:function\\*?|const|let|var|class)\\s+(${N})`, 'gm');
  for (const m of source.matchAll(declared)) found.add(m[1]);
  // `export { a, b as c }` offers a and c
  for (const m of source.matchAll(/^export\s*\{([^}]*)\}/gm)) {
    for (const names of parts(m[1])) found.add(names.at(-1));
  }
  if (/^export\s+default\b/m.test(source)) found.add('default');
  return found;
}

export function importsOf(source) {
  const found = [];
  // `import { a, b as c }` asks the module for a and b
  const asked = (list) => parts(list).map((names) => names[0]);
  for (const m of source.matchAll(/^import\s*\{([^}]*)\}\s*from\s*'([^']+)'/gm)) {
    found.push({ from: m[2], names: asked(m[1]) });
  }
  const withDefault = new RegExp(`^import\\s+${N}\\s*(?:,\\s*\\{([^}]*)\\})?\\s*from\\s*'([^']+)'`, 'gm');
  for (const m of source.matchAll(withDefault)) {
    found.push({ from: m[2], names: ['default', ...(m[1] ? asked(m[1]) : [])] });
  }
  return found;
}

test('the export and import readers see the forms the app uses', () => {
  const src = "export async function a() {}\nexport const $b = 1;\nexport { c, d as e };\nexport default f;\n";
  assert.deepEqual([...exportsOf(src)].sort(), ['$b', 'a', 'c', 'default', 'e']);
  const imp = "import { $, y as z } from './m.js';\nimport {\n  p,\n  q,\n} from '../n.js';\nimport w from './k.js';\n";
  assert.deepEqual(importsOf(imp), [
    { from: './m.js', names: ['$', 'y'] },
    { from: '../n.js', names: ['p', 'q'] },
    { from: './k.js', names: ['default'] },
  ]);
});

test('every named import of the app exists in its module', () => {
  const missing = [];
  let checked = 0;
  for (const folder of FOLDERS) {
    for (const file of modules(join(ROOT, folder))) {
      for (const { from, names: wanted } of importsOf(readFileSync(file, 'utf8'))) {
        if (!from.startsWith('.')) continue; // absolute URLs are the server's (sw-modules)
        const target = resolve(dirname(file), from);
        const offered = exportsOf(readFileSync(target, 'utf8'));
        for (const name of wanted) {
          checked += 1;
          if (!offered.has(name)) missing.push(`${relative(ROOT, file)}: ${name} from ${from}`);
        }
      }
    }
  }
  assert.ok(checked > 300, `only ${checked} imports found: is the reader still right?`);
  assert.deepEqual(missing, []);
});
