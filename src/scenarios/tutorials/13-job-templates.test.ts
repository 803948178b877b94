import { expect } from 'vitest';
import { lessonSuite } from '../testing/lessons.ts';
import { jobTemplates } from './13-job-templates.ts';

lessonSuite(jobTemplates, ['jobs'], (run) => {
  expect(run.steps[0]!.output).toBe(
    '$ kubectl create -f ./jobs\njob.batch/process-item-apple created\njob.batch/process-item-banana created\njob.batch/process-item-cherry created\n',
  );
});
