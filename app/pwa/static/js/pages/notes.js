// Notities: the student's notes, each with who may read it; a change of who may read it is
// saved at once (and takes effect everywhere once it reaches the server).
import { onChange, unchanged } from '../components.js';
import { deleteRecord, saveRecord } from '../evidence-actions.js';
import { placementOf, recordsOf, tabs } from '../evidence-view.js';
import { instant } from '../dates.js';
import { t, useStrings } from '../i18n.js';
import { $, ask, fill, h, syncBadge, toast } from '../ui.js';

await useStrings('evidence');

export const VISIBILITIES = ['self', 'docent', 'all'];

function visibilitySelect(id, value, onchange) {
  const select = h('select', { id, onchange },
    VISIBILITIES.map((v) => h('option', { value: v }, t(`note.visibility.${v}`))));
  select.value = value;
  return select;
}

function noteItem(r) {
  const d = r.data;
  const selectId = `vis-${d.id}`;
  const text = h('textarea', { id: `text-${d.id}`, rows: '3', 'aria-label': t('note.text') });
  text.value = d.text;
  return h('li', { class: 'card note' },
    h('p', { class: 'pre' }, d.text),
    h('p', { class: 'muted' }, d.created_at ? instant(`${d.created_at}Z`) : t('sync.unsent'), ' ', syncBadge(r.sync)),
    h('div', { class: 'field' }, h('label', { for: selectId }, t('note.visibility')),
      visibilitySelect(selectId, d.visibility, async (e) => {
        await saveRecord('note', { visibility: e.target.value }, { id: d.id });
        toast(t('note.visibility.saved'));
      })),
    h('details', {}, h('summary', {}, t('note.edit')),
      text,
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'btn btn-small', onclick: async () => {
          if (text.value.trim()) await saveRecord('note', { text: text.value.trim() }, { id: d.id });
        } }, t('action.save')),
        h('button', { type: 'button', class: 'btn btn-small btn-danger', onclick: async () => {
          if (await ask({ title: t('note.delete.title'), body: t('note.delete.body'), ok: t('note.delete'), danger: true })) {
            await deleteRecord('note', d.id);
          }
        } }, t('note.delete')))));
}

export default async function notes({ user }) {
  const pid = await placementOf(user);
  tabs(user, pid, 'notes');
  const form = $('#note-form');
  fill(form.querySelector('#note-visibility'), VISIBILITIES.map((v) => h('div', { class: 'wp-option' },
    h('input', { type: 'radio', name: 'visibility', id: `new-vis-${v}`, value: v, checked: v === 'self' }),
    h('label', { for: `new-vis-${v}` }, t(`note.visibility.${v}`)))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = form.text.value.trim();
    if (!text) { $('#note-error').hidden = false; form.text.focus(); return; }
    $('#note-error').hidden = true;
    const visibility = form.visibility.value;
    form.reset(); // at once: what is typed next is the next note
    form.querySelector('#new-vis-self').checked = true;
    await saveRecord('note', { text, visibility });
    toast(t('note.saved'));
  });
  const render = async () => {
    const list = (await recordsOf('note', pid))
      .sort((a, b) => String(b.data.created_at || '~').localeCompare(String(a.data.created_at || '~')));
    if (unchanged('notes', list.map((r) => [r.key, r.data, r.sync]))) return;
    fill('#view', list.length ? h('ul', { class: 'list' }, list.map(noteItem))
      : h('p', { class: 'card' }, t('note.none')));
  };
  await render();
  onChange(render);
}
