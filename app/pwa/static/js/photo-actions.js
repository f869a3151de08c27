// What the student does with photos: add one (shown at once from the local blob, uploaded
// through the outbox), change its caption and links, delete it. Like actions.js, each returns
// { id, outcome }.
import { afterWrite, queued } from './actions.js';
import { now } from './clock.js';
import { done, getMeta, tx } from './db.js';
import { photoKey } from './kinds/photo.js';
import { frozen, newOp, opsFor } from './outbox.js';
import { scaledJpeg, sha256Hex, THUMB_SIDE } from './photo-scale.js';
import { shape } from './records.js';

const EDITABLE = ['caption', 'entries', 'werkprocessen'];

// The upload's address: its fields travel in the query, the body is the image.
export function createUrl(pid, data) {
  const query = new URLSearchParams({ id: data.id, sha256: data.sha256, taken_at: data.taken_at });
  if (data.caption) query.set('caption', data.caption);
  if (data.entries?.length) query.set('entries', data.entries.join(','));
  if (data.werkprocessen?.length) query.set('werkprocessen', data.werkprocessen.join(','));
  return `/api/placements/${pid}/photos?${query}`;
}

export async function addPhoto(file, { caption = '' } = {}) {
  const pid = await getMeta('placementId');
  if (pid == null) throw new Error('no placement');
  const { blob, width, height } = await scaledJpeg(file);
  const sha256 = await sha256Hex(blob);
  // Its thumbnail at once, so it shows with no signal after the upload too (thumbs.js). A
  // format this browser cannot draw (HEIC) has none until the server's arrives.
  const thumb = width == null ? null : await scaledJpeg(blob, THUMB_SIDE).then((r) => r.blob, () => null);
  const id = crypto.randomUUID();
  const key = photoKey(id);
  const data = { id, placement_id: pid, caption, taken_at: new Date(now()).toISOString(),
    entries: [], werkprocessen: [], width, height, sha256, image_url: null, thumbnail_url: null, deleted: false };
  const opId = await tx(['records', 'outbox', 'blobs', 'thumbs'], 'readwrite', async (s) => {
    s.blobs.put({ id, blob, sha256 });
    if (thumb) s.thumbs.put({ id, blob: thumb });
    s.records.put(shape({ key, kind: 'photo', id, data, server: null, version: null, sync: 'pending' }));
    return queued(s, newOp({ kind: 'photo.create', method: 'POST', url: createUrl(pid, data),
      bodyBlob: id, recordKey: key, summary: { caption, taken_at: data.taken_at } }));
  });
  return { id, outcome: afterWrite(opId) };
}

export async function updatePhoto(id, changes) {
  const key = photoKey(id);
  const fields = Object.fromEntries(EDITABLE.filter((f) => f in changes).map((f) => [f, changes[f]]));
  const opId = await tx(['records', 'outbox'], 'readwrite', async (s) => {
    const record = await done(s.records.get(key));
    if (!record) return null;
    record.data = { ...record.data, ...fields };
    s.records.put(shape(record));
    const ops = await opsFor(s, key);
    const last = ops[ops.length - 1];
    const summary = { caption: record.data.caption, taken_at: record.data.taken_at };
    if (last && !frozen(last) && last.method !== 'DELETE') {
      // Not sent yet: fold the change into it (the upload's query, or the pending change).
      if (last.method === 'POST') last.url = createUrl(record.data.placement_id, record.data);
      else last.body = { ...last.body, ...fields };
      Object.assign(last, { summary, opId: crypto.randomUUID(), state: 'pending', error: null,
        attempts: 0, tries: 0, nextAttemptAt: 0 });
      s.outbox.put(last);
      return last.opId;
    }
    return queued(s, newOp({ kind: 'photo.update', method: 'PATCH', url: `/api/photos/${id}`,
      body: fields, recordKey: key, ifMatch: true, baseVersion: ops.length ? null : record.version,
      chained: ops.length > 0, summary }));
  });
  return { id, outcome: afterWrite(opId) };
}

export async function deletePhoto(id) {
  const key = photoKey(id);
  const opId = await tx(['records', 'outbox', 'blobs', 'thumbs'], 'readwrite', async (s) => {
    const record = await done(s.records.get(key));
    if (!record) return null;
    const ops = await opsFor(s, key);
    if (!record.server && ops.every((o) => !frozen(o))) {
      // Never reached the server: forget it here too, the image with it.
      for (const op of ops) s.outbox.delete(op.seq);
      s.records.delete(key);
      s.blobs.delete(id);
      s.thumbs.delete(id);
      return null;
    }
    record.data = { ...record.data, deleted: true };
    s.records.put(record);
    return queued(s, newOp({ kind: 'photo.delete', method: 'DELETE', url: `/api/photos/${id}`,
      recordKey: key, ifMatch: true, baseVersion: ops.length ? null : record.version,
      chained: ops.length > 0, summary: { caption: record.data.caption } }));
  });
  return { id, outcome: afterWrite(opId) };
}
