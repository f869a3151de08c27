// Docent home: the dashboard, every student ordered by need (red, orange, green) with the
// reasons why; tap a student for their page. A coordinator keeps the list of every student's
// progress (the dashboard is a docent's own: it speaks of the School line).
import { onChange, progressBlock, unchanged } from '../components.js';
import { now } from '../clock.js';
import { fullDate, instant } from '../dates.js';
import { byKind } from '../db.js';
import { t, useStrings } from '../i18n.js';
import { LEVELS, levelBadge, loadDashboard } from '../needs.js';
import { unread } from '../poll.js';
import { $, badge, fill, h } from '../ui.js';

await useStrings('docent');

const REFRESH_MS = 30 * 1000;

export default async function docent({ user }) {
  const wanted = new URLSearchParams(location.search).get('p');
  if (wanted && user.role === 'docent') { // a reminder's link names the student
    location.replace(`/docent/student?p=${encodeURIComponent(wanted)}`);
    return;
  }
  if (user.role !== 'docent') { await progressList(); return; }
  $('#docent-intro').textContent = t('dashboard.intro');
  let shown = await loadDashboard();
  let fetchedAt = now();
  const render = async () => {
    drawSummary(shown);
    const { byLine } = await unread();
    // Re-drawing an unchanged list would drop the keyboard focus and the screen reader's place.
    if (!unchanged('dashboard', shown?.data?.students, byLine)) drawStudents(shown, byLine);
  };
  await render();
  const again = async () => {
    if (!navigator.onLine || now() - fetchedAt < REFRESH_MS) return;
    fetchedAt = now();
    shown = await loadDashboard();
    await render();
  };
  // New data from the sync (a week decided, an answer sent) may change a student's need; a
  // poll may bring new messages.
  onChange(async () => { await render(); await again(); });
  addEventListener('online', () => { fetchedAt = 0; again(); });
}

function drawSummary(shown) {
  if (!shown) { fill('#docent-summary'); return; }
  const counts = shown.data.counts || {};
  fill('#docent-summary', h('p', { class: 'need-counts' }, LEVELS.map((level) =>
    h('span', { class: 'need-count' }, levelBadge(level), ' ', String(counts[level] ?? 0)))),
  h('p', { class: 'muted', id: 'dashboard-when' }, t(shown.fresh ? 'dashboard.updated' : 'dashboard.kept',
    { when: instant(shown.at) })));
}

function drawStudents(shown, byLine) {
  if (!shown) {
    fill('#students', h('li', { class: 'card' }, t('dashboard.none.offline')));
    return;
  }
  const students = shown.data.students || [];
  fill('#students', students.length ? students.map((s) => studentItem(s, byLine))
    : h('li', { class: 'card' }, t('docent.empty')));
}

function studentItem(s, byLine = {}) {
  const href = `/docent/student?p=${encodeURIComponent(s.placement_id)}`;
  const news = (byLine[`${s.placement_id}:stage`] || 0) + (byLine[`${s.placement_id}:school`] || 0);
  return h('li', { class: `card need need-card-${s.level}` },
    h('a', { class: 'need-link', href },
      h('span', { class: 'need-head' }, h('strong', { class: 'need-name' }, s.student?.name || ''),
        levelBadge(s.level)),
      h('span', { class: 'muted' }, [s.company?.name, s.programme?.name].filter(Boolean).join(' · ')),
      news ? h('span', {}, badge('attention', t('chat.unread', { n: news }))) : null),
    s.reasons?.length
      ? h('ul', { class: 'need-reasons', 'aria-label': t('dashboard.reasons', { name: s.student?.name || '' }) },
        s.reasons.map((r) => h('li', { class: `need-reason need-reason-${r.level}` }, r.text)))
      : h('p', { class: 'muted need-reasons' }, phaseText(s)),
    // Evidence (#9): what the student shared, at one tap.
    h('p', { class: 'need-more' }, h('a', { class: 'btn btn-small', href: `/evidence?p=${encodeURIComponent(s.placement_id)}`,
      'aria-label': `${t('evidence.open')}: ${s.student?.name || ''}` }, t('evidence.open'))));
}

export function phaseText(s) {
  if (s.phase === 'not_started') return t('dashboard.phase.not_started', { date: fullDate(s.start_date) });
  if (s.phase === 'ended') return t('dashboard.phase.ended');
  return t('dashboard.nothing');
}

// The coordinator's view: every placement's progress, from the local copies.
async function progressList() {
  const render = async () => {
    const placements = (await byKind('placement')).map((r) => r.data)
      .sort((a, b) => (a.student?.name || '').localeCompare(b.student?.name || ''));
    fill('#students', placements.length ? placements.map((p) => h('li', { class: 'card' },
      h('h2', { class: 'h3' }, p.student?.name || ''),
      h('p', { class: 'muted' }, [p.company?.name, p.programme?.name].filter(Boolean).join(' · ')),
      h('p', { class: 'muted' }, t('docent.trainer', { name: p.praktijkopleider?.name || '–' }),
        ' · ', t('docent.pok', { status: p.pok_status ? t(`pok.status.${p.pok_status}`) : '–' })),
      // Evidence (#9): a coordinator reads none, so nothing links it here (a docent's cards do).
      progressBlock(p.progress))) : h('li', { class: 'card' }, t('docent.empty')));
  };
  await render();
  onChange(render);
}
