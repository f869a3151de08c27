// Calendar helpers (dates.js) and the clock (clock.js): ISO weeks across year ends, and
// "today" in Europe/Amsterdam whatever the phone's own time zone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dateIn, now, setClock, today } from '../../app/pwa/static/js/clock.js';
import { addDays, addMonths, isoWeek, monday, weekMonday, weekday } from '../../app/pwa/static/js/dates.js';

test('ISO weeks across year ends (the Thursday decides the year)', () => {
  const cases = {
    '2020-12-31': '2020-W53', '2021-01-03': '2020-W53', '2021-01-04': '2021-W01',
    '2024-12-29': '2024-W52', '2024-12-30': '2025-W01', '2025-01-01': '2025-W01',
    '2026-12-31': '2026-W53', '2027-01-03': '2026-W53', '2027-01-04': '2027-W01',
    '2026-03-02': '2026-W10', '2026-06-15': '2026-W25',
  };
  for (const [day, week] of Object.entries(cases)) assert.equal(isoWeek(day), week, day);
});

test('the Monday of a week, and back', () => {
  assert.equal(weekMonday('2026-W01'), '2025-12-29');
  assert.equal(weekMonday('2020-W53'), '2020-12-28');
  assert.equal(weekMonday('2027-W01'), '2027-01-04');
  for (let d = '2025-12-01'; d < '2027-02-01'; d = addDays(d, 1)) {
    assert.equal(weekMonday(isoWeek(d)), monday(d), d);
  }
  assert.equal(weekday('2026-03-29'), 6); // a Sunday
});

test('day and month arithmetic does not slip on summer time changes', () => {
  assert.equal(addDays('2026-03-28', 1), '2026-03-29');
  assert.equal(addDays('2026-03-29', 1), '2026-03-30');
  assert.equal(addDays('2026-10-25', 1), '2026-10-26');
  assert.equal(addDays('2026-01-01', -1), '2025-12-31');
  assert.equal(addMonths('2026-01-31', 1), '2026-02-01');
  assert.equal(addMonths('2026-01-15', -1), '2025-12-01');
});

test("today is Amsterdam's date around midnight UTC, winter and summer", () => {
  const at = (s) => Date.parse(s);
  assert.equal(dateIn(at('2026-01-31T22:59:00Z')), '2026-01-31'); // 23:59 CET
  assert.equal(dateIn(at('2026-01-31T23:00:00Z')), '2026-02-01'); // 00:00 CET
  assert.equal(dateIn(at('2026-06-30T21:59:00Z')), '2026-06-30'); // 23:59 CEST
  assert.equal(dateIn(at('2026-06-30T22:00:00Z')), '2026-07-01'); // 00:00 CEST
  assert.equal(dateIn(at('2026-06-30T23:30:00Z')), '2026-07-01'); // UTC still says 30 June
  // The nights the clocks change.
  assert.equal(dateIn(at('2026-03-28T23:30:00Z')), '2026-03-29');
  assert.equal(dateIn(at('2026-03-29T01:30:00Z')), '2026-03-29'); // 03:30 CEST
  assert.equal(dateIn(at('2026-10-24T22:30:00Z')), '2026-10-25'); // 00:30 CEST
  assert.equal(dateIn(at('2026-10-25T22:30:00Z')), '2026-10-25'); // 23:30 CET
  assert.equal(dateIn(at('2026-10-25T23:00:00Z')), '2026-10-26');
  // New Year's night.
  assert.equal(dateIn(at('2026-12-31T23:00:00Z')), '2027-01-01');
});

test("the phone's own time zone does not matter", () => {
  const saved = process.env.TZ;
  try {
    for (const zone of ['America/New_York', 'Asia/Tokyo', 'UTC', 'Pacific/Kiritimati']) {
      process.env.TZ = zone;
      assert.equal(dateIn(Date.parse('2026-06-30T22:30:00Z')), '2026-07-01', zone);
      assert.equal(isoWeek('2021-01-03'), '2020-W53', zone);
      assert.equal(addDays('2026-03-29', 1), '2026-03-30', zone);
    }
  } finally {
    if (saved === undefined) delete process.env.TZ; else process.env.TZ = saved;
  }
});

test('the clock can be set (tests), and today follows it', () => {
  try {
    setClock(() => Date.parse('2026-06-30T22:30:00Z'));
    assert.equal(now(), Date.parse('2026-06-30T22:30:00Z'));
    assert.equal(today(), '2026-07-01');
  } finally {
    setClock(null);
  }
  assert.ok(Math.abs(now() - Date.now()) < 1000);
});

test('a page can fix the clock before the app loads (__stagewijsClock)', async () => {
  globalThis.__stagewijsClock = { now: Date.parse('2027-01-03T23:30:00Z') };
  try {
    const fixed = await import('../../app/pwa/static/js/clock.js?fixed');
    assert.equal(fixed.today(), '2027-01-04');
    globalThis.__stagewijsClock = { offset: -24 * 3600 * 1000 };
    const shifted = await import('../../app/pwa/static/js/clock.js?shifted');
    assert.ok(Math.abs(shifted.now() - (Date.now() - 24 * 3600 * 1000)) < 1000);
  } finally {
    delete globalThis.__stagewijsClock;
  }
});
