// Start of every page: language, service worker, who is logged in, the frame, then the screen.
import { get } from './api.js';
import { getMeta, setMeta } from './db.js';
import { initLocale } from './i18n.js';
import { PAGE_ROLES, ROLE_HOME, SIGNED_IN, loggedOut } from './session.js';
import { registerWorker } from './sw-client.js';

async function knownUser() {
  if (loggedOut()) return null;
  const local = await getMeta('user');
  if (local) return local;
  if (!localStorage.getItem(SIGNED_IN)) return null; // never logged in here: nothing to ask
  try { // a session without local data (site data cleared): pick it up
    const me = await get('/api/auth/me');
    if (!me) return null;
    await setMeta('user', me);
    return me;
  } catch {
    return null;
  }
}

async function main() {
  const page = document.body.dataset.page;
  await initLocale();
  registerWorker();
  if (page === 'login') {
    await (await import('./pages/login.js')).default();
    document.body.classList.add('ready');
    return;
  }
  const user = await knownUser();
  if (!user) {
    location.replace(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
    return;
  }
  const home = ROLE_HOME[user.role] || '/account';
  if (page === 'start' || (PAGE_ROLES[page] && !PAGE_ROLES[page].includes(user.role))) {
    location.replace(home);
    return;
  }
  const [{ renderChrome }, { startSync }, screen] = await Promise.all([
    import('./chrome.js'), import('./sync.js'), import(`./pages/${page}.js`)]);
  renderChrome(user, page);
  if ((await getMeta('cursor')) === undefined && navigator.onLine) {
    // First start on this phone: fetch the data before drawing, rather than drawing twice.
    const { run } = await import('./sync.js');
    await Promise.race([run({ refresh: true }), new Promise((r) => setTimeout(r, 3000))]);
  }
  await screen.default({ user });
  document.body.classList.add('ready');
  startSync(user);
  // Conversations (#10): new messages without reloading, while the app is visible.
  import('./poll.js').then((p) => p.startPolling(user)).catch(() => null);
  // Push services rotate endpoints silently: send this device's current one on every start.
  import('./push.js').then((push) => push.renewPush()).catch(() => null);
}

main();
