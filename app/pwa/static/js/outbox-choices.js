// What the user chooses for a parked operation on the outbox screen (or beside the record):
// send mine again over the server's newer version, take the server's, throw it away, or try
// once more. Each is one IndexedDB transaction; the ones that send again start a flush.
import { changed, done, tx } from './db.js';
import { kindOfOp } from './kinds/registry.js';
import { flush, opsFor } from './outbox.js';
import { refreshSync, shape } from './records.js';

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
      kind: kindOfOp(op).name, id: current.id };
    Object.assign(record, { data: current, server: current, version: current.version, sync: 'synced' });
    s.records.put(shape(record));
  });
  changed('data');
}

// Throw away a parked operation (and what waits behind it for the same record).
export async function discard(seq) {
  await tx(['outbox', 'records', 'blobs'], 'readwrite', async (s) => {
    const op = await done(s.outbox.get(seq));
    if (!op) return;
    const ops = op.recordKey ? await opsFor(s, op.recordKey) : [op];
    for (const other of ops) {
      if (other.seq < op.seq) continue;
      s.outbox.delete(other.seq);
      if (other.bodyBlob) s.blobs.delete(other.bodyBlob); // its photo goes with it
    }
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

// Send a parked operation again as it is (a message the server refused for a reason that may
// have passed, such as a lost connection to the placement being restored).
export async function retry(seq) {
  await tx(['outbox', 'records'], 'readwrite', async (s) => {
    const op = await done(s.outbox.get(seq));
    if (!op || op.state !== 'attention') return;
    Object.assign(op, { state: 'pending', error: null, attempts: 0, nextAttemptAt: 0 });
    s.outbox.put(op);
    if (op.recordKey) await refreshSync(s, op.recordKey);
  });
  changed('data');
  return flush({ force: true });
}
