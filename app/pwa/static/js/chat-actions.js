// What a user does in a conversation: the local copy at once ("wacht"), the operation into the
// outbox (sent once, in order per line: the outbox `lane`), then a flush.
import { request } from './api.js';
import { now } from './clock.js';
import { changed, done, tx } from './db.js';
import { conversationKey } from './kinds/conversation.js';
import { lineKey } from './kinds/message.js';
import { flush, newOp } from './outbox.js';
import { outcomeOf } from './outcomes.js';
import { refreshSync, shape } from './records.js';
import { useStrings } from './i18n.js';

await useStrings('chat');

function afterWrite(opId) {
  const outcome = outcomeOf(opId);
  changed('data');
  navigator.serviceWorker?.ready.then((reg) => reg.sync?.register('outbox')).catch(() => null);
  flush().catch(() => null);
  return outcome;
}

async function queue(record, op) {
  const opId = await tx(['records', 'outbox'], 'readwrite', async (s) => {
    if (record) s.records.put(shape(record));
    await s.outbox.add(op);
    if (op.recordKey) await refreshSync(s, op.recordKey);
    return op.opId;
  });
  return afterWrite(opId);
}

// A message; `item` ({kind, id}) points to one of the student's items, `questionId` answers a
// guidance question in its thread.
export async function sendMessage(user, pid, line, body, { item = null, questionId = null } = {}) {
  const id = crypto.randomUUID();
  const key = `message:${id}`;
  const payload = { id, body };
  if (item) payload.item = { kind: item.kind, id: String(item.id) };
  if (questionId) payload.question_id = questionId;
  const data = { id, placement_id: Number(pid), line, seq: null, body, author_id: user.id,
    author_name: user.name, item: item ? { ...item, data: item.data ?? null } : null,
    question_id: questionId, created_at: new Date(now()).toISOString(), deleted: false };
  const record = { key, kind: 'message', id, server: null, version: null, sync: 'pending', data };
  const outcome = queue(record, newOp({ kind: 'message.create', method: 'POST',
    url: `/api/placements/${pid}/conversations/${line}/messages`, body: payload, recordKey: key,
    lane: `line:${lineKey(pid, line)}`, summary: { body, placement_id: Number(pid), line } }));
  return { id, outcome };
}

// A guidance question with up to three items ({kind, id}); the phone checks the limit first.
export async function askQuestion(pid, { question, answerMode, items }) {
  const id = crypto.randomUUID();
  const key = `guidance_question:${id}`;
  const data = { id, placement_id: Number(pid), question, answer_mode: answerMode, status: 'open',
    items: items.map((i) => ({ kind: i.kind, id: String(i.id), data: i.data ?? null })),
    created_at: new Date(now()).toISOString(), deleted: false };
  const record = { key, kind: 'guidance_question', id, server: null, version: null,
    sync: 'pending', data };
  const outcome = queue(record, newOp({ kind: 'guidance.create', method: 'POST',
    url: `/api/placements/${pid}/guidance-questions`, recordKey: key,
    body: { id, question, answer_mode: answerMode,
      items: items.map((i) => ({ kind: i.kind, id: String(i.id) })) },
    lane: `line:${lineKey(pid, 'school')}`, summary: { question, placement_id: Number(pid) } }));
  return { id, outcome };
}

// The docent proposes a time; the student marks the question resolved. Both from the version
// the phone saw (If-Match), so a change made meanwhile is shown, never overwritten.
export async function changeQuestion(record, changes) {
  const q = record.data;
  const next = { ...record, data: { ...q, ...changes,
    status: changes.resolved ? 'resolved' : changes.proposed_at ? 'answered' : q.status } };
  delete next.data.resolved;
  const outcome = queue(next, newOp({ kind: changes.resolved ? 'guidance.resolve' : 'guidance.propose',
    method: 'PATCH', url: `/api/guidance-questions/${q.id}`, body: changes, recordKey: record.key,
    ifMatch: true, baseVersion: record.server?.version ?? record.version,
    summary: { question: q.question, placement_id: q.placement_id } }));
  return { outcome };
}

// Read up to `seq`: straight to the server, not through the outbox (a marker that does not
// arrive is sent again the next time the line is open; nothing the user made is lost).
export async function markRead(pid, line, seq) {
  const key = conversationKey(pid, line);
  const local = await tx(['records'], 'readonly', (s) => done(s.records.get(key)));
  if (!navigator.onLine) return;
  try {
    const res = await request('PUT', `/api/placements/${pid}/conversations/${line}/read`,
      { body: { seq } });
    if (res.data?.id != null && (!local?.server || local.server.version <= res.data.version)) {
      await tx(['records', 'outbox'], 'readwrite', (s) => {
        s.records.put(shape({ key, kind: 'conversation', id: res.data.id, server: res.data,
          data: res.data, version: res.data.version, sync: 'synced' }));
      });
      changed('data');
    }
  } catch { /* offline or refused: the next visit marks it */ }
}

