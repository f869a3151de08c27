// Messages of a conversation line: keyed by the UUID the phone made. A message is only ever
// created; once the server's copy arrives (feed or answer) its create has done its work, even
// when the phone thought it had failed (see records.js, createdByServer).
export const lineKey = (pid, line) => `${pid}:${line}`;

export default {
  name: 'message',
  key: (data) => (data?.id != null ? `message:${data.id}` : null),
  keyFromId: (id) => `message:${id}`,
  placementOf: (data) => data?.placement_id ?? null,
  createdByServer: true,
  shape(record) {
    const d = record.data || {};
    record.pid = d.placement_id ?? record.pid;
    record.line = d.line;
    record.seq = d.seq ?? null;
    return record;
  },
  describe(op, v) {
    const s = op.summary || {};
    const text = String(s.body || '');
    return `${v.t(`outbox.kind.${op.kind}`)}: ${text.length > 40 ? `${text.slice(0, 39)}…` : text}`;
  },
  fixHref(op) {
    const s = op.summary || {};
    return s.placement_id ? `/berichten?p=${s.placement_id}&l=${s.line}` : null;
  },
};
