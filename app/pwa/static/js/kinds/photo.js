// Photos: keyed by the UUID the phone made. The image waits in the `blobs` store (under the
// same id) until the server has it; a stale caption edit shows both captions.
import { dateIn } from '../clock.js';

export const photoKey = (id) => `photo:${id}`;

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
  fixHref(op) {
    if (op.kind === 'photo.delete') return null;
    const id = String(op.recordKey || '').split(':')[1];
    return id ? `/photos?id=${encodeURIComponent(id)}` : null;
  },
};
