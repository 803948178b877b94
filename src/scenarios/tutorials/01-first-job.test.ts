import { expect } from 'vitest';
import { lessonSuite } from '../testing/lessons.ts';
import { firstJob } from './01-first-job.ts';

lessonSuite(firstJob, ['jobs', 'perl'], (run) => {
  // perl -wle "print bpi(2000)": "3." and 1999 more digits, on one line.
  const printed = run.steps.find((s) => s.id === 'logs')!.output.split('\n')[1]!;
  expect(printed).toMatch(/^3\.\d{1999}$/);
});
