import { expect } from 'vitest';
import { lessonSuite } from '../testing/lessons.ts';
import { cascadingDelete } from './06-cascading-delete.ts';

lessonSuite(cascadingDelete, ['jobs'], (run) => {
  expect(run.steps.find((s) => s.id === 'orphan')!.output).toContain('job.batch "batch-job" deleted\n');
  // The orphan outlived both Jobs and was deleted by hand.
  expect(run.steps.at(-1)!.output).toMatch(/^\$ kubectl delete pod -l job-name=batch-job\npod "batch-job-\w{5}" deleted\n$/);
});
