// Weeks: keyed by placement and ISO week (the phone may act on a week the server has not
// made yet). A trainer's decision on a week that changed is never resent blindly.
import { weekNumber } from '../dates.js';

export const weekKey = (pid, week) => `week:${pid}:${week}`;

export default {
  name: 'week',
  key: (data) => (data?.placement_id != null && data.week ? weekKey(data.placement_id, data.week) : null),
  keyFromId: () => null, // not derivable: found by the server id it holds
  placementOf: (data) => data?.placement_id ?? null,
  shape(record) {
    const d = record.data || {};
    record.pid = d.placement_id ?? record.pid;
    record.week = d.week;
    return record;
  },
  describe(op, v) {
    const s = op.summary || {};
    const n = s.week ? weekNumber(s.week) : '';
    return `${v.t(`outbox.kind.${op.kind}`, { week: n })}${s.student ? ` (${s.student})` : ''}`;
  },
  // 412 on a decision: the student withdrew the week, or changed and submitted it again.
  conflictView(op, v) {
    const again = op.error.current.status === 'submitted';
    const [, pid, label] = op.recordKey.split(':');
    return {
      notes: [v.h('p', {}, v.t(again ? 'conflict.week.changed' : 'conflict.week.withdrawn'))],
      actions: [
        again ? v.h('a', { class: 'btn btn-primary', href: `/trainer/week?p=${pid}&w=${label}` },
          v.t('conflict.week.view')) : null,
        v.h('button', { type: 'button', class: 'btn', onclick: () => v.discard(op.seq) }, v.t('outbox.discard')),
      ],
    };
  },
  fixHref: () => null,
};
