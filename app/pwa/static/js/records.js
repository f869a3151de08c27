// Local copies of server rows in IndexedDB. The rules of the merge are in merge.js (pure);
// how each kind is keyed and shaped is in kinds/.
import { done, tx, byKind } from './db.js';
import { kind as kindNamed, kindOfKey } from './kinds/registry.js';
import * as registry from './kinds/registry.js';
import { weekKey } from './kinds/week.js';
import { mergeServer, prunedInbox, revokedKeys, withSyncState } from './merge.js';

export { weekKey };
export const entryKey = (id) => kindNamed('entry').keyFromId(id);
export const placementKey = (id) => kindNamed('placement').keyFromId(id);

export const shape = (record) => kindOfKey(record.key).shape(record);

// Sync state from the operations still waiting for this record.
export async function refreshSync(stores, key) {
  const ops = await done(stores.outbox.index('recordKey').getAll(key));
  const record = await done(stores.records.get(key));
  if (!record) return;
  stores.records.put(shape(withSyncState(record, ops)));
}

// A server copy arrived (changes feed, list, or an answer): merge it (merge.js).
export async function applyServer(stores, kindName, data, deleted = false, id = null) {
  const descriptor = kindNamed(kindName);
  if (!descriptor) return; // a kind this version of the app does not know yet
  const key = data ? descriptor.key(data) : descriptor.keyFromId(id);
  if (!key) return;
  if (descriptor.createdByServer && data && !deleted && !data.deleted) await createdByServer(stores, key);
  const record = await done(stores.records.get(key));
  const waiting = await done(stores.outbox.index('recordKey').count(key));
  const result = mergeServer(record, data, { key, kind: kindName, waiting: waiting > 0, deleted });
  if (!result) return;
  if (result.remove) stores.records.delete(key);
  else stores.records.put(shape(result.put));
}

// The server has a record its phone creates (a message): the create went through, even when
// this phone saw it fail or lost the answer. Its create operation is done; its error goes.
async function createdByServer(stores, key) {
  const ops = await done(stores.outbox.index('recordKey').getAll(key));
  for (const op of ops) if (op.method === 'POST') stores.outbox.delete(op.seq);
}

// The user lost access (feed item with `revoked`): drop the copies, and the placement's
// records of every kind along with a placement. Operations stay: the user sees them refused.
export async function applyRevoked(stores, change) {
  let candidates;
  if (change.kind === 'placement') {
    const byPid = stores.records.index('pid');
    const ids = [...new Set([change.id, Number(change.id)].filter((v) => v === v && v !== ''))];
    candidates = (await Promise.all(ids.map((v) => done(byPid.getAll(v))))).flat();
  } else {
    candidates = registry.kind(change.kind)?.keyFromId(change.id) ? []
      : await done(stores.records.index('kind').getAll(change.kind));
  }
  const gone = revokedKeys(change, candidates, registry);
  for (const key of gone) stores.records.delete(key);
  if (change.kind === 'placement') {
    const inbox = await done(stores.meta.get('inbox'));
    if (inbox) stores.meta.put(prunedInbox(inbox, gone), 'inbox');
    const current = await done(stores.meta.get('placementId'));
    if (current != null && String(current) === String(change.id)) stores.meta.put(null, 'placementId');
  }
  return gone;
}

export const applyServerNow = (kindName, items) =>
  tx(['records', 'outbox'], 'readwrite', async (s) => {
    for (const item of items) await applyServer(s, kindName, item);
  });

export async function entries() {
  return (await byKind('entry')).filter((r) => !r.data?.deleted);
}

export async function weeks() {
  return byKind('week');
}

export function weekOf(weekRecords, pid, label) {
  const rec = weekRecords.find((w) => w.key === weekKey(pid, label));
  return rec || null;
}

export const editableStatus = (status) => !status || status === 'open' || status === 'rejected';
