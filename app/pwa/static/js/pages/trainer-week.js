// One student's week for the trainer: the entries, then approve or reject with a comment.
import { get as apiGet } from '../api.js';
import { weekAction } from '../actions.js';
import { entryList, onChange, totalMinutes, unchanged, weekBadgeFor } from '../components.js';
import { get, getMeta } from '../db.js';
import { addDays, longDate, weekMonday, weekNumber } from '../dates.js';
import { t } from '../i18n.js';
import { within } from '../outcomes.js';
import { applyServerNow, entries, weekKey } from '../records.js';
import { $, duration, fill, h, setTitle, syncBadge, toast } from '../ui.js';

export default async function trainerWeek() {
  const params = new URLSearchParams(location.search);
  const pid = Number(params.get('p'));
  const label = params.get('w') || '';
  if (!pid || !/^\d{4}-W\d{2}$/.test(label)) { location.replace('/trainer'); return; }
  const key = weekKey(pid, label);
  try { // fresh from the server when online; the local copy otherwise
    const detail = await apiGet(`/api/placements/${pid}/weeks/${label}`);
    const { entries: list = [], ...week } = detail;
    await applyServerNow('week', [week]);
    await applyServerNow('entry', list);
  } catch { /* offline */ }

  let decisionBox = null;
  const render = async () => {
    const [record, all, categories] = await Promise.all([get('records', key), entries(), getMeta('categories')]);
    const w = record?.data || { status: 'open' };
    if (unchanged('trainer-week', record, all.filter((r) => r.data.week === label), categories)) return;
    const name = w.student?.name || '';
    $('#title').textContent = setTitle('trainer.week.heading', { week: weekNumber(label), name });
    const inWeek = all.filter((r) => r.data.placement_id === pid && r.data.week === label);
    fill('#tw-summary', h('div', { class: 'card' },
      h('p', {}, t('week.state'), ' ', weekBadgeFor(record), ' ', syncBadge(record?.sync)),
      h('p', {}, t('week.total', { total: duration(w.total_minutes ?? totalMinutes(inWeek)), n: inWeek.length })),
      w.counted_minutes !== undefined ? h('p', { class: 'muted' }, t('trainer.counted', { total: duration(w.counted_minutes) })) : null));
    const monday = weekMonday(label);
    const days = [];
    for (let i = 0; i < 7; i++) {
      const day = addDays(monday, i);
      const list = inWeek.filter((r) => r.data.date === day);
      if (!list.length) continue;
      days.push(h('section', { class: 'card day' },
        h('h2', { class: 'h3' }, longDate(day), ' ', h('span', { class: 'muted' }, duration(totalMinutes(list)))),
        entryList(list, categories, { editable: false })));
    }
    fill('#tw-days', days.length ? days : h('p', { class: 'muted' }, t('entries.none')));
    // Built once: a sync in the background must not wipe a comment being typed.
    const open = w.status === 'submitted';
    if (open && !decisionBox) decisionBox = decision(record);
    if (!open) decisionBox = null;
    fill('#tw-actions', decisionBox);
  };

  // Online, wait a moment for the server: a refused decision (the student withdrew the week,
  // say) is shown here with the server's message instead of on the list.
  async function decided(outcome) {
    const result = navigator.onLine ? await within(outcome, 8000) : { state: 'queued' };
    if (result.state !== 'refused') {
      toast(t(result.state === 'sent' ? 'trainer.decision.sent' : 'trainer.decision.queued'));
      return true;
    }
    fill('#tw-actions', h('p', { class: 'banner banner-warn', role: 'alert' }, result.error?.message || ''),
      h('a', { class: 'btn', href: '/outbox' }, t('outbox.open')));
    decisionBox = null;
    return false;
  }

  function decision(record) {
    const version = record.server?.version ?? record.version;
    const student = record.data.student?.name;
    const comment = h('textarea', { id: 'reject-comment', name: 'comment', rows: '3',
      'aria-describedby': 'reject-hint reject-error' });
    const error = h('p', { id: 'reject-error', class: 'field-error', hidden: true });
    return h('div', { class: 'card' },
      h('button', { type: 'button', class: 'btn btn-primary btn-wide', onclick: async () => {
        const { outcome } = await weekAction(pid, label, 'approve', { version, student });
        if (await decided(outcome)) location.href = '/trainer';
      } }, t('trainer.approve')),
      h('form', { class: 'form reject', novalidate: true, onsubmit: async (e) => {
        e.preventDefault();
        const text = comment.value.trim();
        if (!text) {
          error.textContent = t('trainer.reject.required');
          error.hidden = false;
          comment.setAttribute('aria-invalid', 'true');
          comment.focus();
          return;
        }
        const { outcome } = await weekAction(pid, label, 'reject', { comment: text, version, student });
        if (await decided(outcome)) location.href = '/trainer';
      } },
      h('div', { class: 'field' },
        h('label', { for: 'reject-comment' }, t('trainer.reject.label')),
        h('p', { id: 'reject-hint', class: 'muted' }, t('trainer.reject.hint')),
        comment, error),
      h('button', { type: 'submit', class: 'btn btn-danger btn-wide' }, t('trainer.reject'))));
  }

  await render();
  onChange(render);
}
