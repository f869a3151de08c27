// One week: review the days, then submit it to the trainer, or withdraw it again.
import { weekAction } from '../actions.js';
import { counted, entryList, onChange, totalMinutes, unchanged, weekBadgeFor } from '../components.js';
import { get, getMeta } from '../db.js';
import { addDays, dayMonth, isoWeek, longDate, today, weekMonday, weekNumber } from '../dates.js';
import { emptyWorkdays } from '../workdays.js';
import { locale, t } from '../i18n.js';
import { within } from '../outcomes.js';
import { editableStatus, entries, placementKey, weekKey } from '../records.js';
import { ask, duration, fill, h, setTitle, syncBadge, toast } from '../ui.js';

// Online, the server's word follows in a moment: say whether it took it or why not.
const settledSoon = ({ outcome }) => (navigator.onLine ? within(outcome, 8000) : { state: 'queued' });
function tell(result, sentKey) {
  if (result.state === 'sent') toast(t(sentKey));
  if (result.state === 'refused') toast(t('action.refused', { message: result.error?.message || '' }));
}

const listOf = (items) => new Intl.ListFormat(locale() === 'en' ? 'en-GB' : 'nl-NL', { type: 'conjunction' }).format(items);

export default async function week() {
  const params = new URLSearchParams(location.search);
  const label = /^\d{4}-W\d{2}$/.test(params.get('w') || '') ? params.get('w') : isoWeek(today());
  const monday = weekMonday(label);
  const sunday = addDays(monday, 6);
  document.getElementById('title').textContent = setTitle('week.heading', { week: weekNumber(label) });
  const prev = isoWeek(addDays(monday, -7));
  const next = isoWeek(addDays(monday, 7));
  fill('#week-pager',
    h('a', { class: 'btn btn-quiet', href: `/week?w=${prev}`, 'aria-label': t('week.prev.label', { week: weekNumber(prev) }) }, `‹ ${t('week.prev')}`),
    h('span', { class: 'pager-now' }, `${dayMonth(monday)} – ${dayMonth(sunday)}`),
    h('a', { class: 'btn btn-quiet', href: `/week?w=${next}`, 'aria-label': t('week.next.label', { week: weekNumber(next) }) }, `${t('week.next')} ›`));

  const render = async () => {
    const pid = await getMeta('placementId');
    const [record, all, categories, placement] = await Promise.all([
      get('records', weekKey(pid, label)), entries(), getMeta('categories'),
      pid ? get('records', placementKey(pid)) : null]);
    const status = record?.data?.status || 'open';
    const editable = editableStatus(status);
    const inWeek = all.filter((r) => r.data.week === label);
    const kept = counted(inWeek); // what the server accepted (or will see): refused ones never count
    const w = record?.data || {};
    if (unchanged('week', record, inWeek, categories)) return;
    fill('#week-status',
      h('p', { class: 'week-state' }, t('week.state'), ' ', weekBadgeFor(record), ' ', syncBadge(record?.sync)),
      status === 'rejected' && w.comment ? h('div', { class: 'banner banner-warn' },
        h('strong', {}, t('week.comment', { name: w.decided_by?.name || t('week.trainer') })), ' ', w.comment) : null,
      status === 'approved' ? h('p', {}, t('week.approved.by', { name: w.decided_by?.name || t('week.trainer') })) : null,
      status === 'submitted' ? h('p', {}, t('week.submitted.note')) : null,
      h('p', {}, t('week.total', { total: duration(totalMinutes(kept)), n: kept.length })));

    const days = [];
    for (let i = 0; i < 7; i++) {
      const day = addDays(monday, i);
      const list = inWeek.filter((r) => r.data.date === day);
      if (!list.length && i >= 5) continue; // weekend only when something was logged
      days.push(h('section', { class: 'card day', 'aria-label': longDate(day) },
        h('h2', { class: 'h3' }, longDate(day), ' ',
          h('span', { class: 'muted' }, counted(list).length ? duration(totalMinutes(list)) : '')),
        entryList(list, categories, { editable, back: `/week?w=${label}` }),
        editable && day <= today() ? h('a', { class: 'btn btn-quiet btn-small',
          href: `/entry?date=${day}&back=${encodeURIComponent(`/week?w=${label}`)}`,
          'aria-label': t('week.add.label', { day: longDate(day) }) }, `+ ${t('week.add')}`) : null));
    }
    fill('#week-days', days);

    const actions = [];
    if (editable && kept.length) {
      actions.push(h('button', { type: 'button', class: 'btn btn-primary btn-wide', onclick: async () => {
        const empty = emptyWorkdays(monday, kept, placement?.data);
        const yes = await ask({ title: t('week.submit.title', { week: weekNumber(label) }),
          body: [t('week.submit.body', { n: kept.length, total: duration(totalMinutes(kept)) }),
            empty.length ? h('p', { class: 'text-warn week-empty-days' },
              t('week.submit.empty', { days: listOf(empty.map(longDate)) })) : null,
            kept.length < inWeek.length ? h('p', { class: 'text-warn' }, t('week.submit.attention')) : null,
            t('week.submit.lock')].filter(Boolean), ok: t('week.submit') });
        if (!yes) return;
        toast(t('week.submit.done'));
        tell(await settledSoon(await weekAction(pid, label, 'submit')), 'week.submit.sent');
      } }, t('week.submit')));
    }
    if (status === 'submitted') {
      actions.push(h('button', { type: 'button', class: 'btn btn-wide', onclick: async () => {
        const yes = await ask({ title: t('week.withdraw.title'), body: t('week.withdraw.body'),
          ok: t('week.withdraw') });
        if (!yes) return;
        toast(t('week.withdraw.done'));
        tell(await settledSoon(await weekAction(pid, label, 'withdraw')), 'week.withdraw.sent');
      } }, t('week.withdraw')));
    }
    fill('#week-actions', actions);
  };
  await render();
  onChange(render);
}
