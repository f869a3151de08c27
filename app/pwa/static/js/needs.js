// The docent's dashboard on the phone: the server decides who needs what (app/services/needs.py);
// the phone keeps the last answer, so the dashboard and each student's page open offline.
import { get as apiGet } from './api.js';
import { now } from './clock.js';
import { getMeta, setMeta } from './db.js';
import { t, useStrings } from './i18n.js';
import { h } from './ui.js';

await useStrings('docent');

export const LEVELS = ['red', 'orange', 'green'];
// Never colour alone: a shape and a word say the same (WCAG 1.4.1).
const ICONS = { red: '!', orange: '▲', green: '✓' };

export function levelBadge(level) {
  return h('span', { class: `need-badge need-${level}` },
    h('span', { class: 'need-icon', 'aria-hidden': 'true' }, ICONS[level] || '?'),
    ' ', t(`dashboard.level.${level}`));
}

// The cached dashboard's row for one placement (pure: the cache is passed in).
export const rowFor = (cached, placementId) =>
  (cached?.data?.students || []).find((s) => Number(s.placement_id) === Number(placementId)) || null;

// Put a fresh row of one student into the cached dashboard (pure), so both views agree.
export function withRow(cached, row) {
  if (!cached?.data) return cached;
  const students = cached.data.students.map((s) => (s.placement_id === row.placement_id ? row : s));
  return { ...cached, data: { ...cached.data, students } };
}

// The dashboard from the server, kept for offline use; the kept copy when the server is out of
// reach. Resolves { at, data, fresh } or null (never loaded on this phone).
export async function loadDashboard() {
  try {
    const data = await apiGet('/api/dashboard');
    const copy = { at: now(), data };
    await setMeta('dashboard', copy);
    return { ...copy, fresh: true };
  } catch {
    const kept = await getMeta('dashboard');
    return kept ? { ...kept, fresh: false } : null;
  }
}

// One student's row: fresh from the server when online, else from the kept dashboard.
export async function loadStudent(placementId) {
  const kept = await getMeta('dashboard');
  try {
    const row = await apiGet(`/api/dashboard/students/${encodeURIComponent(placementId)}`);
    if (kept) await setMeta('dashboard', withRow(kept, row));
    return { row, at: now(), fresh: true };
  } catch (err) {
    // 404: not (or no longer) this docent's student; the kept row must not pretend otherwise.
    if (err?.status === 404) {
      if (kept?.data) {
        const students = kept.data.students.filter((s) => Number(s.placement_id) !== Number(placementId));
        await setMeta('dashboard', { ...kept, data: { ...kept.data, students } });
      }
      return { row: null, gone: true };
    }
    return { row: rowFor(kept, placementId), at: kept?.at, fresh: false };
  }
}
