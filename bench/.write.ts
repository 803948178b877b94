import { Simulation } from '../src/engine/index.ts';
const sim: any = new Simulation({ seed: 'bench', nodes: [] });
for (let i = 0; i < 1000; i++) sim.addNode({ name: `node-${String(i).padStart(4, '0')}`, cpu: '32', memory: '128Gi', pods: 110 });
for (let i = 0; i < 10000; i++) sim.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod-${i}` }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] } });
sim.advance(10000);
const pods = [...sim.store.list('Pod')];
const N = 50000;
let t = performance.now();
for (let i = 0; i < N; i++) {
  const p = sim.store.get('Pod', 'default/' + pods[i % pods.length].metadata.name);
  const cs = p.status.containerStatuses.map((c: any) => ({ ...c, restartCount: c.restartCount + 1 }));
  sim.api.updateStatus({ ...p, status: { ...p.status, containerStatuses: cs } });
}
console.log('status write µs', ((performance.now() - t) * 1000 / N).toFixed(1));
t = performance.now();
const p0 = pods[0];
for (let i = 0; i < N; i++) sim.events.record(pods[i % pods.length], 'Normal', 'Test', `message ${i}`, { component: 'kubelet', host: 'node-0001' });
console.log('event µs', ((performance.now() - t) * 1000 / N).toFixed(1));
t = performance.now();
for (let i = 0; i < N; i++) sim.store.get('Pod', 'default/' + pods[i % pods.length].metadata.name);
console.log('get µs', ((performance.now() - t) * 1000 / N).toFixed(2));
