// Sending this device's push subscription to the server: used by the pages and, when the push
// service rotates an endpoint, by the module service worker (no window, no document here).
import { request } from './api.js';
import { getMeta, setMeta } from './db.js';

export async function deviceId() {
  let id = await getMeta('deviceId');
  if (!id) {
    id = crypto.randomUUID();
    await setMeta('deviceId', id);
  }
  return id;
}

export async function send(subscription) {
  await request('PUT', `/api/push/subscriptions/${await deviceId()}`, { body: subscription.toJSON() });
  await setMeta('pushOn', true);
}

// pushsubscriptionchange: the browser may hand the new subscription, or only the old options.
export async function renew(registration, fresh, old) {
  let subscription = fresh;
  if (!subscription && old?.options) subscription = await registration.pushManager.subscribe(old.options);
  if (subscription) await send(subscription);
}
