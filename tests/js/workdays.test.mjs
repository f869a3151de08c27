// The hand-in question's empty days (#12): public holidays, the BBL school day and days before
// the placement began are no working days, so they are never named as empty.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyWorkdays } from '../../app/pwa/static/js/workdays.js';

const entry = (date) => ({ data: { date } });
// Week 18 of 2026: Monday 27 April is King's Day.
const MONDAY = '2026-04-27';
const FRIDAY = '2026-05-01';

test('a working day without hours is named; a logged one is not', () => {
  const empty = emptyWorkdays(MONDAY, [entry('2026-04-28')], {}, FRIDAY);
  assert.deepEqual(empty, ['2026-04-27', '2026-04-29', '2026-04-30', '2026-05-01']);
});

test("a public holiday the placement names (King's Day) is not asked about", () => {
  const placement = { free_days: [{ date: '2026-04-27', name: 'Koningsdag' }] };
  assert.deepEqual(emptyWorkdays(MONDAY, [entry('2026-04-28')], placement, FRIDAY),
    ['2026-04-29', '2026-04-30', '2026-05-01']);
});

test('nor the school day of a BBL student, nor a day before the placement began', () => {
  const placement = { school_weekday: 2, start_date: '2026-04-29' };
  assert.deepEqual(emptyWorkdays(MONDAY, [], placement, FRIDAY), ['2026-04-30', '2026-05-01']);
});

test('days after today are not empty yet', () => {
  assert.deepEqual(emptyWorkdays(MONDAY, [], {}, '2026-04-28'), ['2026-04-27', '2026-04-28']);
});
