// The outcome of an outbox operation, for the action that queued it: { state: 'sent', data },
// { state: 'refused', error } (parked) or { state: 'queued' } (offline, or retried later).
// Whoever flushes (this tab, another tab, the service worker) settles it; other realms hear
// of it on a BroadcastChannel.
const channel = 'BroadcastChannel' in globalThis ? new BroadcastChannel('stagewijs-outcomes') : null;
const waiters = new Map(); // opId -> [finish]

export function outcomeOf(opId, { timeout = 30000 } = {}) {
  return new Promise((resolve) => {
    let timer = null;
    const finish = (result) => {
      clearTimeout(timer);
      const list = (waiters.get(opId) || []).filter((f) => f !== finish);
      if (list.length) waiters.set(opId, list); else waiters.delete(opId);
      resolve(result);
    };
    // Nobody answered in time (the flusher died, say): the operation is still queued.
    timer = setTimeout(() => finish({ state: 'queued' }), timeout);
    waiters.set(opId, [...(waiters.get(opId) || []), finish]);
  });
}

function resolveHere(list) {
  for (const { opId, outcome } of list) {
    for (const finish of waiters.get(opId) || []) finish(outcome);
  }
}

// list: [{ opId, outcome }]
export function settle(list) {
  if (!list.length) return;
  resolveHere(list);
  channel?.postMessage({ type: 'settled', list });
}

export const settled = (opId, outcome) => settle([{ opId, outcome }]);

// Every operation waited for has this outcome (offline: all of them are queued).
export function settleAll(outcome) {
  resolveAll(outcome);
  channel?.postMessage({ type: 'all', outcome });
}

function resolveAll(outcome) {
  for (const list of [...waiters.values()]) for (const finish of list) finish(outcome);
}

if (channel) {
  channel.unref?.(); // node's test runner: a listening channel must not keep it alive
  channel.onmessage = (e) => {
    if (e.data?.type === 'settled') resolveHere(e.data.list);
    if (e.data?.type === 'all') resolveAll(e.data.outcome);
  };
}

// An outcome, or { state: 'queued' } if it takes longer than `ms` (the page moves on; the
// operation stays in the outbox).
export const within = (outcome, ms) => Promise.race([outcome,
  new Promise((resolve) => { setTimeout(() => resolve({ state: 'queued' }), ms); })]);
