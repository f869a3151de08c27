// Dekking: per werkproces of the programme, how much evidence there is (entries' hours,
// photos, STARRTs and rated ones, learning moments), counted from the records on the phone.
// Werkprocessen without any evidence stand out.
import { onChange, unchanged } from '../components.js';
import { countCoverage } from '../evidence-counts.js';
import { placementOf, recordsOf, tabs, treeOf } from '../evidence-view.js';
import { t, useStrings } from '../i18n.js';
import { kind as kindNamed } from '../kinds/registry.js';
import { fill, h, hours } from '../ui.js';

await useStrings('evidence');

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
