// Guidance questions on the School line: the student picks at most three of their items (a
// fourth is refused here, and by the server), writes the question and says how they want an
// answer; the docent sees the items as they were when shared, answers in the thread or
// proposes a time; the student marks it resolved.
import { askQuestion, changeQuestion } from './chat-actions.js';
import { itemView, utc } from './chat-view.js';
import { instant } from './dates.js';
import { byKind } from './db.js';
import { t, useStrings } from './i18n.js';
import { MAX_SHARED } from './kinds/guidance.js';
import { badge, h, toast } from './ui.js';

await useStrings('chat');

const MODES = ['written', 'call', 'video', 'face_to_face'];

export async function questionsOf(pid) {
  const all = await byKind('guidance_question');
  return new Map(all.filter((r) => String(r.pid) === String(pid)).map((r) => [r.data.id, r]));
}

export function guidanceCard(user, record, { onAnswer }) {
  const q = record.data;
  const status = q.status || 'open';
  const docent = user.role === 'docent';
  const student = user.role === 'student';
  return h('section', { class: 'guidance', 'aria-label': t('guidance.title') },
    h('p', {}, h('strong', {}, t('guidance.title')), ' ', badge(status === 'resolved' ? 'approved'
      : status === 'answered' ? 'open' : 'submitted', t(`guidance.status.${status}`))),
    h('p', { class: 'msg-body' }, q.question),
    h('p', { class: 'muted' }, t('guidance.wants', { mode: t(`guidance.mode.${q.answer_mode}`) })),
    h('p', { class: 'muted' }, t('guidance.shared', { n: (q.items || []).length })),
    h('ul', { class: 'list guidance-items' }, (q.items || []).map((item) => h('li', {}, itemView(item)))),
    q.proposed_at ? h('p', { class: 'banner' }, t('guidance.proposed', { when: instant(utc(q.proposed_at)) }),
      q.proposed_note ? ` · ${q.proposed_note}` : '') : null,
    docent && status !== 'resolved' ? h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'btn btn-small', onclick: () => onAnswer(record) }, t('guidance.answer')),
      proposeForm(record)) : null,
    student && status !== 'resolved' && record.server ? h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'btn btn-small', onclick: () => changeQuestion(record, { resolved: true }) },
        t('guidance.resolve'))) : null);
}

function proposeForm(record) {
  const id = `propose-${record.data.id}`;
  const when = h('input', { type: 'datetime-local', id, required: true });
  const note = h('input', { type: 'text', id: `${id}-note`, maxlength: 500 });
  return h('details', { class: 'propose' }, h('summary', {}, t('guidance.propose')),
    h('form', { onsubmit: (e) => {
      e.preventDefault();
      if (!when.value) return;
      // datetime-local is the phone's local time: sent with its offset.
      const at = new Date(when.value);
      changeQuestion(record, { proposed_at: at.toISOString(), proposed_note: note.value });
    } },
    h('label', { for: id }, t('guidance.propose.when')), when,
    h('label', { for: `${id}-note` }, t('guidance.propose.note')), note,
    h('button', { type: 'submit', class: 'btn btn-primary btn-small' }, t('guidance.propose.send'))));
}

export function guidanceComposer(user, pid, loadItems) {
  const text = h('textarea', { id: 'guidance-text', rows: 3, maxlength: 4000, required: true });
  const alert = h('p', { class: 'text-warn', role: 'alert', id: 'guidance-alert' });
  const boxes = h('fieldset', { class: 'guidance-pick' }, h('legend', {}, t('guidance.pick', { n: MAX_SHARED })));
  const modes = h('fieldset', {}, h('legend', {}, t('guidance.mode')), MODES.map((mode, i) => h('label', { class: 'choice' },
    h('input', { type: 'radio', name: 'guidance-mode', value: mode, checked: i === 0 }), t(`guidance.mode.${mode}`))));
  let items = [];
  loadItems().then((found) => {
    items = found;
    boxes.append(...found.map((item, i) => h('label', { class: 'choice' },
      h('input', { type: 'checkbox', value: String(i), onchange: (e) => limit(e.target) }), item.label)));
  });
  const picked = () => [...boxes.querySelectorAll('input:checked')].map((b) => items[Number(b.value)]);
  // A fourth is refused: the box does not stay ticked, and the phone says why.
  function limit(box) {
    if (box.checked && picked().length > MAX_SHARED) {
      box.checked = false;
      alert.textContent = t('guidance.too_many', { n: MAX_SHARED });
    } else {
      alert.textContent = '';
    }
  }
  const form = h('form', { id: 'guidance-form', onsubmit: async (e) => {
    e.preventDefault();
    const chosen = picked();
    if (!chosen.length) { alert.textContent = t('guidance.none'); return; }
    if (!text.value.trim()) { text.focus(); return; }
    const mode = form.querySelector('input[name="guidance-mode"]:checked')?.value || 'written';
    await askQuestion(pid, { question: text.value, answerMode: mode, items: chosen });
    text.value = '';
    for (const b of boxes.querySelectorAll('input:checked')) b.checked = false;
    details.open = false;
    toast(t('guidance.sent'));
  } },
  h('p', { class: 'muted' }, t('guidance.intro')),
  h('label', { for: 'guidance-text' }, t('guidance.question')), text, modes, boxes, alert,
  h('button', { type: 'submit', class: 'btn btn-primary' }, t('guidance.send')));
  const details = h('details', { class: 'card guidance-new' }, h('summary', {}, t('guidance.new')), form);
  return details;
}
