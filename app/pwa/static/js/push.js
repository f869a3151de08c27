// Web push on this device. Asked for at a moment that says why (never on first load), and
// subscribe() runs inside the user's tap: Safari shows no prompt otherwise. On an iPhone push
// works only for an installed app, so the screen says how to install first.
import { del, get } from './api.js';
import { getMeta, setMeta } from './db.js';
import { deviceId, send } from './push-renew.js';

export const pushSupported = () => typeof navigator !== 'undefined' && 'serviceWorker' in navigator
  && typeof PushManager !== 'undefined' && typeof Notification !== 'undefined';

const isIOS = () => /iPhone|iPad|iPod/.test(navigator.userAgent)
  || (navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1);
const installed = () => matchMedia('(display-mode: standalone)').matches || navigator.standalone === true;
export const needsInstall = () => isIOS() && !installed();

export function pushState() {
  if (!pushSupported()) return needsInstall() ? 'install' : 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  return Notification.permission === 'granted' ? 'granted' : 'ask';
}

function keyBytes(base64url) {
  const raw = atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

// Call from a click handler. Resolves true when this device will get notifications.
export async function enablePush() {
  await setMeta('pushAsked', true);
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return false;
  const registration = await navigator.serviceWorker.ready;
  let subscription = await registration.pushManager.getSubscription();
  if (!subscription) {
    const { public_key: key } = await get('/api/push/key');
    subscription = await registration.pushManager.subscribe({
      userVisibleOnly: true, applicationServerKey: keyBytes(key) });
  }
  await send(subscription);
  return true;
}

// Every app start: push services rotate endpoints silently; send what the browser has now.
export async function renewPush() {
  if (!pushSupported() || Notification.permission !== 'granted') return;
  const registration = await navigator.serviceWorker.getRegistration();
  const subscription = await registration?.pushManager.getSubscription();
  if (subscription) await send(subscription).catch(() => null);
}

// From the settings, and at logout (before this phone's data is wiped).
export async function disablePush() {
  const registration = pushSupported() ? await navigator.serviceWorker.getRegistration() : null;
  const subscription = await registration?.pushManager.getSubscription();
  await subscription?.unsubscribe().catch(() => null);
  if (await getMeta('deviceId')) await del(`/api/push/subscriptions/${await deviceId()}`).catch(() => null);
  await setMeta('pushOn', false);
}

export const askedAlready = () => getMeta('pushAsked');
export const declineAsking = () => setMeta('pushAsked', true);
