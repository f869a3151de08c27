// Who may be where: constants the start-up code and the login page share. A leaf module (it
// imports nothing), so no page has to import app.js to learn them.
export const LOGGED_OUT = 'stagewijs.loggedOut';
// Logged in from this browser at some point (set at login, cleared at logout): only then is it
// worth asking the server who is logged in. Without it a logged-out start stays quiet (no 401).
export const SIGNED_IN = 'stagewijs.signedIn';

export const ROLE_HOME = { student: '/home', praktijkopleider: '/trainer', docent: '/docent',
  coordinator: '/docent' };

export const PAGE_ROLES = {
  home: ['student'], entry: ['student'], week: ['student'], logbook: ['student'],
  trainer: ['praktijkopleider'], 'trainer-week': ['praktijkopleider'],
  docent: ['docent', 'coordinator'],
  messages: ['student', 'praktijkopleider', 'docent'], // conversations (#10)
  'docent-student': ['docent'], // dashboard (#10)
  photos: ['student'], // Photos (#9)
  // Evidence (#9): the student's own; trainer and docent read the shared part of theirs.
  evidence: ['student', 'praktijkopleider', 'docent'],
  coverage: ['student', 'praktijkopleider', 'docent'],
  starrts: ['student', 'praktijkopleider', 'docent'],
  starrt: ['student', 'praktijkopleider', 'docent'],
  learning: ['student'],
  notes: ['student'],
};

// Logged out in this browser (perhaps in another tab, perhaps offline): nothing may sync.
export const loggedOut = () => Boolean(globalThis.localStorage?.getItem(LOGGED_OUT));
