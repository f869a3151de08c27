// The outbox: every change is an operation that leaves IndexedDB only after a 2xx.
// Replayed in order per record (FIFO), one flusher at a time across tabs (Web Locks).
// Network trouble, 408, 429 and 5xx: retry later with backoff and jitter (Retry-After wins).
// Other 4xx answers: parked as "needs attention" with the server's message; the rest goes on.
import { request, NetworkError } from './api.js';
import { all, changed, done, get, setMeta, tx } from './db.js';
import { applyServer, kindOf, refreshSync, shape } from './records.js';

export const MAX_DELAY = 5 * 60 * 1000;
let running = null;
let again = false;
let forced = false;
let timer = null;
export let sendingOpId = null;

export function newOp(fields) {
  return {
    opId: crypto.randomUUID(),
    kind: fields.kind,
    method: fields.method,
    url: fields.url,
    body: fields.body,
    recordKey: fields.recordKey || null,
    scope: fields.scope || null,
    ifMatch: Boolean(fields.ifMatch),
    baseVersion: fields.baseVersion ?? null,
    chained: Boolean(fields.chained),
    summary: fields.summary || {},
    attempts: 0,
    tries: 0,
    nextAttemptAt: 0,
    state: 'pending',
    error: null,
    createdAt: Date.now(),
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

function pickNext(ops, force, tried) {
  const busy = new Set();
  const now = Date.now();
  for (const op of ops) {
    const blocked = busy.has(op.recordKey);
    if (op.recordKey) busy.add(op.recordKey);
    // A week's submit waits for that week's entries still on their way; a refused (parked)
    // entry does not hold the week hostage: the server never had it.
    if (op.scope && op.state === 'pending') busy.add(op.scope);
    // Tried in this pass (now parked, or gone) still holds back what follows for its record.
    if (blocked || op.state !== 'pending' || tried.has(op.opId)) continue;
    if (!force && op.nextAttemptAt > now) continue;
    return op;
  }
  return null;
}

async function drain() {
  const force = forced;
  forced = false;
  const tried = new Set();
  // The outbox is read once per pass, then kept current by reading only what can have
  // changed: the record just sent and operations added since. Re-reading it whole for every
  // operation made a 500-item flush quadratic (2,000 full reads, 41 s).
  let ops = await all('outbox');
  for (;;) {
    const op = pickNext(ops, force, tried);
    if (!op) break;
    tried.add(op.opId);
    if ((await send(op)) === 'stop') break;
    ops = await refreshed(ops, op);
  }
  await schedule();
}

async function refreshed(ops, sent) {
  const newest = ops.reduce((max, o) => Math.max(max, o.seq), 0);
  const [ofRecord, added] = await tx('outbox', 'readonly', async (s) => [
    sent.recordKey ? await opsFor(s, sent.recordKey) : [],
    await done(s.outbox.getAll(IDBKeyRange.lowerBound(newest, true))),
  ]);
  const replaced = new Map([...ofRecord, ...added].map((o) => [o.seq, o]));
  const kept = ops.filter((o) => o.seq !== sent.seq && (!sent.recordKey || o.recordKey !== sent.recordKey));
  return [...kept, ...replaced.values()].sort((a, b) => a.seq - b.seq);
}

async function send(stale) {
  // Send what is stored now, not the copy the pass started with: a queued edit may have been
  // merged into it, or the user may have thrown it away.
  const op = await tx('outbox', 'readwrite', async (s) => {
    const fresh = await done(s.outbox.get(stale.seq));
    if (fresh) { fresh.tries += 1; s.outbox.put(fresh); }
    return fresh;
  });
  if (!op || op.state !== 'pending') return 'next';
  sendingOpId = op.opId;
  changed('outbox');
  const headers = { 'Idempotency-Key': op.opId };
  if (op.ifMatch && op.baseVersion !== null) headers['If-Match'] = `"${op.baseVersion}"`;
  try {
    const res = await request(op.method, op.url, { body: op.body, headers });
    await succeed(op, res.data);
    return 'next';
  } catch (err) {
    if (err instanceof NetworkError) { await later(op, null, err); return 'stop'; }
    if (err.status === 401) { await setMeta('authNeeded', true); return 'stop'; }
    if (err.status === 408 || err.status === 429 || err.status >= 500) {
      await later(op, err.retryAfter, err);
      return 'stop';
    }
    await park(op, err);
    return 'next';
  } finally {
    sendingOpId = null;
    changed('outbox');
  }
}

async function succeed(op, data) {
  await tx(['outbox', 'records', 'meta'], 'readwrite', async (s) => {
    s.outbox.delete(op.seq);
    s.meta.put(Date.now(), 'lastSyncOk');
    if (!op.recordKey) return;
    const rest = await opsFor(s, op.recordKey);
    if (data && typeof data === 'object' && 'version' in data) {
      for (const next of rest) {
        if (next.chained) { next.baseVersion = data.version; next.chained = false; s.outbox.put(next); }
      }
      const kind = kindOf(op.recordKey.split(':')[0]);
      await applyServer(s, kind, data);
    } else if (op.method === 'DELETE' && !rest.length) {
      s.records.delete(op.recordKey);
    }
    await refreshSync(s, op.recordKey);
  });
  changed('data');
}

function backoff(attempts, retryAfter) {
  const base = Math.min(MAX_DELAY, 1000 * 2 ** Math.max(0, attempts - 1));
  const delay = base * (0.5 + Math.random() * 0.5);
  return retryAfter ? Math.max(delay, retryAfter) : delay;
}

async function later(op, retryAfter, err) {
  await tx('outbox', 'readwrite', async (s) => {
    const fresh = await done(s.outbox.get(op.seq));
    if (!fresh) return;
    fresh.attempts += 1;
    fresh.nextAttemptAt = Date.now() + backoff(fresh.attempts, retryAfter);
    fresh.lastError = err?.status ? `HTTP ${err.status}` : 'network';
    s.outbox.put(fresh);
  });
}

async function park(op, err) {
  await tx(['outbox', 'records'], 'readwrite', async (s) => {
    const fresh = await done(s.outbox.get(op.seq));
    if (!fresh) return;
    fresh.state = 'attention';
    fresh.error = {
      status: err.status,
      code: err.code || null,
      message: err.body?.message || err.message,
      errors: err.body?.errors || null,
      current: err.body?.current || null,
    };
    s.outbox.put(fresh);
    if (fresh.recordKey) await refreshSync(s, fresh.recordKey);
  });
  changed('data');
}

async function schedule() {
  clearTimeout(timer);
  const due = (await all('outbox')).filter((o) => o.state === 'pending').map((o) => o.nextAttemptAt);
  if (!due.length) return;
  const wait = Math.max(0, Math.min(...due) - Date.now());
  timer = setTimeout(() => flush(), Math.min(wait + 50, MAX_DELAY));
}

// --- Choices the user makes about a parked operation -----------------------------------

// 412: send my version again, now based on the server's current version.
export async function keepMine(seq) {
  await tx(['outbox', 'records'], 'readwrite', async (s) => {
    const op = await done(s.outbox.get(seq));
    const current = op?.error?.current;
    if (!current) return;
    Object.assign(op, { baseVersion: current.version, opId: crypto.randomUUID(),
      state: 'pending', error: null, attempts: 0, tries: 0, nextAttemptAt: 0 });
    s.outbox.put(op);
    const record = await done(s.records.get(op.recordKey));
    if (record) { record.server = current; s.records.put(record); }
    await refreshSync(s, op.recordKey);
  });
  changed('data');
  return flush({ force: true });
}

// 412: drop my changes to this record and take the server's copy.
export async function takeServer(seq) {
  await tx(['outbox', 'records'], 'readwrite', async (s) => {
    const op = await done(s.outbox.get(seq));
    const current = op?.error?.current;
    if (!current) return;
    for (const other of await opsFor(s, op.recordKey)) s.outbox.delete(other.seq);
    const record = (await done(s.records.get(op.recordKey))) || { key: op.recordKey,
      kind: op.recordKey.split(':')[0], id: current.id };
    Object.assign(record, { data: current, server: current, version: current.version, sync: 'synced' });
    s.records.put(shape(record));
  });
  changed('data');
}

// Throw away a parked operation (and what waits behind it for the same record).
export async function discard(seq) {
  await tx(['outbox', 'records'], 'readwrite', async (s) => {
    const op = await done(s.outbox.get(seq));
    if (!op) return;
    const ops = op.recordKey ? await opsFor(s, op.recordKey) : [op];
    for (const other of ops) if (other.seq >= op.seq) s.outbox.delete(other.seq);
    if (!op.recordKey) return;
    const record = await done(s.records.get(op.recordKey));
    const current = op.error?.current;
    if (record && current) record.server = { ...(record.server || {}), ...current };
    if (record && !record.server && ops.every((o) => o.seq >= op.seq)) {
      s.records.delete(op.recordKey);
    } else if (record) {
      await refreshSync(s, op.recordKey);
    }
  });
  changed('data');
}

export const getOp = (seq) => get('outbox', seq);
