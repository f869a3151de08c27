// Berichten: the user's conversation lines with unread counts (/berichten), and one line
// (/berichten?p=<placement>&l=stage|school): messages in the server's order, mine shown at
// once as "wacht", read markers, items in place, and on the School line guidance questions.
import { markRead, sendMessage } from '../chat-actions.js';
import { POINTABLE_KINDS, pointableItems } from '../chat-items.js';
import { guidanceCard, guidanceComposer, questionsOf } from '../chat-guidance.js';
import { itemView, lineName, messageItem, ordered } from '../chat-view.js';
import { onChange, unchanged } from '../components.js';
import { byKind, done, getMeta, tx } from '../db.js';
import { t, useStrings } from '../i18n.js';
import { conversationKey } from '../kinds/conversation.js';
import { discard, retry } from '../outbox-choices.js';
import { opsFor } from '../outbox.js';
import { poll, setOpen, unread } from '../poll.js';
import { fill, h, setTitle } from '../ui.js';

await useStrings('chat');

const MAX_BODY = 4000;

export default async function messages({ user }) {
  const params = new URLSearchParams(location.search);
  const pid = Number(params.get('p'));
  const line = params.get('l');
  if (pid && ['stage', 'school'].includes(line)) return thread(user, pid, line);
  return overview(user);
}

// -- the list of lines --------------------------------------------------------------------

async function linesOf(user) {
  const { lines } = await unread();
  if (lines.length) return lines;
  // Not polled yet (offline start): the lines follow from the placements on this phone.
  const placements = await byKind('placement');
  const kinds = user.role === 'praktijkopleider' ? ['stage'] : ['stage', 'school'];
  const pid = user.role === 'student' ? await getMeta('placementId') : null;
  return placements.filter((p) => user.role !== 'student' || String(p.data?.id) === String(pid))
    .flatMap((p) => kinds.map((l) => ({ placement_id: p.data.id, line: l, unread: 0,
      student: p.data.student || { name: user.name } })));
}

async function overview(user) {
  const render = async () => {
    const lines = await linesOf(user);
    if (unchanged('lines', lines)) return;
    fill('#chat', lines.length ? h('ul', { class: 'list' }, lines.map((l) => h('li', { class: 'card' },
      h('a', { class: 'row-link', href: `/berichten?p=${l.placement_id}&l=${l.line}` },
        h('span', {}, user.role === 'student' ? lineName(l.line)
          : `${l.student?.name || ''} · ${lineName(l.line)}`),
        l.unread ? h('span', { class: 'badge badge-attention' }, t('chat.unread', { n: l.unread })) : null))))
      : h('p', { class: 'card' }, t('chat.none')));
  };
  await render();
  onChange(render);
}

// -- one line -------------------------------------------------------------------------------

async function thread(user, pid, line) {
  fill('#title', setTitle(`chat.title.${line}`));
  fill('#chat-intro', t(`chat.intro.${line}.${user.role === 'student' ? 'student' : 'other'}`));
  setOpen(pid, line);
  addEventListener('pagehide', () => setOpen(null));
  poll();
  const view = { me: user.id, pid, line };
  const render = async () => {
    const all = (await byKind('message')).filter((r) => String(r.pid) === String(pid) && r.line === line);
    const conversation = await tx(['records'], 'readonly', (s) => done(s.records.get(conversationKey(pid, line))));
    const markers = conversation?.data?.read || [];
    const questions = line === 'school' ? await questionsOf(pid) : new Map();
    const list = ordered(all.filter((r) => !r.data.deleted));
    if (unchanged(`thread-${pid}-${line}`, list.map((r) => [r.key, r.data, r.sync, r.refusal]), markers,
      [...questions.values()].map((q) => [q.key, q.data, q.sync]))) return;
    const atBottom = innerHeight + scrollY >= document.body.scrollHeight - 40;
    // A question's thread opens with its first message (the card); later ones answer it.
    const opened = new Set();
    const opens = (r) => {
      const id = r.data.question_id;
      if (!id || opened.has(id) || !questions.get(id)) return false;
      opened.add(id);
      return true;
    };
    fill('#chat', list.length ? h('ol', { class: 'msgs', 'aria-live': 'polite' }, list.map((r) => messageItem(r, {
      me: user.id, markers, itemView,
      question: opens(r)
        ? guidanceCard(user, questions.get(r.data.question_id), { onAnswer: (q) => composer.answer(q) }) : null,
      onRetry: () => act(r, retry), onDiscard: () => act(r, discard) })))
      : h('p', { class: 'muted' }, t('chat.empty')));
    if (atBottom) scrollTo(0, document.body.scrollHeight);
    const mine = (await getMeta('user'))?.id ?? user.id;
    const newest = Math.max(0, ...list.filter((r) => r.data.seq != null && r.data.author_id !== mine)
      .map((r) => r.data.seq));
    const myMarker = markers.find((m) => m.user_id === mine)?.seq ?? 0;
    if (newest > myMarker && document.visibilityState === 'visible') {
      markRead(pid, line, newest).then(() => poll());
    }
  };
  const composer = composeBlock(user, view);
  await render();
  onChange(render);
}

async function act(record, fn) {
  const ops = await tx(['outbox'], 'readonly', (s) => opsFor(s, record.key));
  const parked = ops.find((o) => o.state === 'attention');
  if (parked) await fn(parked.seq);
}

// The student's own items a message may point to, from the records on this phone.
export async function myItems(pid) {
  const lists = await Promise.all(POINTABLE_KINDS.map((name) => byKind(name)));
  return pointableItems(Object.fromEntries(POINTABLE_KINDS.map((name, i) => [name, lists[i]])), pid);
}

function composeBlock(user, { pid, line }) {
  let answering = null;
  const text = h('textarea', { id: 'chat-text', rows: 3, maxlength: MAX_BODY, required: true });
  const count = h('p', { class: 'muted', id: 'chat-count', 'aria-live': 'polite' });
  const pick = h('select', { id: 'chat-item' }, h('option', { value: '' }, t('chat.item.none')));
  const replyTo = h('p', { class: 'muted', id: 'chat-reply' });
  let items = [];
  if (user.role === 'student') {
    myItems(pid).then((found) => {
      items = found;
      pick.append(...found.map((it, i) => h('option', { value: String(i) }, it.label)));
    });
  }
  text.addEventListener('input', () => {
    const left = MAX_BODY - text.value.length;
    count.textContent = left < 500 ? t('chat.left', { n: left }) : '';
  });
  const form = h('form', { class: 'chat-compose', onsubmit: async (e) => {
    e.preventDefault();
    const body = text.value;
    if (!body.trim()) { text.focus(); return; }
    const item = pick.value !== '' ? items[Number(pick.value)] : null;
    text.value = '';
    pick.value = '';
    count.textContent = '';
    const questionId = answering;
    answering = null;
    replyTo.textContent = '';
    await sendMessage(user, pid, line, body, { item, questionId });
    text.focus();
    scrollTo(0, document.body.scrollHeight);
  } },
  replyTo,
  h('label', { for: 'chat-text' }, t('chat.write')), text, count,
  user.role === 'student' ? [h('label', { for: 'chat-item' }, t('chat.item.pick')), pick] : null,
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('chat.send'))));
  fill('#chat-compose', form,
    line === 'school' && user.role === 'student' ? guidanceComposer(user, pid, () => myItems(pid)) : null);
  return {
    answer(question) {
      answering = question.data.id;
      replyTo.textContent = t('chat.answering', { question: question.data.question.slice(0, 60) });
      text.focus();
    },
  };
}
