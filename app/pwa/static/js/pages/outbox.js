// What has not reached the server yet, per item: waiting, sending, or needs attention.
// A stale version (412) shows both versions side by side and lets the user choose.
import { categoryName, onChange, unchanged } from '../components.js';
import { getMeta } from '../db.js';
import { shortDate, weekNumber } from '../dates.js';
import { t } from '../i18n.js';
import { discard, flush, keepMine, sendingOpId, summary, takeServer } from '../outbox.js';
import { run } from '../sync.js';
import { $, ask, badge, fill, h } from '../ui.js';

const COMPARED = ['date', 'start_time', 'end_time', 'category', 'description'];

function describe(op, categories) {
  const s = op.summary || {};
  if (op.kind.startsWith('entry.')) {
    const what = t(`outbox.kind.${op.kind}`);
    return `${what}: ${s.date ? shortDate(s.date) : ''} ${s.start_time || ''}–${s.end_time || ''}, ${categoryName(categories, s.category)}`;
  }
  if (op.kind.startsWith('week.')) {
    const n = s.week ? weekNumber(s.week) : '';
    return `${t(`outbox.kind.${op.kind}`, { n })}${s.student ? ` (${s.student})` : ''}`;
  }
  return t(`outbox.kind.${op.kind}`);
}

function value(field, data, categories) {
  if (!data) return '–';
  if (field === 'category') return categoryName(categories, data.category);
  if (field === 'date') return data.date ? shortDate(data.date) : '–';
  return data[field] || '–';
}

function comparison(op, categories) {
  const mine = { ...(op.summary || {}), ...(op.body || {}) };
  const theirs = op.error.current;
  const fields = op.kind.startsWith('entry.') ? COMPARED : ['status', 'comment'];
  return h('table', { class: 'compare' },
    h('caption', {}, t('conflict.caption')),
    h('thead', {}, h('tr', {}, h('td', {}), h('th', { scope: 'col' }, t('conflict.mine')),
      h('th', { scope: 'col' }, t('conflict.server')))),
    h('tbody', {}, fields.map((f) => h('tr', { class: value(f, mine, categories) !== value(f, theirs, categories) ? 'differs' : null },
      h('th', { scope: 'row' }, t(`field.${f}`)),
      h('td', {}, value(f, mine, categories)), h('td', {}, value(f, theirs, categories))))));
}

function item(op, categories) {
  const state = op.state === 'attention' ? badge('attention', t('sync.attention'))
    : op.opId === sendingOpId ? badge('sending', t('sync.sending'))
      : badge('pending', t('sync.waiting'));
  const title = describe(op, categories);
  const parts = [h('p', { class: 'item-title' }, title, ' ', state)];
  if (op.state === 'pending' && op.attempts) {
    parts.push(h('p', { class: 'muted' }, t('outbox.retry', { n: op.attempts })));
  }
  if (op.state === 'attention') {
    parts.push(h('p', { class: 'text-warn', role: 'note' }, op.error?.message || ''));
    const actions = [];
    const week = op.kind.startsWith('week.') && op.error?.status === 412 && op.error.current;
    if (week) {
      // A trainer's decision on a week that changed since it was seen: never resend blindly.
      const again = op.error.current.status === 'submitted';
      parts.push(h('p', {}, t(again ? 'conflict.week.changed' : 'conflict.week.withdrawn')));
      if (again) {
        const [, pid, label] = op.recordKey.split(':');
        actions.push(h('a', { class: 'btn btn-primary', href: `/trainer/week?p=${pid}&w=${label}` }, t('conflict.week.view')));
      }
      actions.push(h('button', { type: 'button', class: 'btn', onclick: () => discard(op.seq) }, t('outbox.discard')));
    } else if (op.error?.status === 412 && op.error.current) {
      parts.push(comparison(op, categories));
      actions.push(h('button', { type: 'button', class: 'btn btn-primary', onclick: () => keepMine(op.seq) }, t('conflict.keep')),
        h('button', { type: 'button', class: 'btn', onclick: () => takeServer(op.seq) }, t('conflict.take')));
    } else {
      if (op.kind.startsWith('entry.') && op.kind !== 'entry.delete') {
        actions.push(h('a', { class: 'btn btn-primary', href: `/entry?id=${encodeURIComponent(op.body?.id || op.url.split('/').pop())}&back=/outbox` }, t('outbox.fix')));
      }
      actions.push(h('button', { type: 'button', class: 'btn btn-danger', onclick: async () => {
        const yes = await ask({ title: t('outbox.discard.title'), body: [title, t('outbox.discard.body')],
          ok: t('outbox.discard'), danger: true });
        if (yes) await discard(op.seq);
      } }, t('outbox.discard')));
    }
    parts.push(h('div', { class: 'actions' }, actions));
  }
  return h('li', { class: `card outbox-item is-${op.state}` }, parts);
}

export default async function outbox() {
  $('#outbox-send').addEventListener('click', () => run({ force: true }));
  const render = async () => {
    const [{ ops }, categories, last] = await Promise.all([summary(), getMeta('categories'), getMeta('lastSyncOk')]);
    if (unchanged('outbox', ops, last, sendingOpId)) return;
    $('#outbox-send').hidden = !ops.some((o) => o.state === 'pending');
    fill('#outbox-last', last ? t('sync.last', { when: new Date(last).toLocaleString(document.documentElement.lang) }) : t('sync.never'));
    fill('#outbox-list', ops.length ? ops.map((op) => item(op, categories))
      : h('li', { class: 'card' }, t('outbox.empty')));
  };
  await render();
  onChange(render);
  flush().catch(() => null);
}
