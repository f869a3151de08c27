// STARRT: the placement's STARRT reflections and the progress "3 van minimaal 5" (rated V or
// G against the programme's minimum, BPV guide bijlage 5).
import { get as apiGet } from '../api.js';
import { onChange, unchanged } from '../components.js';
import { getMeta, setMeta } from '../db.js';
import { DEFAULT_MINIMUM, starrtProgress } from '../evidence-counts.js';
import { placementOf, recordsOf, starrtBadge, tabs } from '../evidence-view.js';
import { t, useStrings } from '../i18n.js';
import { fill, h, syncBadge } from '../ui.js';

await useStrings('evidence', 'starrt');

async function minimumOf(pid) {
  const key = `starrtMinimum:${pid}`;
  if (navigator.onLine) {
    try {
      const progress = await apiGet(`/api/placements/${pid}/starrts/progress`);
      await setMeta(key, progress.minimum);
      return progress.minimum;
    } catch { /* offline after all: what was kept */ }
  }
  return (await getMeta(key)) ?? DEFAULT_MINIMUM;
}

export default async function starrts({ user }) {
  const pid = await placementOf(user);
  tabs(user, pid, 'starrts');
  if (!pid) { fill('#view', h('p', { class: 'card' }, t('evidence.none'))); return; }
  const minimum = await minimumOf(pid);
  const render = async () => {
    const list = (await recordsOf('starrt', pid))
      .sort((a, b) => String(b.data.created_at || '~').localeCompare(String(a.data.created_at || '~')));
    if (unchanged('starrts', minimum, list.map((r) => [r.key, r.data, r.sync]))) return;
    const p = starrtProgress(list.map((r) => r.data), minimum);
    fill('#view',
      h('section', { class: 'card' },
        h('p', { class: 'big', role: 'status' }, t('starrt.progress', { done: p.done, minimum: p.minimum })),
        h('progress', { max: String(p.minimum), value: String(Math.min(p.done, p.minimum)),
          'aria-label': t('starrt.progress', { done: p.done, minimum: p.minimum }) }),
        p.waiting ? h('p', { class: 'muted' }, t('starrt.waiting', { n: p.waiting })) : null,
        user.role === 'student' ? h('a', { class: 'btn btn-primary', href: '/starrt' }, t('starrt.new')) : null),
      list.length ? h('ul', { class: 'list card' }, list.map((r) => h('li', { class: 'tl-item' },
        h('a', { class: 'tl-link', href: `/starrt?id=${encodeURIComponent(r.data.id)}` },
          h('span', { class: 'tl-main' }, h('strong', {}, r.data.title || t('starrt.untitled')),
            (r.data.werkprocessen || []).join(', ')),
          starrtBadge(r.data), syncBadge(r.sync)))))
        : h('p', { class: 'card' }, t(user.role === 'student' ? 'starrt.none' : 'starrt.none.shared')));
  };
  await render();
  onChange(render);
}
