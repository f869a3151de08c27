// A conversation line's shared state (last sequence number, everyone's read marker), keyed by
// placement and line: the phone addresses lines that way, before the server made a row.
export const conversationKey = (pid, line) => `conversation:${pid}:${line}`;

export default {
  name: 'conversation',
  key: (data) => (data?.placement_id != null && data.line ? conversationKey(data.placement_id, data.line) : null),
  keyFromId: () => null, // found by the server id it holds
  placementOf: (data) => data?.placement_id ?? null,
  shape(record) {
    const d = record.data || {};
    record.pid = d.placement_id ?? record.pid;
    record.line = d.line;
    return record;
  },
  describe: (op, v) => v.t(`outbox.kind.${op.kind}`),
  fixHref: () => null,
};
