// Notes (evidence, issue 9): each with its own visibility.
import { clip, studentRecord } from './student-record.js';

export default studentRecord('note', {
  compared: ['text', 'visibility'],
  line: (s) => clip(s.text),
  page: () => '/notes',
});
