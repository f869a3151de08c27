// Outcomes of queued operations reach the action that queued them (outcomes.js).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { outcomeOf, settle, settleAll, settled, within } from '../../app/pwa/static/js/outcomes.js';

test('an outcome resolves when the operation is settled', async () => {
  const outcome = outcomeOf('op-1');
  settled('op-1', { state: 'sent', data: { id: 'a', version: 1 } });
  assert.deepEqual(await outcome, { state: 'sent', data: { id: 'a', version: 1 } });
});

test('several waiters, several operations in one settle', async () => {
  const a = outcomeOf('op-a');
  const a2 = outcomeOf('op-a');
  const b = outcomeOf('op-b');
  settle([{ opId: 'op-a', outcome: { state: 'queued' } },
    { opId: 'op-b', outcome: { state: 'refused', error: { status: 422 } } }]);
  assert.deepEqual(await Promise.all([a, a2, b]), [{ state: 'queued' }, { state: 'queued' },
    { state: 'refused', error: { status: 422 } }]);
});

test('no answer in time: still queued', async () => {
  assert.deepEqual(await outcomeOf('op-never', { timeout: 10 }), { state: 'queued' });
  assert.deepEqual(await within(new Promise(() => {}), 10), { state: 'queued' });
});

test('another tab (or the worker) settles it through the BroadcastChannel', async () => {
  const outcome = outcomeOf('op-far');
  const other = new BroadcastChannel('stagewijs-outcomes');
  other.postMessage({ type: 'settled', list: [{ opId: 'op-far', outcome: { state: 'sent', data: null } }] });
  assert.deepEqual(await outcome, { state: 'sent', data: null });
  other.close();
});

test('offline: every outcome waited for is queued', async () => {
  const a = outcomeOf('op-x');
  const b = outcomeOf('op-y');
  settleAll({ state: 'queued' });
  assert.deepEqual(await Promise.all([a, b]), [{ state: 'queued' }, { state: 'queued' }]);
});
