// The module service worker imports outbox.js: nothing in its module graph may touch the page
// (document, window, localStorage) when it loads. Node has none of them, so loading it here
// proves it.
import assert from 'node:assert/strict';
import { test } from 'node:test';

test('the outbox module graph loads without a page', async () => {
  assert.equal(typeof globalThis.document, 'undefined');
  assert.equal(typeof globalThis.window, 'undefined');
  assert.equal(typeof globalThis.localStorage, 'undefined');
  const outbox = await import('../../app/pwa/static/js/outbox.js');
  assert.equal(typeof outbox.flush, 'function');
  assert.equal(typeof outbox.unsent, 'function');
});

test('the push renewal module graph loads without a page too', async () => {
  const push = await import('../../app/pwa/static/js/push-renew.js');
  assert.equal(typeof push.renew, 'function');
  assert.equal(typeof push.send, 'function');
});
