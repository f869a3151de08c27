// How a server copy meets the local record: pure functions, so node can test them.
//
// A local record keeps the user's view (`data`), the last server copy (`server`), the server
// version the local data is based on, and a sync state for the UI.

// Returns { put: record } (to be shaped and stored), { remove: true }, or null (nothing to do).
// `waiting`: operations for this record are still in the outbox: local edits keep precedence.
// An older copy than the one we hold is ignored (answers and feeds can cross).
export function mergeServer(record, data, { key, kind, waiting = false, deleted = false }) {
  if (record?.server && data && (record.server.version ?? 0) > (data.version ?? 0)) return null;
  if (deleted || data?.deleted) {
    if (!record) return null;
    if (!waiting) return { remove: true };
    return { put: { ...record, server: { ...(data || record.server), deleted: true } } };
  }
  if (!data) return null;
  const next = record ? { ...record } : { key, kind, id: data.id, sync: 'synced' };
  // Feeds leave out some fields (totals, progress, names): keep what a fuller answer gave.
  const { entries: _nested, ...fields } = data;
  next.server = { ...(record?.server || {}), ...fields };
  if (!waiting) {
    next.data = next.server;
    next.version = data.version;
    next.sync = 'synced';
  }
  return { put: next };
}

// The sync state from the operations still waiting for a record; with none left the record
// shows the server's copy.
export function withSyncState(record, ops) {
  const next = { ...record };
  const parked = ops.find((o) => o.state === 'attention');
  next.sync = parked ? 'attention' : ops.length ? 'pending' : 'synced';
  // Why the server refused it (shown with the record, which no total counts).
  next.refusal = parked ? { seq: parked.seq, message: parked.error?.message || '' } : null;
  if (!ops.length && next.server) {
    next.data = next.server;
    next.version = next.server.version;
  }
  return next;
}

// A feed item saying this user lost access ({revoked: true}): which local records go.
// `records` are the candidates (those of that placement, or of that kind); `kinds` the registry.
export function revokedKeys(change, records, kinds) {
  const descriptor = kinds.kind(change.kind);
  if (change.kind === 'placement') {
    const own = descriptor?.keyFromId(change.id);
    const of = records.filter((r) => String(r.pid) === String(change.id)).map((r) => r.key);
    return [...new Set([own, ...of].filter(Boolean))];
  }
  const direct = descriptor?.keyFromId(change.id);
  if (direct) return [direct];
  return records.filter((r) => r.kind === change.kind
    && String(r.id ?? r.server?.id ?? r.data?.id) === String(change.id)).map((r) => r.key);
}

// Meta values that list records of a revoked placement (the trainer's inbox) without them.
export function prunedInbox(inbox, gone) {
  if (!Array.isArray(inbox)) return inbox;
  const drop = new Set(gone);
  return inbox.filter((key) => !drop.has(key));
}
