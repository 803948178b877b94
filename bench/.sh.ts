import { Simulation } from '../src/engine/index.ts';
const sim: any = new Simulation({ seed: 'b', nodes: [{ name: 'n1', cpu: '64', memory: '256Gi', pods: 500 }] });
for (let i = 0; i < 200; i++) sim.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}` }, spec: { containers: [{ name: 'main', image: 'idealism/ssd-monitor' }] } });
sim.advance(20000);
const t = performance.now();
sim.advance(3600_000);
const ms = performance.now() - t;
console.log('iterations', 200 * 720, 'µs per iteration', (ms * 1000 / (200 * 720)).toFixed(1));
