// The outbox: every change is an operation that leaves IndexedDB only after a 2xx.
// Shared by the pages and the service worker (Background Sync): nothing here touches the
// page (document, window, localStorage). One flusher at a time across tabs and the worker
// (Web Locks). Operations go out in rounds of up to 50 in one batch request (outbox-order.js
// decides which); each round is read and marked in one IndexedDB transaction, and its answers
// applied in one, with one change event.
// Network trouble, 408, 429 and 5xx: retry later with backoff and jitter (Retry-After wins).
// Other 4xx answers: parked as "needs attention" with the server's message; the rest goes on.
// What the user then chooses for a parked one: outbox-choices.js.
import { HttpError, NetworkError, ifMatch, request } from './api.js';
import { now } from './clock.js';
import { all, changed, done, events, tx } from './db.js';
import { kindOfOp } from './kinds/registry.js';
import { applyServer, refreshSync, shape } from './records.js';
import { mergeServer, withSyncState } from './merge.js';
import { settle, settleAll } from './outcomes.js';
import { MAX_DELAY, backoff, batchItem, parkedError, pickBatch, verdict } from './outbox-order.js';

export { MAX_DELAY };
const BATCH_URL = '/api/sync/batch';
let running = null;
let again = false;
let forced = false;
let timer = null;
let batchMissing = false; // an older server without the batch endpoint: one by one
export const sending = new Set(); // op ids on their way now (the outbox screen shows them)

export function newOp(fields) {
  return {
    opId: crypto.randomUUID(),
    kind: fields.kind,
    method: fields.method,
    url: fields.url,
    body: fields.body,
    // A Blob body lives in the `blobs` store under this id and is loaded when it is sent.
    bodyBlob: fields.bodyBlob || null,
    recordKey: fields.recordKey || null,
    scope: fields.scope || null,
    lane: fields.lane || null, // kept in order with the other operations of its lane
    ifMatch: Boolean(fields.ifMatch),
    baseVersion: fields.baseVersion ?? null,
    chained: Boolean(fields.chained),
    summary: fields.summary || {},
    attempts: 0,
    tries: 0,
    nextAttemptAt: 0,
    state: 'pending',
    error: null,
    createdAt: now(),
  };
}

// Operations of one record, oldest first (inside a transaction).
export const opsFor = (stores, key) => done(stores.outbox.index('recordKey').getAll(key))
  .then((ops) => ops.sort((a, b) => a.seq - b.seq));

// Sent at least once, so the server may hold it: its body must not change any more.
export const frozen = (op) => op.tries > 0 && op.state !== 'attention';

export async function summary() {
  const ops = await all('outbox');
  return {
    total: ops.length,
    attention: ops.filter((o) => o.state === 'attention').length,
    ops,
  };
}

export function flush({ force = false } = {}) {
  if (force) forced = true;
  if (running) { again = true; return running; }
  running = (async () => {
    do {
      again = false;
      const lock = navigator.locks
        ? (fn) => navigator.locks.request('outbox', fn)
        : (fn) => fn();
      await lock(drain);
    } while (again);
  })().finally(() => { running = null; });
  return running;
}

async function drain() {
  const force = forced;
  forced = false;
  const tried = new Set();
  // Known to be offline: nothing to try (each would fail and back off for longer), and every
  // operation anyone waits for is queued.
  if (navigator.onLine === false) {
    settleAll({ state: 'queued' });
    return;
  }
  // The outbox is read once per pass, then kept current from what each round's transaction
  // reads anyway (the records it touched, operations added since).
  let ops = await all('outbox');
  const known = new Set(ops.map((o) => o.opId));
  const start = () => {
    const round = pickBatch(ops, { now: now(), force, tried });
    if (!round.length) return null;
    for (const op of round) tried.add(op.opId);
    return { round, answers: exchange(round) };
  };
  let flying = start();
  while (flying) {
    const { round, answers: pending } = flying;
    const answers = await pending;
    const stop = answers.some((a) => a.stop);
    // The server is done with this round: send the next one while this one's answers are
    // stored. Order on the server is kept, and this round's operations still hold their
    // records and weeks in `ops` (tried, pending), so nothing that depends on them goes yet.
    flying = stop ? null : start();
    try {
      ops = await apply(answers, ops, round);
    } catch (err) {
      flying?.answers.catch(() => null); // this pass ends here; the next one sends it again
      throw err;
    }
    for (const o of ops) known.add(o.opId);
    changed('data');
    settle(answers.map(({ op, outcome }) => ({ opId: op.opId, outcome })));
    // Operations added meanwhile (this tab or another) go in this pass too: otherwise they
    // would be settled as queued below while they could be sent now.
    if (!flying && !stop) flying = start();
  }
  // What this pass saw and could not send now waits for a later one.
  settle(ops.filter((o) => o.state === 'pending' && known.has(o.opId))
    .map((o) => ({ opId: o.opId, outcome: { state: 'queued' } })));
  await schedule();
}

// One round on the wire: mark what is sent (one transaction), then send it. Returns one answer
// per operation (see deliver); the caller applies them.
async function exchange(round) {
  // Send what is stored now, not the copy the pass started with: a queued edit may have been
  // merged into it, or the user may have thrown it away.
  const fresh = await tx(['outbox', 'blobs'], 'readwrite', async (s) => {
    const list = [];
    for (const stale of round) {
      const op = await done(s.outbox.get(stale.seq));
      if (!op || op.state !== 'pending') continue;
      op.tries += 1;
      s.outbox.put(op);
      const blob = op.bodyBlob ? await done(s.blobs.get(op.bodyBlob)) : null;
      list.push({ op, blob: blob?.blob ?? blob?.data ?? null });
    }
    return list;
  });
  if (!fresh.length) return [];
  for (const { op } of fresh) sending.add(op.opId);
  // Only the outbox screen shows "sending": a local signal, not a change of data.
  events.dispatchEvent(new CustomEvent('sending'));
  try {
    return await deliver(fresh);
  } finally {
    for (const { op } of fresh) sending.delete(op.opId);
  }
}

// Send a round: Blob bodies and lone operations one by one, the rest in one batch request.
// Returns one answer per operation: { op, verdict, status, body, retryAfter, stop, outcome }.
async function deliver(fresh) {
  const singles = fresh.filter((f) => f.blob || f.op.bodyBlob);
  const batchable = fresh.filter((f) => !singles.includes(f));
  const answers = [];
  for (const item of singles) {
    const answer = await sendAlone(item.op, item.blob);
    answers.push(answer);
    if (answer.stop) {
      return [...answers, ...fresh.filter((f) => !answers.some((a) => a.op === f.op))
        .map((f) => untried(f.op))];
    }
  }
  if (batchable.length === 1 || (batchable.length && batchMissing)) {
    for (const [i, { op }] of batchable.entries()) {
      const answer = await sendAlone(op, null);
      answers.push(answer);
      if (answer.stop) return [...answers, ...batchable.slice(i + 1).map((f) => untried(f.op))];
    }
    return answers;
  }
  if (batchable.length) answers.push(...await sendBatch(batchable.map((f) => f.op)));
  return answers;
}

const untried = (op) => ({ op, verdict: 'untried', outcome: { state: 'queued' } });

async function sendAlone(op, blob) {
  const headers = { 'Idempotency-Key': op.opId };
  if (op.ifMatch && op.baseVersion !== null) headers['If-Match'] = ifMatch(op.baseVersion);
  try {
    const res = await request(op.method, op.url, { body: blob || op.body, headers });
    return answer(op, res.status, res.data, null);
  } catch (err) {
    return failed(op, err);
  }
}

async function sendBatch(ops) {
  let res;
  try {
    res = await request('POST', BATCH_URL, {
      body: { operations: ops.map((op) => batchItem(op, ifMatch)) }, timeout: 60000 });
  } catch (err) {
    if (err instanceof HttpError && [400, 404, 405, 413, 422].includes(err.status)) {
      // The batch itself was refused (an older server, or too large): each one alone.
      if (err.status === 404 || err.status === 405) batchMissing = true;
      const answers = [];
      for (const [i, op] of ops.entries()) {
        const a = await sendAlone(op, null);
        answers.push(a);
        if (a.stop) return [...answers, ...ops.slice(i + 1).map(untried)];
      }
      return answers;
    }
    // Lost, or the server is in trouble: the whole batch again later (every op carries its
    // id, so what the server did apply answers as a replay).
    return ops.map((op) => ({ ...failed(op, err), stop: true }));
  }
  const results = res.data?.results || [];
  return ops.map((op, i) => {
    const r = results[i];
    if (!r || r.op_id !== op.opId) return { ...failed(op, new NetworkError('no result')), stop: false };
    return { ...answer(op, r.status, r.body, null), stop: false };
  });
}

function answer(op, status, body, retryAfter, message = '') {
  const v = verdict(status);
  if (v === 'sent') return { op, verdict: v, status, body, outcome: { state: 'sent', data: body } };
  if (v === 'park') {
    const error = parkedError(status, body, message);
    return { op, verdict: v, status, error, outcome: { state: 'refused', error } };
  }
  return { op, verdict: v, status, retryAfter, stop: v === 'auth' || v === 'retry',
    outcome: { state: 'queued' } };
}

function failed(op, err) {
  if (err instanceof NetworkError) {
    return { op, verdict: 'retry', status: null, stop: true, outcome: { state: 'queued' } };
  }
  if (err instanceof HttpError) return answer(op, err.status, err.body, err.retryAfter, err.message);
  throw err;
}

// Apply a round's answers in one transaction; returns the pass's list of operations, current.
async function apply(answers, ops, round) {
  return tx(['outbox', 'records', 'meta', 'blobs'], 'readwrite', async (s) => {
    let anySent = false;
    for (const a of answers) {
      if (a.verdict === 'sent') { anySent = true; await succeed(s, a.op, a.body); }
      else if (a.verdict === 'park') await park(s, a.op, a.error);
      else if (a.verdict === 'retry') await later(s, a.op, a.retryAfter, a.status);
      else if (a.verdict === 'auth') s.meta.put(true, 'authNeeded');
      else if (a.verdict === 'untried') await untouched(s, a.op);
    }
    if (anySent) s.meta.put(now(), 'lastSyncOk');
    return refreshAfter(ops, round, answers, s);
  });
}

// The pass's operations after a round: those of the round's records and any added since are
// read again (inside the round's transaction when there is one).
async function refreshAfter(ops, round, answers, stores = null) {
  const read = async (s) => {
    const newest = ops.reduce((max, o) => Math.max(max, o.seq), 0);
    const keys = [...new Set(round.map((o) => o.recordKey).filter(Boolean))];
    const ofRecords = (await Promise.all(keys.map((k) => opsFor(s, k)))).flat();
    const loose = await Promise.all(round.filter((o) => !o.recordKey)
      .map((o) => done(s.outbox.get(o.seq))));
    const added = await done(s.outbox.getAll(IDBKeyRange.lowerBound(newest, true)));
    const touched = new Set(round.map((o) => o.seq));
    const keySet = new Set(keys);
    const kept = ops.filter((o) => !touched.has(o.seq) && !(o.recordKey && keySet.has(o.recordKey)));
    const merged = new Map([...kept, ...ofRecords, ...loose.filter(Boolean), ...added].map((o) => [o.seq, o]));
    return [...merged.values()].sort((a, b) => a.seq - b.seq);
  };
  return stores ? read(stores) : tx(['outbox'], 'readonly', read);
}

async function succeed(s, op, data) {
  s.outbox.delete(op.seq);
  // A Blob body (a photo) is the server's now: the phone shows the server's copy from here on.
  if (op.bodyBlob) s.blobs.delete(op.bodyBlob);
  if (!op.recordKey) return;
  const rest = (await opsFor(s, op.recordKey)).filter((o) => o.seq !== op.seq);
  const descriptor = kindOfOp(op);
  if (data && typeof data === 'object' && 'version' in data) {
    for (const next of rest) {
      if (next.chained) { next.baseVersion = data.version; next.chained = false; s.outbox.put(next); }
    }
    if (descriptor.name && descriptor.key(data) === op.recordKey) {
      // The usual case, in one read and one write: merge the answer, then the sync state.
      const record = await done(s.records.get(op.recordKey));
      const merged = mergeServer(record, data, { key: op.recordKey, kind: descriptor.name,
        waiting: rest.length > 0 });
      const next = merged?.put || record;
      if (merged?.remove) s.records.delete(op.recordKey);
      else if (next) s.records.put(shape(withSyncState(next, rest)));
      return;
    }
    if (descriptor.name) await applyServer(s, descriptor.name, data);
  } else if (op.method === 'DELETE' && !rest.length) {
    s.records.delete(op.recordKey);
  }
  await refreshSync(s, op.recordKey);
}

async function later(s, op, retryAfter, status) {
  const fresh = await done(s.outbox.get(op.seq));
  if (!fresh) return;
  fresh.attempts += 1;
  fresh.nextAttemptAt = now() + backoff(fresh.attempts, retryAfter);
  fresh.lastError = status ? `HTTP ${status}` : 'network';
  s.outbox.put(fresh);
}

// Marked as sent but never left (the round stopped before it): not frozen after all.
async function untouched(s, op) {
  const fresh = await done(s.outbox.get(op.seq));
  if (fresh && fresh.tries > 0) { fresh.tries -= 1; s.outbox.put(fresh); }
}

async function park(s, op, error) {
  const fresh = await done(s.outbox.get(op.seq));
  if (!fresh) return;
  fresh.state = 'attention';
  fresh.error = error;
  s.outbox.put(fresh);
  if (fresh.recordKey) await refreshSync(s, fresh.recordKey);
}

async function schedule() {
  clearTimeout(timer);
  const due = (await all('outbox')).filter((o) => o.state === 'pending').map((o) => o.nextAttemptAt);
  if (!due.length) return;
  const wait = Math.max(0, Math.min(...due) - now());
  timer = setTimeout(() => flush(), Math.min(wait + 50, MAX_DELAY));
}

// Operations still to be sent (not parked): the service worker's sync event fails while
// there are any, so the browser tries again later.
export async function unsent() {
  return (await all('outbox')).filter((o) => o.state === 'pending').length;
}
