/**
 * kubectl printing cost on a busy cluster: `get pods -A` (table), `get pods -o json`,
 * `describe node`, `get pods -o jsonpath` and `completeKubectl`, over N pods. Prints JSON.
 *
 *   node --import tsx bench/kubectl.ts [pods=2000]
 */
import { Simulation } from '../src/engine/index.ts';
import { simulationClient } from '../src/kubectl/client.ts';
import { completeKubectl } from '../src/kubectl/completion.ts';
import { runKubectl } from '../src/kubectl/kubectl.ts';

const pods = Number(process.argv[2] ?? 2000);
const sim = new Simulation({ seed: 1 });
const client = simulationClient(sim);
const docs = Array.from({ length: pods }, (_, i) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p-${i}\n  labels: {app: a${i % 10}}\nspec:\n  containers:\n  - name: c\n    image: busybox\n    command: [sleep, infinity]\n    resources: {requests: {cpu: 1m, memory: 1Mi}}\n`);
const setupStart = performance.now();
runKubectl('apply -f -', client, { stdin: docs.join('---\n') });
sim.advance(60_000);
const setupMs = performance.now() - setupStart;

function time(line: string, runs = 5): { ms: number; bytes: number } {
  let bytes = 0;
  const start = performance.now();
  for (let i = 0; i < runs; i++) bytes = runKubectl(line, client).stdout.length;
  return { ms: Math.round(((performance.now() - start) / runs) * 100) / 100, bytes };
}

const completionStart = performance.now();
for (let i = 0; i < 20; i++) completeKubectl('kubectl get pods p-1', client);
const completionMs = Math.round(((performance.now() - completionStart) / 20) * 100) / 100;

console.log(
  JSON.stringify(
    {
      pods,
      setupMs: Math.round(setupMs),
      getPodsTable: time('get pods -A'),
      getPodsWide: time('get pods -o wide'),
      getPodsJson: time('get pods -o json'),
      getPodsJsonPath: time("get pods -o jsonpath='{range .items[*]}{.metadata.name}{\"\\n\"}{end}'"),
      describeNode: time('describe node worker-1'),
      explainRecursive: time('explain pod --recursive'),
      completeMs: completionMs,
    },
    null,
    2,
  ),
);
