// Dekking: per werkproces of the programme, how much evidence there is (entries' hours,
// photos, STARRTs and rated ones, learning moments), counted from the records on the phone.
// Werkprocessen without any evidence stand out.
import { onChange, unchanged } from '../components.js';
import { placementOf, recordsOf, tabs, treeOf } from '../evidence-view.js';
import { t } from '../i18n.js';
import { kind as kindNamed } from '../kinds/registry.js';
import { fill, h, hours } from '../ui.js';

// Pure: the counts per code from lists of record data (node tests it).
export function countCoverage(tree, { entries = [], photos = [], starrts = [], moments = [] }) {
  const rows = new Map(tree.flatMap((k) => k.werkprocessen).map((w) => [w.code,
    { ...w, entries: 0, minutes: 0, photos: 0, starrts: 0, rated: 0, moments: 0 }]));
  const add = (list, fn) => { for (const d of list) for (const c of d.werkprocessen || []) if (rows.has(c)) fn(rows.get(c), d); };
  add(entries, (r, d) => { r.entries += 1; r.minutes += d.minutes || 0; });
  add(photos, (r) => { r.photos += 1; });
  add(starrts, (r, d) => { r.starrts += 1; if (d.status === 'rated') r.rated += 1; });
  add(moments, (r) => { r.moments += 1; });
  for (const r of rows.values()) r.empty = !(r.entries || r.photos || r.starrts || r.moments);
  return rows;
}

function tile(r, withPhotos) {
  const facts = [
    r.entries ? t('coverage.hours', { total: hours(r.minutes / 60), n: r.entries }) : null,
    withPhotos && r.photos ? t('coverage.photos', { n: r.photos }) : null,
    r.starrts ? `${t('coverage.starrts', { n: r.starrts })} (${t('coverage.rated', { n: r.rated })})` : null,
    r.moments ? t('coverage.moments', { n: r.moments }) : null,
  ].filter(Boolean);
  return h('li', { class: `wp-tile${r.empty ? ' wp-empty' : ''}` },
    h('p', { class: 'wp-code' }, r.code),
    h('p', { class: 'wp-title' }, r.title),
    r.empty ? h('p', { class: 'wp-none' }, t('coverage.empty'))
      : h('ul', { class: 'wp-facts' }, facts.map((f) => h('li', {}, f))));
}

export default async function coverage({ user }) {
  const pid = await placementOf(user);
  tabs(user, pid, 'coverage');
  if (!pid) { fill('#view', h('p', { class: 'card' }, t('evidence.none'))); return; }
  const tree = await treeOf(user, pid);
  const withPhotos = Boolean(kindNamed('photo'));
  const render = async () => {
    const [entries, photos, starrts, moments] = await Promise.all(
      ['entry', 'photo', 'starrt', 'learning_moment'].map((k) => recordsOf(k, pid)));
    const data = (list) => list.map((r) => r.data);
    const rows = countCoverage(tree, { entries: data(entries), photos: data(photos),
      starrts: data(starrts), moments: data(moments) });
    if (unchanged('coverage', [...rows.values()])) return;
    if (!tree.length) { fill('#view', h('p', { class: 'card' }, t('wp.none'))); return; }
    const empty = [...rows.values()].filter((r) => r.empty).length;
    fill('#view',
      h('p', { class: empty ? 'text-warn' : 'muted', role: 'status' },
        empty ? t('coverage.summary.empty', { n: empty, total: rows.size }) : t('coverage.summary.full')),
      tree.map((k) => h('section', { class: 'card' },
        h('h2', { class: 'h3' }, `${k.code} ${k.title}`),
        h('ul', { class: 'wp-grid' }, k.werkprocessen.map((w) => tile(rows.get(w.code), withPhotos))))));
  };
  await render();
  onChange(render);
}
