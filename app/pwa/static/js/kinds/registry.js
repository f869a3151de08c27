// Every kind of record the phone keeps and the outbox sends, by name. A new kind is one
// descriptor file (see entry.js for what it holds) and one register() line below.
import entry from './entry.js';
import photo from './photo.js';
import placement from './placement.js';
import week from './week.js';

const KINDS = new Map();

export function register(descriptor) {
  KINDS.set(descriptor.name, descriptor);
  return descriptor;
}

// Operations and records of no registered kind (the account's language, say) are shown and
// sent, but keep no local copy.
const PLAIN = {
  name: null,
  key: () => null,
  keyFromId: () => null,
  placementOf: () => null,
  shape: (record) => record,
  describe: (op, v) => v.t(`outbox.kind.${op.kind}`),
};

export const kind = (name) => KINDS.get(name) || null;
export const kinds = () => [...KINDS.values()];
// Record keys are `<kind>:...`, operation kinds `<kind>.<action>`.
export const kindOfKey = (key) => kind(String(key).split(':')[0]) || PLAIN;
export const kindOfOp = (op) => kind(String(op.kind).split('.')[0]) || PLAIN;

register(entry);
register(week);
register(placement);
// Conversations (#10).
import message from './message.js';
import conversation from './conversation.js';
import guidance from './guidance.js';

register(message);
register(conversation);
register(guidance);
// Photos (#9)
register(photo);

// Evidence (#9): STARRT reflections, notes, learning goals and moments.
import starrt from './starrt.js';
import note from './note.js';
import { goal as learningGoal, moment as learningMoment } from './learning.js';

register(starrt);
register(note);
register(learningGoal);
register(learningMoment);
