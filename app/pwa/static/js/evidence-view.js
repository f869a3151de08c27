// What the evidence screens share: which placement a screen is about, the local records of a
// kind for it, the tabs between the screens, and how a record reads in a list.
import { get as apiGet } from './api.js';
import { dateIn, today } from './clock.js';
import { byKind, getMeta, setMeta } from './db.js';
import { t, useStrings } from './i18n.js';
import { kind as kindNamed } from './kinds/registry.js';
import { badge, duration, fill, h, syncBadge } from './ui.js';
import { werkprocesLabel } from './wp-picker.js';

await useStrings('evidence', 'starrt');

// The student's own placement, or the one a trainer or docent opened (?p=).
export async function placementOf(user) {
  if (user.role === 'student') return getMeta('placementId');
  const p = new URLSearchParams(location.search).get('p');
  return p ? Number(p) : null;
}

export const query = (pid, user) => (user.role === 'student' ? '' : `?p=${pid}`);

// Live (undeleted) local records of a kind for a placement; [] for a kind this app lacks.
export async function recordsOf(kindName, pid) {
  if (!kindNamed(kindName)) return [];
  return (await byKind(kindName)).filter((r) => !r.data?.deleted
    && String(r.data?.placement_id ?? r.pid) === String(pid));
}

// The programme's werkprocessen: the student's are kept by sync.js; a trainer's or docent's
// are fetched once per placement and kept for offline.
export async function treeOf(user, pid) {
  if (user.role === 'student') return (await getMeta('werkprocessen')) || [];
  const key = `werkprocessen:${pid}`;
  const kept = await getMeta(key);
  if (kept || !navigator.onLine) return kept || [];
  try {
    const tree = await apiGet(`/api/placements/${pid}/werkprocessen`);
    await setMeta(key, tree);
    return tree;
  } catch {
    return [];
  }
}

const TABS = [
  ['/evidence', 'evidence.tab.timeline', 'evidence', true],
  ['/coverage', 'evidence.tab.coverage', 'coverage', true],
  ['/starrts', 'evidence.tab.starrts', 'starrts', true],
  ['/learning', 'evidence.tab.learning', 'learning', false],
  ['/notes', 'evidence.tab.notes', 'notes', false],
];

export function tabs(user, pid, current) {
  const items = TABS.filter(([, , , shared]) => shared || user.role === 'student');
  fill('#evidence-tabs', h('ul', { class: 'chips' }, items.map(([href, key, id]) => h('li', {},
    h('a', { class: 'chip', href: `${href}${query(pid, user)}`,
      'aria-current': id === current ? 'page' : null }, t(key))))));
}

// The day a record sits at on the timeline (its own date, else when it was made or taken).
export function dayOf(record) {
  const d = record.data || {};
  if (d.date) return String(d.date).slice(0, 10);
  const when = d.taken_at || d.submitted_at || d.created_at;
  return when ? dateIn(Date.parse(when.endsWith('Z') ? when : `${when}Z`)) : today();
}

export const starrtBadge = (s) => (s.status === 'rated'
  ? badge('approved', t('starrt.status.rated', { rating: s.rating }))
  : badge(s.status === 'submitted' ? 'submitted' : 'open', t(`starrt.status.${s.status || 'draft'}`)));

function chips(tree, codes) {
  return codes?.length ? h('p', { class: 'wp-chips' },
    codes.map((c) => h('span', { class: 'wp-chip', title: werkprocesLabel(tree, c) }, c))) : null;
}

// One record as a line of the timeline: the kind's own renderer when it has one (photos).
export function timelineItem(record, tree, { own = false } = {}) {
  const d = record.data;
  const descriptor = kindNamed(record.kind);
  if (descriptor?.timelineItem) return descriptor.timelineItem(record, { h, t, tree, chips, own });
  const kindLabel = h('span', { class: 'tl-kind' }, t(`timeline.kind.${record.kind}`));
  let body;
  let href = null;
  if (record.kind === 'entry') {
    body = [h('span', {}, `${d.start_time}–${d.end_time} · ${duration(d.minutes)}`),
      d.description ? h('span', { class: 'entry-desc' }, d.description) : null];
    if (own) href = `/entry?id=${encodeURIComponent(d.id)}&back=${encodeURIComponent('/evidence')}`;
  } else if (record.kind === 'starrt') {
    body = [h('strong', {}, d.title || t('starrt.untitled')), ' ', starrtBadge(d)];
    href = `/starrt?id=${encodeURIComponent(d.id)}`;
  } else if (record.kind === 'learning_moment') {
    body = [h('span', {}, d.text)];
  } else if (record.kind === 'note') {
    body = [h('span', {}, d.text), h('span', { class: 'muted' }, t(`note.visibility.${d.visibility}`))];
  } else {
    body = [h('span', {}, d.caption || d.title || d.text || '')];
  }
  const main = h('span', { class: 'tl-main' }, kindLabel, ...body, chips(tree, d.werkprocessen));
  return h('li', { class: 'tl-item' }, href ? h('a', { class: 'tl-link', href }, main, syncBadge(record.sync))
    : h('div', { class: 'tl-link' }, main, syncBadge(record.sync)));
}
