// One student's week for the trainer: the entries, then approve or reject with a comment.
import { get as apiGet } from '../api.js';
import { weekAction } from '../actions.js';
import { entryList, onChange, totalMinutes, unchanged, weekBadgeFor } from '../components.js';
import { get, getMeta } from '../db.js';
import { addDays, longDate, weekMonday, weekNumber } from '../dates.js';
import { t, useStrings } from '../i18n.js';
import { within } from '../outcomes.js';
import { applyServerNow, entries, placementKey, weekKey } from '../records.js';
import { $, ask, duration, fill, h, setTitle, syncBadge, toast } from '../ui.js';

await useStrings('trainer');

// Minutes that count toward the placement: the server's figure, else from the categories.
export function countedMinutes(week, list, categories) {
  if (week.counted_minutes !== undefined) return week.counted_minutes;
  const counts = new Set((categories || []).filter((c) => c.counts_toward_hours).map((c) => Number(c.code)));
  return list.filter((r) => counts.has(Number(r.data.category))).reduce((sum, r) => sum + (r.data.minutes || 0), 0);
}

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
    const [record, all, categories, placement] = await Promise.all([get('records', key), entries(),
      getMeta('categories'), get('records', placementKey(pid))]);
    const w = record?.data || { status: 'open' };
    // Opened outside the inbox, the week has no student: the placement knows who it is.
    const name = w.student?.name || placement?.data?.student?.name || '';
    if (unchanged('trainer-week', record, all.filter((r) => r.data.week === label), categories, name)) return;
    $('#title').textContent = setTitle('trainer.week.heading', { week: weekNumber(label), name });
    const inWeek = all.filter((r) => r.data.placement_id === pid && r.data.week === label);
    fill('#tw-summary', h('div', { class: 'card' },
      h('p', {}, t('week.state'), ' ', weekBadgeFor(record), ' ', syncBadge(record?.sync)),
      h('p', {}, t('week.total', { total: duration(w.total_minutes ?? totalMinutes(inWeek)), n: inWeek.length })),
      w.counted_minutes !== undefined ? h('p', { class: 'muted' }, t('trainer.counted', { total: duration(w.counted_minutes) })) : null,
      w.status === 'rejected' && w.comment ? h('div', { class: 'banner banner-warn' },
        h('p', {}, h('strong', {}, t('trainer.own.comment'))), h('p', { class: 'comment' }, w.comment)) : null));
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
    if (open && !decisionBox) decisionBox = decision(record, name, countedMinutes(w, inWeek, categories));
    if (!open) decisionBox = null;
    document.body.classList.toggle('has-action-bar', Boolean(decisionBox));
    fill('#tw-actions', decisionBox
      || (w.status === 'approved' ? h('p', {}, h('a', { class: 'btn', href: '/trainer' }, t('trainer.back.list'))) : null));
  };

  // Online, wait a moment for the server: a refused decision (the student withdrew the week,
  // say) is shown here with the server's message instead of on the list.
  async function decided(outcome, done = null) {
    const result = navigator.onLine ? await within(outcome, 8000) : { state: 'queued' };
    if (result.state !== 'refused') {
      const note = t(result.state === 'sent' ? 'trainer.decision.sent' : 'trainer.decision.queued');
      toast(done ? `${done} ${note}` : note);
      return true;
    }
    fill('#tw-actions', h('p', { class: 'banner banner-warn', role: 'alert' }, result.error?.message || ''),
      h('a', { class: 'btn', href: '/outbox' }, t('outbox.open')));
    decisionBox = null;
    document.body.classList.remove('has-action-bar');
    return false;
  }

  function decision(record, name, counted) {
    const version = record.server?.version ?? record.version;
    const student = record.data.student?.name || name;
    const week = weekNumber(label);
    const comment = h('textarea', { id: 'reject-comment', name: 'comment', rows: '3',
      'aria-describedby': 'reject-hint reject-error' });
    const error = h('p', { id: 'reject-error', class: 'field-error', hidden: true });
    const approve = async () => {
      const yes = await ask({ title: t('trainer.approve.one.title', { week, name: student || '' }),
        body: [t('trainer.approve.one.counted', { total: duration(counted) }), t('trainer.approve.final')],
        ok: t('trainer.approve') });
      if (!yes) return;
      const { outcome } = await weekAction(pid, label, 'approve', { version, student });
      await decided(outcome, t('trainer.approved.one', { week, name: student || '' }));
    };
    const form = h('form', { id: 'reject-form', class: 'form reject', novalidate: true, onsubmit: async (e) => {
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
      comment, error));
    // The buttons stay in reach at the bottom of a phone's screen, however long the week is.
    const bar = h('div', { class: 'action-bar', role: 'group', 'aria-label': t('trainer.actions') },
      h('button', { type: 'button', class: 'btn btn-primary', onclick: approve }, t('trainer.approve')),
      h('button', { type: 'submit', form: 'reject-form', class: 'btn btn-danger' }, t('trainer.reject')));
    return [h('div', { class: 'card' }, form), bar];
  }

  await render();
  onChange(render);
}
