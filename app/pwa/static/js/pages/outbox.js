// What has not reached the server yet, per item: waiting, sending, or needs attention.
// How an item reads and how its conflict is shown comes from its kind's descriptor (kinds/).
import { categoryName, onChange, unchanged } from '../components.js';
import { events, getMeta } from '../db.js';
import { instant } from '../dates.js';
import { t } from '../i18n.js';
import { kindOfOp } from '../kinds/registry.js';
import { discard, keepMine, takeServer } from '../outbox-choices.js';
import { flush, sending, summary } from '../outbox.js';
import { run } from '../sync.js';
import { $, ask, badge, fill, h } from '../ui.js';

// The helpers a descriptor may use to describe an operation or build its conflict view.
const helpers = (categories) => ({
  t, h, discard, keepMine, takeServer, categoryName: (code) => categoryName(categories, code),
});

// A 412 on a kind with compared fields: both versions side by side, then keep mine or theirs.
function comparison(op, descriptor, v) {
  const mine = { ...(op.summary || {}), ...(op.body || {}) };
  const theirs = op.error.current;
  const { fields, value } = descriptor.conflict;
  return h('table', { class: 'compare' },
    h('caption', {}, t('conflict.caption')),
    h('thead', {}, h('tr', {}, h('td', {}), h('th', { scope: 'col' }, t('conflict.mine')),
      h('th', { scope: 'col' }, t('conflict.server')))),
    h('tbody', {}, fields.map((f) => h('tr', { class: value(f, mine, v) !== value(f, theirs, v) ? 'differs' : null },
      h('th', { scope: 'row' }, t(`field.${f}`)),
      h('td', {}, value(f, mine, v)), h('td', {}, value(f, theirs, v))))));
}

function attention(op, descriptor, v, title) {
  const parts = [h('p', { class: 'text-warn', role: 'note' }, op.error?.message || '')];
  const conflict = op.error?.status === 412 && op.error.current;
  if (conflict && descriptor.conflictView) {
    const view = descriptor.conflictView(op, v);
    return [...parts, ...view.notes, h('div', { class: 'actions' }, view.actions)];
  }
  if (conflict && descriptor.conflict) {
    return [...parts, comparison(op, descriptor, v), h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'btn btn-primary', onclick: () => keepMine(op.seq) }, t('conflict.keep')),
      h('button', { type: 'button', class: 'btn', onclick: () => takeServer(op.seq) }, t('conflict.take')))];
  }
  const fix = descriptor.fixHref?.(op);
  return [...parts, h('div', { class: 'actions' },
    fix ? h('a', { class: 'btn btn-primary', href: fix }, t('outbox.fix')) : null,
    h('button', { type: 'button', class: 'btn btn-danger', onclick: async () => {
      const yes = await ask({ title: t('outbox.discard.title'), body: [title, t('outbox.discard.body')],
        ok: t('outbox.discard'), danger: true });
      if (yes) await discard(op.seq);
    } }, t('outbox.discard')))];
}

function item(op, v) {
  const descriptor = kindOfOp(op);
  const state = op.state === 'attention' ? badge('attention', t('sync.attention'))
    : sending.has(op.opId) ? badge('sending', t('sync.sending'))
      : badge('pending', t('sync.waiting'));
  const title = descriptor.describe(op, v);
  const parts = [h('p', { class: 'item-title' }, title, ' ', state)];
  if (op.state === 'pending' && op.attempts) {
    parts.push(h('p', { class: 'muted' }, t('outbox.retry', { n: op.attempts })));
  }
  if (op.state === 'attention') parts.push(...attention(op, descriptor, v, title));
  return h('li', { class: `card outbox-item is-${op.state}` }, parts);
}

export default async function outbox() {
  $('#outbox-send').addEventListener('click', () => run({ force: true }));
  const render = async () => {
    const [{ ops }, categories, last] = await Promise.all([summary(), getMeta('categories'), getMeta('lastSyncOk')]);
    if (unchanged('outbox', ops, last, [...sending])) return;
    $('#outbox-send').hidden = !ops.some((o) => o.state === 'pending');
    fill('#outbox-last', last ? t('sync.last', { when: instant(last) }) : t('sync.never'));
    const v = helpers(categories);
    fill('#outbox-list', ops.length ? ops.map((op) => item(op, v))
      : h('li', { class: 'card' }, t('outbox.empty')));
  };
  await render();
  onChange(render);
  events.addEventListener('sending', () => render().catch(() => null));
  flush().catch(() => null);
}
