// "Mijn gegevens": what is kept about me, who sees it and how long; my download; asking for
// my data to be deleted. Everything comes from the server's privacy registry (/api/privacy).
import { get, request } from '../api.js';
import { t, useStrings } from '../i18n.js';
import { day, follow, makeCopy, problem } from '../privacy-copy.js';
import { $, ask, fill, h, toast } from '../ui.js';

await useStrings('privacy');

function duration(days) {
  if (days === 1) return t('privacy.time.day');
  if (days >= 365 && days % 365 === 0) return t('privacy.time.years', { n: days / 365 });
  return t('privacy.time.days', { n: days });
}

const rule = (r) => {
  const key = `privacy.rule.${r.name}`;
  return t(key) === key ? duration(r.days) : t(key, { time: duration(r.days) });
};

function keptFor(kind) {
  const parts = [];
  if (kind.follows === 'account') parts.push(t('privacy.rule.account'));
  else if (kind.follows_rule) parts.push(rule(kind.follows_rule));
  parts.push(...kind.retention.map(rule));
  return parts.join('; ');
}

function seenBy(who) {
  if (!who.length) return t('privacy.seen.nobody');
  return t('privacy.seen', { who: who.map((w) => t(`privacy.who.${w}`)).join(', ') });
}

// A kind's texts; a kind newer than the texts shows its own name.
const text = (key, fallback) => (t(key) === key ? fallback : t(key));

function kindItem(kind) {
  return h('li', { class: 'privacy-kind' },
    h('h3', { class: 'h3' }, text(`privacy.kind.${kind.kind}`, kind.kind)),
    h('p', {}, text(`privacy.kind.${kind.kind}.what`, '')),
    h('p', { class: 'muted' }, kind.count ? t('privacy.count', { n: kind.count }) : t('privacy.count.none')),
    h('p', { class: 'muted' }, seenBy(kind.seen_by)),
    h('p', { class: 'muted' }, t('privacy.how.long', { what: keptFor(kind) })));
}

async function renderKinds() {
  const { kinds } = await get('/api/privacy/overview');
  const held = kinds.filter((k) => k.count);
  const other = kinds.filter((k) => !k.count);
  fill('#privacy-kinds', held.map(kindItem), other.length ? h('li', {}, h('details', {},
    h('summary', {}, t('privacy.kept.other')), h('ul', { class: 'list' }, other.map(kindItem))))
    : null);
}

async function renderErasure(user) {
  const box = $('#privacy-erasure');
  if (user.role !== 'student') {
    fill(box, h('p', {}, t('privacy.erase.staff')));
    return;
  }
  const [latest] = await get('/api/privacy/erasure-requests?page_size=1');
  const parts = [h('p', {}, t('privacy.erase.intro')), h('p', {}, t('privacy.erase.kept'))];
  if (latest?.status === 'requested') {
    parts.push(h('p', { class: 'banner' }, t('privacy.erase.waiting', { date: day(latest.requested_at) })));
  } else {
    if (latest?.status === 'declined') {
      parts.push(h('p', { class: 'banner banner-warn' }, t('privacy.erase.declined',
        { date: day(latest.requested_at), comment: latest.comment })));
    }
    parts.push(h('button', { type: 'button', class: 'btn btn-danger', onclick: () => askErasure(user) },
      t('privacy.erase.ask')));
  }
  fill(box, parts);
}

async function askErasure(user) {
  const choice = await ask({ title: t('privacy.erase.confirm.title'),
    body: [t('privacy.erase.confirm.body')], ok: t('privacy.erase.confirm.ok'), danger: true });
  if (choice !== 'ok') return;
  try {
    await request('POST', '/api/privacy/erasure-requests', { body: {} });
    toast(t('privacy.erase.sent'));
    await renderErasure(user);
  } catch (err) {
    problem($('#privacy-erasure'), err);
  }
}

async function resumeCopy(user) {
  // A copy still being made (a large dossier): show its progress again.
  const [latest] = await get('/api/privacy/exports?page_size=1');
  if (latest && latest.subject?.id === user.id && ['queued', 'running'].includes(latest.status)) {
    await follow(latest, $('#privacy-export-status'));
  }
}

export default async function privacy({ user }) {
  $('#privacy-desk').hidden = user.role !== 'coordinator';
  const button = $('#privacy-export');
  button.addEventListener('click', () => makeCopy({}, $('#privacy-export-status'), button));
  const results = await Promise.allSettled([renderKinds(), renderErasure(user)]);
  if (results.some((r) => r.status === 'rejected')) {
    fill('#privacy-kinds', h('li', {}, t('privacy.kept.offline')));
  }
  resumeCopy(user).catch((err) => problem($('#privacy-export-status'), err));
}
