/**
 * Workload controller benchmark (not a test): prints one JSON object with wall-clock figures for
 * the targets of issue 4. Run with `node --import tsx bench/apps.ts`.
 *
 *   daemonset:   a DaemonSet on 5,000 nodes, from creation until every node runs an available
 *                daemon pod (target < 2 s wall);
 *   relabel:     1,000 of those nodes relabelled out of its nodeSelector, until their daemon pods
 *                are gone and the status says 4,000 (target < 1 s);
 *   deployment:  a Deployment of 1,000 replicas on 20 nodes, until every pod is Running
 *                (target < 0.5 s), and the same scale-out on Webernetes 0.3.5 (its clock paused
 *                and stepped) for comparison.
 * Cluster set-up (adding the nodes) is timed separately and not part of the targets. Wall and CPU
 * time are both printed: on a shared machine the wall figure includes other processes' time.
 */
import { type DaemonSet, type Deployment, type Pod, Simulation } from '../src/engine/index.ts';
import { webernetesScaleOut } from './webernetes.ts';

const DS_NODES = Number(process.env.BENCH_DS_NODES ?? 5000);
const RELABEL = Number(process.env.BENCH_RELABEL ?? 1000);
const REPLICAS = Number(process.env.BENCH_REPLICAS ?? 1000);
const DEPLOY_NODES = Number(process.env.BENCH_DEPLOY_NODES ?? 20);
/** The daemon pods' image: the seeds' ssd-monitor (a shell loop) or e.g. registry.k8s.io/pause:3.10 (an idle process). */
const DS_IMAGE = process.env.BENCH_DS_IMAGE ?? 'idealism/ssd-monitor';
const VIRTUAL_LIMIT_MS = 10 * 60 * 1000;

const ms = (start: number): number => Math.round(performance.now() - start);
/** CPU time of this process since `since` (less disturbed than wall time on a shared machine). */
const cpuMs = (since: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(since);
  return Math.round((u.user + u.system) / 1000);
};

function cluster(nodes: number, labels: Record<string, string> = {}): { sim: Simulation; setupMs: number } {
  const t0 = performance.now();
  const sim = new Simulation({ seed: 'bench', nodes: [] });
  for (let i = 0; i < nodes; i++) sim.addNode({ name: `node-${String(i).padStart(4, '0')}`, labels, cpu: '32', memory: '128Gi', pods: 110 });
  return { sim, setupMs: ms(t0) };
}

function daemonSetBench() {
  const { sim, setupMs } = cluster(DS_NODES, { disk: 'ssd' });
  const status = () => sim.api.get<DaemonSet>('DaemonSet', 'default', 'monitor').status;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const v0 = sim.now();
  sim.api.create({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'monitor' },
    spec: {
      selector: { matchLabels: { app: 'monitor' } },
      template: { metadata: { labels: { app: 'monitor' } }, spec: { nodeSelector: { disk: 'ssd' }, containers: [{ name: 'main', image: DS_IMAGE }] } },
    },
  });
  const converged = sim.runUntil(() => status()?.numberAvailable === DS_NODES, VIRTUAL_LIMIT_MS);
  const convergeMs = ms(t0);
  const convergeCpuMs = cpuMs(c0);
  const virtualMs = sim.now() - v0;

  const t1 = performance.now();
  const c1 = process.cpuUsage();
  const v1 = sim.now();
  for (let i = 0; i < RELABEL; i++) sim.api.patch('Node', undefined, `node-${String(i).padStart(4, '0')}`, 'merge', { metadata: { labels: { disk: 'hdd' } } });
  const podsGone = () => sim.store.count('Pod') === DS_NODES - RELABEL;
  const relabelled = sim.runUntil(() => status()?.desiredNumberScheduled === DS_NODES - RELABEL && status()?.numberAvailable === DS_NODES - RELABEL && podsGone(), VIRTUAL_LIMIT_MS);
  return {
    nodes: DS_NODES,
    image: DS_IMAGE,
    setupMs,
    daemonSet: { converged, wallMs: convergeMs, cpuMs: convergeCpuMs, virtualMs, targetMs: 2000 },
    relabel: { nodes: RELABEL, converged: relabelled, wallMs: ms(t1), cpuMs: cpuMs(c1), virtualMs: sim.now() - v1, targetMs: 1000 },
    controllerErrors: sim.controllerErrors.length,
  };
}

function deploymentBench(replicas = REPLICAS) {
  const { sim, setupMs } = cluster(DEPLOY_NODES);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const v0 = sim.now();
  sim.api.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
    },
  });
  let running = 0;
  const allRunning = () => {
    running = 0;
    for (const p of sim.store.list<Pod>('Pod')) if (p.status?.phase === 'Running') running++;
    return running === replicas;
  };
  // Checking every pod at every step would dominate; the Deployment's readyReplicas says when to look.
  const done = sim.runUntil(() => sim.api.get<Deployment>('Deployment', 'default', 'web').status?.readyReplicas === replicas && allRunning(), VIRTUAL_LIMIT_MS);
  return { nodes: DEPLOY_NODES, replicas, setupMs, allRunning: done, running, wallMs: ms(t0), cpuMs: cpuMs(c0), virtualMs: sim.now() - v0, targetMs: 500, controllerErrors: sim.controllerErrors.length };
}

async function main() {
  // A first, smaller run warms the JIT up, as a long-lived tab or worker would be.
  deploymentBench(REPLICAS / 4);
  const deployment = deploymentBench();
  const daemonset = daemonSetBench();
  const webernetes = await webernetesScaleOut(REPLICAS, DEPLOY_NODES);
  const result = {
    deployment,
    webernetes,
    ratio: webernetes.wallMs !== undefined ? Math.round((webernetes.wallMs / deployment.wallMs) * 10) / 10 : undefined,
    ...daemonset,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

const ds = daemonSetBench(); console.log(JSON.stringify(ds));
