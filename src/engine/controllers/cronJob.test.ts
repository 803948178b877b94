/**
 * CronJob controller: the schedule arithmetic (table tests in the style of upstream's
 * TestMostRecentScheduleTime) and its behaviour over time on a whole cluster.
 */
import { describe, expect, it } from 'vitest';
import { createTestSim } from '../testing/harness.ts';
import type { Simulation } from '../sim/simulation.ts';
import { type CronJob, type Event, type Job, clone } from '../api/objects.ts';
import { formatTime, MINUTE_MS, parseTime, SECOND_MS, utcMs } from '../api/time.ts';
import { parseSchedule, type Schedule } from '../api/cron.ts';
import { jobNameFor, mostRecentScheduleTime, nextScheduleDelayMs } from './cronJob.ts';

const T = (h: number, m: number, s = 0) => utcMs(2025, 1, 1, h, m, s);

function cronJob(schedule: string, created: number, extra: { lastScheduleTime?: number; startingDeadlineSeconds?: number; timeZone?: string } = {}): CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'cj', namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: formatTime(created) },
    spec: { schedule, jobTemplate: {}, ...(extra.startingDeadlineSeconds !== undefined ? { startingDeadlineSeconds: extra.startingDeadlineSeconds } : {}), ...(extra.timeZone ? { timeZone: extra.timeZone } : {}) },
    status: extra.lastScheduleTime !== undefined ? { lastScheduleTime: formatTime(extra.lastScheduleTime) } : {},
  };
}

const sched = (s: string, tz?: string) => parseSchedule(s, tz) as Schedule;

describe('mostRecentScheduleTime', () => {
  it.each([
    { name: 'not yet due', cj: cronJob('0 * * * *', T(10, 0)), now: T(10, 30), recent: undefined, missed: 'none' },
    { name: 'one due', cj: cronJob('0 * * * *', T(10, 0)), now: T(11, 1), recent: T(11, 0), missed: 'none' },
    { name: 'several missed: only the latest', cj: cronJob('0 * * * *', T(10, 0)), now: T(13, 5), recent: T(13, 0), missed: 'few' },
    { name: 'since the last schedule time', cj: cronJob('*/5 * * * *', T(0, 0), { lastScheduleTime: T(10, 0) }), now: T(10, 7), recent: T(10, 5), missed: 'none' },
    { name: 'more than 100 missed', cj: cronJob('* * * * *', T(0, 0)), now: T(2, 0, 30), recent: T(2, 0), missed: 'many' },
    { name: 'the starting deadline narrows the window', cj: cronJob('* * * * *', T(10, 0), { startingDeadlineSeconds: 10 }), now: T(10, 5, 30), recent: undefined, missed: 'none' },
    { name: 'inside the starting deadline', cj: cronJob('* * * * *', T(10, 0), { startingDeadlineSeconds: 60 }), now: T(10, 5, 30), recent: T(10, 5), missed: 'none' },
    { name: 'in the CronJob time zone', cj: cronJob('0 9 * * *', T(0, 0), { timeZone: 'Asia/Shanghai' }), now: T(1, 0, 5), recent: T(1, 0), missed: 'none' },
  ])('$name', ({ cj, now, recent, missed }) => {
    const r = mostRecentScheduleTime(cj, now, sched(cj.spec!.schedule, cj.spec!.timeZone), true);
    expect(r).not.toBeInstanceOf(Error);
    expect(r).toMatchObject({ mostRecentMs: recent, missed });
  });

  it('rejects a schedule that never fires twice (31 February)', () => {
    const r = mostRecentScheduleTime(cronJob('0 0 31 2 *', T(0, 0)), T(1, 0), sched('0 0 31 2 *'), true);
    expect(r).toBeInstanceOf(Error);
    expect((r as Error).message).toBe('time difference between two schedules is less than 1 second');
  });

  it('requeues 100 ms after the next schedule time', () => {
    expect(nextScheduleDelayMs(cronJob('* * * * *', T(10, 0)), T(10, 0, 20), sched('* * * * *'))).toBe(40 * SECOND_MS + 100);
    expect(nextScheduleDelayMs(cronJob('0 * * * *', T(10, 0), { lastScheduleTime: T(11, 0) }), T(11, 0, 1), sched('0 * * * *'))).toBe(60 * MINUTE_MS - SECOND_MS + 100);
  });

  it('names Jobs by their scheduled minute since the epoch', () => {
    expect(jobNameFor(cronJob('* * * * *', 0), utcMs(2016, 5, 19, 10, 0))).toBe('cj-24394200');
  });
});

function createCronJob(sim: Simulation, name: string, schedule: string, command: string[], spec: Record<string, unknown> = {}): CronJob {
  return sim.api.create<CronJob>({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: { schedule, jobTemplate: { spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command }] } } } }, ...spec },
  });
}

const cj = (sim: Simulation, name: string) => sim.api.get<CronJob>('CronJob', 'default', name);
const jobs = (sim: Simulation) => [...sim.store.list<Job>('Job')].map((j) => j.metadata.name).sort();
const events = (sim: Simulation, obj: CronJob) => [...sim.store.list<Event>('Event')].filter((e) => e.involvedObject.uid === obj.metadata.uid).map((e) => `${e.reason}: ${e.message}`);
const minuteName = (name: string, ms: number) => `${name}-${Math.floor(ms / MINUTE_MS)}`;
function patchSpec(sim: Simulation, name: string, change: Record<string, unknown>): void {
  const current = cj(sim, name);
  sim.api.update({ ...clone(current), spec: { ...clone(current.spec!), ...change } });
  sim.settle();
}

describe('CronJob controller', () => {
  it('creates a Job each minute, records it in status.active and lastScheduleTime, then lastSuccessfulTime', () => {
    const sim = createTestSim();
    const start = sim.now();
    createCronJob(sim, 'tick', '* * * * *', ['sh', '-c', 'sleep 5']);
    sim.advance(MINUTE_MS + 2 * SECOND_MS);
    const running = cj(sim, 'tick');
    expect(jobs(sim)).toEqual([minuteName('tick', start + MINUTE_MS)]);
    expect(running.status?.active).toEqual([{ apiVersion: 'batch/v1', kind: 'Job', name: minuteName('tick', start + MINUTE_MS), namespace: 'default', uid: sim.api.get<Job>('Job', 'default', minuteName('tick', start + MINUTE_MS)).metadata.uid, resourceVersion: expect.any(String) }]);
    expect(running.status?.lastScheduleTime).toBe(formatTime(start + MINUTE_MS));
    const created = sim.api.get<Job>('Job', 'default', minuteName('tick', start + MINUTE_MS));
    expect(created.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2025-01-01T00:01:00Z');
    expect(created.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'CronJob', name: 'tick', controller: true, blockOwnerDeletion: true });
    sim.advance(20 * SECOND_MS);
    const done = cj(sim, 'tick');
    expect(done.status?.active).toBeUndefined();
    expect(parseTime(done.status?.lastSuccessfulTime)).toBeGreaterThan(start + MINUTE_MS);
    expect(events(sim, done)).toEqual([`SuccessfulCreate: Created job ${minuteName('tick', start + MINUTE_MS)}`, `SawCompletedJob: Saw completed job: ${minuteName('tick', start + MINUTE_MS)}, status: Complete`]);
  });

  it('Forbid: skips while a Job runs, then starts the skipped slot late', () => {
    const sim = createTestSim();
    const start = sim.now();
    createCronJob(sim, 'fb', '* * * * *', ['sh', '-c', 'sleep 90'], { concurrencyPolicy: 'Forbid' });
    sim.advance(2 * MINUTE_MS + 5 * SECOND_MS);
    expect(jobs(sim)).toEqual([minuteName('fb', start + MINUTE_MS)]);
    expect(events(sim, cj(sim, 'fb'))).toContain('JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid');
    // The first Job ends around 2:33; the 2:00 slot is still unmet and starts then.
    sim.advance(40 * SECOND_MS);
    expect(jobs(sim)).toEqual([minuteName('fb', start + MINUTE_MS), minuteName('fb', start + 2 * MINUTE_MS)]);
  });

  it('Replace: deletes the running Job and starts the new one', () => {
    const sim = createTestSim();
    const start = sim.now();
    createCronJob(sim, 'rp', '* * * * *', ['sh', '-c', 'sleep 90'], { concurrencyPolicy: 'Replace' });
    sim.advance(2 * MINUTE_MS + 5 * SECOND_MS);
    expect(jobs(sim)).toEqual([minuteName('rp', start + 2 * MINUTE_MS)]);
    expect(events(sim, cj(sim, 'rp'))).toContain(`SuccessfulDelete: Deleted job ${minuteName('rp', start + MINUTE_MS)}`);
    expect(cj(sim, 'rp').status?.active?.map((r) => r.name)).toEqual([minuteName('rp', start + 2 * MINUTE_MS)]);
  });

  it('on resume runs only the most recent missed slot; a short starting deadline skips it silently', () => {
    const sim = createTestSim();
    const start = sim.now();
    createCronJob(sim, 'late', '*/10 * * * *', ['sh', '-c', 'exit 0'], { suspend: true });
    createCronJob(sim, 'strict', '*/10 * * * *', ['sh', '-c', 'exit 0'], { suspend: true, startingDeadlineSeconds: 30 });
    sim.advance(35 * MINUTE_MS);
    expect(jobs(sim)).toEqual([]);
    patchSpec(sim, 'late', { suspend: false });
    patchSpec(sim, 'strict', { suspend: false });
    expect(jobs(sim)).toEqual([minuteName('late', start + 30 * MINUTE_MS)]);
    expect(events(sim, cj(sim, 'strict'))).toEqual([]);
    sim.advance(5 * MINUTE_MS + 2 * SECOND_MS);
    expect(jobs(sim)).toContain(minuteName('strict', start + 40 * MINUTE_MS));
  });

  it('warns about more than 100 missed start times but still runs the latest', () => {
    const sim = createTestSim();
    const start = sim.now();
    createCronJob(sim, 'many', '* * * * *', ['sh', '-c', 'exit 0'], { suspend: true });
    sim.advance(3 * 60 * MINUTE_MS + 30 * SECOND_MS);
    patchSpec(sim, 'many', { suspend: false });
    expect(events(sim, cj(sim, 'many'))).toEqual([
      'TooManyMissedTimes: too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
      `SuccessfulCreate: Created job ${minuteName('many', start + 180 * MINUTE_MS)}`,
    ]);
  });

  it('keeps failedJobsHistoryLimit failed Jobs and successfulJobsHistoryLimit successful ones', () => {
    const sim = createTestSim();
    createCronJob(sim, 'bad', '* * * * *', ['sh', '-c', 'exit 1'], { failedJobsHistoryLimit: 1 });
    createCronJob(sim, 'good', '* * * * *', ['sh', '-c', 'exit 0'], { successfulJobsHistoryLimit: 2 });
    sim.advance(6 * MINUTE_MS + 30 * SECOND_MS);
    const names = jobs(sim);
    expect(names.filter((n) => n.startsWith('bad-'))).toHaveLength(1);
    expect(names.filter((n) => n.startsWith('good-'))).toHaveLength(2);
    expect(events(sim, cj(sim, 'bad')).filter((e) => e.startsWith('SawCompletedJob'))[0]).toMatch(/status: Failed$/);
  });

  it('evaluates the schedule in spec.timeZone and stamps the scheduled time in that zone', () => {
    const sim = createTestSim();
    createCronJob(sim, 'tz', '0 9 * * *', ['sh', '-c', 'exit 0'], { timeZone: 'Asia/Shanghai' });
    sim.advance(61 * MINUTE_MS);
    const [name] = jobs(sim);
    expect(name).toBe(minuteName('tz', T(1, 0)));
    expect(sim.api.get<Job>('Job', 'default', name!).metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2025-01-01T09:00:00+08:00');
  });

  it('notices an active Job that went missing', () => {
    const sim = createTestSim();
    const start = sim.now();
    createCronJob(sim, 'gone', '* * * * *', ['sh', '-c', 'sleep 300']);
    sim.advance(MINUTE_MS + 5 * SECOND_MS);
    sim.api.delete('Job', 'default', minuteName('gone', start + MINUTE_MS), { propagationPolicy: 'Background' });
    sim.settle();
    expect(events(sim, cj(sim, 'gone'))).toContain(`MissingJob: Active job went missing: ${minuteName('gone', start + MINUTE_MS)}`);
    expect(cj(sim, 'gone').status?.active).toBeUndefined();
  });

  it('deleting the CronJob deletes its Jobs and their pods', () => {
    const sim = createTestSim();
    createCronJob(sim, 'bye', '* * * * *', ['sh', '-c', 'exit 0']);
    sim.advance(3 * MINUTE_MS + 30 * SECOND_MS);
    expect(jobs(sim)).toHaveLength(3);
    sim.api.delete('CronJob', 'default', 'bye', { propagationPolicy: 'Background' });
    sim.settle();
    expect(jobs(sim)).toEqual([]);
    expect([...sim.store.list('Pod')]).toEqual([]);
    expect(sim.controllerErrors).toEqual([]);
  });
});
