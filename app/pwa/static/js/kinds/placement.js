// Placements: read-only on the phone (no operations); everything else hangs off them, so a
// revoked placement takes its records along (see records.js).
export default {
  name: 'placement',
  key: (data) => (data?.id != null ? `placement:${data.id}` : null),
  keyFromId: (id) => `placement:${id}`,
  placementOf: (data) => data?.id ?? null,
  shape(record) {
    record.pid = record.data?.id ?? record.pid;
    return record;
  },
  describe: (op, v) => v.t(`outbox.kind.${op.kind}`),
  fixHref: () => null,
};
