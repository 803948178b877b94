import { expect } from 'vitest';
import { lessonSuite } from '../testing/lessons.ts';
import { parallelCompletions } from './02-parallel-completions.ts';

lessonSuite(parallelCompletions, ['jobs', 'perl', 'demoImages'], (run) => {
  const ticks = Object.fromEntries(run.steps.map((s) => [s.id, s.tickedAtMs]));
  expect(ticks['third-pod']).toBeLessThan(ticks['three-of-three']!);
  // batch-job works 120 s: five completions two at a time take three waves.
  expect(ticks['five-done']! - ticks['five-two']!).toBeGreaterThanOrEqual(3 * 120_000);
});
