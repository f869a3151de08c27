// The one source of "now" for the app, the service worker and the tests.
// Instants are milliseconds since the epoch (UTC); calendar dates are Europe/Amsterdam, the
// school's time zone, whatever zone the phone is set to (the server uses the same rule).
export const ZONE = 'Europe/Amsterdam';

// Tests may fix the clock before any module loads, with an init script that sets
// `globalThis.__stagewijsClock = { now: <ms> }` (a fixed instant) or `{ offset: <ms> }` (shifted).
// A script that can set it can already read everything on the page, so it opens nothing.
let source = fromHook(globalThis.__stagewijsClock);

function fromHook(hook) {
  if (hook && Number.isFinite(hook.now)) return () => hook.now;
  if (hook && Number.isFinite(hook.offset)) return () => Date.now() + hook.offset;
  return () => Date.now();
}

export const now = () => source();

// For unit tests: a function returning ms, or null for the real clock.
export function setClock(fn) {
  source = fn || (() => Date.now());
}

const formatters = new Map();
function dayFormatter(zone) {
  if (!formatters.has(zone)) {
    formatters.set(zone, new Intl.DateTimeFormat('en-CA', {
      timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }));
  }
  return formatters.get(zone);
}

// The calendar date (YYYY-MM-DD) of an instant in a time zone.
export function dateIn(ms, zone = ZONE) {
  const parts = Object.fromEntries(dayFormatter(zone).formatToParts(new Date(ms))
    .map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export const today = () => dateIn(now());
