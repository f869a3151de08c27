// Learning goals and learning moments (evidence, issue 9): the student's own.
import { clip, studentRecord } from './student-record.js';

export const goal = studentRecord('learning_goal', {
  compared: ['title', 'criteria', 'reached'],
  line: (s) => clip(s.title),
  page: () => '/learning',
});

export const moment = studentRecord('learning_moment', {
  compared: ['date', 'text', 'goal_id', 'reflection_model', 'werkprocessen'],
  line: (s) => clip(s.text),
  page: () => '/learning',
});
