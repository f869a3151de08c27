// The network layer (api.js) with a stand-in fetch: JSON and Blob bodies, typed errors.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { HttpError, NetworkError, getBlob, ifMatch, request, retryAfterMs } from '../../app/pwa/static/js/api.js';
import { setClock } from '../../app/pwa/static/js/clock.js';

const realFetch = globalThis.fetch;
let sent = null;
function answer(status, body, headers = {}) {
  globalThis.fetch = async (url, init) => {
    sent = { url, ...init };
    return new Response(body === undefined ? '' : JSON.stringify(body), { status, headers });
  };
}
afterEach(() => { globalThis.fetch = realFetch; sent = null; setClock(null); });

test('a JSON body is sent as JSON', async () => {
  answer(201, { id: 'a', version: 1 });
  const res = await request('POST', '/api/x', { body: { a: 1 }, headers: { 'Idempotency-Key': 'k' } });
  assert.equal(res.status, 201);
  assert.deepEqual(res.data, { id: 'a', version: 1 });
  assert.equal(sent.headers['Content-Type'], 'application/json');
  assert.equal(sent.headers['Idempotency-Key'], 'k');
  assert.equal(sent.body, '{"a":1}');
});

test('a Blob body is sent as it is, with its own type', async () => {
  answer(201, { id: 'p' });
  const photo = new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' });
  await request('PUT', '/api/photos/p/content', { body: photo });
  assert.equal(sent.body, photo);
  assert.equal(sent.headers['Content-Type'], 'image/jpeg');
  await request('PUT', '/api/x', { body: new Blob(['raw']) });
  assert.equal(sent.headers['Content-Type'], 'application/octet-stream');
});

test('a refusal is an HttpError with the server message and fields', async () => {
  answer(413, { error: 'too_large', message: 'Het bestand is te groot.', errors: null });
  await assert.rejects(request('PUT', '/api/x', { body: new Blob(['x']) }), (err) => {
    assert.ok(err instanceof HttpError);
    assert.equal(err.status, 413);
    assert.equal(err.code, 'too_large');
    assert.equal(err.message, 'Het bestand is te groot.');
    return true;
  });
});

test('no connection is a NetworkError', async () => {
  globalThis.fetch = async () => { throw new TypeError('Failed to fetch'); };
  await assert.rejects(request('GET', '/api/x'), NetworkError);
});

test('Retry-After in seconds or as a date; If-Match from a version', async () => {
  assert.equal(retryAfterMs('120'), 120000);
  setClock(() => Date.parse('2026-06-01T12:00:00Z'));
  assert.equal(retryAfterMs('Mon, 01 Jun 2026 12:00:30 GMT'), 30000);
  assert.equal(retryAfterMs('soon'), null);
  answer(429, { error: 'slow_down', message: 'Te veel' }, { 'Retry-After': '5' });
  await assert.rejects(request('GET', '/api/x'), (err) => err.retryAfter === 5000);
  assert.equal(ifMatch(3), '"3"');
});

test('a picture is fetched as a Blob; a refusal is still an HttpError', async () => {
  globalThis.fetch = async (url, init) => {
    sent = { url, ...init };
    return url.endsWith('/gone')
      ? new Response(JSON.stringify({ error: 'not_found', message: 'Niet gevonden.' }), { status: 404 })
      : new Response(new Uint8Array([0xff, 0xd8]), { status: 200, headers: { 'Content-Type': 'image/jpeg' } });
  };
  const blob = await getBlob('/api/photos/p/thumbnail');
  assert.ok(blob instanceof Blob);
  assert.equal(blob.type, 'image/jpeg');
  assert.deepEqual([...new Uint8Array(await blob.arrayBuffer())], [0xff, 0xd8]);
  assert.equal(sent.headers.Accept, '*/*');
  await assert.rejects(getBlob('/api/photos/p/gone'), (err) => err instanceof HttpError && err.status === 404);
});
