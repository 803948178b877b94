import { Simulation } from '../src/engine/index.ts';
const sim: any = new Simulation({ seed: 'bench', nodes: [] });
for (let i = 0; i < 1000; i++) sim.addNode({ name: `node-${String(i).padStart(4, '0')}`, cpu: '32', memory: '128Gi', pods: 110 });
for (let i = 0; i < 10000; i++) sim.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod-${i}` }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] } });
sim.advance(10000);
const pods = [...sim.store.list('Pod')];
const N = 300000;
let t = performance.now();
for (let i = 0; i < N; i++) {
  const p = sim.store.get('Pod', 'default/' + pods[i % pods.length].metadata.name);
  const c = p.status.conditions;
  sim.api.updateStatus({ ...p, status: { ...p.status, conditions: [c[0], c[1], { ...c[2], lastProbeTime: i % 2 ? null : '2025-01-01T00:00:00Z' }, c[3], c[4]] } });
}
console.log('status write µs', ((performance.now() - t) * 1000 / N).toFixed(1));
