// Photos' thumbnails kept on the phone, so the gallery, the timeline and a STARRT show their
// pictures with no signal (a photo's thumbnail_url needs the network, and the server answers
// it `private, no-cache`). A photo taken on this phone gets its thumbnail at once, made from
// its own copy (photo-actions.js); the others are fetched after a sync, the newest MAX_KEPT.
// They are personal data: IndexedDB only (never the Cache Storage), wiped at log-out.
import { getBlob, HttpError, NetworkError } from './api.js';
import { byKind, changed, done, tx } from './db.js';

export const MAX_KEPT = 300; // about 30 kB each: some 9 MB at most

const newestFirst = (a, b) => String(b.data.taken_at).localeCompare(String(a.data.taken_at))
  || String(a.data.id).localeCompare(String(b.data.id));

// What to fetch and what to drop: the newest `max` live photos keep a thumbnail (one not
// uploaded yet keeps the one made on the phone); a deleted or lost photo's goes.
export function plan(photos, keptIds, max = MAX_KEPT) {
  const live = photos.filter((r) => r.data?.id != null && !r.data.deleted).sort(newestFirst)
    .slice(0, max);
  const keep = new Set(live.map((r) => String(r.data.id)));
  const kept = new Set(keptIds.map(String));
  return {
    fetch: live.filter((r) => r.data.thumbnail_url && !kept.has(String(r.data.id)))
      .map((r) => ({ id: String(r.data.id), url: r.data.thumbnail_url })),
    drop: [...kept].filter((id) => !keep.has(id)),
  };
}

const refused = new Set(); // this session: a thumbnail the server would not give (404, 403)
let running = null;

// After a sync: fetch what is missing, drop what is no longer wanted. One run at a time.
export function keepThumbs() {
  running ??= refresh().finally(() => { running = null; });
  return running;
}

async function refresh() {
  const photos = await byKind('photo');
  const kept = await tx('thumbs', 'readonly', (s) => done(s.thumbs.getAllKeys()));
  const { fetch, drop } = plan(photos, kept);
  if (drop.length) {
    await tx('thumbs', 'readwrite', (s) => { for (const id of drop) s.thumbs.delete(id); });
  }
  let added = 0;
  for (const { id, url } of fetch.filter((f) => !refused.has(f.id))) {
    let blob;
    try {
      blob = await getBlob(url);
    } catch (err) {
      if (err instanceof NetworkError) break; // no signal again: the next sync goes on
      if (err instanceof HttpError) { refused.add(id); continue; } // the feed will say why
      throw err;
    }
    await tx('thumbs', 'readwrite', (s) => done(s.thumbs.put({ id, blob })));
    added += 1;
  }
  if (added || drop.length) changed('thumbs');
  return { added, dropped: drop.length };
}
