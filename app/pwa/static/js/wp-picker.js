// The werkproces picker: checkboxes grouped by kerntaak, from the programme's tree kept on the
// phone (sync.js stores it as meta 'werkprocessen'), so choosing works offline. Used by every
// form that tags evidence (hour entry, STARRT, learning moment).
import { getMeta } from './db.js';
import { t, useStrings } from './i18n.js';
import { fill, h } from './ui.js';

await useStrings('evidence');

export async function werkprocesTree() {
  return (await getMeta('werkprocessen')) || [];
}

// Title of a code, for lists and chips ("B1-K1-W4 Test software").
export function werkprocesLabel(tree, code) {
  for (const k of tree) {
    const wp = k.werkprocessen.find((w) => w.code === code);
    if (wp) return `${wp.code} ${wp.title}`;
  }
  return code;
}

// Fill `box` (a <fieldset>) with the tree; returns { value(): [codes], set(codes) }.
export async function mountPicker(box, chosen = [], { name = 'werkprocessen' } = {}) {
  const tree = await werkprocesTree();
  const count = h('p', { class: 'muted', 'aria-live': 'polite' });
  const inputs = [];
  const groups = tree.map((k) => h('div', { class: 'wp-group' },
    h('p', { class: 'wp-kerntaak' }, `${k.code} ${k.title}`),
    k.werkprocessen.map((w) => {
      const id = `${name}-${w.code}`;
      const input = h('input', { type: 'checkbox', id, name, value: w.code });
      input.checked = chosen.includes(w.code);
      inputs.push(input);
      return h('div', { class: 'wp-option' }, input,
        h('label', { for: id }, h('strong', {}, w.code), ` ${w.title}`));
    })));
  const update = () => { count.textContent = t('wp.chosen', { n: value().length }); };
  const value = () => inputs.filter((i) => i.checked).map((i) => i.value);
  fill(box, h('legend', {}, t('wp.legend')), h('p', { class: 'muted' }, t('wp.hint')),
    tree.length ? groups : h('p', { class: 'muted' }, t('wp.none')), count);
  box.addEventListener('change', update);
  update();
  return {
    value,
    set(codes) { for (const i of inputs) i.checked = codes.includes(i.value); update(); },
  };
}
