// The student's items a message or a guidance question may point to (#10): hours, weeks,
// photos, STARRT reflections and learning moments the server has, each with a label a person
// can pick from (kind, date, the first words), and how each one opens in place in the
// conversation. Only what the server sent is shown: an item the reader may not see has no
// `data` (app/services/messages.py) and chat-view.js says so.
import { t, useStrings } from './i18n.js';
import { photoImage } from './kinds/photo.js';
import { PARTS } from './kinds/starrt.js';
import { clip } from './kinds/student-record.js';

await useStrings('chat', 'starrt');

const day = (s) => String(s || '').slice(0, 10);

// Per kind: the id the server knows it by, the day it belongs to (sorting, label), its words,
// and how many of the newest are offered (a long list helps nobody choose).
export const POINTABLE = {
  entry: { id: (r) => r.data.id, when: (r) => r.data.date, max: 30,
    words: (d) => `${d.start_time}–${d.end_time}` },
  week: { id: (r) => r.server.id, when: (r) => r.data.week, max: 10, words: () => '' },
  // The photo descriptor's shape() puts the day it was taken (school's zone) on record.date.
  photo: { id: (r) => r.data.id, when: (r) => r.date || day(r.data.taken_at), max: 20,
    words: (d) => d.caption },
  starrt: { id: (r) => r.data.id, when: (r) => day(r.data.submitted_at || r.data.created_at),
    max: 20, words: (d) => d.title || d.situatie },
  learning_moment: { id: (r) => r.data.id, when: (r) => r.data.date, max: 20, words: (d) => d.text },
};

export const POINTABLE_KINDS = Object.keys(POINTABLE);

// "STARRT 2026-03-02 · Klant geholpen bij de kassa": the kind, its day, its first words.
export function itemLabel(kindName, record) {
  const spec = POINTABLE[kindName];
  const words = clip(spec.words(record.data || {}), 40);
  return [t(`chat.kind.${kindName}`), spec.when(record) || '', words ? `· ${words}` : '']
    .filter(Boolean).join(' ');
}

// From the local records by kind ({kind: [records]}): the placement's items the server has
// (a pointer names a server record), not deleted, per kind newest first.
export function pointableItems(recordsByKind, pid) {
  return POINTABLE_KINDS.flatMap((name) => {
    const spec = POINTABLE[name];
    const own = (recordsByKind[name] || []).filter((r) => String(r.pid) === String(pid) && r.server
      && !r.data?.deleted && !r.server.deleted && spec.id(r) != null);
    return own.sort((a, b) => String(spec.when(b) || '').localeCompare(String(spec.when(a) || '')))
      .slice(0, spec.max)
      .map((r) => ({ kind: name, id: spec.id(r), data: r.server, label: itemLabel(name, r) }));
  });
}

// The summary line of an item opened in place: its label from the data the reader was sent.
export function describeItem(item) {
  if (!POINTABLE[item.kind]) return t(`chat.kind.${item.kind}`);
  const d = item.data || {};
  return itemLabel(item.kind, { data: d, server: d, date: item.kind === 'photo' ? day(d.taken_at) : null });
}

// What an item shows opened in place, by kind: [label, value] rows, and for a photo its picture
// (the server's thumbnail, or this phone's own copy before the upload; photo.js).
export function itemParts(item, h) {
  const d = item.data || {};
  if (item.kind === 'entry') {
    return { rows: [[t('chat.field.date'), d.date], [t('chat.field.time'), `${d.start_time}–${d.end_time}`],
      [t('chat.field.description'), d.description || '–']] };
  }
  if (item.kind === 'week') {
    return { rows: [[t('chat.field.week'), d.week], [t('chat.field.status'), t(`week.status.${d.status}`)]] };
  }
  if (item.kind === 'photo') {
    return { picture: photoImage({ data: d }, h, { alt: d.caption || t('chat.kind.photo') }),
      rows: [[t('chat.field.date'), day(d.taken_at)], [t('chat.field.caption'), d.caption || '–']] };
  }
  if (item.kind === 'starrt') {
    return { rows: [[t('chat.field.title'), d.title || '–'],
      ...PARTS.map((part) => [t(`starrt.part.${part}`), d[part] || '–'])] };
  }
  if (item.kind === 'learning_moment') {
    return { rows: [[t('chat.field.date'), d.date], [t('chat.field.moment'), d.text || '–']] };
  }
  // Another kind: its plain text fields.
  return { rows: Object.entries(d).filter(([k, v]) => typeof v === 'string' && k !== 'id').slice(0, 6) };
}
