// Guidance questions (School line): the student's question with up to three shared items, as
// they were when shared. Made on the phone (its UUID); changed by If-Match (resolved, a time).
export const MAX_SHARED = 3;

export default {
  name: 'guidance_question',
  key: (data) => (data?.id != null ? `guidance_question:${data.id}` : null),
  keyFromId: (id) => `guidance_question:${id}`,
  placementOf: (data) => data?.placement_id ?? null,
  createdByServer: true,
  shape(record) {
    record.pid = record.data?.placement_id ?? record.pid;
    return record;
  },
  describe(op, v) {
    const s = op.summary || {};
    return `${v.t(`outbox.kind.${op.kind}`)}${s.question ? `: ${String(s.question).slice(0, 40)}` : ''}`;
  },
  fixHref(op) {
    const s = op.summary || {};
    return s.placement_id ? `/berichten?p=${s.placement_id}&l=school` : null;
  },
};
