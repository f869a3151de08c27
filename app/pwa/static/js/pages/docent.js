// Docent (and coordinator): a read-only list of the students' progress.
import { onChange, progressBlock } from '../components.js';
import { byKind } from '../db.js';
import { t } from '../i18n.js';
import { fill, h } from '../ui.js';

export default async function docent({ user } = {}) {
  const render = async () => {
    const placements = (await byKind('placement')).map((r) => r.data)
      .sort((a, b) => (a.student?.name || '').localeCompare(b.student?.name || ''));
    fill('#students', placements.length ? placements.map((p) => h('li', { class: 'card' },
      h('h2', { class: 'h3' }, p.student?.name || ''),
      h('p', { class: 'muted' }, [p.company?.name, p.programme?.name].filter(Boolean).join(' · ')),
      h('p', { class: 'muted' }, t('docent.trainer', { name: p.praktijkopleider?.name || '–' }),
        ' · ', t('docent.pok', { status: p.pok_status ? t(`pok.status.${p.pok_status}`) : '–' })),
      progressBlock(p.progress),
      // Evidence (#9): what the student shared with the docent (a coordinator reads none).
      user?.role === 'docent' ? h('a', { class: 'btn btn-small', href: `/evidence?p=${p.id}` }, t('evidence.open')) : null))
      : h('li', { class: 'card' }, t('docent.empty')));
  };
  await render();
  onChange(render);
}
