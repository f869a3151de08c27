// Which days of a week are working days of a placement: what the hand-in question asks about.
import { addDays, today } from './dates.js';

// Working days (Monday to Friday, up to today) without a counted entry: asked about before
// submitting. Public holidays and the BBL school day are no working days: the placement (as the
// last sync brought it) names them, so they are not asked about.
export function emptyWorkdays(monday, kept, placement = {}, upTo = today()) {
  const free = new Set((placement.free_days || []).map((d) => d.date));
  const empty = [];
  for (let i = 0; i < 5; i++) {
    const day = addDays(monday, i);
    if (day > upTo) break;
    if (free.has(day) || placement.school_weekday === i) continue;
    if (placement.start_date && day < placement.start_date) continue;
    if (!kept.some((r) => r.data.date === day)) empty.push(day);
  }
  return empty;
}
