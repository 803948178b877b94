/**
 * UI benchmarks that run in Node (JSON out): the gzip size of the JavaScript the first paint needs
 * (the entry, the app chunk and what they import statically, from `vite build`'s manifest), the
 * lazy chunks, and the graph derivation for a 5,000-pod cluster (ownership + placement model and
 * layout), the pure part of the graph's first render. Run after `npx vite build`:
 *   node --import tsx bench/ui.ts
 * The browser figures (first load, frame times, the graph's painted first render) are measured in
 * Chromium by bench/browser/*.ts.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { ObjectRecord } from '../src/worker/protocol.ts';
import { ownershipLayout } from '../src/ui/graph/layout.ts';
import { gridLayout, ownershipModel, placementModel } from '../src/ui/graph/model.ts';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const gzipKb = (file: string) => Math.round(gzipSync(readFileSync(`dist/${file}`)).length / 1024);

/** The initial JS: the entry, the app it loads at once (src/main.tsx), and their static imports. */
function bundle() {
  const manifest = JSON.parse(readFileSync('dist/.vite/manifest.json', 'utf8')) as Record<string, ManifestChunk>;
  const initial = new Set<string>();
  const visit = (key: string) => {
    if (initial.has(key)) return;
    initial.add(key);
    for (const k of manifest[key]?.imports ?? []) visit(k);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  visit('src/main.tsx');
  const files = [...initial].map((k) => ({ chunk: k, file: manifest[k]!.file, gzipKb: gzipKb(manifest[k]!.file) }));
  const lazy = ['src/ui/terminal/TerminalPanel.tsx', 'src/ui/timeline/ChartsPanel.tsx', 'src/ui/editor/MonacoEditor.tsx', 'src/scenarios/tutorials/index.ts'].filter((k) => manifest[k]).map((k) => ({ chunk: k, gzipKb: gzipKb(manifest[k]!.file) }));
  return { initialGzipKb: files.reduce((a, f) => a + f.gzipKb, 0), budgetGzipKb: 300, initial: files, lazy };
}

function cluster(pods: number, nodes: number, owners: number) {
  const records = new Map<string, ObjectRecord>();
  const ids: Record<string, string[]> = { Node: [], Job: [], Pod: [] };
  const other = { kind: 'Other' } as const;
  const wire = (kind: string, name: string, uid: string) => ({ apiVersion: 'v1', kind, metadata: { name, uid } });
  for (let n = 0; n < nodes; n++) {
    const uid = `node-${n}`;
    records.set(uid, { uid, kind: 'Node', name: `worker-${n}`, rv: '1', summary: { kind: 'Node', status: 'Ready', ready: true, cordoned: false, poweredOff: false, role: '<none>', taints: [], podCapacity: 110, cpuAllocatableMilli: 4000, memAllocatableBytes: 8 << 30 }, object: wire('Node', `worker-${n}`, uid) });
    ids.Node!.push(uid);
  }
  for (let j = 0; j < owners; j++) {
    const uid = `job-${j}`;
    records.set(uid, { uid, kind: 'Job', namespace: 'default', name: `job-${j}`, rv: '1', summary: other, object: wire('Job', `job-${j}`, uid) });
    ids.Job!.push(uid);
  }
  for (let p = 0; p < pods; p++) {
    const uid = `pod-${p}`;
    records.set(uid, { uid, kind: 'Pod', namespace: 'default', name: `pod-${p}`, rv: '1', ownerUid: `job-${p % owners}`, summary: { kind: 'Pod', status: 'Running', phase: 'Running', ready: '1/1', restarts: 0, nodeName: `worker-${p % nodes}`, containers: ['c'], previous: [], cpuMilli: 10, memBytes: 0, daemon: false }, object: wire('Pod', `pod-${p}`, uid) });
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
        ownershipModelAndLayoutMs: time(() => ownershipLayout(ownershipModel(records, ids))),
        placementModelAndLayoutMs: time(() => gridLayout(placementModel(records, ids))),
      },
    },
    null,
    2,
  ),
);
