// The frame around every page: the role's navigation, the network and outbox status, banners.
import { now } from './clock.js';
import { events, getMeta } from './db.js';
import { t } from './i18n.js';
import { summary } from './outbox.js';
import { $, fill, h } from './ui.js';

const NAV = {
  student: [['/home', 'nav.home', 'home'], ['/logbook', 'nav.logbook', 'logbook'],
    ['/week', 'nav.week', 'week'], ['/account', 'nav.more', 'account']],
  praktijkopleider: [['/trainer', 'nav.inbox', 'trainer'], ['/account', 'nav.more', 'account']],
  docent: [['/docent', 'nav.students', 'docent'], ['/account', 'nav.more', 'account']],
};
NAV.coordinator = NAV.docent;
// Evidence (#9): "Bewijs" for the student, before "Meer"; its screens count as that tab.
NAV.student.splice(NAV.student.length - 1, 0, ['/evidence', 'nav.evidence', 'evidence']);
const EVIDENCE_PAGES = new Set(['coverage', 'starrts', 'starrt', 'learning', 'notes']);
const STALE_MS = 2 * 24 * 3600 * 1000;

export function renderChrome(user, page) {
  const items = NAV[user.role] || [];
  const current = page === 'entry' ? 'logbook' : page === 'trainer-week' ? 'trainer'
    : EVIDENCE_PAGES.has(page) ? (user.role === 'student' ? 'evidence' : null) : page;
  fill('#nav', h('ul', {}, items.map(([href, key, id]) => h('li', {},
    h('a', { href, 'aria-current': id === current ? 'page' : null }, t(key))))));
  $('#nav').hidden = false;
  // Coalesce bursts of change events into one outbox read.
  let pending = null;
  const update = () => {
    pending ??= setTimeout(() => { pending = null; status(user).catch(() => null); }, 150);
  };
  events.addEventListener('change', update);
  status(user).catch(() => null);
}

async function status(user) {
  const { total, attention } = await summary();
  const online = navigator.onLine;
  const chip = $('#status');
  chip.className = `status ${online ? 'is-online' : 'is-offline'}`;
  const parts = [online ? t('status.online') : t('status.offline')];
  if (total) parts.push(t('outbox.unsent', { n: total }));
  fill(chip, total
    ? h('a', { href: '/outbox' }, parts.join(' · '))
    : h('span', {}, parts.join(' · ')));
  const banners = [];
  if (await getMeta('authNeeded')) {
    banners.push(h('p', { class: 'banner banner-warn' }, t('banner.auth'), ' ',
      h('a', { href: '/login' }, t('banner.auth.link'))));
  }
  if (attention) {
    banners.push(h('p', { class: 'banner banner-warn' },
      h('a', { href: '/outbox' }, t('banner.attention', { n: attention }))));
  }
  const last = await getMeta('lastSyncOk');
  if (last && now() - last > STALE_MS) {
    const days = Math.floor((now() - last) / (24 * 3600 * 1000));
    banners.push(h('p', { class: 'banner banner-warn', role: 'alert' }, t('banner.stale', { n: days })));
  }
  if (user.role === 'student' && total && !online) {
    banners.push(h('p', { class: 'banner' }, t('banner.offline')));
  }
  fill('#banners', banners);
}
