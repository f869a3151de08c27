// How a conversation looks: messages in the server's order (mine not yet numbered at the
// bottom, "wacht"), their state, links as links, items in place. Text only: every piece is a
// text node or an element built here, never HTML from a message.
import { describeItem, itemParts } from './chat-items.js';
import { instant } from './dates.js';
import { t, useStrings } from './i18n.js';
import { badge, h } from './ui.js';

await useStrings('chat');

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/g;
// Punctuation that ends a sentence is not part of the link.
const TRAILING = /[.,;:!?)\]]+$/;

// Text with its http(s) addresses as links (rel="noopener noreferrer", a new tab).
export function linkified(text) {
  const parts = [];
  let last = 0;
  for (const match of String(text).matchAll(URL_PATTERN)) {
    let address = match[0];
    const tail = address.match(TRAILING)?.[0] || '';
    if (tail) address = address.slice(0, -tail.length);
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(h('a', { href: address, rel: 'noopener noreferrer', target: '_blank' }, address));
    last = match.index + address.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

// Server order first (by seq), then what waits, in the order it was written.
export function ordered(records) {
  const numbered = records.filter((r) => r.data?.seq != null).sort((a, b) => a.data.seq - b.data.seq);
  const waiting = records.filter((r) => r.data?.seq == null)
    .sort((a, b) => String(a.data.created_at).localeCompare(String(b.data.created_at)));
  return [...numbered, ...waiting];
}

// waiting | failed | sent | read: a message of mine, from its sync state and the others' markers.
export function stateOf(record, markers, me) {
  if (record.sync === 'attention') return 'failed';
  if (record.data?.seq == null || record.sync === 'pending') return 'waiting';
  return othersRead(record, markers, me).length ? 'read' : 'sent';
}

const othersRead = (record, markers, me) => (record.data?.seq == null ? []
  : (markers || []).filter((m) => m.user_id !== me && m.seq >= record.data.seq));

// Who of the others has read a message of mine, by name (per participant, from their markers;
// a copy kept from before markers carried names has none: then just "gelezen").
export const readersOf = (record, markers, me) => othersRead(record, markers, me).map((m) => m.name).filter(Boolean);

// The API's times are UTC without an offset: say so, or they would be read as local time.
export const utc = (s) => (/(Z|[+-]\d\d:\d\d)$/.test(s) ? s : `${s}Z`);

const STATE_BADGE = { waiting: 'pending', failed: 'attention', sent: 'open', read: 'approved' };

export function messageItem(record, { me, markers, itemView, question, onRetry, onDiscard }) {
  const m = record.data;
  const mine = m.author_id === me;
  const state = mine ? stateOf(record, markers, me) : null;
  return h('li', { class: `msg ${mine ? 'msg-mine' : 'msg-theirs'}${state === 'failed' ? ' is-refused' : ''}`,
    'data-seq': m.seq ?? '', 'data-id': m.id },
  h('p', { class: 'msg-meta' },
    h('strong', {}, mine ? t('chat.me') : (m.author_name || '')), ' ',
    m.created_at ? h('time', { datetime: utc(m.created_at) }, instant(utc(m.created_at))) : null),
  question,
  !question && m.question_id ? h('p', { class: 'muted' }, t('chat.answer.label')) : null,
  question ? null : h('p', { class: 'msg-body' }, linkified(m.body || '')),
  m.item ? itemView(m.item) : null,
  state ? h('p', { class: 'msg-state' }, badge(STATE_BADGE[state], state === 'read' && readersOf(record, markers, me).length
    ? t('chat.state.read.by', { names: readersOf(record, markers, me).join(', ') }) : t(`chat.state.${state}`))) : null,
  state === 'failed' ? [
    record.refusal?.message ? h('p', { class: 'text-warn' }, record.refusal.message) : null,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'btn btn-small', onclick: onRetry }, t('chat.retry')),
      h('button', { type: 'button', class: 'btn btn-small btn-quiet', onclick: onDiscard }, t('chat.discard'))),
  ] : null);
}

// An item a message points to, opened in place (chat-items.js: what each kind shows); without
// `data` the reader may not see it: the server left it out.
export function itemView(item, describe = describeItem) {
  if (!item.data) {
    return h('p', { class: 'msg-item muted' }, t('chat.item.hidden', { kind: t(`chat.kind.${item.kind}`) }));
  }
  const { picture, rows } = itemParts(item, h);
  return h('details', { class: 'msg-item', 'data-kind': item.kind },
    h('summary', {}, t('chat.item.open', { what: describe(item) })),
    picture || null,
    h('dl', { class: 'item-fields' }, rows.flatMap(([label, value]) => [
      h('dt', {}, label), h('dd', {}, String(value ?? '–'))])));
}

export const lineName = (line) => t(`chat.line.${line}`);
