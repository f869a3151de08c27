// Dates as the API writes them: YYYY-MM-DD, HH:MM, ISO weeks 2026-W47. Calendar arithmetic is
// done on UTC dates so no time zone or summer-time change can shift a day; which day it is
// today comes from clock.js (Europe/Amsterdam).
import { today } from './clock.js';
import { locale } from './i18n.js';

export { today };

const pad = (n) => String(n).padStart(2, '0');
const DAY = 864e5;

// A calendar date as a Date at 00:00 UTC, and back.
export const parse = (s) => { const [y, m, d] = s.split('-').map(Number); return new Date(Date.UTC(y, m - 1, d)); };
export const iso = (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
export const addDays = (s, n) => iso(new Date(parse(s).getTime() + n * DAY));
export const weekday = (s) => (parse(s).getUTCDay() + 6) % 7; // Monday 0 ... Sunday 6
export const dayOfMonth = (s) => Number(s.slice(8, 10));
export const monthOf = (s) => s.slice(0, 7);
export const firstOfMonth = (s) => `${s.slice(0, 7)}-01`;
export function addMonths(s, n) {
  const [y, m] = s.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return iso(d);
}

export const monday = (s) => addDays(s, -weekday(s));

export function isoWeek(s) {
  const thursday = addDays(s, 3 - weekday(s)); // the Thursday decides the year
  const year = Number(thursday.slice(0, 4));
  const week = 1 + Math.floor((parse(thursday) - Date.UTC(year, 0, 1)) / DAY / 7);
  return `${year}-W${pad(week)}`;
}

export function weekMonday(label) {
  const [y, w] = label.split('-W').map(Number);
  return addDays(monday(`${y}-01-04`), (w - 1) * 7); // 4 January is always in week 1
}

export const weekNumber = (label) => Number(label.split('-W')[1]);

export function minutesBetween(start, end) {
  const [sh, sm] = start.split(':').map(Number);
  const [eh, em] = end.split(':').map(Number);
  return eh * 60 + em - (sh * 60 + sm);
}

// Calendar dates are shown as they are (UTC midnight formatted in UTC); instants in the
// school's zone.
const fmt = (opts) => new Intl.DateTimeFormat(locale() === 'en' ? 'en-GB' : 'nl-NL', { timeZone: 'UTC', ...opts });
export const longDate = (s) => fmt({ weekday: 'long', day: 'numeric', month: 'long' }).format(parse(s));
export const shortDate = (s) => fmt({ weekday: 'short', day: 'numeric', month: 'short' }).format(parse(s));
export const dayMonth = (s) => fmt({ day: 'numeric', month: 'short' }).format(parse(s));
export const fullDate = (s) => fmt({ day: 'numeric', month: 'long', year: 'numeric' }).format(parse(s));
export const monthYear = (s) => fmt({ month: 'long', year: 'numeric' }).format(parse(s));
export const weekdayShort = (s) => fmt({ weekday: 'short' }).format(parse(s));
// An instant (ms, or an ISO timestamp from the API) as one style per language, never US order:
// "1 December 2026, 18:23" in English, "1 december 2026, 18:23" in Dutch.
const zoned = (opts) => fmt({ timeZone: 'Europe/Amsterdam', ...opts });
const asDate = (when) => new Date(typeof when === 'string' ? Date.parse(when) : when);
export const instantDay = (when) => zoned({ day: 'numeric', month: 'long', year: 'numeric' }).format(asDate(when));
export const clockTime = (when) => zoned({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(asDate(when));
export const instant = (when) => `${instantDay(when)}, ${clockTime(when)}`;
// A number in the language's style: 1,5 in Dutch, 1.5 in English.
export const number = (n) => new Intl.NumberFormat(locale() === 'en' ? 'en-GB' : 'nl-NL').format(n);
