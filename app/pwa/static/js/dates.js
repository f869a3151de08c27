// Dates as the API writes them: YYYY-MM-DD, HH:MM, ISO weeks 2026-W47. Local calendar time.
import { locale } from './i18n.js';

const pad = (n) => String(n).padStart(2, '0');

export const iso = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
export const parse = (s) => { const [y, m, d] = s.split('-').map(Number); return new Date(y, m - 1, d); };
export const today = () => iso(new Date());
export const addDays = (s, n) => { const d = parse(s); d.setDate(d.getDate() + n); return iso(d); };

export function monday(s) {
  const d = parse(s);
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return iso(d);
}

export function isoWeek(s) {
  const d = parse(s);
  d.setDate(d.getDate() + 3 - ((d.getDay() + 6) % 7)); // the Thursday decides the year
  const year = d.getFullYear();
  const jan4 = new Date(year, 0, 4);
  const week = 1 + Math.round(((d - jan4) / 864e5 - 3 + ((jan4.getDay() + 6) % 7)) / 7);
  return `${year}-W${pad(week)}`;
}

export function weekMonday(label) {
  const [y, w] = label.split('-W').map(Number);
  const jan4 = new Date(y, 0, 4);
  jan4.setDate(jan4.getDate() - ((jan4.getDay() + 6) % 7) + (w - 1) * 7);
  return iso(jan4);
}

export const weekNumber = (label) => Number(label.split('-W')[1]);

export function minutesBetween(start, end) {
  const [sh, sm] = start.split(':').map(Number);
  const [eh, em] = end.split(':').map(Number);
  return eh * 60 + em - (sh * 60 + sm);
}

const fmt = (opts) => new Intl.DateTimeFormat(locale() === 'en' ? 'en-GB' : 'nl-NL', opts);
export const longDate = (s) => fmt({ weekday: 'long', day: 'numeric', month: 'long' }).format(parse(s));
export const shortDate = (s) => fmt({ weekday: 'short', day: 'numeric', month: 'short' }).format(parse(s));
export const dayMonth = (s) => fmt({ day: 'numeric', month: 'short' }).format(parse(s));
export const monthYear = (s) => fmt({ month: 'long', year: 'numeric' }).format(parse(s));
export const weekdayShort = (s) => fmt({ weekday: 'short' }).format(parse(s));
export const dateTime = (ms) =>
  fmt({ day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(ms));
