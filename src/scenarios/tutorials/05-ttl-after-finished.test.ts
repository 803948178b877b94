import { expect } from 'vitest';
import { lessonSuite } from '../testing/lessons.ts';
import { ttlAfterFinished } from './05-ttl-after-finished.ts';

lessonSuite(ttlAfterFinished, ['jobs', 'perl', 'ttlAfterFinished'], (run) => {
  const ticks = Object.fromEntries(run.steps.map((s) => [s.id, s.tickedAtMs]));
  // Deleted 100 s after it finished (the checks tick on whole seconds of a 1 s clock).
  expect(ticks['deleted']! - ticks['finished']!).toBeGreaterThanOrEqual(99_000);
  expect(ticks['deleted']! - ticks['finished']!).toBeLessThanOrEqual(103_000);
});
