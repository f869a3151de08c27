// The account: who is logged in, language, sync, and logging out (which clears this phone).
import { request, NetworkError } from '../api.js';
import { LOGGED_OUT, SIGNED_IN } from '../session.js';
import { fullDate, instant, number } from '../dates.js';
import { get, getMeta, wipe } from '../db.js';
import { placementKey } from '../records.js';
import { t, useStrings } from '../i18n.js';
import { languageSwitch } from '../lang.js';
import { onChange } from '../components.js';
import { settingsCard } from '../notify-settings.js';
import { flush, summary } from '../outbox.js';
import { disablePush } from '../push.js';
import { run } from '../sync.js';
import { $, ask, fill, h, toast } from '../ui.js';

await useStrings('account');

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

// The student's placement, as the last sync brought it: who the trainer and docent are and how
// to reach them (mail and phone as links a phone opens), and where the company is.
function contact(ref) {
  if (!ref) return t('account.placement.none');
  const links = [];
  if (ref.email) links.push(h('a', { href: `mailto:${ref.email}`, class: 'contact-link' }, ref.email));
  if (ref.phone) {
    links.push(h('a', { href: `tel:${ref.phone.replace(/[^0-9+]/g, '')}`, class: 'contact-link',
      'aria-label': t('account.placement.call', { name: ref.name, phone: ref.phone }) }, ref.phone));
  }
  return h('span', { class: 'contact' }, h('span', {}, ref.name), ...links);
}

function companyAddress(c) {
  if (!c) return t('account.placement.none');
  const place = [c.postcode, c.city].filter(Boolean).join(' ');
  return h('span', { class: 'contact' }, ...[c.name, c.address, place].filter(Boolean).map((line) => h('span', {}, line)));
}

async function placementFacts() {
  const pid = await getMeta('placementId');
  const p = pid ? (await get('records', placementKey(pid)))?.data : null;
  if (!p) return [h('dd', {}, t('account.placement.empty'))];
  const who = contact;
  const company = companyAddress(p.company);
  const row = (key, value) => [h('dt', {}, t(key)), h('dd', {}, value)];
  return [
    row('account.placement.company', company),
    row('account.placement.trainer', who(p.praktijkopleider)),
    row('account.placement.docent', who(p.docent)),
    p.programme ? row('account.placement.programme', p.programme.name) : null,
    row('account.placement.period', p.start_date && p.end_date
      ? t('account.placement.period.value', { start: fullDate(p.start_date), end: fullDate(p.end_date) })
      : t('account.placement.none')),
    row('account.placement.hours', p.required_hours != null
      ? t('account.placement.hours.value', { n: number(p.required_hours), count: p.required_hours })
      : t('account.placement.none')),
    row('account.placement.pok', p.pok_status ? t(`pok.status.${p.pok_status}`) : t('account.placement.none')),
  ].filter(Boolean).flat();
}

function passwordForm() {
  const form = $('#password-form');
  const offline = $('#password-offline');
  const general = $('#password-error');
  const done = $('#password-done');
  const fields = ['current_password', 'new_password', 'repeat_password'];
  const online = () => {
    offline.hidden = navigator.onLine;
    form.querySelector('button[type=submit]').disabled = !navigator.onLine;
  };
  online();
  addEventListener('online', online);
  addEventListener('offline', online);
  const show = (errors, message) => {
    for (const f of fields) {
      const el = $(`#${f}-error`);
      const text = errors[f];
      el.textContent = text || '';
      el.hidden = !text;
      form[f].setAttribute('aria-invalid', text ? 'true' : 'false');
    }
    general.textContent = message || '';
    general.hidden = !message;
    const first = fields.find((f) => errors[f]);
    if (first) form[first].focus();
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    done.hidden = true;
    const values = Object.fromEntries(fields.map((f) => [f, form[f].value]));
    const missing = Object.fromEntries(fields.filter((f) => !values[f])
      .map((f) => [f, t('account.password.missing')]));
    if (Object.keys(missing).length) { show(missing); return; }
    if (values.new_password !== values.repeat_password) {
      show({ repeat_password: t('account.password.mismatch') });
      return;
    }
    if (!navigator.onLine) { show({}, t('account.password.offline')); return; }
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      await request('POST', '/api/auth/password', { body: {
        current_password: values.current_password, new_password: values.new_password } });
    } catch (err) {
      if (err instanceof NetworkError) show({}, t('account.password.offline'));
      else {
        const errors = {};
        for (const [f, list] of Object.entries(err.body?.errors || {})) {
          if (fields.includes(f)) errors[f] = [].concat(list).join(' ');
        }
        show(errors, Object.keys(errors).length ? '' : (err.body?.message || err.message));
      }
      button.disabled = false;
      return;
    }
    button.disabled = false;
    form.reset();
    show({});
    done.textContent = t('account.password.done');
    done.hidden = false;
  });
}

export default async function account({ user }) {
  fill('#account-me',
    h('dt', {}, t('account.name')), h('dd', {}, user.name),
    h('dt', {}, t('account.email')), h('dd', {}, user.email),
    h('dt', {}, t('account.role')), h('dd', {}, t(`role.${user.role}`)),
    user.company ? [h('dt', {}, t('account.company')), h('dd', {}, user.company.name)] : null);
  fill('#account-language', languageSwitch(true));
  passwordForm();
  if (user.role === 'student') {
    $('#account-placement-card').hidden = false;
    fill('#account-placement', ...(await placementFacts()));
  }
  $('#account-sync-now').addEventListener('click', async () => {
    await run({ force: true, refresh: true });
    toast(t('account.sync.done'));
  });
  $('#logout').addEventListener('click', logout);
  settingsCard($('#account-notify'), user);
  const render = async () => {
    const [last, { total }] = await Promise.all([getMeta('lastSyncOk'), summary()]);
    if (user.role === 'student') fill('#account-placement', ...(await placementFacts()));
    fill('#account-sync', last ? t('sync.last', { when: instant(last) }) : t('sync.never'),
      total ? ` ${t('outbox.unsent', { n: total })}.` : '');
  };
  await render();
  onChange(render);
}
