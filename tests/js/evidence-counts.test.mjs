// The coverage grid's and the STARRT progress's counts, from record data alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countCoverage, starrtProgress } from '../../app/pwa/static/js/evidence-counts.js';

const TREE = [
  { code: 'B1-K1', title: 'Realiseert software', werkprocessen: [
    { code: 'B1-K1-W1', title: 'Plant' }, { code: 'B1-K1-W3', title: 'Realiseert' }] },
  { code: 'B1-K2', title: 'Team', werkprocessen: [{ code: 'B1-K2-W1', title: 'Overleg' }] },
];

test('every piece of evidence counts under each of its werkprocessen', () => {
  const rows = countCoverage(TREE, {
    entries: [{ minutes: 240, werkprocessen: ['B1-K1-W3'] }, { minutes: 60, werkprocessen: ['B1-K1-W3', 'B1-K2-W1'] },
      { minutes: 30, werkprocessen: [] }],
    photos: [{ werkprocessen: ['B1-K2-W1'] }],
    starrts: [{ status: 'rated', werkprocessen: ['B1-K1-W3'] }, { status: 'draft', werkprocessen: ['B1-K1-W3'] }],
    moments: [{ werkprocessen: ['P9-K9-W9'] }], // another programme's code: not in this grid
  });
  assert.deepEqual([...rows.keys()], ['B1-K1-W1', 'B1-K1-W3', 'B1-K2-W1']);
  const w3 = rows.get('B1-K1-W3');
  assert.deepEqual([w3.entries, w3.minutes, w3.starrts, w3.rated, w3.empty], [2, 300, 2, 1, false]);
  assert.deepEqual([rows.get('B1-K2-W1').photos, rows.get('B1-K2-W1').entries], [1, 1]);
  assert.equal(rows.get('B1-K1-W1').empty, true);
});

test('progress counts STARRTs rated V or G against the minimum', () => {
  const list = [{ status: 'rated', rating: 'G' }, { status: 'rated', rating: 'O' }, { status: 'rated', rating: 'V' },
    { status: 'submitted' }, { status: 'draft' }];
  assert.deepEqual(starrtProgress(list, 5), { done: 2, waiting: 1, minimum: 5, reached: false });
  assert.equal(starrtProgress(list, 2).reached, true);
});
