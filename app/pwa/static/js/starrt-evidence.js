// The evidence of a STARRT: which hour entries (and photos, once that kind exists) it shows.
import { shortDate } from './dates.js';
import { t, useStrings } from './i18n.js';
import { fill, h } from './ui.js';
import { photoImage } from './kinds/photo.js';

await useStrings('evidence', 'starrt');

const label = (r) => (r.kind === 'entry'
  ? `${shortDate(r.data.date)} ${r.data.start_time}–${r.data.end_time} ${r.data.description || ''}`.trim()
  : r.data.caption || t('timeline.kind.photo'));

// Checkboxes for the placement's entries (newest first, at most 30) and photos.
export function evidencePicker(box, { entries, photos, chosen }) {
  const picked = new Set(chosen.map((e) => `${e.kind}:${e.id}`));
  const recent = [...photos, ...entries.sort((a, b) => b.data.date.localeCompare(a.data.date)).slice(0, 30)];
  const inputs = recent.map((r) => {
    const value = `${r.kind}:${r.data.id}`;
    const input = h('input', { type: 'checkbox', id: `ev-${value.replace(':', '-')}`, value });
    input.checked = picked.has(value);
    return input;
  });
  fill(box, h('legend', {}, t('starrt.evidence.legend')),
    h('p', { class: 'muted' }, t('starrt.evidence.hint')),
    recent.length ? recent.map((r, i) => h('div', { class: 'wp-option' }, inputs[i],
      h('label', { for: inputs[i].id }, label(r)))) : h('p', { class: 'muted' }, t('starrt.evidence.none')));
  return {
    value: () => inputs.filter((i) => i.checked).map((i) => {
      const [kind, id] = i.value.split(':');
      return { kind, id };
    }),
  };
}

export function evidenceList(links, entries, photos) {
  if (!links.length) return null;
  const known = new Map([...entries, ...photos].map((r) => [`${r.kind}:${r.data.id}`, r]));
  return h('section', {}, h('h2', { class: 'h3' }, t('starrt.evidence.legend')),
    h('ul', {}, links.map((l) => {
      const r = known.get(`${l.kind}:${l.id}`);
      // Photos (#9): the picture itself, linked to the full photo once it is on the server.
      if (r?.kind === 'photo') {
        const img = photoImage(r, h, { alt: label(r) });
        return h('li', { class: 'starrt-photo' }, r.data.image_url
          ? h('a', { href: r.data.image_url }, img, h('span', {}, label(r))) : [img, label(r)]);
      }
      return h('li', {}, r ? label(r) : t(`timeline.kind.${l.kind}`));
    })));
}
