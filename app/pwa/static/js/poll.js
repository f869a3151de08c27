// New messages without reloading: while the app is visible, ask the server every 20 s whether
// anything changed for this user (GET /api/conversations/poll with the last ETag: 304 when
// nothing did, one statement on the server). On a change: the unread counts are stored, the
// changes feed is pulled, and the app icon's badge is set. Errors back off (to 2 min); a
// hidden page stops polling; a push (the service worker's message) polls at once.
import { HttpError, NetworkError, request } from './api.js';
import { changed, getMeta, setMeta } from './db.js';
import { loggedOut } from './session.js';

// 20 s; the end-to-end tests shorten it through localStorage (never set by the app itself).
export const INTERVAL = Number(globalThis.localStorage?.getItem('stagewijs.pollEvery')) || 20 * 1000;
export const MAX_INTERVAL = 2 * 60 * 1000;
const ROLES = ['student', 'praktijkopleider', 'docent'];

let timer = null;
let failures = 0;
let running = null;
let openLine = null; // "<placement id>:<line>" on screen now
let started = false;

// The wait before the next poll: the interval, doubled per failure in a row, at most 2 min.
export const nextDelay = (fails) => Math.min(MAX_INTERVAL, INTERVAL * 2 ** Math.max(0, fails));

export function startPolling(user) {
  if (started || !ROLES.includes(user?.role)) return;
  started = true;
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') poll();
    else clearTimeout(timer);
  });
  addEventListener('online', () => poll());
  navigator.serviceWorker?.addEventListener('message', (event) => {
    if (event.data?.type === 'poll') poll();
  });
  poll();
}

// The conversation on screen (null when none): sent with each poll, so no notification comes
// for a message the user is reading.
export function setOpen(pid, line) {
  openLine = pid != null && line ? `${pid}:${line}` : null;
}

export function poll() {
  if (running) return running;
  running = once().finally(() => { running = null; });
  return running;
}

async function once() {
  clearTimeout(timer);
  if (document.visibilityState === 'hidden' || loggedOut()) return;
  try {
    if (navigator.onLine) await check();
    failures = 0;
  } catch (err) {
    if (!(err instanceof NetworkError) && !(err instanceof HttpError)) throw err;
    failures += 1;
  }
  if (document.visibilityState !== 'hidden') timer = setTimeout(poll, nextDelay(failures));
}

async function check() {
  const tag = await getMeta('pollTag');
  const url = `/api/conversations/poll${openLine ? `?open=${encodeURIComponent(openLine)}` : ''}`;
  let res;
  try {
    res = await request('GET', url, { headers: tag ? { 'If-None-Match': tag } : {} });
  } catch (err) {
    if (err instanceof HttpError && err.status === 304) return;
    throw err;
  }
  const answer = res.data || {};
  // New messages are in the changes feed: fetch them before saying anything changed.
  const { pull } = await import('./sync.js');
  await pull();
  await setMeta('lines', answer.lines || []);
  await setMeta('pollTag', res.headers.get('ETag') || answer.etag || null);
  setBadge(answer.total_unread || 0);
  changed('data');
}

function setBadge(count) {
  if (!navigator.setAppBadge) return;
  const done = count ? navigator.setAppBadge(count) : navigator.clearAppBadge?.();
  done?.catch?.(() => null);
}

// Unread counts from the last poll: { total, byLine: { "<pid>:<line>": n }, lines }.
export async function unread() {
  const lines = (await getMeta('lines')) || [];
  const byLine = {};
  let total = 0;
  for (const l of lines) {
    byLine[`${l.placement_id}:${l.line}`] = l.unread;
    total += l.unread;
  }
  return { total, byLine, lines };
}
