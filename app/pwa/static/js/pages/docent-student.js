// One student, for their docent: what is needed and why, the placement, progress toward the
// POK hours, the weeks with their status. Offline from the phone's last copies.
import { entryList, onChange, progressBlock, unchanged } from '../components.js';
import { fullDate, instant, weekNumber } from '../dates.js';
import { get, getMeta } from '../db.js';
import { t, useStrings } from '../i18n.js';
import { levelBadge, loadStudent } from '../needs.js';
import { conversationsCard, loadShared, remembered, sharedCard } from '../student-shared.js';
import { entries, placementKey, weeks } from '../records.js';
import { $, duration, fill, h, hours, setTitle, weekStatusBadge } from '../ui.js';
import { phaseText } from './docent.js';

await useStrings('account', 'docent');

export default async function docentStudent() {
  const pid = Number(new URLSearchParams(location.search).get('p'));
  if (!Number.isInteger(pid) || pid <= 0) { location.replace('/docent'); return; }
  let [need, shared] = await Promise.all([loadStudent(pid), loadShared(pid)]);
  const render = async () => {
    const [placement, weekRecords, entryRecords, categories] = await Promise.all([
      get('records', placementKey(pid)), weeks(), entries(), getMeta('categories')]);
    const p = placement?.data || null;
    const mine = weekRecords.filter((r) => Number(r.data.placement_id) === pid)
      .sort((a, b) => String(b.data.week).localeCompare(String(a.data.week)));
    const theirEntries = entryRecords.filter((r) => Number(r.data.placement_id) === pid);
    const chat = await conversationsCard(pid);
    if (unchanged('docent-student', need, shared, p, mine.map((r) => r.data), theirEntries.length,
      categories, chat.textContent)) return;
    const row = need.row;
    const name = row?.student?.name || p?.student?.name || '';
    $('#title').textContent = name ? setTitle('dashboard.student.heading', { name }) : t('dashboard.student.title');
    if (need.gone || (!row && !p)) {
      fill('#ds-need', h('p', { class: 'card' }, t('dashboard.student.gone')));
      for (const id of ['#ds-placement', '#ds-weeks', '#ds-shared', '#ds-chat']) fill(id);
      return;
    }
    fill('#ds-need', needCard(row, need));
    fill('#ds-placement', placementCard(p || row, row));
    fill('#ds-weeks', weeksCard(mine, theirEntries, categories));
    fill('#ds-shared', sharedCard(shared, pid));
    fill('#ds-chat', chat);
  };
  await render();
  onChange(async () => { render(); });
  addEventListener('online', async () => {
    [need, shared] = await Promise.all([loadStudent(pid), loadShared(pid)]);
    render();
  });
}

function needCard(row, need) {
  if (!row) return h('section', { class: 'card' }, h('p', { class: 'muted' }, t('dashboard.none.offline')));
  return h('section', { class: `card need need-card-${row.level}`, 'aria-labelledby': 'ds-need-h' },
    h('h2', { class: 'h3', id: 'ds-need-h' }, t('dashboard.student.need'), ' ', levelBadge(row.level)),
    row.reasons?.length
      ? h('ul', { class: 'need-reasons' }, row.reasons.map((r) => h('li', { class: `need-reason need-reason-${r.level}` }, r.text)))
      : h('p', {}, phaseText(row)),
    need.at ? h('p', { class: 'muted' }, t(need.fresh ? 'dashboard.updated' : 'dashboard.kept', { when: instant(need.at) })) : null);
}

function placementCard(p, row) {
  const pace = row?.pace;
  return h('section', { class: 'card', 'aria-labelledby': 'ds-placement-h' },
    h('h2', { class: 'h3', id: 'ds-placement-h' }, t('dashboard.student.placement')),
    h('dl', { class: 'facts' },
      fact(t('account.placement.company'), p.company?.name),
      fact(t('account.placement.programme'), [p.programme?.name, p.programme?.crebo].filter(Boolean).join(' · ')),
      fact(t('account.placement.trainer'), p.praktijkopleider?.name),
      fact(t('account.placement.period'), t('account.placement.period.value',
        { start: fullDate(p.start_date), end: fullDate(p.end_date) })),
      fact(t('account.placement.pok'), p.pok_status ? t(`pok.status.${p.pok_status}`) : null)),
    progressBlock(p.progress || row?.progress),
    pace ? h('p', {}, t('dashboard.student.pace', { expected: hours(pace.expected_hours), logged: hours(pace.logged_hours) })) : null);
}

const fact = (term, value) => [h('dt', {}, term), h('dd', {}, value || '–')];

function weeksCard(mine, theirEntries, categories) {
  const shown = mine.filter((r) => r.data.status !== 'open' || (r.data.entry_count ?? 0) > 0);
  return h('section', { class: 'card', 'aria-labelledby': 'ds-weeks-h' },
    h('h2', { class: 'h3', id: 'ds-weeks-h' }, t('dashboard.student.weeks')),
    shown.length ? h('ul', { class: 'list ds-weeks' }, shown.map((r) => {
      const w = r.data;
      const inWeek = theirEntries.filter((e) => e.data.week === w.week);
      return h('li', {}, remembered(`week:${w.week}`,
        h('summary', {}, h('span', {}, t('week.heading', { week: weekNumber(w.week) })), ' ',
          weekStatusBadge(w.status || 'open'), ' ',
          h('span', { class: 'muted' }, duration(w.total_minutes ?? 0))),
        w.status === 'rejected' && w.comment ? h('p', { class: 'comment' }, w.comment) : null,
        entryList(inWeek, categories, { editable: false, showDate: true })));
    })) : h('p', { class: 'muted' }, t('dashboard.student.noweeks')));
}
