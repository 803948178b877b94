import { expect } from 'vitest';
import { lessonSuite } from '../testing/lessons.ts';
import type { Job } from '../../engine/index.ts';
import { activeDeadline } from './04-active-deadline.ts';

lessonSuite(activeDeadline, ['jobs', 'perl'], (run) => {
  const job = run.session.sim.api.get<Job>('Job', 'default', 'pi-timeout');
  // The pods running at the deadline are deleted and counted as failed.
  expect(job.status?.failed ?? 0).toBeGreaterThanOrEqual(1);
  expect(job.status?.active ?? 0).toBe(0);
});
