import { expect } from 'vitest';
import type { Job } from '../../engine/index.ts';
import { lessonSuite } from '../testing/lessons.ts';
import { activeDeadline } from './04-active-deadline.ts';

lessonSuite(activeDeadline, ['jobs', 'perl', 'demoImages', 'kubectlPatch'], (run) => {
  const job = run.session.sim.api.get<Job>('Job', 'default', 'batch-job');
  // The controller decides 100 s after the Job started (FailureTarget), then marks it Failed once the pod is gone.
  const target = job.status?.conditions?.find((c) => c.type === 'FailureTarget');
  expect(target?.reason).toBe('DeadlineExceeded');
  expect(Date.parse(target!.lastTransitionTime!) - Date.parse(job.status!.startTime!)).toBe(100_000);
  // The pod running at the deadline is deleted and counted as failed.
  expect(job.status?.failed).toBe(1);
  expect(job.status?.active ?? 0).toBe(0);
});
