import { expect } from 'vitest';
import { lessonSuite } from '../testing/lessons.ts';
import { cronJobLesson } from './08-cronjob.ts';

lessonSuite(cronJobLesson, ['jobs', 'cronJobs', 'kubectlPatch'], (run) => {
  expect(run.steps[0]!.output).toContain('no matches for kind "CronJob" in version "batch/v1beta1"');
  // The first Job is named after its scheduled minute: 2025-01-01T00:01:00Z is minute 28928161.
  expect(run.steps.find((s) => s.id === 'logs')!.output).toMatch(/^\$ kubectl logs job\/hello-28928161\n/);
});
