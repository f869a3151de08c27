// The network layer: every request of the app goes through here. fetch with a timeout, JSON
// (or a Blob, sent as it is with its own type) in, JSON out, and typed errors.
import { now } from './clock.js';

export class NetworkError extends Error {}

export class HttpError extends Error {
  constructor(status, body, headers) {
    super(body?.message || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
    this.code = this.body.error;
    const ra = headers?.get('Retry-After');
    this.retryAfter = ra ? retryAfterMs(ra) : null;
  }
}

// Retry-After is seconds or an HTTP date.
export function retryAfterMs(value) {
  const secs = Number(value);
  if (Number.isFinite(secs)) return secs * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now()) : null;
}

// An If-Match header value for a record version (the server's ETag is `"<version>"`).
export const ifMatch = (version) => `"${version}"`;

const isBlob = (body) => typeof Blob !== 'undefined' && body instanceof Blob;

// `as: 'blob'` answers the body as a Blob (a photo's thumbnail) instead of JSON.
export async function request(method, url, { body, headers = {}, timeout = 20000, as = 'json' } = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  const init = {
    method,
    credentials: 'same-origin',
    cache: 'no-store',
    signal: controller.signal,
    headers: { Accept: as === 'blob' ? '*/*' : 'application/json', ...headers },
  };
  if (isBlob(body)) {
    init.headers['Content-Type'] = body.type || 'application/octet-stream';
    init.body = body;
  } else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  let text;
  let blob = null;
  try {
    res = await fetch(url, init);
    if (as === 'blob' && res.ok) blob = await res.blob();
    else text = await res.text();
  } catch (err) {
    throw new NetworkError(err.message);
  } finally {
    clearTimeout(timer);
  }
  if (blob) return { status: res.status, data: blob, headers: res.headers };
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!res.ok) throw new HttpError(res.status, data, res.headers);
  return { status: res.status, data, headers: res.headers };
}

export const get = (url) => request('GET', url).then((r) => r.data);
export const getBlob = (url) => request('GET', url, { as: 'blob' }).then((r) => r.data);
export const del = (url) => request('DELETE', url).then((r) => r.data);

// All pages of a paginated list (page_size max 100).
export async function getAll(url) {
  const items = [];
  for (let page = 1; page < 100; page++) {
    const sep = url.includes('?') ? '&' : '?';
    const res = await request('GET', `${url}${sep}page=${page}&page_size=100`);
    const batch = Array.isArray(res.data) ? res.data : (res.data?.items || []);
    items.push(...batch);
    let info = null;
    try { info = JSON.parse(res.headers.get('X-Pagination') || 'null'); } catch { info = null; }
    if (!info || !info.next_page || batch.length === 0) break;
  }
  return items;
}
