// Stagewijs service worker. Served at /sw.js by the pwa blueprint, which fills in the shell
// version and the precache list. Listeners only dispatch to named strategies.
const VERSION = '__SHELL_VERSION__';
const PRECACHE = "__PRECACHE__";
const CACHE = `stagewijs-shell-${VERSION}`;
const NAVIGATION_TIMEOUT_MS = 4000;

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
  if (event.tag === 'outbox') event.waitUntil(askPagesToFlush());
});

function route(request) {
  if (request.method !== 'GET') return null;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return null;
  // API answers hold personal data: never in the Cache Storage, always the network.
  if (url.pathname.startsWith('/api/')) return null;
  if (request.mode === 'navigate') return networkFirst;
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

// Pages: the network when it answers in time, else the cached shell of that page.
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

// Background Sync: the outbox lives with the pages, so ask an open page to flush it and wait
// for the answer. With no page open there is nothing to do: the app flushes on its next start.
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
