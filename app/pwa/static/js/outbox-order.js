// Which queued operations go out next, and what an answer means: pure functions (no
// IndexedDB, no network), so node can test the ordering rules.
export const BATCH_MAX = 50; // operations per batch request (the server takes up to 100)
export const MAX_DELAY = 5 * 60 * 1000;

// The operations to send in the next round, oldest first, at most `max`:
// - FIFO per record, and at most one operation per record in a round: the next one for a record
//   waits for the next round (a chained update needs the version its create returned), and a
//   parked operation holds back what follows it for the same record;
// - a week's own operation (recordKey === scope: submit, withdraw, approve, reject) waits for
//   the entry operations of that week still pending ahead of it, and entry operations queued
//   after a pending week operation wait for it (applied in order they would be refused);
// - operations tried in this pass or still backing off (unless forced) are not picked, but
//   still hold back their record;
// - operations of one `lane` (the messages of one conversation) go in the order they were
//   made: once one of them waits, the ones after it wait too (a parked one does not block).
export function pickBatch(ops, { now, force = false, tried = new Set(), max = BATCH_MAX } = {}) {
  const held = new Set(); // records with an earlier operation
  const weekWaits = new Set(); // weeks with a pending entry operation earlier
  const entriesWait = new Set(); // weeks with a pending week operation earlier
  const lanesWait = new Set(); // lanes with an earlier pending operation not picked
  const picked = [];
  for (const op of ops) {
    const key = op.recordKey;
    const owner = Boolean(op.scope) && op.scope === key;
    const blocked = (key && held.has(key))
      || (owner && weekWaits.has(op.scope))
      || (!owner && op.scope && entriesWait.has(op.scope))
      || (op.lane && lanesWait.has(op.lane));
    if (key) held.add(key);
    if (op.scope && op.state === 'pending') (owner ? entriesWait : weekWaits).add(op.scope);
    const waits = blocked || op.state !== 'pending' || tried.has(op.opId)
      || (!force && op.nextAttemptAt > now);
    if (waits) {
      if (op.lane && op.state === 'pending') lanesWait.add(op.lane);
      continue;
    }
    picked.push(op);
    if (picked.length >= max) break;
  }
  return picked;
}

// What an HTTP status means for one operation: sent, retry later, parked, or logged out.
export function verdict(status) {
  if (status >= 200 && status < 300) return 'sent';
  if (status === 401) return 'auth';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'park';
}

// Exponential backoff with jitter; Retry-After wins when longer.
export function backoff(attempts, retryAfter = null, random = Math.random) {
  const base = Math.min(MAX_DELAY, 1000 * 2 ** Math.max(0, attempts - 1));
  const delay = base * (0.5 + random() * 0.5);
  return retryAfter ? Math.max(delay, retryAfter) : delay;
}

// The error kept on a parked operation, from the server's error body.
export function parkedError(status, body, fallback = '') {
  return {
    status,
    code: body?.error || null,
    message: body?.message || fallback || `HTTP ${status}`,
    errors: body?.errors || null,
    current: body?.current || null,
  };
}

// One operation as the batch endpoint takes it.
export function batchItem(op, ifMatch) {
  const item = { op_id: op.opId, method: op.method, path: op.url };
  if (op.ifMatch && op.baseVersion !== null && op.baseVersion !== undefined) item.if_match = ifMatch(op.baseVersion);
  if (op.body !== undefined) item.body = op.body;
  return item;
}
