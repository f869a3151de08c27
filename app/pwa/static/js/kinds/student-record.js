// The descriptor of a record kind the student writes on the phone (STARRT, note, learning
// goal and moment): keyed by the UUID the phone made, lifted onto its placement, described in
// the outbox by its kind and a line of its text, a stale edit shown field by field.
export function studentRecord(name, { compared, line, page }) {
  return {
    name,
    key: (data) => (data?.id != null ? `${name}:${data.id}` : null),
    keyFromId: (id) => `${name}:${id}`,
    placementOf: (data) => data?.placement_id ?? null,
    shape(record) {
      const d = record.data || {};
      record.pid = d.placement_id ?? record.pid;
      record.date = d.date ?? record.date;
      return record;
    },
    describe(op, v) {
      const text = line(op.summary || {});
      return text ? `${v.t(`outbox.kind.${op.kind}`)}: ${text}` : v.t(`outbox.kind.${op.kind}`);
    },
    conflict: {
      fields: compared,
      value(field, data) {
        if (!data) return '–';
        const value = data[field];
        if (Array.isArray(value)) return value.map((x) => x.id ?? x).join(', ') || '–';
        return value === undefined || value === null || value === '' ? '–' : String(value);
      },
    },
    fixHref(op) {
      if (op.kind.endsWith('.delete') || !page) return null;
      const id = op.body?.id || op.url.split('/').filter(Boolean)[2];
      return page(id);
    },
  };
}

export const clip = (text, n = 40) => {
  const s = String(text || '').trim();
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
};
