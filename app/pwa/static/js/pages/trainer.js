// Trainer home: every week waiting for a decision, oldest first; approve several at once.
import { askCard } from '../notify.js';
import { weekAction } from '../actions.js';
import { onChange, unchanged } from '../components.js';
import { dayMonth, weekNumber } from '../dates.js';
import { t, useStrings } from '../i18n.js';
import { within } from '../outcomes.js';
import { byKind } from '../db.js';
import { entries, weeks } from '../records.js';
import { $, ask, badge, duration, fill, h, toast } from '../ui.js';
import { unread } from '../poll.js';

await useStrings('trainer');

export const waiting = (records) => records
  .filter((r) => (r.server || r.data)?.status === 'submitted')
  .sort((a, b) => String((a.server || a.data).submitted_at).localeCompare(String((b.server || b.data).submitted_at)));

// What a trainer should look at twice: overtime (category 2), sick days (7), and a week that
// was rejected before and came back (its rejection comment is still on it).
export function hintsFor(week, entryRecords) {
  const mine = entryRecords.filter((r) => !r.data.deleted && r.data.placement_id === week.placement_id
    && r.data.week === week.week);
  const overtime = mine.filter((r) => Number(r.data.category) === 2).reduce((s, r) => s + (r.data.minutes || 0), 0);
  const sick = new Set(mine.filter((r) => Number(r.data.category) === 7).map((r) => r.data.date)).size;
  return [
    overtime ? t('trainer.hint.overtime', { total: duration(overtime) }) : null,
    sick ? t('trainer.hint.sick', { n: sick }) : null,
    week.status === 'submitted' && week.comment ? t('trainer.hint.resubmitted') : null,
  ].filter(Boolean);
}

export default async function trainer({ user }) {
  const chosen = new Set();
  const render = async (force = false) => {
    const [records, all, placements, counts] = await Promise.all([weeks(), entries(), byKind('placement'),
      unread()]);
    students(placements, records, counts.byLine);
    const list = waiting(records);
    // A trainer with weeks to judge is asked once whether the Monday digest may come by push.
    askCard($('#push-ask'), user, { when: list.length > 0 });
    const hints = new Map(list.map((r) => [r.key, hintsFor(r.data, all)]));
    const same = unchanged('inbox', list.map((r) => [r.key, r.data, r.sync, hints.get(r.key)]));
    if (same && !force) return;
    if (!list.length) {
      fill('#inbox', h('p', { class: 'card' }, t('trainer.empty')));
      fill('#inbox-actions');
      return;
    }
    const open = list.filter((r) => r.data.status === 'submitted');
    for (const key of [...chosen]) if (!open.some((r) => r.key === key)) chosen.delete(key);
    const items = list.map((r) => {
      const w = r.data;
      const name = w.student?.name || '';
      const n = weekNumber(w.week);
      const decided = w.status !== 'submitted';
      const boxId = `pick-${r.key.replace(/[^a-zA-Z0-9]/g, '-')}`;
      return h('li', { class: 'card inbox-item' },
        decided ? null : h('input', { type: 'checkbox', id: boxId, class: 'pick', checked: chosen.has(r.key),
          'aria-label': t('trainer.pick', { week: n, name }),
          onchange: (e) => { if (e.target.checked) chosen.add(r.key); else chosen.delete(r.key); actions(open); } }),
        h('div', { class: 'inbox-text' },
          h('a', { href: `/trainer/week?p=${w.placement_id}&w=${w.week}`, class: 'inbox-link' },
            h('strong', {}, name), ' · ', t('week.heading', { week: n })),
          h('p', { class: 'muted' }, t('trainer.item', {
            total: duration(w.total_minutes), n: w.entry_count ?? 0,
            date: w.submitted_at ? dayMonth(w.submitted_at.slice(0, 10)) : '–' })),
          hints.get(r.key).length ? h('p', { class: 'hints' }, hints.get(r.key).map((text) => badge('hint', text))) : null,
          decided ? h('p', {}, badge(w.status, t(`week.status.${w.status}`)), ' ', badge('pending', t('sync.unsent'))) : null));
    });
    fill('#inbox', h('ul', { class: 'list' }, items));
    actions(open);
  };

  // Every student with each one's weeks, newest first: the history, not only what waits.
  // Each with the Stage conversation and its unread count (conversations, #10).
  function students(placements, records, byLine = {}) {
    const mine = placements.filter((p) => p.data?.student).sort((a, b) => String(a.data.student.name)
      .localeCompare(String(b.data.student.name)));
    if (unchanged('students', mine.map((p) => p.data.student), records.map((r) => [r.key, r.data.status]),
      byLine)) return;
    fill('#students', mine.length ? h('h2', {}, t('trainer.students')) : null, mine.map((p) => {
      const list = records.filter((r) => r.data.placement_id === p.data.id && r.data.status !== 'open')
        .sort((a, b) => String(b.data.week).localeCompare(String(a.data.week)));
      const news = byLine[`${p.data.id}:stage`] || 0;
      return h('section', { class: 'card' },
        h('h3', { class: 'h3', id: `student-${p.data.id}` }, p.data.student.name),
        // Named "Gesprek: Stage", described by the student's name (the heading above).
        h('p', {}, h('a', { class: 'row-link', href: `/berichten?p=${p.data.id}&l=stage`,
          'aria-describedby': `student-${p.data.id}` }, h('span', {}, t('chat.title.stage')),
        news ? badge('attention', t('chat.unread', { n: news })) : null)),
        // Evidence (#9): the STARRTs to rate and what else the student shared.
        h('p', {}, h('a', { class: 'btn btn-small', href: `/evidence?p=${p.data.id}` }, t('evidence.open'))),
        list.length ? h('ul', { class: 'list days' }, list.map((r) => h('li', {},
          h('a', { class: 'row-link', href: `/trainer/week?p=${r.data.placement_id}&w=${r.data.week}` },
            h('span', {}, t('week.heading', { week: weekNumber(r.data.week) })),
            badge(r.data.status, t(`week.status.${r.data.status}`))))))
          : h('p', { class: 'muted' }, t('trainer.students.none')));
    }));
  }

  function actions(open) {
    const all = open.length > 0 && open.every((r) => chosen.has(r.key));
    fill('#inbox-actions',
      open.length > 1 ? h('button', { type: 'button', class: 'btn', onclick: () => {
        if (all) chosen.clear(); else open.forEach((r) => chosen.add(r.key));
        render(true);
      } }, all ? t('trainer.pick.none') : t('trainer.pick.all')) : null,
      h('button', { type: 'button', class: 'btn btn-primary', disabled: chosen.size === 0, onclick: approveChosen },
        t('trainer.approve.n', { n: chosen.size })));
  }

  async function approveChosen() {
    const list = waiting(await weeks()).filter((r) => chosen.has(r.key));
    if (!list.length) return;
    const counted = list.reduce((sum, r) => sum + (r.data.counted_minutes || 0), 0);
    const yes = await ask({ title: t('trainer.approve.title', { n: list.length }),
      body: [...list.map((r) => `${r.data.student?.name || ''} · ${t('week.heading', { week: weekNumber(r.data.week) })}`
        + (r.data.counted_minutes !== undefined ? ` · ${duration(r.data.counted_minutes)}` : '')),
      t('trainer.approve.total', { total: duration(counted) }), t('trainer.approve.final')],
      ok: t('trainer.approve.n', { n: list.length }) });
    if (!yes) return;
    const outcomes = [];
    for (const r of list) {
      const { outcome } = await weekAction(r.data.placement_id, r.data.week, 'approve',
        { version: r.server?.version ?? r.version, student: r.data.student?.name });
      outcomes.push(outcome);
    }
    chosen.clear();
    toast(t('trainer.approved', { n: list.length }));
    if (!navigator.onLine) return;
    const results = await Promise.all(outcomes.map((o) => within(o, 8000)));
    const refused = results.filter((r) => r.state === 'refused').length;
    if (refused) toast(t('trainer.refused', { n: refused }));
  }

  await render();
  onChange(render);
}
