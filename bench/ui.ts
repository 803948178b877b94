/**
 * UI benchmarks that run in Node (JSON out): the main bundle's gzip size (from `vite build`'s
 * dist/), and the graph derivation for a 5,000-pod cluster (ownership + placement model and
 * layout), which is the pure part of the graph's first render. Run after `npx vite build`:
 *   node --import tsx bench/ui.ts
 * Not measured here (needs Chromium with a rAF recorder): frame-time p95 while 1,000 pods churn.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { ObjectRecord } from '../src/worker/protocol.ts';
import { dagreLayout } from '../src/ui/graph/layout.ts';
import { gridLayout, ownershipModel, placementModel } from '../src/ui/graph/model.ts';

function bundle() {
  const dir = 'dist/assets';
  const files = readdirSync(dir).filter((f) => /^index-.*\.js$/.test(f));
  return files.map((f) => {
    const bytes = readFileSync(`${dir}/${f}`);
    return { file: f, kb: Math.round(bytes.length / 1024), gzipKb: Math.round(gzipSync(bytes).length / 1024) };
  });
}

function cluster(pods: number, nodes: number, owners: number) {
  const records = new Map<string, ObjectRecord>();
  const ids: Record<string, string[]> = { Node: [], Job: [], Pod: [] };
  const other = { kind: 'Other' } as const;
  const wire = (kind: string, name: string, uid: string) => ({ apiVersion: 'v1', kind, metadata: { name, uid } });
  for (let n = 0; n < nodes; n++) {
    const uid = `node-${n}`;
    records.set(uid, { uid, kind: 'Node', name: `worker-${n}`, rv: '1', summary: { kind: 'Node', status: 'Ready', ready: true, cordoned: false, role: '<none>', taints: [], podCapacity: 110, cpuAllocatableMilli: 4000 }, object: wire('Node', `worker-${n}`, uid) });
    ids.Node!.push(uid);
  }
  for (let j = 0; j < owners; j++) {
    const uid = `job-${j}`;
    records.set(uid, { uid, kind: 'Job', namespace: 'default', name: `job-${j}`, rv: '1', summary: other, object: wire('Job', `job-${j}`, uid) });
    ids.Job!.push(uid);
  }
  for (let p = 0; p < pods; p++) {
    const uid = `pod-${p}`;
    records.set(uid, { uid, kind: 'Pod', namespace: 'default', name: `pod-${p}`, rv: '1', ownerUid: `job-${p % owners}`, summary: { kind: 'Pod', status: 'Running', phase: 'Running', ready: '1/1', restarts: 0, nodeName: `worker-${p % nodes}`, containers: ['c'], previous: [], cpuMilli: 10, daemon: false }, object: wire('Pod', `pod-${p}`, uid) });
    ids.Pod!.push(uid);
  }
  return { records, ids };
}

function time<T>(fn: () => T, runs = 5): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return Math.round(Math.min(...samples) * 10) / 10;
}

const { records, ids } = cluster(5000, 50, 100);
console.log(
  JSON.stringify(
    {
      mainBundle: bundle(),
      graph5000Pods: {
        ownershipModelAndLayoutMs: time(() => dagreLayout(ownershipModel(records, ids))),
        placementModelAndLayoutMs: time(() => gridLayout(placementModel(records, ids))),
      },
    },
    null,
    2,
  ),
);
