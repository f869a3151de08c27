// The coordinator's privacy desk: erasure requests to decide, a copy of a student's data (an
// access request), and the institution's audit log. Online only.
import { getAll, request } from '../api.js';
import { t, useStrings } from '../i18n.js';
import { day, makeCopy, problem, when } from '../privacy-copy.js';
import { $, ask, fill, h, toast } from '../ui.js';

await useStrings('desk', 'privacy');

const LOG_PAGE = 50;
const nameOf = (request_) => request_.subject?.name || t('desk.request.erased');

function action(code) {
  const text = t(`audit.action.${code}`);
  return text === `audit.action.${code}` ? code : text;
}

async function decide(item, verb) {
  const name = nameOf(item);
  const url = `/api/privacy/erasure-requests/${item.id}/${verb}`;
  if (verb === 'confirm') {
    const choice = await ask({ title: t('desk.erase.title', { name }), body: [t('desk.erase.body')],
      ok: t('desk.erase'), danger: true });
    if (choice !== 'ok') return;
    await request('POST', url);
    toast(t('desk.erase.done'));
  } else {
    const reason = h('textarea', { id: 'desk-reason', rows: '3' });
    const choice = await ask({ title: t('desk.decline.title', { name }), ok: t('desk.decline'),
      body: [h('label', { for: 'desk-reason' }, t('desk.decline.reason')), reason] });
    if (choice !== 'ok') return;
    await request('POST', url, { body: { comment: reason.value } });
    toast(t('desk.decline.done'));
  }
}

async function renderRequests() {
  const items = await getAll('/api/privacy/erasure-requests');
  fill('#desk-requests', items.length ? items.map((item) => {
    if (item.status !== 'requested') {
      const key = item.status === 'done' ? 'desk.request.done' : 'desk.request.declined';
      return h('li', { class: 'muted' }, t(key, { name: nameOf(item), date: day(item.decided_at) }));
    }
    const act = (verb) => async () => {
      try {
        await decide(item, verb);
      } catch (err) {
        toast(t('privacy.error', { message: err.message }));
      }
      await renderRequests();
    };
    return h('li', {}, h('p', {}, t('desk.request.waiting',
      { name: nameOf(item), date: day(item.requested_at) })),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'btn btn-danger btn-small', onclick: act('confirm') },
        t('desk.erase')),
      h('button', { type: 'button', class: 'btn btn-small', onclick: act('decline') },
        t('desk.decline'))));
  }) : h('li', { class: 'muted' }, t('desk.requests.none')));
}

async function renderStudents() {
  const placements = await getAll('/api/placements');
  const students = new Map(placements.map((p) => [p.student.id, p.student.name]));
  const select = $('#desk-student');
  const sorted = [...students].sort((a, b) => a[1].localeCompare(b[1]));
  fill(select, h('option', { value: '' }, t('desk.copy.choose')),
    sorted.map(([id, name]) => h('option', { value: String(id) }, name)));
}

function chosen() {
  const id = Number($('#desk-student').value);
  return id ? id : null;
}

async function renderLog(page = 1) {
  const res = await request('GET', `/api/privacy/audit?page=${page}&page_size=${LOG_PAGE}`);
  const items = res.data.map((e) => h('li', {},
    t('desk.log.item', { time: when(e.at), who: e.actor?.name || t('desk.log.nobody'),
      action: action(e.action) }),
    e.subject ? h('span', { class: 'muted' }, ` (${e.subject})`) : null));
  const list = $('#desk-log');
  if (page === 1) fill(list, items.length ? items : h('li', { class: 'muted' }, t('desk.log.none')));
  else list.append(...items);
  let info = null;
  try { info = JSON.parse(res.headers.get('X-Pagination') || 'null'); } catch { info = null; }
  const more = $('#desk-log-more');
  more.hidden = !info?.next_page;
  more.onclick = () => renderLog(info.next_page).catch((err) => toast(err.message));
}

export default async function desk({ user }) {
  if (user.role !== 'coordinator') {
    location.replace('/privacy');
    return;
  }
  const status = $('#desk-copy-status');
  const copy = $('#desk-copy');
  copy.addEventListener('click', () => {
    if (!chosen()) { $('#desk-student').focus(); return; }
    const audience = document.querySelector('input[name="audience"]:checked').value;
    makeCopy({ student_id: chosen(), audience }, status, copy);
  });
  $('#desk-request').addEventListener('click', async () => {
    if (!chosen()) { $('#desk-student').focus(); return; }
    try {
      await request('POST', '/api/privacy/erasure-requests', { body: { student_id: chosen() } });
      fill(status, h('p', {}, t('desk.copy.requested')));
      await renderRequests();
    } catch (err) {
      problem(status, err);
    }
  });
  const results = await Promise.allSettled([renderRequests(), renderStudents(), renderLog()]);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) problem(status, failed.reason);
}
