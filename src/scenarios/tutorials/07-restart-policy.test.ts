import { expect } from 'vitest';
import { lessonSuite } from '../testing/lessons.ts';
import { restartPolicy } from './07-restart-policy.ts';

lessonSuite(restartPolicy, ['jobs'], (run) => {
  expect(run.steps[0]!.output).toContain(
    'The Job "batch-job" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
  );
});
