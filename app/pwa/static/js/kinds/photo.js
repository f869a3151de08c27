// Photos: keyed by the UUID the phone made. The image waits in the `blobs` store (under the
// same id) until the server has it, its thumbnail stays in `thumbs`; a stale caption edit
// shows both captions.
import { dateIn } from '../clock.js';
import { done, tx } from '../db.js';

export const photoKey = (id) => `photo:${id}`;

// The pictures this phone holds of some photos, in one read: id -> { thumb, own }, its
// thumbnail (kept by thumbs.js or made when it was taken) and its own full copy while the
// upload waits.
export async function localPictures(ids) {
  const keys = ids.map(String);
  const rows = await tx(['thumbs', 'blobs'], 'readonly', (s) => Promise.all(
    keys.map((id) => Promise.all([done(s.thumbs.get(id)), done(s.blobs.get(id))]))));
  return new Map(keys.map((id, i) => [id, { thumb: rows[i][0]?.blob || null, own: rows[i][1]?.blob || null }]));
}

// Where to look, best first: small from the phone (it works with no signal), big from the
// phone's full copy or the server, with the thumbnail when the server cannot be reached.
export function pictureSources(data, { thumb, own }, big = false) {
  return (big ? [own, data.image_url, thumb] : [thumb, own, data.thumbnail_url]).filter(Boolean);
}

// Shows the first source that loads on `img`: a Blob through an object URL (let go once
// drawn), a URL as it is; a failing one (offline) hands over to the next.
export function showFirst(img, sources) {
  const list = [...sources];
  const next = () => {
    const src = list.shift();
    if (!src) { img.removeEventListener('error', next); return; }
    if (typeof src === 'string') { img.src = src; return; }
    const url = URL.createObjectURL(src);
    img.addEventListener('load', () => URL.revokeObjectURL(url), { once: true });
    img.src = url;
  };
  img.addEventListener('error', next);
  next();
}

// An <img> for a photo (timeline, STARRT, chat). Renderers are synchronous: the phone's own
// pictures are read after the element is drawn.
export function photoImage(record, h, { big = false, alt = '' } = {}) {
  const d = record.data || {};
  const img = h('img', { class: 'tl-photo', alt, loading: 'lazy' });
  const server = { thumb: null, own: null };
  if (typeof URL === 'undefined' || !URL.createObjectURL) showFirst(img, pictureSources(d, server, big));
  else {
    localPictures([d.id]).then((found) => found.get(String(d.id)), () => server)
      .then((local) => showFirst(img, pictureSources(d, local || server, big)));
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
