// Student home: today, this week, progress toward the POK hours, and the outbox.
import { counted, onChange, entryList, progressBlock, totalMinutes, unchanged, weekBadgeFor } from '../components.js';
import { get, getMeta } from '../db.js';
import { instant, isoWeek, longDate, today, weekNumber } from '../dates.js';
import { t } from '../i18n.js';
import { summary } from '../outbox.js';
import { entries, placementKey, weekKey, weeks } from '../records.js';
import { askCard } from '../notify.js';
import { $, duration, fill, h } from '../ui.js';

export default async function home({ user }) {
  fill('#greeting', t('home.hello', { name: (user.name || '').split(' ')[0] }));
  const render = async () => {
    const day = today();
    const label = isoWeek(day);
    const pid = await getMeta('placementId');
    const [all, weekRecords, categories, outbox, placement] = await Promise.all([
      entries(), weeks(), getMeta('categories'), summary(),
      pid ? get('records', placementKey(pid)) : null]);
    const last = await getMeta('lastSyncOk');
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
      h('a', { class: 'btn', href: `/week?w=${label}` }, t('home.week.open')));

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
