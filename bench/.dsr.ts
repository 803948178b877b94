import { Simulation } from '../src/engine/index.ts';
const sim: any = new Simulation({ seed: 'b', nodes: [] });
for (let i = 0; i < 5000; i++) sim.addNode({ name: `node-${String(i).padStart(4, '0')}`, labels: { disk: 'ssd' }, cpu: '32', memory: '128Gi', pods: 110 });
sim.api.create({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'monitor' }, spec: { selector: { matchLabels: { app: 'monitor' } }, template: { metadata: { labels: { app: 'monitor' } }, spec: { nodeSelector: { disk: 'ssd' }, containers: [{ name: 'main', image: 'idealism/ssd-monitor' }] } } } });
sim.advance(10000);
const ds = sim.manager.entries.find((e: any) => e.controller.name === 'daemonset-controller') ?? sim.manager.entries.find((e: any) => /daemon/.test(e.controller.name));
console.log(ds.controller.name);
const nodes = [...sim.store.list('Node')].map((n: any) => n.metadata.name);
let patchMs = 0, settleMs = 0;
for (let r = 0; r < 5; r++) {
  let t = performance.now();
  for (const n of nodes) sim.api.patch('Node', undefined, n, 'merge', { metadata: { labels: { round: String(r) } } });
  patchMs += performance.now() - t;
  t = performance.now(); sim.settle(); settleMs += performance.now() - t;
}
console.log('patch 5000 nodes ms', (patchMs / 5).toFixed(0), 'settle ms', (settleMs / 5).toFixed(0));
