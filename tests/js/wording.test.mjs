// Wording that frightens or reads stiffly (issue 12, items 5 and 9): offline, the hours are
// *sent by themselves* once there is internet; they never "go away".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalog } from './catalog.mjs';

const en = await catalog('en');
const nl = await catalog('nl');

const all = (strings) => Object.values(strings).flatMap((v) => (typeof v === 'string' ? [v] : Object.values(v)));

test('Dutch: offline texts say the hours are sent by themselves, not that they go away', () => {
  for (const key of ['banner.offline', 'outbox.intro']) {
    assert.match(nl[key], /vanzelf verstuurd zodra je internet hebt/, key);
  }
  for (const text of all(nl)) assert.doesNotMatch(text, /vanzelf weg|gaat .*weg zodra|gaan later vanzelf/, text);
});

test('English: offline texts say the hours are sent, and no stiff phrases', () => {
  for (const key of ['banner.offline', 'outbox.intro']) {
    assert.match(en[key], /will be sent automatically once you are online/, key);
  }
  for (const text of all(en)) {
    assert.doesNotMatch(text, /Together:|goes by itself|by themselves|Throw away|first, with internet|did not go through/, text);
  }
  assert.equal(en['outbox.discard'], 'Discard');
});
