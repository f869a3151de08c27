// What a student shared with their docent, for the docent's student page: handed-in STARRTs
// and notes the docent may read (the server's timeline gives exactly those), kept per student
// for offline use; and the two conversation lines with their unread counts.
import { get as apiGet } from './api.js';
import { now } from './clock.js';
import { getMeta, setMeta } from './db.js';
import { instantDay } from './dates.js';
import { t, useStrings } from './i18n.js';
import { unread } from './poll.js';
import { lineName } from './chat-view.js';
import { badge, h } from './ui.js';

await useStrings('docent');

const PARTS = ['situatie', 'taak', 'actie', 'resultaat', 'reflectie', 'transfer'];

// What the docent opened stays open when new data re-draws the page (a poll, a sync).
const opened = new Set();
export function remembered(key, ...children) {
  return h('details', { open: opened.has(key),
    ontoggle: (e) => { if (e.target.open) opened.add(key); else opened.delete(key); } }, ...children);
}

export async function loadShared(pid) {
  const key = `shared:${pid}`;
  try {
    const [starrts, notes] = await Promise.all(['starrt', 'note'].map((kind) =>
      apiGet(`/api/placements/${encodeURIComponent(pid)}/timeline?kind=${kind}`)));
    const copy = { at: now(), starrts: starrts.items || [], notes: notes.items || [] };
    await setMeta(key, copy);
    return copy;
  } catch {
    return (await getMeta(key)) || null;
  }
}

export function sharedCard(shared, pid) {
  const starrts = shared?.starrts || [];
  const notes = shared?.notes || [];
  return h('section', { class: 'card', 'aria-labelledby': 'ds-shared-h' },
    h('h2', { class: 'h3', id: 'ds-shared-h' }, t('dashboard.student.shared')),
    !shared ? h('p', { class: 'muted' }, t('dashboard.none.offline')) : null,
    shared && !starrts.length && !notes.length ? h('p', { class: 'muted' }, t('dashboard.student.shared.none')) : null,
    starrts.length ? h('ul', { class: 'list ds-shared' }, starrts.map(({ data: s }) => h('li', {},
      remembered(`starrt:${s.id}`,
        h('summary', {}, h('span', {}, t('dashboard.student.starrt', { title: s.title || '–' })), ' ',
          s.status === 'rated' ? badge('approved', t('dashboard.student.starrt.rated', { rating: s.rating }))
            : badge('submitted', t('week.status.submitted')), ' ',
          s.submitted_at ? h('span', { class: 'muted' }, instantDay(s.submitted_at)) : null),
        h('dl', { class: 'facts' }, PARTS.flatMap((part) => [h('dt', {}, t(`dashboard.student.starrt.${part}`)),
          h('dd', { class: 'comment' }, s[part] || '–')])),
        s.rating_remark ? h('p', { class: 'comment' }, s.rating_remark) : null)))) : null,
    notes.length ? h('ul', { class: 'list ds-notes' }, notes.map(({ data: n }) => h('li', {},
      h('p', { class: 'comment' }, n.text), h('p', { class: 'muted' }, instantDay(n.created_at))))) : null,
    // Evidence (#9): the whole shared timeline and the coverage of the werkprocessen.
    h('p', {}, h('a', { class: 'btn btn-small', href: `/evidence?p=${encodeURIComponent(pid)}` }, t('evidence.open'))));
}

export async function conversationsCard(pid) {
  const { byLine } = await unread();
  return h('section', { class: 'card', 'aria-labelledby': 'ds-chat-h' },
    h('h2', { class: 'h3', id: 'ds-chat-h' }, t('dashboard.student.conversations')),
    h('ul', { class: 'list' }, ['stage', 'school'].map((line) => {
      const count = byLine[`${pid}:${line}`] || 0;
      return h('li', {}, h('a', { class: 'row-link', href: `/berichten?p=${encodeURIComponent(pid)}&l=${line}` },
        h('span', {}, lineName(line)),
        count ? h('span', { class: 'badge badge-attention' }, t('chat.unread', { n: count })) : null));
    })));
}
