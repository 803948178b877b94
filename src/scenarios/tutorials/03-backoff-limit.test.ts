import { expect } from 'vitest';
import { lessonSuite } from '../testing/lessons.ts';
import type { Pod } from '../../engine/index.ts';
import { backoffLimit } from './03-backoff-limit.ts';

lessonSuite(backoffLimit, ['jobs', 'kubectlCreateJob'], (run) => {
  // Each replacement is created 10 s × 2^(n-1) after the n-th failure finished.
  const pods = run.session.sim.api
    .list<Pod>('Pod')
    .sort((a, b) => Date.parse(a.metadata.creationTimestamp!) - Date.parse(b.metadata.creationTimestamp!));
  expect(pods).toHaveLength(7);
  const gaps = pods.slice(1).map((p, i) => {
    const finished = pods[i]!.status!.containerStatuses![0]!.state!.terminated!.finishedAt!;
    return (Date.parse(p.metadata.creationTimestamp!) - Date.parse(finished)) / 1000;
  });
  expect(gaps).toEqual([10, 20, 40, 80, 160, 320]);
});
