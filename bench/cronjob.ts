/**
 * CronJob benchmark (not a test): a CronJob every minute for 30 simulated days with the default
 * history limits. Memory must stay flat: finished Jobs are pruned, their pods go with them, events
 * expire after an hour, and no controller keeps per-Job state. Prints one JSON object with the heap
 * after day 1 and after the last day, the object counts, and the wall time.
 * Run with `node --expose-gc --import tsx bench/cronjob.ts` (DAYS overrides the length).
 */
import { type CronJob, Simulation } from '../src/engine/index.ts';

const DAYS = Number(process.env.DAYS ?? 30);
const DAY_MS = 24 * 3600 * 1000;

function heapMB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10;
}

function counts(sim: Simulation) {
  return { jobs: sim.store.count('Job'), pods: sim.store.count('Pod'), events: sim.store.count('Event') };
}

function run() {
  const t0 = performance.now();
  const sim = new Simulation({ seed: 'bench-cronjob' });
  sim.api.create({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'hello' },
    spec: {
      schedule: '* * * * *',
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox:1.28', command: ['sh', '-c', 'echo Hello from the Kubernetes cluster'] }] } } } },
    },
  });
  sim.advance(DAY_MS);
  const day1 = { heapMB: heapMB(), ...counts(sim) };
  const perDay: number[] = [day1.heapMB];
  for (let d = 2; d <= DAYS; d++) {
    sim.advance(DAY_MS);
    perDay.push(heapMB());
  }
  const last = { heapMB: perDay[perDay.length - 1]!, ...counts(sim) };
  const cj = sim.store.get<CronJob>('CronJob', 'default/hello')!;
  const wallMs = Math.round(performance.now() - t0);
  return {
    benchmark: 'cronjob',
    days: DAYS,
    jobsCreated: Math.round((sim.now() - (Date.parse(cj.metadata.creationTimestamp) || 0)) / 60_000),
    day1,
    [`day${DAYS}`]: last,
    heapGrowthMB: Math.round((last.heapMB - day1.heapMB) * 10) / 10,
    heapByDayMB: perDay,
    lastScheduleTime: cj.status?.lastScheduleTime,
    storeWrites: sim.trace.writes,
    controllerErrors: sim.controllerErrors.length,
    wallMs,
  };
}

process.stdout.write(`${JSON.stringify(run(), null, 2)}\n`);
