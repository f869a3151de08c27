// The student's photos: take one or pick from the gallery (shown at once from the phone's own
// copy, uploaded by the outbox), a gallery of them, and one photo's caption and links.
import { onChange, unchanged } from '../components.js';
import { byKind, get } from '../db.js';
import { longDate, today } from '../dates.js';
import { t, useStrings } from '../i18n.js';
import { localPictures, photoKey, pictureSources, showFirst } from '../kinds/photo.js';
import { deletePhoto, updatePhoto } from '../photo-actions.js';
import { wirePicker } from '../photo-picker.js';
import { $, ask, fill, h, setTitle, syncBadge, toast } from '../ui.js';
import { mountPicker } from '../wp-picker.js';

await useStrings('evidence');

const RECENT_DAYS = 14;
const urls = new Map(); // `${id}:thumb` or `${id}:own` -> object URL of a picture on the phone
let picker = null; // the werkproces picker of the photo being edited (wp-picker.js)

const live = (records) => records.filter((r) => !r.data?.deleted)
  .sort((a, b) => String(b.data.taken_at).localeCompare(String(a.data.taken_at)));

// Where each picture comes from, best first (kinds/photo.js): the phone's thumbnail and its
// own copy (object URLs kept while they are shown), then the server's files.
async function sources(records) {
  const local = await localPictures(records.map((r) => r.id));
  const seen = new Set();
  const urlOf = (key, blob) => {
    if (!blob) return null;
    seen.add(key);
    if (!urls.has(key)) urls.set(key, URL.createObjectURL(blob));
    return urls.get(key);
  };
  const found = new Map(records.map((r) => {
    const { thumb, own } = local.get(String(r.id)) || {};
    return [r.id, { thumb: urlOf(`${r.id}:thumb`, thumb), own: urlOf(`${r.id}:own`, own) }];
  }));
  for (const [key, url] of urls) {
    if (!seen.has(key)) { URL.revokeObjectURL(url); urls.delete(key); }
  }
  return (record, big = false) => pictureSources(record.data, found.get(record.id) || {}, big);
}

const label = (record) => record.data.caption
  || t('photos.untitled', { date: longDate(record.date || today()) });

function picture(srcs) {
  const img = h('img', { alt: '', loading: 'lazy', width: 160, height: 160 });
  showFirst(img, srcs);
  return img;
}

function tile(record, srcs) {
  return h('li', { class: 'photo-tile' },
    h('a', { href: `/photos?id=${encodeURIComponent(record.id)}`, 'aria-label': label(record) },
      srcs.length ? picture(srcs) : h('span', { class: 'photo-missing' }, t('photos.missing'))),
    h('span', { class: 'photo-caption' }, record.data.caption || longDate(record.date || today())),
    syncBadge(record.sync));
}

async function recentEntries(record) {
  const from = new Date(Date.parse(`${record.date || today()}T12:00:00Z`) - RECENT_DAYS * 86400000)
    .toISOString().slice(0, 10);
  const linked = new Set(record.data.entries || []);
  return (await byKind('entry')).filter((e) => !e.data?.deleted
    && String(e.pid) === String(record.pid) && (linked.has(e.id) || e.data.date >= from))
    .sort((a, b) => String(b.data.date).localeCompare(String(a.data.date)));
}

async function drawEditor(id, srcOf) {
  const form = $('#photo-edit');
  const record = await get('records', photoKey(id));
  if (!record || record.data?.deleted) { form.hidden = true; return; }
  form.hidden = false;
  const big = $('#photo-big');
  const srcs = srcOf(record, true);
  // Only when it changes (a re-render must not reload it); a fresh element drops the error
  // handler of the photo shown before.
  if (big.dataset.srcs !== JSON.stringify(srcs)) {
    const fresh = h('img', { id: 'photo-big', class: 'photo-big', alt: label(record) });
    fresh.dataset.srcs = JSON.stringify(srcs);
    big.replaceWith(fresh);
    showFirst(fresh, srcs);
  }
  $('#photo-big').alt = label(record);
  fill('#photo-state', record.sync === 'synced' ? t('photos.sent') : t('photos.waiting'));
  if (form.dataset.id !== id) {
    form.dataset.id = id;
    form.caption.value = record.data.caption || '';
    // A fresh fieldset per photo: the picker adds its own listener to the box it fills.
    const box = h('fieldset', { id: 'photo-wp', class: 'field wp-picker' });
    $('#photo-wp').replaceWith(box);
    picker = await mountPicker(box, record.data.werkprocessen || [], { name: 'photo-wp' });
    const linked = new Set(record.data.entries || []);
    const entries = await recentEntries(record);
    fill('#photo-entries', entries.length ? entries.map((e) => h('label', { class: 'choice' },
      h('input', { type: 'checkbox', name: 'entry', value: e.id, checked: linked.has(e.id) }),
      h('span', {}, `${longDate(e.data.date)}, ${e.data.start_time}–${e.data.end_time}`,
        e.data.description ? ` · ${e.data.description}` : ''))) : h('p', { class: 'muted' }, t('photos.entries.none')));
  }
}

export default async function photos() {
  setTitle('photos.title');
  const error = (err) => {
    console.error(err);
    fill('#photo-error', t('photos.failed')).hidden = false;
  };
  const open = (id) => {
    history.replaceState(null, '', `/photos?id=${encodeURIComponent(id)}`);
    render().then(() => $('#caption')?.focus());
  };
  wirePicker($('#photo-camera'), open, error);
  wirePicker($('#photo-gallery'), open, error);

  const form = $('#photo-edit');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const id = form.dataset.id;
    const entries = [...form.querySelectorAll('input[name=entry]:checked')].map((i) => i.value);
    const changes = { caption: form.caption.value.trim(), entries };
    if (picker) changes.werkprocessen = picker.value();
    await updatePhoto(id, changes);
    toast(t('photos.saved'));
  });
  $('#photo-delete').addEventListener('click', async () => {
    const id = form.dataset.id;
    if (await ask({ title: t('photos.delete.ask'), ok: t('photos.delete'), danger: true }) !== 'ok') return;
    await deletePhoto(id);
    delete form.dataset.id;
    history.replaceState(null, '', '/photos');
    toast(t('photos.deleted'));
    await render();
    $('#photo-camera').focus();
  });

  const render = async () => {
    const records = live(await byKind('photo'));
    const srcOf = await sources(records);
    const shown = records.map((r) => [r.id, r.sync, r.data.caption, srcOf(r)]);
    if (!unchanged('photos', shown)) {
      fill('#photo-count', t('photos.count', { count: records.length }));
      fill('#photo-list', records.length ? records.map((r) => tile(r, srcOf(r)))
        : h('li', { class: 'muted' }, t('photos.none')));
    }
    const id = new URLSearchParams(location.search).get('id');
    if (id) await drawEditor(id, srcOf);
    else form.hidden = true;
  };
  await render();
  onChange(render);
}
