/**
 * Properties: the interval lists of Indexed Jobs behave as sets with upstream's text format, and a
 * Job under random pod outcomes never runs more pods than it may, counts every finished pod once,
 * and finishes the way its counts say.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestSim } from '../../testing/harness.ts';
import type { Job, Pod } from '../../api/objects.ts';
import { SECOND_MS } from '../../api/time.ts';
import { formatIntervals, intervalsHas, intervalsTotal, parseIntervals, withIndexes } from './indexed.ts';

describe('completed-index intervals', () => {
  it('are sets with the compressed text form (`0-2,4`, neighbours as `5,6`)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(60), { maxLength: 40 }), fc.uniqueArray(fc.nat(60), { maxLength: 10 }), (a, b) => {
        const iv = withIndexes(withIndexes([], a), b);
        const set = new Set([...a, ...b]);
        expect(intervalsTotal(iv)).toBe(set.size);
        for (let i = 0; i <= 61; i++) expect(intervalsHas(iv, i)).toBe(set.has(i));
        const text = formatIntervals(iv);
        expect(parseIntervals(text, 61)).toEqual(iv);
        for (const part of text.split(',').filter(Boolean)) {
          const [x, y] = part.split('-').map(Number);
          if (y !== undefined) expect(y - x!).toBeGreaterThanOrEqual(2);
        }
      }),
    );
  });

  it('drop indexes at or beyond completions when parsed', () => {
    expect(parseIntervals('0-2,4,7-9', 8)).toEqual([
      { first: 0, last: 2 },
      { first: 4, last: 4 },
      { first: 7, last: 7 },
    ]);
  });
});

describe('a Job under random pod outcomes', () => {
  it('keeps active pods within parallelism and remaining completions, and counts each pod once', () => {
    fc.assert(
      fc.property(
        fc.record({
          completions: fc.integer({ min: 1, max: 6 }),
          parallelism: fc.integer({ min: 1, max: 4 }),
          indexed: fc.boolean(),
          exits: fc.array(fc.record({ after: fc.integer({ min: 1, max: 30 }), code: fc.constantFrom(0, 0, 0, 1) }), { maxLength: 25 }),
        }),
        ({ completions, parallelism, indexed, exits }) => {
          const sim = createTestSim({ seed: `${completions}/${parallelism}/${exits.length}` });
          sim.api.create({
            apiVersion: 'batch/v1',
            kind: 'Job',
            metadata: { name: 'p' },
            spec: {
              completions,
              parallelism,
              backoffLimit: 100,
              ...(indexed ? { completionMode: 'Indexed' } : {}),
              template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 600'] }] } },
            },
          });
          const check = () => {
            const job = sim.api.get<Job>('Job', 'default', 'p');
            const status = job.status ?? {};
            const pods = [...sim.store.list<Pod>('Pod')];
            const running = pods.filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
            expect(running.length).toBeLessThanOrEqual(Math.min(parallelism, Math.max(0, completions - (status.succeeded ?? 0))) + 0);
            expect(status.succeeded ?? 0).toBeLessThanOrEqual(completions);
            expect(status.uncountedTerminatedPods ?? {}).toEqual({});
            // Counted pods have let go of their finalizer; finished pods still holding it are not counted yet.
            const counted = pods.filter((p) => (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') && !p.metadata.finalizers?.length);
            const failedPods = counted.filter((p) => p.status?.phase === 'Failed').length;
            expect(status.failed ?? 0).toBe(failedPods);
            if (!indexed) expect(status.succeeded ?? 0).toBe(counted.length - failedPods);
          };
          for (const exit of exits) {
            sim.advance(exit.after * SECOND_MS);
            check();
            const victim = [...sim.store.list<Pod>('Pod')].find((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp);
            if (victim) sim.exitContainer('default', victim.metadata.name, exit.code);
          }
          sim.advance(2 * SECOND_MS);
          check();
          // Let every remaining pod succeed: the Job completes with exactly `completions` successes.
          for (let round = 0; round < 40; round++) {
            const job = sim.api.get<Job>('Job', 'default', 'p');
            if (job.status?.conditions?.some((c) => c.type === 'Complete')) break;
            for (const p of [...sim.store.list<Pod>('Pod')]) if (p.status?.phase === 'Running') sim.exitContainer('default', p.metadata.name, 0);
            sim.advance(20 * SECOND_MS);
            check();
          }
          const job = sim.api.get<Job>('Job', 'default', 'p');
          expect(job.status?.conditions?.map((c) => c.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
          expect(job.status?.succeeded).toBe(completions);
          if (indexed) expect(job.status?.completedIndexes).toBe(formatIntervals([{ first: 0, last: completions - 1 }]));
          expect(sim.controllerErrors).toEqual([]);
        },
      ),
      { numRuns: 30 },
    );
  });
});
