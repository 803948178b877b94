import { describe, expect, it } from 'vitest';
import type { Job, Pod } from '../engine/index.ts';
import { jobBackoffUntilMs } from './summaries.ts';

const T0 = Date.UTC(2025, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000', '');
const pod = (phase: 'Succeeded' | 'Failed', finishedMs: number): Pod =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, status: { phase, containerStatuses: [{ name: 'c', state: { terminated: { exitCode: phase === 'Failed' ? 1 : 0, finishedAt: iso(finishedMs) } } }] } }) as unknown as Pod;
const job = (extra: Partial<Job['spec']> = {}, conditions: { type: string; status: string }[] = []): Job =>
  ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: {}, ...extra }, status: { conditions } }) as unknown as Job;

describe('jobBackoffUntilMs: the Job controller back-off the card counts down', () => {
  it.each([
    ['no failures', [pod('Succeeded', T0)], T0, undefined],
    ['one failure: 10 s after it', [pod('Failed', T0)], T0 + 4000, T0 + 10_000],
    ['two failures: 20 s after the last', [pod('Failed', T0), pod('Failed', T0 + 5000)], T0 + 6000, T0 + 25_000],
    ['five failures: 160 s', [0, 1, 2, 3, 4].map((i) => pod('Failed', T0 + i * 1000)), T0 + 5000, T0 + 4000 + 160_000],
    ['capped at 10 minutes', Array.from({ length: 12 }, (_, i) => pod('Failed', T0 + i * 1000)), T0 + 12_000, T0 + 11_000 + 600_000],
    ['a success resets the count', [pod('Failed', T0), pod('Succeeded', T0 + 1000), pod('Failed', T0 + 2000)], T0 + 3000, T0 + 12_000],
    ['over once the delay passed', [pod('Failed', T0)], T0 + 10_000, undefined],
  ])('%s', (_name, pods, now, expected) => {
    expect(jobBackoffUntilMs(job(), pods, now)).toBe(expected);
  });

  it('nothing is held back for a finished or suspended Job', () => {
    const failed = [pod('Failed', T0)];
    expect(jobBackoffUntilMs(job({}, [{ type: 'Failed', status: 'True' }]), failed, T0 + 1000)).toBeUndefined();
    expect(jobBackoffUntilMs(job({ suspend: true }), failed, T0 + 1000)).toBeUndefined();
  });
});
