// The account: who is logged in, language, sync, and logging out (which clears this phone).
import { request } from '../api.js';
import { LOGGED_OUT, SIGNED_IN } from '../session.js';
import { instant } from '../dates.js';
import { getMeta, wipe } from '../db.js';
import { t } from '../i18n.js';
import { languageSwitch } from '../lang.js';
import { onChange } from '../components.js';
import { settingsCard } from '../notify.js';
import { flush, summary } from '../outbox.js';
import { disablePush } from '../push.js';
import { run } from '../sync.js';
import { $, ask, fill, h, toast } from '../ui.js';

async function logout() {
  const { total } = await summary();
  if (total) {
    const choice = await ask({ title: t('logout.unsent.title', { n: total }),
      body: [t('logout.unsent.body', { n: total })], ok: t('logout.unsent.send'),
      extra: t('logout.anyway') });
    if (!choice) return;
    if (choice === 'ok') {
      await flush({ force: true }).catch(() => null);
      const left = await summary();
      if (left.total) { toast(t('logout.still', { n: left.total })); return; }
    }
  }
  // This phone stops getting someone else's notifications (online; offline the server drops
  // the subscription when the next login on this phone sends its own).
  await disablePush().catch(() => null);
  // Offline the server session cannot be ended now: remember to end it before the next login.
  localStorage.setItem(LOGGED_OUT, '1');
  localStorage.removeItem(SIGNED_IN);
  try {
    await request('POST', '/api/auth/logout');
    localStorage.removeItem(LOGGED_OUT);
  } catch { /* offline: done by the login page later */ }
  await wipe();
  location.replace('/login');
}

export default async function account({ user }) {
  fill('#account-me',
    h('dt', {}, t('account.name')), h('dd', {}, user.name),
    h('dt', {}, t('account.email')), h('dd', {}, user.email),
    h('dt', {}, t('account.role')), h('dd', {}, t(`role.${user.role}`)),
    user.company ? [h('dt', {}, t('account.company')), h('dd', {}, user.company.name)] : null);
  fill('#account-language', languageSwitch(true));
  $('#account-sync-now').addEventListener('click', async () => {
    await run({ force: true, refresh: true });
    toast(t('account.sync.done'));
  });
  $('#logout').addEventListener('click', logout);
  settingsCard($('#account-notify'), user);
  const render = async () => {
    const [last, { total }] = await Promise.all([getMeta('lastSyncOk'), summary()]);
    fill('#account-sync', last ? t('sync.last', { when: instant(last) }) : t('sync.never'),
      total ? ` ${t('outbox.unsent', { n: total })}.` : '');
  };
  await render();
  onChange(render);
}
