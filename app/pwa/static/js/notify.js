// Notifications in the screens: the question "may we send you a nudge?" at a moment that says
// why (not on first load). The settings card on "Meer" is in notify-settings.js: Start, which
// asks the question, need not download it.
import { t } from './i18n.js';
import { askedAlready, declineAsking, enablePush, pushState } from './push.js';
import { fill, h, toast } from './ui.js';

export const KINDS = {
  student: ['no_entry', 'submit_week', 'week_rejected'],
  praktijkopleider: ['trainer_digest'],
  docent: ['escalation'],
};
// Conversations (#10): new messages for everyone on a line, guidance questions (the docent
// hears of a new one, the student of a proposed time).
for (const role of ['student', 'praktijkopleider', 'docent']) KINDS[role].push('message');
KINDS.student.push('guidance_question');
KINDS.docent.push('guidance_question');

// The question, once per phone, where it makes sense: a student who has logged hours, a
// trainer with weeks to judge. Nothing when push cannot work here or was answered before.
// Safe to call on every redraw: it draws the card once and leaves it while it stands.
export async function askCard(target, user, { when = true } = {}) {
  const state = pushState();
  if (!when || !KINDS[user.role] || (await askedAlready()) || !['ask', 'install'].includes(state)) {
    if (target.firstChild) fill(target);
    return;
  }
  if (target.firstChild) return;
  const close = () => fill(target);
  const yes = async () => {
    const on = await enablePush().catch(() => false);
    toast(t(on ? 'push.enabled' : 'push.not_enabled'));
    close();
  };
  fill(target, h('section', { class: 'card', 'aria-live': 'polite' },
    h('p', {}, t(`push.ask.${user.role}`)),
    state === 'install' ? h('p', { class: 'muted' }, t('push.install')) : null,
    h('div', { class: 'actions' },
      state === 'install' ? null
        : h('button', { type: 'button', class: 'btn btn-primary', onclick: yes }, t('push.ask.yes')),
      h('button', { type: 'button', class: 'btn', onclick: async () => { await declineAsking(); close(); } },
        t('push.ask.no')))));
}
