// What a student does to the records they write (STARRT, notes, learning goals and moments),
// and what a trainer does to a STARRT: change the local copy at once, queue the operation in
// the outbox, ask for a flush. One way for every such kind (kinds/student-record.js).
import { changed, done, getMeta, tx } from './db.js';
import { flush, frozen, newOp, opsFor } from './outbox.js';
import { outcomeOf } from './outcomes.js';
import { refreshSync, shape } from './records.js';

const URLS = {
  starrt: ['starrts', 'starrts'],
  note: ['notes', 'notes'],
  learning_goal: ['learning-goals', 'learning-goals'],
  learning_moment: ['learning-moments', 'learning-moments'],
};

function afterWrite(opId) {
  const outcome = opId ? outcomeOf(opId) : Promise.resolve({ state: 'sent', data: null, local: true });
  changed('data');
  navigator.serviceWorker?.ready.then((reg) => reg.sync?.register('outbox')).catch(() => null);
  flush().catch(() => null);
  return outcome;
}

// Create the record or change it; `fields` are sent as they are (a create sends them all).
// While the last operation for it has not gone out, this change is folded into it: typing a
// STARRT makes one operation, not one per pause.
export async function saveRecord(kindName, fields, { id: existingId = null, local = {} } = {}) {
  const pid = await getMeta('placementId');
  const id = existingId || crypto.randomUUID();
  const key = `${kindName}:${id}`;
  const [list, item] = URLS[kindName];
  const opId = await tx(['records', 'outbox'], 'readwrite', async (s) => {
    const record = (await done(s.records.get(key)))
      || { key, kind: kindName, id, server: null, version: null, sync: 'pending' };
    const placementId = record.data?.placement_id ?? pid;
    record.data = { ...(record.data || {}), ...fields, ...local, id, placement_id: placementId,
      deleted: false };
    s.records.put(shape(record));
    const ops = await opsFor(s, key);
    const last = ops[ops.length - 1];
    const summary = { ...record.data };
    const foldable = last && !frozen(last)
      && [`${kindName}.create`, `${kindName}.update`].includes(last.kind);
    if (foldable) {
      last.body = { ...last.body, ...fields };
      Object.assign(last, { summary, opId: crypto.randomUUID(), state: 'pending', error: null,
        attempts: 0, tries: 0, nextAttemptAt: 0 });
      s.outbox.put(last);
      await refreshSync(s, key);
      return last.opId;
    }
    const isNew = !record.server && !ops.length;
    const op = isNew
      ? { kind: `${kindName}.create`, method: 'POST', url: `/api/placements/${placementId}/${list}`,
        body: { id, ...fields } }
      : { kind: `${kindName}.update`, method: 'PATCH', url: `/api/${item}/${id}`, body: fields,
        ifMatch: true, baseVersion: ops.length ? null : record.version, chained: ops.length > 0 };
    const queued = newOp({ ...op, recordKey: key, summary });
    s.outbox.add(queued);
    await refreshSync(s, key);
    return queued.opId;
  });
  return { id, outcome: afterWrite(opId) };
}

// An action on a record (hand in a STARRT, rate it): from the version the phone holds, after
// whatever is still queued for it. `local` is how the record looks meanwhile.
export async function recordAction(kindName, id, action, { body, local = {}, summary = {} } = {}) {
  const key = `${kindName}:${id}`;
  const [, item] = URLS[kindName];
  const opId = await tx(['records', 'outbox'], 'readwrite', async (s) => {
    const record = await done(s.records.get(key));
    if (!record) return null;
    record.data = { ...record.data, ...local };
    s.records.put(shape(record));
    const ops = await opsFor(s, key);
    const queued = newOp({ kind: `${kindName}.${action}`, method: 'POST',
      url: `/api/${item}/${id}/${action}`, body, recordKey: key, ifMatch: true,
      baseVersion: ops.length ? null : record.version, chained: ops.length > 0,
      summary: { ...record.data, ...summary } });
    s.outbox.add(queued);
    await refreshSync(s, key);
    return queued.opId;
  });
  return { id, outcome: afterWrite(opId) };
}

export async function deleteRecord(kindName, id) {
  const key = `${kindName}:${id}`;
  const [, item] = URLS[kindName];
  const opId = await tx(['records', 'outbox'], 'readwrite', async (s) => {
    const record = await done(s.records.get(key));
    if (!record) return null;
    const ops = await opsFor(s, key);
    if (!record.server && ops.every((o) => !frozen(o))) {
      for (const op of ops) s.outbox.delete(op.seq); // never reached the server
      s.records.delete(key);
      return null;
    }
    record.data = { ...record.data, deleted: true };
    s.records.put(record);
    const queued = newOp({ kind: `${kindName}.delete`, method: 'DELETE', url: `/api/${item}/${id}`,
      recordKey: key, ifMatch: true, baseVersion: ops.length ? null : record.version,
      chained: ops.length > 0, summary: { ...record.data } });
    s.outbox.add(queued);
    return queued.opId;
  });
  return { id, outcome: afterWrite(opId) };
}
