// Register the service worker; a new version waits until the user agrees to update.
// The module worker flushes the outbox on Background Sync by itself; a browser that refuses
// module workers gets the classic one (all the same but that).
import { t } from './i18n.js';
import { fill, h } from './ui.js';

let agreed = false;

function register() {
  return navigator.serviceWorker.register('/sw.js', { scope: '/', type: 'module' })
    .catch(() => navigator.serviceWorker.register('/sw-classic.js', { scope: '/' }));
}

export function registerWorker() {
  if (!('serviceWorker' in navigator)) return;
  register().then((reg) => {
    if (reg.waiting && navigator.serviceWorker.controller) offer(reg.waiting);
    reg.addEventListener('updatefound', () => {
      const worker = reg.installing;
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
      });
    });
  }).catch(() => null);
  navigator.serviceWorker.ready.then((reg) => {
    if (!navigator.serviceWorker.controller) reg.active?.postMessage({ type: 'claim' });
  });
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (agreed) location.reload();
  });
}

function offer(worker) {
  const box = document.getElementById('update');
  if (!box) return;
  fill(box, h('p', {}, t('update.available')), h('button', {
    type: 'button', class: 'btn btn-primary',
    onclick: () => { agreed = true; worker.postMessage({ type: 'skip-waiting' }); },
  }, t('update.now')));
  box.hidden = false;
}
