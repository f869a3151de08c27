// New or changed hour entry. Saving queues it in the outbox; online, we wait a moment for its
// outcome so a refused entry shows the server's message next to the fields at once.
import { deleteEntry, saveEntry } from '../actions.js';
import { get, getMeta } from '../db.js';
import { isoWeek, minutesBetween, today } from '../dates.js';
import { locale, t } from '../i18n.js';
import { discard } from '../outbox-choices.js';
import { opsFor } from '../outbox.js';
import { editableStatus, entryKey, weekKey } from '../records.js';
import { tx } from '../db.js';
import { within } from '../outcomes.js';
import { $, ask, duration, fill, h, setTitle } from '../ui.js';
import { mountPicker } from '../wp-picker.js';

const QUICK = [
  ['08:00', '17:00', 'entry.quick.day'],
  ['08:30', '17:00', 'entry.quick.day'],
  ['08:00', '12:30', 'entry.quick.morning'],
  ['12:30', '17:00', 'entry.quick.afternoon'],
];
const FIELDS = ['date', 'start_time', 'end_time', 'category', 'description'];

const opsOf = (key) => tx(['outbox'], 'readonly', (s) => opsFor(s, key));

async function weekStatus(pid, date) {
  const week = await get('records', weekKey(pid, isoWeek(date)));
  return week?.data?.status || 'open';
}

function showErrors(form, message, errors) {
  const summary = $('#entry-error');
  for (const f of FIELDS) {
    const box = $(`#${f}-error`);
    const list = errors?.[f];
    box.hidden = !list;
    box.textContent = list ? list.join(' ') : '';
    form[f].setAttribute('aria-invalid', list ? 'true' : 'false');
  }
  const wpBox = $('#werkprocessen-error'); // Evidence (#9)
  wpBox.hidden = !errors?.werkprocessen;
  wpBox.textContent = errors?.werkprocessen ? [].concat(errors.werkprocessen).join(' ') : '';
  summary.hidden = !message;
  summary.textContent = message || '';
  if (message) summary.focus();
}

export default async function entry() {
  const params = new URLSearchParams(location.search);
  const id = params.get('id');
  // Only a path on this site (never "//host" or "javascript:") is a way back.
  const asked = params.get('back') || '';
  const back = /^\/(?![\/\\])/.test(asked) ? asked : '/home';
  const form = $('#entry-form');
  const pid = await getMeta('placementId');
  const categories = (await getMeta('categories')) || [];
  const record = id ? await get('records', entryKey(id)) : null;
  $('#entry-cancel').href = back;
  if (id && (!record || record.data?.deleted)) {
    fill('#entry-error', t('entry.missing')).hidden = false;
    form.querySelectorAll('input, select, textarea, button').forEach((el) => { el.disabled = true; });
    return;
  }
  $('#title').textContent = setTitle(id ? 'entry.title.edit' : 'entry.title.new');

  fill(form.category, h('option', { value: '' }, t('entry.category.choose')),
    categories.map((c) => h('option', { value: String(c.code) }, locale() === 'en' ? c.name_en : c.name_nl)));
  const d = record?.data;
  form.date.value = d?.date || params.get('date') || today();
  form.start_time.value = d?.start_time || '';
  form.end_time.value = d?.end_time || '';
  form.category.value = String(d?.category ?? categories.find((c) => c.counts_toward_hours)?.code ?? '');
  form.description.value = d?.description || '';
  const picker = await mountPicker($('#wp-picker'), d?.werkprocessen || []);

  const quick = QUICK.map(([start, end, key]) => h('button', {
    type: 'button', class: 'chip', 'data-start': start, 'data-end': end,
    onclick: () => { form.start_time.value = start; form.end_time.value = end; update(); },
  }, t(key, { start, end })));
  fill('#quick', quick);

  const locked = async () => {
    const original = d ? await weekStatus(d.placement_id ?? pid, d.date) : 'open';
    const chosen = await weekStatus(pid, form.date.value || today());
    return !editableStatus(original) ? original : !editableStatus(chosen) ? chosen : null;
  };
  let wired = false;
  async function update() {
    for (const b of quick) {
      b.setAttribute('aria-pressed', String(b.dataset.start === form.start_time.value
        && b.dataset.end === form.end_time.value));
    }
    const { start_time: s, end_time: e } = form;
    $('#entry-duration').textContent = s.value && e.value && minutesBetween(s.value, e.value) > 0
      ? t('entry.duration', { total: duration(minutesBetween(s.value, e.value)) }) : '';
    const status = await locked();
    const note = $('#entry-locked');
    note.hidden = !status;
    note.textContent = status ? t(`entry.locked.${status}`) : '';
    $('#entry-save').disabled = Boolean(status) || !wired; // not before the submit handler
    $('#entry-delete').disabled = Boolean(status);
    form.querySelectorAll('input, select, textarea').forEach((el) => { el.disabled = Boolean(status); });
    if (status) form.date.disabled = Boolean(d);
  }
  form.addEventListener('input', update);
  await update();

  if (id) {
    const parked = (await opsOf(entryKey(id))).find((o) => o.state === 'attention');
    if (parked) showErrors(form, parked.error?.message, parked.error?.errors);
    const del = $('#entry-delete');
    del.hidden = false;
    del.addEventListener('click', async () => {
      const yes = await ask({ title: t('entry.delete.title'), body: t('entry.delete.body'),
        ok: t('entry.delete'), danger: true });
      if (!yes) return;
      await deleteEntry(id);
      location.href = back;
    });
  }

  let currentId = id;
  // Refused here, online: "Annuleren" leaves nothing behind (a new entry is forgotten, an edit
  // goes back to the server's copy).
  let refusedHere = false;
  $('#entry-cancel').addEventListener('click', async (event) => {
    if (!refusedHere) return;
    event.preventDefault();
    const current = await get('records', entryKey(currentId));
    if (!id || current?.server) {
      const parked = (await opsOf(entryKey(currentId))).find((o) => o.state === 'attention');
      if (parked) await discard(parked.seq);
    }
    location.href = back;
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = Object.fromEntries(FIELDS.map((f) => [f, form[f].value.trim()]));
    values.werkprocessen = picker.value();
    const hints = {};
    for (const f of ['date', 'start_time', 'end_time', 'category']) {
      if (!values[f]) hints[f] = [t('entry.required')];
    }
    if (!hints.start_time && !hints.end_time && minutesBetween(values.start_time, values.end_time) <= 0) {
      hints.end_time = [t('entry.end_after_start')];
    }
    if (Object.keys(hints).length) { showErrors(form, t('entry.check'), hints); return; }
    $('#entry-save').disabled = true;
    const { id: savedId, outcome } = await saveEntry(values, currentId);
    currentId = savedId;
    // Offline it is queued at once; online the server's answer takes a moment at most.
    const result = navigator.onLine ? await within(outcome, 5000) : { state: 'queued' };
    if (result.state === 'refused') {
      refusedHere = true;
      $('#entry-save').disabled = false;
      if (!id) history.replaceState(null, '', `/entry?id=${savedId}&back=${encodeURIComponent(back)}`);
      showErrors(form, result.error?.message, result.error?.errors);
      return;
    }
    location.href = back;
  });
  wired = true;
  await update();
}
