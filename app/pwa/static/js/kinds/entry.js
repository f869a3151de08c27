// Hour entries: keyed by the UUID the phone made; a stale edit shows both versions.
import { shortDate } from '../dates.js';

const COMPARED = ['date', 'start_time', 'end_time', 'category', 'description'];

export default {
  name: 'entry',
  // Its local key, from a server or local copy, and from the id alone (feed revocations).
  key: (data) => (data?.id != null ? `entry:${data.id}` : null),
  keyFromId: (id) => `entry:${id}`,
  placementOf: (data) => data?.placement_id ?? null,
  // Fields lifted onto the stored record, for the IndexedDB indexes and the screens.
  shape(record) {
    const d = record.data || {};
    record.pid = d.placement_id ?? record.pid;
    record.date = d.date;
    record.week = d.week;
    return record;
  },
  // One line in the outbox screen. `v` carries the screen's helpers (t, categoryName).
  describe(op, v) {
    const s = op.summary || {};
    return `${v.t(`outbox.kind.${op.kind}`)}: ${s.date ? shortDate(s.date) : ''} `
      + `${s.start_time || ''}–${s.end_time || ''}, ${v.categoryName(s.category)}`;
  },
  // A 412: the fields shown side by side (mine, the server's), then keep mine or take theirs.
  conflict: {
    fields: COMPARED,
    value(field, data, v) {
      if (!data) return '–';
      if (field === 'category') return v.categoryName(data.category);
      if (field === 'date') return data.date ? shortDate(data.date) : '–';
      return data[field] || '–';
    },
  },
  // Where a refused operation can be put right.
  fixHref(op) {
    if (op.kind === 'entry.delete') return null;
    const id = op.body?.id || op.url.split('/').pop();
    return `/entry?id=${encodeURIComponent(id)}&back=/outbox`;
  },
};
