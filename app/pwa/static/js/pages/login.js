import { request, NetworkError } from '../api.js';
import { LOGGED_OUT, ROLE_HOME, SIGNED_IN } from '../session.js';
import { getMeta, setMeta, wipe } from '../db.js';
import { setLocale, t } from '../i18n.js';
import { summary } from '../outbox.js';
import { $, fill, h } from '../ui.js';
import { LOCALE_CHOSEN, languageSwitch } from '../lang.js';

async function finishServerLogout() {
  if (!localStorage.getItem(LOGGED_OUT)) return;
  try {
    await request('POST', '/api/auth/logout');
  } catch { /* offline, or the session was already gone */ }
}

export default async function login() {
  const params = new URLSearchParams(location.search);
  const previous = await getMeta('user');
  const loggedOut = localStorage.getItem(LOGGED_OUT);
  if (previous && !loggedOut && !(await getMeta('authNeeded'))) {
    location.replace(ROLE_HOME[previous.role] || '/account');
    return;
  }
  const notes = [];
  const { total } = previous ? await summary() : { total: 0 };
  if (previous && total) {
    notes.push(h('p', { class: 'banner banner-warn' },
      t('login.others', { n: total, name: previous.name })));
  }
  if (!navigator.onLine) notes.push(h('p', { class: 'banner' }, t('login.offline')));
  fill('#login-notes', notes);
  fill('#login-language', languageSwitch(false));

  const form = $('#login-form');
  const error = $('#login-error');
  form.querySelector('button[type=submit]').disabled = false; // the form works from here on
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    const email = form.email.value.trim();
    const password = form.password.value;
    if (!email || !password) {
      error.textContent = t('login.missing');
      error.hidden = false;
      return;
    }
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    let user;
    try {
      await finishServerLogout();
      user = (await request('POST', '/api/auth/login', { body: { email, password } })).data;
    } catch (err) {
      error.textContent = err instanceof NetworkError ? t('login.offline') : (err.body?.message || err.message);
      error.hidden = false;
      button.disabled = false;
      form.password.focus();
      return;
    }
    if (previous && previous.id !== user.id) await wipe();
    // A language chosen on this page goes to the account; otherwise the account's is used.
    const chosen = localStorage.getItem(LOCALE_CHOSEN);
    localStorage.removeItem(LOCALE_CHOSEN);
    if (chosen && chosen !== user.locale) {
      try {
        user = (await request('PATCH', '/api/auth/me', { body: { locale: chosen } })).data;
      } catch {
        const { setServerLocale } = await import('../actions.js');
        await setServerLocale(chosen).catch(() => null);
        user = { ...user, locale: chosen };
      }
    }
    await setMeta('user', user);
    await setMeta('authNeeded', false);
    localStorage.removeItem(LOGGED_OUT);
    localStorage.setItem(SIGNED_IN, '1');
    if (user.locale) await setLocale(user.locale);
    // Ask the browser not to evict the outbox under storage pressure.
    try { await navigator.storage?.persist?.(); } catch { /* not granted: fine */ }
    const next = params.get('next');
    const safe = next && next.startsWith('/') && !next.startsWith('//') && next !== '/login';
    location.replace(safe ? next : (ROLE_HOME[user.role] || '/account'));
  });
}
