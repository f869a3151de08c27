// One STARRT: the student writes it (saved on the phone as it is typed, also offline, and sent
// as a draft through the outbox), hands it in; the praktijkopleider rates it O, V or G with a
// remark and initials; the docent reads it. A rated STARRT is final.
import { onChange, unchanged } from '../components.js';
import { get } from '../db.js';
import { deleteRecord, recordAction, saveRecord } from '../evidence-actions.js';
import { placementOf, recordsOf, starrtBadge, treeOf } from '../evidence-view.js';
import { t, useStrings } from '../i18n.js';
import { PARTS } from '../kinds/starrt.js';
import { $, ask, fill, h, setTitle, toast } from '../ui.js';
import { mountPicker, werkprocesLabel } from '../wp-picker.js';
import { evidencePicker, evidenceList } from '../starrt-evidence.js';

await useStrings('starrt');

const AUTOSAVE_MS = 400;

export function initials(name) {
  return String(name || '').split(/\s+/).filter((w) => w && w[0] === w[0].toUpperCase())
    .map((w) => w[0]).join('').slice(0, 4);
}

function readView(d, tree, links) {
  return h('div', {},
    h('p', {}, starrtBadge(d)),
    PARTS.map((p) => h('section', { class: 'starrt-part' },
      h('h2', { class: 'h3' }, t(`starrt.part.${p}`)),
      h('p', { class: 'pre' }, d[p] || '–'))),
    h('h2', { class: 'h3' }, t('field.werkprocessen')),
    h('ul', {}, (d.werkprocessen || []).map((c) => h('li', {}, werkprocesLabel(tree, c)))),
    links,
    d.status === 'rated' ? h('section', { class: 'card rating' },
      h('p', { class: 'big' }, t('starrt.rating.is', { rating: t(`starrt.rating.${d.rating}`) })),
      d.rating_remark ? h('p', { class: 'pre' }, d.rating_remark) : null,
      h('p', { class: 'muted' }, t('starrt.rating.initials', { initials: d.rating_initials }))) : null);
}

function rateForm(user, id, pid) {
  const form = h('form', { class: 'card', id: 'rate-form' },
    h('fieldset', {}, h('legend', {}, t('starrt.rate.legend')),
      ['O', 'V', 'G'].map((r) => h('div', { class: 'wp-option' },
        h('input', { type: 'radio', name: 'rating', id: `rating-${r}`, value: r, required: true }),
        h('label', { for: `rating-${r}` }, t(`starrt.rating.${r}`))))),
    h('div', { class: 'field' }, h('label', { for: 'remark' }, t('starrt.rate.remark')),
      h('textarea', { id: 'remark', name: 'remark', rows: '3', maxlength: '2000' })),
    h('div', { class: 'field' }, h('label', { for: 'initials' }, t('starrt.rate.initials')),
      h('input', { id: 'initials', name: 'initials', required: true, maxlength: '10', autocomplete: 'off' })),
    h('button', { type: 'submit', class: 'btn btn-primary' }, t('starrt.rate.save')));
  form.initials.value = initials(user.name);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { rating: form.rating.value, remark: form.remark.value.trim(), initials: form.initials.value.trim() };
    await recordAction('starrt', id, 'rate', { body, local: { status: 'rated', rating: body.rating,
      rating_remark: body.remark, rating_initials: body.initials } });
    toast(t('starrt.rated'));
    location.href = `/starrts?p=${pid}`;
  });
  return form;
}

async function editor(user, pid, record, tree) {
  const params = new URLSearchParams(location.search);
  let id = record?.data?.id || null;
  const from = params.get('from') ? await get('records', `starrt:${params.get('from')}`) : null;
  const d = record?.data || (from ? { title: from.data.title, werkprocessen: from.data.werkprocessen } : {});
  const form = $('#starrt-form');
  form.hidden = false;
  form.title.value = d.title || '';
  for (const p of PARTS) form[p].value = d[p] || '';
  const picker = await mountPicker($('#starrt-wp'), d.werkprocessen || [], { name: 'starrt-wp' });
  const entries = await recordsOf('entry', pid);
  const photos = await recordsOf('photo', pid);
  const evidence = evidencePicker($('#starrt-evidence'), { entries, photos, chosen: d.evidence || [] });
  const status = $('#starrt-saved');
  const values = () => ({
    title: form.title.value, ...Object.fromEntries(PARTS.map((p) => [p, form[p].value])),
    werkprocessen: picker.value(), evidence: evidence.value(),
  });
  let timer = null;
  let last = JSON.stringify(values());
  const save = async () => {
    clearTimeout(timer);
    const now = values();
    if (JSON.stringify(now) === last) return;
    last = JSON.stringify(now);
    const saved = await saveRecord('starrt', now, { id, local: { status: 'draft' } });
    if (!id) {
      id = saved.id;
      history.replaceState(null, '', `/starrt?id=${id}`);
      $('#starrt-delete').hidden = false;
    }
    status.textContent = t('starrt.saved');
  };
  const soon = () => { clearTimeout(timer); status.textContent = ''; timer = setTimeout(save, AUTOSAVE_MS); };
  form.addEventListener('input', soon);
  form.addEventListener('change', soon);
  addEventListener('pagehide', () => { save(); });
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') save(); });
  $('#starrt-delete').hidden = !id;
  $('#starrt-delete').addEventListener('click', async () => {
    if (!await ask({ title: t('starrt.delete.title'), body: t('starrt.delete.body'), ok: t('starrt.delete'), danger: true })) return;
    clearTimeout(timer);
    if (id) await deleteRecord('starrt', id);
    location.href = '/starrts';
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const v = values();
    const missing = ['title', ...PARTS].filter((p) => !v[p].trim());
    const box = $('#starrt-error');
    if (missing.length || !v.werkprocessen.length) {
      box.textContent = missing.length
        ? t('starrt.incomplete', { parts: missing.map((p) => t(`starrt.label.${p}`)).join(', ') })
        : t('starrt.needs_werkproces');
      box.hidden = false;
      box.focus();
      return;
    }
    if (!await ask({ title: t('starrt.submit.title'), body: t('starrt.submit.body'), ok: t('starrt.submit') })) return;
    await save();
    await recordAction('starrt', id, 'submit', { local: { status: 'submitted' } });
    toast(t('starrt.submitted'));
    location.href = '/starrts';
  });
}

export default async function starrt({ user }) {
  const pid = await placementOf(user);
  const id = new URLSearchParams(location.search).get('id');
  const record = id ? await get('records', `starrt:${id}`) : null;
  const mine = user.role === 'student';
  $('#title').textContent = setTitle(id ? 'starrt.title' : 'starrt.title.new');
  if ((id && (!record || record.data?.deleted)) || (!id && !mine)) {
    fill('#starrt-view', h('p', { class: 'card' }, t('starrt.missing')));
    return;
  }
  const tree = await treeOf(user, record?.data?.placement_id ?? pid);
  const back = $('#starrt-back');
  back.href = mine ? '/starrts' : `/starrts?p=${record.data.placement_id}`;
  if (mine && (!record || record.data.status === 'draft')) {
    await editor(user, pid, record, tree);
    return;
  }
  let form = null; // built once: a sync while the trainer types must not wipe the form
  const render = async () => {
    const current = await get('records', `starrt:${id}`);
    if (!current) return;
    const d = current.data;
    const entries = await recordsOf('entry', d.placement_id);
    const photos = await recordsOf('photo', d.placement_id);
    if (unchanged('starrt', d, entries.length, photos.length)) return;
    const links = evidenceList(d.evidence || [], entries, photos);
    const rating = user.role === 'praktijkopleider' && d.status === 'submitted';
    if (rating) form ??= rateForm(user, id, d.placement_id);
    fill('#starrt-view', readView(d, tree, links), rating ? form : null,
      mine && d.status === 'rated' ? h('a', { class: 'btn', href: `/starrt?from=${encodeURIComponent(id)}` },
        t('starrt.again')) : null);
  };
  await render();
  onChange(render);
}
