// Photos: keyed by the UUID the phone made. The image waits in the `blobs` store (under the
// same id) until the server has it; a stale caption edit shows both captions.
import { dateIn } from '../clock.js';
import { done, tx } from '../db.js';

export const photoKey = (id) => `photo:${id}`;

// The server's thumbnail once uploaded; until then the phone's own copy, read from the
// `blobs` store after the element is drawn (renderers are synchronous).
export function photoImage(record, h, { big = false, alt = '' } = {}) {
  const d = record.data || {};
  const src = big ? d.image_url : d.thumbnail_url;
  const img = h('img', { class: 'tl-photo', alt, loading: 'lazy', src: src || null });
  if (!src && typeof URL !== 'undefined' && URL.createObjectURL) {
    tx(['blobs'], 'readonly', (s) => done(s.blobs.get(d.id))).then((row) => {
      if (!row?.blob) return;
      const url = URL.createObjectURL(row.blob);
      img.addEventListener('load', () => URL.revokeObjectURL(url), { once: true });
      img.src = url;
    }).catch(() => null);
  }
  return img;
}

export default {
  name: 'photo',
  key: (data) => (data?.id != null ? photoKey(data.id) : null),
  keyFromId: photoKey,
  placementOf: (data) => data?.placement_id ?? null,
  shape(record) {
    const d = record.data || {};
    record.pid = d.placement_id ?? record.pid;
    // The day it was taken (the school's zone), for lists by date.
    if (d.taken_at) record.date = dateIn(Date.parse(d.taken_at));
    return record;
  },
  describe(op, v) {
    const s = op.summary || {};
    return `${v.t(`outbox.kind.${op.kind}`)}${s.caption ? `: ${s.caption}` : ''}`;
  },
  conflict: {
    fields: ['caption'],
    value: (field, data) => (data?.[field] || '–'),
  },
  // A line of the timeline (evidence-view.js): the picture, its caption and its werkprocessen.
  timelineItem(record, v) {
    const d = record.data || {};
    const main = v.h('span', { class: 'tl-main' },
      v.h('span', { class: 'tl-kind' }, v.t('timeline.kind.photo')),
      photoImage(record, v.h, { alt: d.caption || v.t('timeline.kind.photo') }),
      d.caption ? v.h('span', {}, d.caption) : null, v.chips(v.tree, d.werkprocessen));
    // Uploaded: the photo itself (served after the access check); not yet: only the student
    // who took it has it, on the photos page.
    const href = d.image_url || `/photos?id=${encodeURIComponent(d.id)}`;
    return v.h('li', { class: 'tl-item' }, v.h('a', { class: 'tl-link', href }, main));
  },
  fixHref(op) {
    if (op.kind === 'photo.delete') return null;
    const id = String(op.recordKey || '').split(':')[1];
    return id ? `/photos?id=${encodeURIComponent(id)}` : null;
  },
};
