/**
 * Container runtime and network cost: the shell interpreter's speed, computing pi, and a cluster of
 * web servers behind Services with readiness probes running for ten virtual minutes. Prints JSON.
 *
 *   node --import tsx bench/runtime.ts [pods=600] [services=60]
 */
import { Simulation, defaultNodes } from '../src/engine/index.ts';
import { sh } from '../src/engine/testing/containerHarness.ts';
import { piDigits } from '../src/engine/containers/commands/pi.ts';
import { simulationClient } from '../src/kubectl/client.ts';
import { runKubectl } from '../src/kubectl/kubectl.ts';

const pods = Number(process.argv[2] ?? 600);
const services = Number(process.argv[3] ?? 60);
const round = (n: number) => Math.round(n * 10) / 10;

function timed<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: round(performance.now() - start), value };
}

// 1. The shell: a tight arithmetic loop and a pipeline over seq.
const loop = timed(() => sh('i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; echo $i'));
const pipeline = timed(() => sh('seq 1 20000 | grep 7 | wc -l'));
const bashArrays = timed(() => sh('a=(); for i in $(seq 1 5000); do a+=($i); done; echo ${#a[@]}', { shell: 'bash' }));

// 2. pi to 2000 digits (BigInt Machin, uncached then cached).
const piFirst = timed(() => piDigits(2000));
const piCached = timed(() => piDigits(2000));

// 3. A cluster: nginx pods with readiness probes behind services, ten virtual minutes.
const sim = new Simulation({ seed: 1, nodes: defaultNodes(Math.ceil(pods / 100)) });
const client = simulationClient(sim);
const docs: string[] = [];
for (let i = 0; i < pods; i++) {
  docs.push(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-${i}\n  labels: {app: app-${i % services}}\nspec:\n  containers:\n  - name: nginx\n    image: nginx\n    readinessProbe: {httpGet: {port: 80, path: /}, periodSeconds: 10}\n    resources: {requests: {cpu: 1m, memory: 1Mi}}\n`);
}
for (let s = 0; s < services; s++) docs.push(`apiVersion: v1\nkind: Service\nmetadata: {name: app-${s}}\nspec:\n  selector: {app: app-${s}}\n  ports: [{port: 80}]\n`);
const setup = timed(() => runKubectl('apply -f -', client, { stdin: docs.join('---\n') }));
const start = timed(() => sim.advance(60_000));
const steady = timed(() => sim.advance(10 * 60_000));
const ready = runKubectl('get endpoints', client).stdout.split('\n').filter((l) => /10\.244\./.test(l)).length;
runKubectl('run client --image=busybox --command -- sleep infinity', client);
sim.advance(10_000);
const requests = timed(() => {
  for (let i = 0; i < 100; i++) runKubectl(`exec client -- wget -qO- http://app-${i % services}`, client);
});

console.log(
  JSON.stringify(
    {
      shell: {
        whileLoop20k: { ms: loop.ms, virtualMs: loop.value.elapsedMs, iterationsPerWallSecond: Math.round(20000 / (loop.ms / 1000)) },
        seqGrepWc20k: { ms: pipeline.ms, out: pipeline.value.stdout.trim() },
        bashArrayAppend5k: { ms: bashArrays.ms, out: bashArrays.value.stdout.trim() },
      },
      pi2000: { firstMs: piFirst.ms, cachedMs: piCached.ms },
      cluster: {
        pods,
        services,
        applyMs: setup.ms,
        firstMinuteMs: start.ms,
        tenVirtualMinutesMs: steady.ms,
        probesPerWallSecond: Math.round((pods * 60) / (steady.ms / 1000)),
        servicesWithEndpoints: ready,
        execWget100Ms: requests.ms,
        controllerErrors: sim.controllerErrors.length,
      },
    },
    null,
    2,
  ),
);
