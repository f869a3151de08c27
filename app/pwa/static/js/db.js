// IndexedDB: one database, schema changes as a versioned list of migrations.
// Stores: records (local copies of server rows), outbox (operations not yet acknowledged),
// meta (user, cursor, settings), blobs (photos waiting for their upload), thumbs (photos'
// thumbnails, for showing them with no signal: thumbs.js).
const NAME = 'stagewijs';

const MIGRATIONS = [
  (db) => {
    const records = db.createObjectStore('records', { keyPath: 'key' });
    records.createIndex('kind', 'kind');
    const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
    outbox.createIndex('opId', 'opId', { unique: true });
    outbox.createIndex('recordKey', 'recordKey');
    db.createObjectStore('meta');
    db.createObjectStore('blobs', { keyPath: 'id' });
  },
  // Records by placement, so a placement the user lost access to goes with all its records.
  (db, t) => {
    const records = t.objectStore('records');
    records.createIndex('pid', 'pid');
    records.index('kind').openCursor('placement').onsuccess = (e) => {
      const cursor = e.target.result;
      if (!cursor) return;
      cursor.update({ ...cursor.value, pid: cursor.value.data?.id ?? cursor.value.pid });
      cursor.continue();
    };
  },
  // Thumbnails kept on the phone (thumbs.js): personal data, so here and never in the Cache
  // Storage; log-out wipes them with the rest.
  (db) => { db.createObjectStore('thumbs', { keyPath: 'id' }); },
];

let opening = null;
let wiping = false;

export function open() {
  // After log-out began, nothing may write again (a late sync answer would re-create data).
  if (wiping) return Promise.reject(new Error('local data is being removed'));
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const req = indexedDB.open(NAME, MIGRATIONS.length);
      req.onupgradeneeded = (event) => {
        for (let v = event.oldVersion; v < MIGRATIONS.length; v++) {
          MIGRATIONS[v](req.result, req.transaction);
        }
      };
      req.onsuccess = () => {
        const db = req.result;
        // A newer page (new schema) or a log-out wants the database: let go at once.
        db.onversionchange = () => { db.close(); opening = null; };
        resolve(db);
      };
      req.onerror = () => { opening = null; reject(req.error); };
    });
  }
  return opening;
}

export const done = (request) => new Promise((resolve, reject) => {
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
});

// Run fn(stores) in one transaction; resolves with fn's result once the transaction commits.
export async function tx(names, mode, fn) {
  const db = await open();
  const t = db.transaction(names, mode);
  const stores = Object.fromEntries([].concat(names).map((n) => [n, t.objectStore(n)]));
  const finished = new Promise((resolve, reject) => {
    t.oncomplete = resolve;
    t.onabort = t.onerror = () => reject(t.error);
  });
  let result;
  try {
    result = await fn(stores, t);
  } catch (err) {
    try { t.abort(); } catch { /* already finished */ }
    throw err;
  }
  await finished;
  return result;
}

export const get = (store, key) => tx(store, 'readonly', (s) => done(s[store].get(key)));
export const all = (store) => tx(store, 'readonly', (s) => done(s[store].getAll()));
export const byKind = (kind) =>
  tx('records', 'readonly', (s) => done(s.records.index('kind').getAll(kind)));
export const getMeta = (key) => get('meta', key);
export const setMeta = (key, value) =>
  tx('meta', 'readwrite', (s) => done(s.meta.put(value, key)));

// Log-out: empty every store, then drop the database itself (phones are shared).
export async function wipe() {
  const db = await open();
  wiping = true;
  await new Promise((resolve, reject) => {
    const t = db.transaction([...db.objectStoreNames], 'readwrite');
    for (const name of db.objectStoreNames) t.objectStore(name).clear();
    t.oncomplete = resolve;
    t.onabort = t.onerror = () => reject(t.error);
  });
  db.close();
  opening = null;
  await new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(NAME);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
  wiping = false;
}

// Tell every open page (this one, other tabs, and pages of a flushing service worker) that
// local data changed.
const channel = 'BroadcastChannel' in globalThis ? new BroadcastChannel('stagewijs') : null;
export const events = new EventTarget();
export function changed(what = 'data') {
  events.dispatchEvent(new CustomEvent('change', { detail: what }));
  channel?.postMessage(what);
}
if (channel) {
  channel.unref?.(); // node's test runner: a listening channel must not keep it alive
  channel.onmessage = (e) => events.dispatchEvent(new CustomEvent('change', { detail: e.data }));
}
