import { type DaemonSet, Simulation } from '../src/engine/index.ts';
const N = Number(process.env.N ?? 2000);
const sim = new Simulation({ seed: 'bench', nodes: [] });
for (let i = 0; i < N; i++) sim.addNode({ name: `node-${String(i).padStart(4, '0')}`, labels: { disk: 'ssd' }, cpu: '32', memory: '128Gi', pods: 110 });
const t0 = performance.now(); const c0 = process.cpuUsage();
sim.api.create({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'monitor' }, spec: { selector: { matchLabels: { app: 'monitor' } }, template: { metadata: { labels: { app: 'monitor' } }, spec: { nodeSelector: { disk: 'ssd' }, containers: [{ name: 'main', image: 'idealism/ssd-monitor' }] } } } });
const ok = sim.runUntil(() => sim.api.get<DaemonSet>('DaemonSet', 'default', 'monitor').status?.numberAvailable === N, 600000);
console.log(ok, Math.round(performance.now() - t0), 'ms wall', Math.round(process.cpuUsage(c0).user / 1000), 'ms cpu');
