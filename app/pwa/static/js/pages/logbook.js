// The logbook by month, week or day.
import { entryList, onChange, totalMinutes, unchanged, weekBadgeFor } from '../components.js';
import { getMeta } from '../db.js';
import {
  addDays, addMonths, dayOfMonth, firstOfMonth, isoWeek, longDate, monday, monthOf, monthYear, number, shortDate,
  today, weekNumber, weekdayShort,
} from '../dates.js';
import { t, useStrings } from '../i18n.js';
import { editableStatus, entries, weekKey, weeks } from '../records.js';
import { duration, fill, h, setTitle } from '../ui.js';

await useStrings('evidence');

const VIEWS = ['month', 'week', 'day'];
const link = (view, d) => `/logbook?view=${view}&d=${d}`;

export default async function logbook() {
  const params = new URLSearchParams(location.search);
  const view = VIEWS.includes(params.get('view')) ? params.get('view') : 'month';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(params.get('d') || '') ? params.get('d') : today();
  fill('#logbook-tabs', h('ul', {}, VIEWS.map((v) => h('li', {}, h('a', {
    href: link(v, d), 'aria-current': v === view ? 'page' : null }, t(`logbook.${v}`))))));

  const render = async () => {
    const pid = await getMeta('placementId');
    const [all, weekRecords, categories] = await Promise.all([entries(), weeks(), getMeta('categories')]);
    if (unchanged('logbook', all, weekRecords, categories)) return;
    const statusOf = (day) => weekRecords.find((w) => w.key === weekKey(pid, isoWeek(day)))?.data?.status;
    const onDay = (day) => all.filter((r) => r.data.date === day);
    if (view === 'day') renderDay(d, onDay(d), categories, editableStatus(statusOf(d)));
    else if (view === 'week') renderWeek(d, onDay, weekRecords.find((w) => w.key === weekKey(pid, isoWeek(d))));
    else renderMonth(d, onDay);
  };
  await render();
  onChange(render);
}

function pager(prevHref, prevLabel, now, nextHref, nextLabel) {
  fill('#logbook-pager',
    h('a', { class: 'btn btn-quiet', href: prevHref, 'aria-label': prevLabel }, '‹'),
    h('span', { class: 'pager-now' }, now),
    h('a', { class: 'btn btn-quiet', href: nextHref, 'aria-label': nextLabel }, '›'));
}

function renderDay(d, list, categories, editable) {
  document.getElementById('title').textContent = setTitle('logbook.day.title', { day: longDate(d) });
  pager(link('day', addDays(d, -1)), t('logbook.day.prev'), shortDate(d), link('day', addDays(d, 1)), t('logbook.day.next'));
  fill('#logbook-body', h('section', { class: 'card' },
    h('h2', { class: 'h3' }, t('logbook.day.total', { total: duration(totalMinutes(list)) })),
    entryList(list, categories, { editable }),
    editable && d <= today() ? h('a', { class: 'btn btn-primary',
      href: `/entry?date=${d}&back=${encodeURIComponent(link('day', d))}` }, t('week.add')) : null));
}

function renderWeek(d, onDay, weekRecord) {
  const start = monday(d);
  const label = isoWeek(d);
  document.getElementById('title').textContent = setTitle('week.heading', { week: weekNumber(label) });
  pager(link('week', addDays(start, -7)), t('week.prev'), `${shortDate(start)} – ${shortDate(addDays(start, 6))}`,
    link('week', addDays(start, 7)), t('week.next'));
  const rows = [];
  let total = 0;
  for (let i = 0; i < 7; i++) {
    const day = addDays(start, i);
    const minutes = totalMinutes(onDay(day));
    total += minutes;
    rows.push(h('li', {}, h('a', { class: 'row-link', href: link('day', day) },
      h('span', {}, longDate(day)), h('span', {}, minutes ? duration(minutes) : '–'))));
  }
  fill('#logbook-body', h('section', { class: 'card' },
    h('p', {}, t('week.state'), ' ', weekBadgeFor(weekRecord)),
    h('ul', { class: 'list days' }, rows),
    h('p', {}, t('logbook.week.total', { total: duration(total) })),
    h('a', { class: 'btn', href: `/week?w=${label}` }, t(editableStatus(weekRecord?.data?.status) ? 'logbook.week.review' : 'home.week.view'))));
}

function renderMonth(d, onDay) {
  const firstIso = firstOfMonth(d);
  document.getElementById('title').textContent = setTitle('logbook.month.title', { month: monthYear(firstIso) });
  pager(link('month', addMonths(firstIso, -1)), t('logbook.month.prev'), monthYear(firstIso),
    link('month', addMonths(firstIso, 1)), t('logbook.month.next'));
  const head = h('tr', {}, [0, 1, 2, 3, 4, 5, 6].map((i) => h('th', { scope: 'col' }, weekdayShort(addDays(monday(firstIso), i)))));
  const body = [];
  let cursor = monday(firstIso);
  let total = 0;
  const month = monthOf(firstIso);
  while (monthOf(cursor) === month || cursor < firstIso) {
    const cells = [];
    for (let i = 0; i < 7; i++) {
      const day = addDays(cursor, i);
      if (monthOf(day) !== month) { cells.push(h('td', { class: 'out' })); continue; }
      const minutes = totalMinutes(onDay(day));
      total += minutes;
      cells.push(h('td', { class: day === today() ? 'is-today' : null }, h('a', {
        href: link('day', day), 'aria-label': `${longDate(day)}: ${minutes ? duration(minutes) : t('logbook.none')}`,
      }, h('span', { class: 'daynum' }, String(dayOfMonth(day))),
      h('span', { class: 'dayhours' }, minutes ? number(Math.round(minutes / 6) / 10) : ''))));
    }
    body.push(h('tr', {}, cells));
    cursor = addDays(cursor, 7);
  }
  fill('#logbook-body', h('table', { class: 'calendar' },
    h('caption', {}, t('logbook.month.caption', { month: monthYear(firstIso) })),
    h('thead', {}, head), h('tbody', {}, body)),
  h('p', {}, t('logbook.month.total', { total: duration(total) })));
}
