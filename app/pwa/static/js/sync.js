// When to sync: on start, on `online`, when the page becomes visible, after local writes, on a
// timer while open, and when the service worker relays a Background Sync `sync` event.
import { get, getAll, HttpError, NetworkError } from './api.js';
import { now, today } from './clock.js';
import { changed, getMeta, setMeta, tx } from './db.js';
import { flush, summary } from './outbox.js';
import { applyRevoked, applyServer, applyServerNow, weekKey } from './records.js';
import { loggedOut } from './session.js';
import { keepThumbs } from './thumbs.js';

const TIMER = 30 * 1000;
let started = false;
let lastRefresh = 0;
let user = null;

export function startSync(currentUser) {
  user = currentUser;
  if (started) return;
  started = true;
  run({ force: true, refresh: now() - lastRefresh > 10 * 1000 });
  addEventListener('online', () => { changed('network'); run({ force: true, refresh: true }); });
  addEventListener('offline', () => changed('network'));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') run({ refresh: true });
  });
  setInterval(() => run(), TIMER);
  navigator.serviceWorker?.addEventListener('message', async (event) => {
    if (event.data?.type !== 'flush-outbox') return;
    await flush({ force: true }).catch(() => null);
    const left = await summary();
    event.ports[0]?.postMessage({ ok: left.total === left.attention });
  });
}

export async function run({ force = false, refresh = false } = {}) {
  if (!navigator.onLine) return;
  // Logged out in another tab: this tab must not download that user's data again.
  if (loggedOut()) return;
  try {
    await flush({ force });
    await pull();
    // Thumbnails for showing photos offline, in the background (they may take a while).
    keepThumbs().catch((err) => console.error(err));
    if (refresh || now() - lastRefresh > 5 * 60 * 1000) await refreshReference();
  } catch (err) {
    if (!(err instanceof NetworkError) && !(err instanceof HttpError)) throw err;
  }
}

// Server decisions reach the phone through the changes feed, from our cursor on.
export async function pull() {
  let cursor = (await getMeta('cursor')) || 0;
  for (let round = 0; round < 200; round++) {
    let page;
    try {
      page = await get(`/api/sync/changes?since=${encodeURIComponent(cursor)}&limit=500`);
    } catch (err) {
      if (err instanceof HttpError && err.status === 401) await setMeta('authNeeded', true);
      throw err;
    }
    const changes = page?.changes || [];
    await tx(['records', 'outbox', 'meta'], 'readwrite', async (s) => {
      for (const c of changes) {
        // Revoked: this user may no longer see it (a placement handed to another trainer).
        if (c.revoked) await applyRevoked(s, c);
        else if (!c.granted) await applyServer(s, c.kind, c.data, c.deleted, c.id);
      }
      s.meta.put(page.cursor ?? cursor, 'cursor');
      s.meta.put(now(), 'lastSyncOk');
    });
    cursor = page.cursor ?? cursor;
    if (changes.length) changed('data');
    // Granted: a placement this user just gained. Its history is older than our cursor, so
    // it is fetched on its own, from the start, without moving the cursor.
    for (const c of changes) if (c.granted && c.kind === 'placement') await backfill(c.id);
    if (!page.more) break;
  }
}

async function backfill(placementId) {
  let since = 0;
  for (let round = 0; round < 200; round++) {
    const page = await get(`/api/sync/changes?since=${since}&limit=500&placement=${encodeURIComponent(placementId)}`);
    const changes = page?.changes || [];
    await tx(['records', 'outbox'], 'readwrite', async (s) => {
      for (const c of changes) await applyServer(s, c.kind, c.data, c.deleted, c.id);
    });
    if (changes.length) changed('data');
    since = page.cursor ?? since;
    if (!page.more) break;
  }
}

// Reference data and lists that are not in the feed: the user, categories, progress, inbox.
export async function refreshReference() {
  lastRefresh = now();
  try {
    const me = await get('/api/auth/me');
    await setMeta('user', me);
    await setMeta('authNeeded', false);
    user = me;
  } catch (err) {
    if (err instanceof HttpError && err.status === 401) {
      await setMeta('authNeeded', true);
      changed('auth');
      return;
    }
    throw err;
  }
  await setMeta('categories', await get('/api/categories'));
  if (user.role === 'student') await refreshStudent();
  else if (user.role === 'praktijkopleider') await refreshInbox();
  else await refreshPlacements();
  changed('data');
}

function currentPlacement(list) {
  // Today in the school's time zone (clock.js), as the server counts placement days.
  const day = today();
  return list.find((p) => p.start_date <= day && day <= p.end_date)
    || [...list].sort((a, b) => (a.start_date < b.start_date ? 1 : -1))[0] || null;
}

async function refreshStudent() {
  const list = await getAll('/api/placements');
  const chosen = currentPlacement(list);
  if (!chosen) { await setMeta('placementId', null); return; }
  const detail = chosen.progress ? chosen : await get(`/api/placements/${chosen.id}`);
  await applyServerNow('placement', [detail]);
  await setMeta('placementId', chosen.id);
  // Evidence (#9): the programme's werkprocessen, for the pickers (offline too).
  await setMeta('werkprocessen', await get(`/api/placements/${chosen.id}/werkprocessen`));
}

export async function refreshInbox() {
  const weeks = await getAll('/api/inbox/weeks');
  await applyServerNow('week', weeks);
  await setMeta('inbox', weeks.map((w) => weekKey(w.placement_id, w.week)));
}

async function refreshPlacements() {
  const list = await getAll('/api/placements');
  const details = [];
  for (const p of list) details.push(p.progress ? p : await get(`/api/placements/${p.id}`));
  await applyServerNow('placement', details);
}
