// Local copies of server rows. A record keeps the user's view (`data`), the last server copy
// (`server`), the server version the local data is based on, and a sync state for the UI.
import { done, tx, byKind } from './db.js';

export const entryKey = (id) => `entry:${id}`;
export const weekKey = (pid, week) => `week:${pid}:${week}`;
export const placementKey = (id) => `placement:${id}`;

export function kindOf(name) {
  if (name.startsWith('entr') || name.startsWith('hour')) return 'entry';
  if (name.startsWith('week')) return 'week';
  if (name.startsWith('placement')) return 'placement';
  return name;
}

export function keyFor(kind, data, id) {
  if (kind === 'entry') return entryKey(data?.id ?? id);
  if (kind === 'week') return data ? weekKey(data.placement_id, data.week) : null;
  if (kind === 'placement') return placementKey(data?.id ?? id);
  return `${kind}:${data?.id ?? id}`;
}

export function shape(record) {
  const d = record.data || {};
  record.pid = d.placement_id ?? record.pid;
  if (record.kind === 'entry') { record.date = d.date; record.week = d.week; }
  if (record.kind === 'week') record.week = d.week;
  return record;
}

// Sync state from the operations still waiting for this record.
export async function refreshSync(stores, key) {
  const ops = await done(stores.outbox.index('recordKey').getAll(key));
  const record = await done(stores.records.get(key));
  if (!record) return;
  record.sync = ops.some((o) => o.state === 'attention') ? 'attention'
    : ops.length ? 'pending' : 'synced';
  if (!ops.length && record.server) {
    record.data = record.server;
    record.version = record.server.version;
  }
  stores.records.put(shape(record));
}

// A server copy arrived (changes feed, list, or an answer). Local edits still waiting keep
// precedence; an older copy than the one we hold is ignored (answers and feeds can cross).
export async function applyServer(stores, kind, data, deleted = false, id = null) {
  const key = keyFor(kind, data, id);
  if (!key) return;
  const record = await done(stores.records.get(key));
  const waiting = await done(stores.outbox.index('recordKey').count(key));
  if (record?.server && data && (record.server.version ?? 0) > (data.version ?? 0)) return;
  if (deleted || data?.deleted) {
    if (!record) return;
    if (!waiting) { stores.records.delete(key); return; }
    record.server = { ...(data || record.server), deleted: true };
    stores.records.put(record);
    return;
  }
  const next = record || { key, kind, id: data.id, sync: 'synced' };
  // Feeds leave out some fields (totals, progress, names): keep what a fuller answer gave.
  const { entries: _nested, ...fields } = data;
  next.server = { ...(record?.server || {}), ...fields };
  if (!waiting) {
    next.data = next.server;
    next.version = data.version;
    next.sync = 'synced';
  }
  stores.records.put(shape(next));
}

export const applyServerNow = (kind, items) =>
  tx(['records', 'outbox'], 'readwrite', async (s) => {
    for (const item of items) await applyServer(s, kind, item);
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
