/**
 * Job controller benchmark (not a test): a Job with completions 10,000 and parallelism 500 of
 * 10-second pods on 100 nodes runs to Complete. Prints one JSON object with the wall and CPU time
 * (target < 5 s wall), the virtual time it took, and the store writes.
 * Run with `node --import tsx bench/job.ts` (COMPLETIONS / PARALLELISM / NODES override the sizes).
 */
import { type Job, Simulation } from '../src/engine/index.ts';

const COMPLETIONS = Number(process.env.COMPLETIONS ?? 10_000);
const PARALLELISM = Number(process.env.PARALLELISM ?? 500);
const NODES = Number(process.env.NODES ?? 100);

const ms = (t: number) => Math.round(performance.now() - t);

function run() {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const nodes = Array.from({ length: NODES }, (_, i) => ({ name: `node-${String(i).padStart(3, '0')}`, cpu: '32', memory: '128Gi', pods: 110 }));
  const sim = new Simulation({ seed: 'bench-job', nodes });
  const setupMs = ms(t0);
  const start = sim.now();
  const t1 = performance.now();
  sim.api.create({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'bench' },
    spec: {
      completions: COMPLETIONS,
      parallelism: PARALLELISM,
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 10'] }] } },
    },
  });
  const done = () => (sim.store.get<Job>('Job', 'default/bench')?.status?.conditions ?? []).some((c) => c.type === 'Complete' && c.status === 'True');
  const completed = sim.runUntil(done, 24 * 3600 * 1000);
  const runMs = ms(t1);
  const cpu = process.cpuUsage(cpu0);
  const job = sim.store.get<Job>('Job', 'default/bench')!;
  return {
    benchmark: 'job',
    completions: COMPLETIONS,
    parallelism: PARALLELISM,
    nodes: NODES,
    completed,
    succeeded: job.status?.succeeded ?? 0,
    failed: job.status?.failed ?? 0,
    virtualSeconds: Math.round((sim.now() - start) / 1000),
    wallMs: runMs,
    setupWallMs: setupMs,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    storeWrites: sim.trace.writes,
    controllerErrors: sim.controllerErrors.length,
    targetWallMs: 5000,
    pass: completed && runMs < 5000,
  };
}

process.stdout.write(`${JSON.stringify(run(), null, 2)}\n`);
