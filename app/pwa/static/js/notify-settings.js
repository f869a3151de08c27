// The settings card on "Meer": this phone's push on or off, per kind how often, quiet hours.
import { get, request, NetworkError } from './api.js';
import { t, useStrings } from './i18n.js';
import { KINDS } from './notify.js';
import { disablePush, enablePush, pushState } from './push.js';
import { fill, h, toast } from './ui.js';

await useStrings('account');

function modeSelect(kind, value) {
  const id = `notify-${kind}`;
  return h('div', { class: 'field' },
    h('label', { for: id }, t(`notify.kind.${kind}`)),
    h('select', { id, name: kind }, ['immediate', 'digest', 'off'].map((mode) =>
      h('option', { value: mode, selected: mode === value }, t(`notify.mode.${mode}`)))));
}

export async function settingsCard(target, user) {
  const kinds = KINDS[user.role] || [];
  let settings;
  try {
    settings = await get('/api/notifications/settings');
  } catch (err) {
    fill(target, h('p', { class: 'muted' }, t(err instanceof NetworkError ? 'notify.offline' : 'push.unsupported')));
    return;
  }
  const state = pushState();
  const status = { granted: 'push.on', ask: 'push.off', denied: 'push.denied', install: 'push.install',
    unsupported: 'push.unsupported' }[state];
  const toggle = state === 'granted'
    ? h('button', { type: 'button', class: 'btn', onclick: async () => { await disablePush(); settingsCard(target, user); } }, t('push.disable'))
    : state === 'ask'
      ? h('button', { type: 'button', class: 'btn btn-primary', onclick: async () => {
        toast(t((await enablePush().catch(() => false)) ? 'push.enabled' : 'push.not_enabled'));
        settingsCard(target, user);
      } }, t('push.enable'))
      : null;
  const form = h('form', { class: 'form', novalidate: true },
    kinds.map((kind) => modeSelect(kind, settings.modes[kind])),
    h('div', { class: 'field' },
      h('label', { for: 'quiet-start' }, t('notify.quiet')),
      h('span', { class: 'time-range' },
        h('input', { id: 'quiet-start', name: 'quiet_start', type: 'time', value: settings.quiet_start, required: true }),
        ` ${t('notify.quiet.and')} `,
        h('input', { id: 'quiet-end', name: 'quiet_end', type: 'time', value: settings.quiet_end,
          required: true, 'aria-label': `${t('notify.quiet')} ${t('notify.quiet.and')}` }))),
    user.role === 'praktijkopleider'
      ? h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'digest_by_email',
        checked: settings.digest_by_email }), ` ${t('notify.digest_by_email')}`)
      : null,
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'message_preview',
      checked: settings.message_preview }), ` ${t('notify.message_preview')}`),
    h('p', { class: 'error-summary', role: 'alert', hidden: true }),
    h('button', { type: 'submit', class: 'btn btn-primary' }, t('notify.save')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = { modes: Object.fromEntries(kinds.map((k) => [k, data.get(k)])),
      quiet_start: data.get('quiet_start'), quiet_end: data.get('quiet_end') };
    if (user.role === 'praktijkopleider') body.digest_by_email = data.get('digest_by_email') === 'on';
    body.message_preview = data.get('message_preview') === 'on';
    const error = form.querySelector('.error-summary');
    try {
      await request('PATCH', '/api/notifications/settings', { body });
      error.hidden = true;
      toast(t('notify.saved'));
    } catch (err) {
      error.textContent = err instanceof NetworkError ? t('notify.offline') : err.message;
      error.hidden = false;
    }
  });
  fill(target, h('p', {}, t(status)), toggle, form);
}
