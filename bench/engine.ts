/**
 * Engine benchmark (not a test): prints one JSON object with wall-clock figures for the targets in
 * issue 2. Run with `node --expose-gc --import tsx bench/engine.ts` (heap figures need --expose-gc).
 *
 *   scale:  1,000 nodes added and Ready, then 10,000 standalone pods created, scheduled, Running
 *           (target < 3 s wall), and the heap held by that cluster (target < 300 MB).
 *   idle:   100 nodes heartbeating through a simulated 24 h with nothing else to do (target < 1 s).
 */
import { Simulation, type Node, type Pod } from '../src/engine/index.ts';

const NODES = Number(process.env.BENCH_NODES ?? 1000);
const PODS = Number(process.env.BENCH_PODS ?? 10_000);
const IDLE_NODES = 100;
const DAY_MS = 24 * 3600 * 1000;

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function heapMB(): number {
  gc();
  return Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10;
}

function ms(start: number): number {
  return Math.round(performance.now() - start);
}

/** CPU time of this process (user + system), less disturbed than wall time on a shared machine. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return Math.round((u.user + u.system) / 1000);
}

function isReady(node: Node): boolean {
  return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

function scale() {
  const heapBefore = heapMB();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const sim = new Simulation({ seed: 'bench', nodes: [] });
  for (let i = 0; i < NODES; i++) sim.addNode({ name: `node-${String(i).padStart(4, '0')}`, cpu: '32', memory: '128Gi', pods: 110 });
  const readyNodes = [...sim.store.list<Node>('Node')].filter(isReady).length;
  const nodesMs = ms(t0);

  const t1 = performance.now();
  for (let i = 0; i < PODS; i++) {
    sim.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `pod-${i}` },
      spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] },
    });
  }
  const createMs = ms(t1);
  const t2 = performance.now();
  sim.settle();
  const scheduledMs = ms(t2);
  // Count phase transitions as they are written rather than rescanning 10,000 pods per step.
  let running = 0;
  const stopWatching = sim.store.watch('Pod', (e) => {
    const was = (e.old as Pod | undefined)?.status?.phase === 'Running';
    const is = e.type !== 'DELETED' && (e.object as Pod).status?.phase === 'Running';
    running += Number(is) - Number(was);
  });
  for (const p of sim.store.list<Pod>('Pod')) if (p.status?.phase === 'Running') running++;
  const allRunning = sim.runUntil(() => running === PODS, 10 * 60_000);
  stopWatching();
  const runMs = ms(t2);
  const totalMs = ms(t0);
  const totalCpuMs = cpuMs(cpu0);
  const heap = heapMB() - heapBefore;
  const result = {
    nodes: NODES,
    readyNodes,
    pods: PODS,
    running,
    allRunning,
    nodesMs,
    createMs,
    scheduleMs: scheduledMs,
    scheduleAndRunMs: runMs,
    totalMs,
    totalCpuMs,
    virtualMs: sim.now() - 1735689600000,
    storeWrites: sim.trace.writes,
    events: sim.store.count('Event'),
    heapMB: Math.round(heap * 10) / 10,
    controllerErrors: sim.controllerErrors.length,
    targets: { totalMsMax: 3000, heapMBMax: 300 },
  };
  return { sim, result };
}

function idle() {
  const sim = new Simulation({ seed: 'bench-idle', nodes: Array.from({ length: IDLE_NODES }, (_, i) => ({ name: `node-${i}` })) });
  const writes0 = sim.trace.writes;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  sim.advance(DAY_MS);
  const wallMs = ms(t0);
  const cpu = cpuMs(cpu0);
  const allReady = [...sim.store.list<Node>('Node')].every(isReady);
  return { nodes: IDLE_NODES, virtualHours: 24, wallMs, cpuMs: cpu, storeWrites: sim.trace.writes - writes0, allReady, events: sim.store.count('Event'), targets: { wallMsMax: 1000 } };
}

const { sim, result } = scale();
void sim;
const idleResult = idle();
console.log(JSON.stringify({ scale: result, idle: idleResult }, null, 2));
