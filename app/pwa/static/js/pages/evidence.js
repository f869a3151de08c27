// Bewijs: the timeline of a placement's evidence by date, filterable by kind and werkproces.
// Built from the records on the phone, so what was made offline shows at once; a trainer's or
// docent's phone holds only what the student shared with them (the feed decides).
import { onChange, unchanged } from '../components.js';
import { dayOf, placementOf, recordsOf, tabs, timelineItem, treeOf } from '../evidence-view.js';
import { longDate } from '../dates.js';
import { t, useStrings } from '../i18n.js';
import { kind as kindNamed } from '../kinds/registry.js';
import { daysUpTo, newestFirst, PAGE_ITEMS } from '../timeline-days.js';
import { $, fill, h } from '../ui.js';

await useStrings('evidence');

export const TIMELINE_KINDS = ['entry', 'photo', 'starrt', 'learning_moment', 'note'];

export default async function evidence({ user }) {
  const pid = await placementOf(user);
  tabs(user, pid, 'evidence');
  if (!pid) { fill('#view', h('p', { class: 'card' }, t('evidence.none'))); return; }
  const tree = await treeOf(user, pid);
  const kinds = TIMELINE_KINDS.filter((k) => kindNamed(k));
  const form = $('#timeline-filter');
  fill(form.kind, h('option', { value: '' }, t('timeline.kind.all')),
    kinds.map((k) => h('option', { value: k }, t(`timeline.kind.${k}`))));
  fill(form.werkproces, h('option', { value: '' }, t('timeline.werkproces.all')),
    tree.flatMap((k) => k.werkprocessen).map((w) => h('option', { value: w.code }, `${w.code} ${w.title}`)));
  const params = new URLSearchParams(location.search);
  form.kind.value = params.get('kind') || '';
  form.werkproces.value = params.get('wp') || '';

  let limit = PAGE_ITEMS;
  const render = async () => {
    const kind = form.kind.value;
    const code = form.werkproces.value;
    const lists = await Promise.all(kinds.filter((k) => !kind || k === kind).map((k) => recordsOf(k, pid)));
    const items = newestFirst(lists.flat()
      .filter((r) => !code || (r.data.werkprocessen || []).includes(code))
      .map((r) => ({ r, day: dayOf(r) })));
    if (!items.length) {
      if (!unchanged('timeline', kind, code, [])) fill('#view', h('p', { class: 'card' }, t('timeline.empty')));
      return;
    }
    const { days, left } = daysUpTo(items, limit);
    const drawn = days.flatMap((d) => d.items);
    if (unchanged('timeline', kind, code, left, drawn.map((r) => [r.key, r.data, r.sync]))) return;
    const more = left ? h('button', { type: 'button', class: 'btn btn-wide', id: 'timeline-more' },
      t('timeline.more', { count: left })) : null;
    more?.addEventListener('click', async () => {
      const first = drawn.length;
      limit += PAGE_ITEMS;
      await render();
      // Reading on: focus the first line that was not there before.
      const line = $('#view').querySelectorAll('.tl-item')[first];
      const target = line?.querySelector('a') || line;
      if (target && target.tagName !== 'A') target.tabIndex = -1;
      target?.focus();
    });
    fill('#view', days.map(({ day, items: list }) => h('section', { class: 'card tl-day' },
      h('h2', { class: 'h3' }, longDate(day)),
      h('ul', { class: 'list' }, list.map((r) => timelineItem(r, tree, { own: user.role === 'student' }))))),
    more);
  };
  form.addEventListener('change', () => {
    const next = new URLSearchParams(location.search);
    for (const [name, key] of [['kind', 'kind'], ['werkproces', 'wp']]) {
      if (form[name].value) next.set(key, form[name].value); else next.delete(key);
    }
    history.replaceState(null, '', `${location.pathname}?${next}`);
    limit = PAGE_ITEMS;
    render();
  });
  await render();
  onChange(render);
}
