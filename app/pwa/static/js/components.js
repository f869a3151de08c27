// Pieces several screens share: entry rows, progress, re-rendering on data changes.
import { events, tx } from './db.js';
import { locale, t } from './i18n.js';
import { opsFor } from './outbox.js';
import { ask, badge, duration, h, hours, syncBadge } from './ui.js';

export function categoryName(categories, code) {
  const cat = (categories || []).find((c) => Number(c.code) === Number(code));
  if (!cat) return t('entry.category.unknown', { code });
  return locale() === 'en' ? cat.name_en : cat.name_nl;
}

export const timeRange = (e) => `${e.start_time}–${e.end_time}`;

export function entryItem(record, categories, { editable = true, showDate = false, back = null } = {}) {
  const e = record.data;
  const label = t('entry.item.label', { range: timeRange(e), category: categoryName(categories, e.category) });
  const main = h('span', { class: 'entry-main' },
    h('span', { class: 'entry-time' }, showDate ? `${e.date} · ${timeRange(e)}` : timeRange(e)),
    h('span', { class: 'entry-cat' }, categoryName(categories, e.category)),
    e.description ? h('span', { class: 'entry-desc' }, e.description) : null);
  const side = h('span', { class: 'entry-side' }, h('span', {}, duration(e.minutes)),
    syncBadge(record.sync));
  return h('li', { class: 'entry' }, editable
    ? h('a', { class: 'entry-link', href: `/entry?id=${encodeURIComponent(e.id)}${back ? `&back=${encodeURIComponent(back)}` : ''}`,
      'aria-label': `${t('entry.edit')}: ${label}` }, main, side)
    : h('div', { class: 'entry-link' }, main, side));
}

// The server refused it (a parked operation): shown apart, never counted.
export const refused = (record) => record?.sync === 'attention';
export const counted = (records) => records.filter((r) => !refused(r));

// Throw away what the server refused: the parked operation, and the entry if the server
// never had it (otherwise the server's copy comes back).
async function throwAway(record, label) {
  const yes = await ask({ title: t('outbox.discard.title'), body: [label, t('outbox.discard.body')],
    ok: t('entry.refused.discard'), danger: true });
  if (!yes) return;
  const ops = await tx(['outbox'], 'readonly', (s) => opsFor(s, record.key));
  const parked = ops.find((o) => o.state === 'attention');
  // Loaded on this rare tap, not with every page that lists entries.
  if (parked) await (await import('./outbox-choices.js')).discard(parked.seq);
}

function refusedItem(record, categories, { showDate = false } = {}) {
  const e = record.data;
  const label = t('entry.item.label', { range: timeRange(e), category: categoryName(categories, e.category) });
  const here = `${location.pathname}${location.search}`;
  return h('li', { class: 'entry is-refused' },
    h('div', { class: 'entry-link' },
      h('span', { class: 'entry-main' },
        h('span', { class: 'entry-time' }, showDate ? `${e.date} · ${timeRange(e)}` : timeRange(e)),
        h('span', { class: 'entry-cat' }, categoryName(categories, e.category)),
        e.description ? h('span', { class: 'entry-desc' }, e.description) : null),
      h('span', { class: 'entry-side' }, h('span', { class: 'muted' }, duration(e.minutes)),
        badge('attention', t('entry.refused')))),
    record.refusal?.message ? h('p', { class: 'text-warn' }, record.refusal.message) : null,
    h('p', { class: 'muted' }, t('entry.refused.note')),
    h('div', { class: 'actions' },
      h('a', { class: 'btn btn-small', href: `/entry?id=${encodeURIComponent(e.id)}&back=${encodeURIComponent(here)}`,
        'aria-label': `${t('entry.refused.fix')}: ${label}` }, t('entry.refused.fix')),
      h('button', { type: 'button', class: 'btn btn-quiet btn-small', 'aria-label': `${t('entry.refused.discard')}: ${label}`,
        onclick: () => throwAway(record, label).catch((err) => console.error(err)) }, t('entry.refused.discard'))));
}

export function entryList(records, categories, options) {
  if (!records.length) return h('p', { class: 'muted' }, t('entries.none'));
  const sorted = [...records].sort((a, b) => (a.data.date + a.data.start_time)
    .localeCompare(b.data.date + b.data.start_time));
  const accepted = counted(sorted);
  const apart = sorted.filter(refused);
  const list = accepted.length
    ? h('ul', { class: 'entries' }, accepted.map((r) => entryItem(r, categories, options))) : null;
  if (!apart.length) return list;
  return [list, h('ul', { class: 'entries entries-refused', 'aria-label': t('entry.refused') },
    apart.map((r) => refusedItem(r, categories, options)))];
}

// Minutes of what counts: refused entries never do.
export const totalMinutes = (records) => counted(records).reduce((sum, r) => sum + (r.data.minutes || 0), 0);

export function progressBlock(progress, name) {
  if (!progress) return h('p', { class: 'muted' }, t('progress.unknown'));
  const required = Number(progress.required_hours) || 0;
  const approved = Number(progress.approved_hours) || 0;
  const id = `progress-${Math.random().toString(36).slice(2, 8)}`;
  return h('div', { class: 'progress-block' },
    h('p', { id, class: 'progress-label' },
      name ? h('strong', {}, `${name}: `) : null,
      t('progress.approved', { approved: hours(approved), required: hours(required) })),
    h('progress', { max: String(required || 1), value: String(Math.min(approved, required || 1)),
      'aria-labelledby': id }),
    h('p', { class: 'muted' }, t('progress.detail', {
      percent: Math.round(Number(progress.percent) || 0),
      pending: hours(progress.pending_hours), draft: hours(progress.draft_hours) })));
}

export function weekBadgeFor(record) {
  const status = record?.data?.status || 'open';
  return badge(status, t(`week.status.${status}`));
}

// Re-render when local data changes (this tab, another tab, or the sync engine).
export function onChange(render) {
  let timer;
  events.addEventListener('change', () => {
    clearTimeout(timer);
    timer = setTimeout(() => render().catch((err) => console.error(err)), 80);
  });
}

// Re-drawing a list that did not change would drop keyboard focus and the screen reader's
// place: screens skip a render when what they show is the same as last time.
const lastShown = new Map();
export function unchanged(slot, ...data) {
  const key = JSON.stringify(data);
  if (lastShown.get(slot) === key) return true;
  lastShown.set(slot, key);
  return false;
}
