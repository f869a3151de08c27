// Student home: today, this week, progress toward the POK hours, and the outbox.
import { counted, onChange, entryList, progressBlock, totalMinutes, unchanged, weekBadgeFor } from '../components.js';
import { get, getMeta, setMeta } from '../db.js';
import { instant, isoWeek, longDate, today, weekNumber } from '../dates.js';
import { t } from '../i18n.js';
import { summary } from '../outbox.js';
import { editableStatus, entries, placementKey, weekKey, weeks } from '../records.js';
import { askCard } from '../notify.js';
import { $, badge, duration, fill, h, toast } from '../ui.js';
import { unread } from '../poll.js';
import { wirePicker } from '../photo-picker.js';

// What the trainer decided: each rejected week until it is handed in again (with the comment and
// the way to fix it), and the latest approval once (remembered in meta 'approvalsShown').
const APPROVALS = 'approvalsShown';
const byWeek = (a, b) => String(b.data.week).localeCompare(String(a.data.week));

function decisionsBlock(mine, showing, dismiss) {
  const rejected = mine.filter((w) => w.data?.status === 'rejected').sort(byWeek);
  const approved = mine.filter((w) => showing.has(w.key)).sort(byWeek).slice(0, 1);
  const trainer = (w) => w.data.decided_by?.name || t('week.trainer');
  return [
    ...rejected.map((w) => {
      const n = weekNumber(w.data.week);
      return h('section', { class: 'banner banner-warn decision', role: 'status', 'aria-label': t('home.rejected.title', { week: n }) },
        h('h2', { class: 'h3' }, t('home.rejected.title', { week: n })),
        w.data.comment ? h('p', {}, h('strong', {}, t('week.comment', { name: trainer(w) })), ' ', w.data.comment) : null,
        h('p', {}, t('home.rejected.next')),
        h('a', { class: 'btn', href: `/week?w=${w.data.week}` }, t('home.rejected.open', { week: n })));
    }),
    ...approved.map((w) => {
      const n = weekNumber(w.data.week);
      return h('section', { class: 'banner decision', role: 'status', 'aria-label': t('home.approved.title', { week: n }) },
        h('h2', { class: 'h3' }, t('home.approved.title', { week: n })),
        h('p', {}, t('week.approved.by', { name: trainer(w) })),
        h('button', { type: 'button', class: 'btn btn-small', 'aria-label': t('home.approved.dismiss.label', { week: n }),
          onclick: () => dismiss(w.key) }, t('home.approved.dismiss')));
    }),
  ];
}

export default async function home({ user }) {
  fill('#greeting', t('home.hello', { name: (user.name || '').split(' ')[0] }));
  // Photos (#9): the quick action; the new photo opens for a caption.
  wirePicker($('#home-photo'), (id) => location.assign(`/photos?id=${encodeURIComponent(id)}`),
    () => toast(t('photos.failed')));
  // Approvals shown on this visit: they stay until closed or until the student leaves Start.
  const showing = new Set();
  let lastMine = [];
  const drawDecisions = () => {
    if (unchanged('home-decisions', lastMine, [...showing])) return;
    fill('#decisions', decisionsBlock(lastMine, showing, (key) => {
      showing.delete(key);
      drawDecisions();
      $('a.btn-primary[href="/entry"]')?.focus();
    }));
  };
  const decisions = async (pid, weekRecords) => {
    lastMine = weekRecords.filter((w) => pid != null && String(w.pid) === String(pid) && w.data?.week);
    const seen = new Set((await getMeta(APPROVALS)) || []);
    const fresh = lastMine.filter((w) => w.data.status === 'approved' && !seen.has(w.key));
    if (fresh.length) {
      // Only the latest is shown (a new phone may bring many old approvals); all count as seen.
      showing.add(fresh.sort(byWeek)[0].key);
      await setMeta(APPROVALS, [...seen, ...fresh.map((w) => w.key)]);
    }
    drawDecisions();
  };
  // Conversations (#10): both lines with their unread counts.
  const drawMessages = async () => {
    const pid = await getMeta('placementId');
    const { byLine } = await unread();
    const counts = ['stage', 'school'].map((line) => [line, byLine[`${pid}:${line}`] || 0]);
    if (unchanged('home-messages', pid, counts) || pid == null) return;
    fill('#messages', h('ul', { class: 'list' }, counts.map(([line, n]) => h('li', {},
      h('a', { class: 'row-link', href: `/berichten?p=${pid}&l=${line}` },
        h('span', {}, t(`chat.title.${line}`)),
        n ? badge('attention', t('chat.unread', { n })) : h('span', { class: 'muted' }, t('home.messages.none')))))));
  };
  const render = async () => {
    drawMessages().catch(() => null);
    const day = today();
    const label = isoWeek(day);
    const pid = await getMeta('placementId');
    const [all, weekRecords, categories, outbox, placement] = await Promise.all([
      entries(), weeks(), getMeta('categories'), summary(),
      pid ? get('records', placementKey(pid)) : null]);
    const last = await getMeta('lastSyncOk');
    await decisions(pid, weekRecords);
    if (unchanged('home', day, all, weekRecords, categories, outbox.total, outbox.attention, placement, last)) return;
    // After the first hours are logged: may we send a nudge? (never on the very first start)
    askCard($('#push-ask'), user, { when: all.length > 0 });
    const todays = all.filter((r) => r.data.date === day);
    fill('#today', h('p', { class: 'muted' }, longDate(day)), entryList(todays, categories),
      counted(todays).length ? h('p', {}, t('home.total', { total: duration(totalMinutes(todays)) })) : null);

    const week = weekRecords.find((w) => w.key === weekKey(pid, label));
    const inWeek = all.filter((r) => r.data.week === label);
    fill('#thisweek',
      h('p', {}, t('week.heading', { week: weekNumber(label) }), ' ', weekBadgeFor(week)),
      h('p', {}, t('home.week.total', { total: duration(totalMinutes(inWeek)), n: counted(inWeek).length })),
      h('a', { class: 'btn', href: `/week?w=${label}` },
        t(editableStatus(week?.data?.status) ? 'home.week.open' : 'home.week.view')));

    const unsentMinutes = totalMinutes(all.filter((r) => r.sync !== 'synced'));
    fill('#progress', progressBlock(placement?.data?.progress),
      unsentMinutes ? h('p', { class: 'muted' }, t('home.progress.unsent', { total: duration(unsentMinutes) })) : null);

    fill('#outbox-state',
      h('p', {}, outbox.total ? t('outbox.unsent', { n: outbox.total }) : t('outbox.empty')),
      outbox.attention ? h('p', { class: 'text-warn' }, t('outbox.attention', { n: outbox.attention })) : null,
      last ? h('p', { class: 'muted' }, t('sync.last', { when: instant(last) })) : null,
      outbox.total ? h('a', { class: 'btn', href: '/outbox' }, t('outbox.open')) : null);
  };
  await render();
  onChange(render);
}
