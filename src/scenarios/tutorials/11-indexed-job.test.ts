import { expect } from 'vitest';
import { lessonSuite } from '../testing/lessons.ts';
import { indexedJob } from './11-indexed-job.ts';

lessonSuite(indexedJob, ['jobs', 'indexedJobs', 'shellAndVolumes'], (run) => {
  expect(run.steps.find((s) => s.id === 'logs')!.output).toMatch(
    /^\$ kubectl logs indexed-job-3-\w{5}\nDefaulted container "worker" out of: worker, input \(init\)\nxuq\n$/,
  );
});
