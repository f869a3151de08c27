// Stagewijs service worker. Served by the pwa blueprint at /sw.js as a module worker (the
// blueprint puts the outbox import above this text) and at /sw-classic.js for browsers that
// refuse module workers (the same text, no outbox: a sync event then asks an open page).
// The blueprint also fills in the shell version and the precache list.
// Listeners only dispatch to named strategies.
const VERSION = '__SHELL_VERSION__';
const PRECACHE = "__PRECACHE__";
const CACHE = `stagewijs-shell-${VERSION}`;
const NAVIGATION_TIMEOUT_MS = 4000;
// A cached page older than this is fetched again in the background when it is opened.
const REVALIDATE_AFTER_MS = 60 * 60 * 1000;

self.addEventListener('install', (event) => event.waitUntil(precache()));
self.addEventListener('activate', (event) => event.waitUntil(cleanUp()));
self.addEventListener('fetch', (event) => {
  const strategy = route(event.request);
  if (strategy) event.respondWith(strategy(event));
});
self.addEventListener('message', (event) => {
  // A new version takes over only when the user said so ("update beschikbaar").
  if (event.data?.type === 'skip-waiting') self.skipWaiting();
  // A page that loaded while this worker was activating missed clients.claim(): take it now,
  // so it works offline without a reload.
  if (event.data?.type === 'claim') event.waitUntil(self.clients.claim());
});
self.addEventListener('sync', (event) => {
  if (event.tag === 'outbox') event.waitUntil(syncOutbox());
});
// Every push shows a notification (never a silent one), inside waitUntil.
self.addEventListener('push', (event) => event.waitUntil(showPush(event.data)));
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(openScreen(event.notification.data?.navigate));
});
// Push services rotate endpoints silently: send the new one to the server at once.
self.addEventListener('pushsubscriptionchange', (event) => {
  event.waitUntil(renewSubscription(event.newSubscription, event.oldSubscription));
});

function route(request) {
  if (request.method !== 'GET') return null;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return null;
  // API answers hold personal data: never in the Cache Storage, always the network.
  if (url.pathname.startsWith('/api/')) return null;
  if (request.mode === 'navigate') return PRECACHE.includes(url.pathname) ? cachedPage : networkFirst;
  if (PRECACHE.includes(url.pathname)) return cacheFirst;
  return null;
}

async function precache() {
  const cache = await caches.open(CACHE);
  // cache: 'reload' skips the HTTP cache so a new version never stores an old file.
  await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })));
}

async function cleanUp() {
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith('stagewijs-') && n !== CACHE)
    .map((n) => caches.delete(n)));
  await self.clients.claim();
}

// Pages hold no personal data: from this version's cache at once, no network needed
// (stale-while-revalidate). An old copy is fetched again in the background; the server's copy
// replaces it only if it belongs to this version; a page of another version means a new
// worker is out there: look for it, and the "update beschikbaar" prompt does the rest.
async function cachedPage(event) {
  const url = new URL(event.request.url);
  const cache = await caches.open(CACHE);
  const cached = await cache.match(url.pathname);
  if (!cached) return networkFirst(event);
  const age = Date.now() - Date.parse(cached.headers.get('Date') || '');
  if (!(age < REVALIDATE_AFTER_MS)) event.waitUntil(revalidate(cache, url.pathname));
  return cached;
}

async function revalidate(cache, path) {
  try {
    const response = await fetch(path, { cache: 'no-store' });
    if (!response.ok) return;
    if (response.headers.get('X-Shell-Version') === VERSION) await cache.put(path, response);
    else await self.registration.update();
  } catch { /* offline: the cached copy stays */ }
}

// Pages outside the precache: the network when it answers in time, else the start page.
async function networkFirst(event) {
  try {
    const response = await withTimeout(fetch(event.request), NAVIGATION_TIMEOUT_MS);
    if (response.status < 500) return response;
    throw new Error(`HTTP ${response.status}`);
  } catch {
    const cache = await caches.open(CACHE);
    return (await cache.match(event.request, { ignoreSearch: true }))
      || (await cache.match('/'))
      || new Response('Offline', { status: 503, headers: { 'Content-Type': 'text/plain' } });
  }
}

// Shell files: from the versioned cache; the network only if the cache lost them.
async function cacheFirst(event) {
  const cache = await caches.open(CACHE);
  return (await cache.match(event.request, { ignoreSearch: true })) || fetch(event.request);
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); },
      (e) => { clearTimeout(timer); reject(e); });
  });
}

// Background Sync: the module worker flushes the outbox itself, page or no page (Web Locks
// keep it to one flusher with any open tab). Operations left unsent fail the event, so the
// browser tries again later.
async function syncOutbox() {
  if (typeof outbox === 'undefined' || !outbox) return askPagesToFlush();
  await outbox.flush({ force: true });
  if (await outbox.unsent()) throw new Error('outbox not empty');
}

// The classic worker has no outbox module: ask an open page to flush it and wait for the
// answer. With no page open the app flushes on its next start.
async function askPagesToFlush() {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  if (!windows.length) return;
  const answer = await new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve({ ok: false }), 60000);
    channel.port1.onmessage = (e) => { clearTimeout(timer); resolve(e.data); };
    windows[0].postMessage({ type: 'flush-outbox' }, [channel.port2]);
  });
  // Not everything went out: fail the event so the browser tries again later.
  if (!answer?.ok) throw new Error('outbox not empty');
}

// The server sends Declarative Web Push JSON ({"web_push": 8030, "notification": {title, body,
// navigate, app_badge}}). Safari 18.4+ shows it without running this worker; everywhere else
// this handler reads the same JSON, so every browser gets one format and it shows once.
async function showPush(data) {
  let message = {};
  try { message = data ? data.json() : {}; } catch { message = {}; }
  const n = message.notification || {};
  if (n.app_badge !== undefined && self.navigator.setAppBadge) {
    await self.navigator.setAppBadge(Number(n.app_badge) || 0).catch(() => null);
  }
  await self.registration.showNotification(n.title || 'Stagewijs', {
    body: n.body || '',
    icon: '/static/icons/icon-192.png',
    badge: '/static/icons/icon-192.png',
    data: { navigate: sameOrigin(n.navigate) },
  });
  // Conversations (#10): an open app asks the server for news at once.
  const windows = await self.clients.matchAll({ type: 'window' });
  for (const w of windows) w.postMessage({ type: 'poll' });
}

// Only screens of this app: a payload can never send the user elsewhere.
function sameOrigin(target) {
  try {
    const url = new URL(target || '/', self.location.origin);
    return url.origin === self.location.origin ? url.pathname + url.search : '/';
  } catch {
    return '/';
  }
}

// Open the screen in a window of the app that is open already, else in a new one.
async function openScreen(target) {
  const path = sameOrigin(target);
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
  if (open) {
    const moved = await open.navigate(path).catch(() => null);
    await (moved || open).focus().catch(() => null);
    return;
  }
  await self.clients.openWindow(path);
}

async function renewSubscription(fresh, old) {
  if (push) return push.renew(self.registration, fresh, old);
  // The classic worker: the next app start sends the browser's current subscription.
  return null;
}
