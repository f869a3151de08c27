// What the user does: change the local copy at once, queue the operation, ask for a flush.
// Each action returns { id, outcome }: `outcome` resolves once the operation is settled
// ({ state: 'sent', data }, { state: 'refused', error } or { state: 'queued' }, see
// outcomes.js), whichever tab or worker sends it.
import { changed, done, getMeta, tx } from './db.js';
import { isoWeek, minutesBetween } from './dates.js';
import { flush, frozen, newOp, opsFor } from './outbox.js';
import { outcomeOf } from './outcomes.js';
import { entryKey, refreshSync, shape, weekKey } from './records.js';

const FIELDS = ['date', 'start_time', 'end_time', 'category', 'description'];

// Shared with the other kinds' actions (photo-actions.js).
export async function queued(stores, op) {
  await stores.outbox.add(op);
  if (op.recordKey) await refreshSync(stores, op.recordKey);
  return op.opId;
}

// After the transaction committed: wait for the outcome (before the flush can settle it).
export function afterWrite(opId) {
  const outcome = opId ? outcomeOf(opId) : Promise.resolve({ state: 'sent', data: null, local: true });
  changed('data');
  navigator.serviceWorker?.ready
    .then((reg) => reg.sync?.register('outbox'))
    .catch(() => null); // Background Sync is a bonus (not in Safari or Firefox)
  flush().catch(() => null);
  return outcome;
}

// Create or update an hour entry.
export async function saveEntry(values, existingId = null) {
  const pid = await getMeta('placementId');
  const fields = Object.fromEntries(FIELDS.map((f) => [f, values[f]]));
  fields.category = Number(fields.category);
  // Evidence (#9): tags are sent only when the form has them (an empty list clears them).
  if (Array.isArray(values.werkprocessen)) fields.werkprocessen = values.werkprocessen;
  const id = existingId || crypto.randomUUID();
  const key = entryKey(id);
  const week = isoWeek(fields.date);
  const opId = await tx(['records', 'outbox'], 'readwrite', async (s) => {
    const record = (await done(s.records.get(key)))
      || { key, kind: 'entry', id, server: null, version: null, sync: 'pending' };
    const placementId = record.data?.placement_id ?? pid;
    record.data = { ...(record.data || {}), ...fields, id, placement_id: placementId, week,
      minutes: minutesBetween(fields.start_time, fields.end_time), deleted: false };
    s.records.put(shape(record));
    const ops = await opsFor(s, key);
    const last = ops[ops.length - 1];
    const summary = { ...fields };
    if (last && !frozen(last) && last.method !== 'DELETE') {
      // Not sent yet (or refused): fold this change into it, under a fresh operation id.
      last.body = last.method === 'POST' ? { ...last.body, ...fields } : { ...fields };
      Object.assign(last, { summary, scope: weekKey(placementId, week), opId: crypto.randomUUID(),
        state: 'pending', error: null, attempts: 0, tries: 0, nextAttemptAt: 0 });
      s.outbox.put(last);
      await refreshSync(s, key);
      return last.opId;
    }
    const isNew = !record.server && !ops.length;
    return queued(s, newOp(isNew
      ? { kind: 'entry.create', method: 'POST', url: `/api/placements/${placementId}/entries`,
        body: { id, ...fields }, recordKey: key, scope: weekKey(placementId, week), summary }
      : { kind: 'entry.update', method: 'PATCH', url: `/api/entries/${id}`, body: fields,
        recordKey: key, scope: weekKey(placementId, week), ifMatch: true,
        baseVersion: ops.length ? null : record.version, chained: ops.length > 0, summary }));
  });
  return { id, outcome: afterWrite(opId) };
}

export async function deleteEntry(id) {
  const key = entryKey(id);
  const opId = await tx(['records', 'outbox'], 'readwrite', async (s) => {
    const record = await done(s.records.get(key));
    if (!record) return null;
    const ops = await opsFor(s, key);
    if (!record.server && ops.every((o) => !frozen(o))) {
      // Never reached the server: forget it here too.
      for (const op of ops) s.outbox.delete(op.seq);
      s.records.delete(key);
      return null;
    }
    record.data = { ...record.data, deleted: true };
    s.records.put(record);
    return queued(s, newOp({ kind: 'entry.delete', method: 'DELETE', url: `/api/entries/${id}`,
      recordKey: key, scope: weekKey(record.data.placement_id, record.data.week), ifMatch: true,
      baseVersion: ops.length ? null : record.version, chained: ops.length > 0,
      summary: { ...record.data } }));
  });
  return { id, outcome: afterWrite(opId) };
}

// Week transitions. The local copy shows the new status at once, marked unsent.
export async function weekAction(pid, week, action, { comment, version, student } = {}) {
  const key = weekKey(pid, week);
  const status = { submit: 'submitted', withdraw: 'open', approve: 'approved', reject: 'rejected' }[action];
  const opId = await tx(['records', 'outbox'], 'readwrite', async (s) => {
    const record = (await done(s.records.get(key)))
      || { key, kind: 'week', id: null, server: null, version: null, sync: 'pending',
        data: { placement_id: pid, week, status: 'open' } };
    record.data = { ...record.data, status, comment: comment ?? record.data.comment };
    s.records.put(shape(record));
    const ops = await opsFor(s, key);
    const last = ops[ops.length - 1];
    // A second tap on the same button: already queued. Sent twice, the copy would be refused
    // (stale version) and show up as "needs attention".
    if (last && last.kind === `week.${action}` && last.state === 'pending'
      && JSON.stringify(last.body) === JSON.stringify(action === 'reject' ? { comment } : undefined)) return last.opId;
    return queued(s, newOp({ kind: `week.${action}`, method: 'POST',
      url: `/api/placements/${pid}/weeks/${week}/${action}`,
      body: action === 'reject' ? { comment } : undefined,
      recordKey: key, scope: key,
      ifMatch: action === 'approve' && (version ?? record.version) != null,
      baseVersion: version ?? record.version, chained: false,
      summary: { week, action, student: student || record.data.student?.name || '' } }));
  });
  return { id: key, outcome: afterWrite(opId) };
}

export async function setServerLocale(locale) {
  const opId = await tx(['records', 'outbox'], 'readwrite', (s) => queued(s, newOp({
    kind: 'me.locale', method: 'PATCH', url: '/api/auth/me', body: { locale },
    recordKey: 'me:locale', summary: { locale } })));
  return { id: 'me:locale', outcome: afterWrite(opId) };
}
