// The timeline's order and paging, from record data alone (pages/evidence.js draws them).

// A whole placement is hundreds of lines: the newest days first, older ones on request.
export const PAGE_ITEMS = 60;

// ISO dates and times compare as plain strings (localeCompare would put '~' before digits).
const desc = (a, b) => (a < b ? 1 : a > b ? -1 : 0);

// Newest day first; within a day the last made first (a record not yet on the server, with
// no created_at, on top: '~' sorts after every digit).
export function newestFirst(items) {
  return [...items].sort((a, b) => desc(a.day, b.day)
    || desc(String(a.r.data.created_at || '~'), String(b.r.data.created_at || '~')));
}

// The days to draw from `items` ({ r, day }, in order): whole days, until at least `limit`
// items are in; `left` is how many wait behind the "show more" button.
export function daysUpTo(items, limit = PAGE_ITEMS) {
  const days = [];
  let shown = 0;
  for (const item of items) {
    if (days[days.length - 1]?.day !== item.day) {
      if (shown >= limit) break;
      days.push({ day: item.day, items: [] });
    }
    days[days.length - 1].items.push(item.r);
    shown += 1;
  }
  return { days, left: items.length - shown };
}
