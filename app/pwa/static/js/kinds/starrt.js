// STARRT reflections (evidence, issue 9): drafts autosaved while typed, handed in, rated.
import { clip, studentRecord } from './student-record.js';

export const PARTS = ['situatie', 'taak', 'actie', 'resultaat', 'reflectie', 'transfer'];

export default studentRecord('starrt', {
  compared: ['title', ...PARTS, 'werkprocessen', 'status'],
  line: (s) => clip(s.title),
  page: (id) => `/starrt?id=${encodeURIComponent(id)}`,
});
