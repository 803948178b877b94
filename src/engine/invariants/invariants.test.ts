import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod } from '../api/objects.ts';
import { clone } from '../api/objects.ts';
import { createTestSim, getPod, longRunningPod, podManifest } from '../testing/harness.ts';
import { Simulation } from '../sim/simulation.ts';
import { InvariantChecker, checkSnapshot } from './invariants.ts';

/** A running pod in a simulation whose stored objects are not frozen, so tests can corrupt them. */
function mutableSim(): { sim: Simulation; checker: InvariantChecker; pod: Pod } {
  const sim = new Simulation({ seed: 3 });
  const checker = new InvariantChecker(sim);
  sim.api.create(podManifest('web', { containers: [{ name: 'main', image: 'nginx:1.27', resources: { requests: { cpu: '250m' } } }] }));
  sim.advance(10_000);
  return { sim, checker, pod: getPod(sim, 'web') };
}

/** Write `obj` straight into the store, as a buggy component bypassing the API server would. */
function unsafePut(sim: Simulation, obj: KubeObject): void {
  obj.metadata.resourceVersion = sim.store.nextResourceVersion();
  sim.store.put(obj);
}

const invariantsOf = (checker: InvariantChecker) => [...new Set(checker.check().map((v) => v.invariant))];

describe('invariant checkers', () => {
  it('find nothing wrong in a busy but healthy cluster', () => {
    const sim = createTestSim({ seed: 9 });
    const checker = new InvariantChecker(sim);
    sim.api.create(podManifest('a', { command: ['sh', '-c', 'sleep 2; exit 1'] }));
    sim.api.create(podManifest('b', { restartPolicy: 'Never', command: ['sh', '-c', 'echo done'] }));
    sim.api.create(longRunningPod('c'));
    sim.advance(60_000);
    sim.failNode(getPod(sim, 'c').spec!.nodeName!);
    sim.advance(400_000);
    sim.api.delete('Pod', 'default', 'a');
    sim.advance(60_000);
    expect(checker.check()).toEqual([]);
    expect(sim.controllerErrors).toEqual([]);
  });

  // Each row corrupts the state the way a bug would and names the invariant that must notice.
  it.each<[string, string, (sim: Simulation, pod: Pod) => void]>([
    ['non-negative', 'a negative restart count', (sim, pod) => {
      const bad = clone(pod);
      bad.status!.containerStatuses![0]!.restartCount = -1;
      unsafePut(sim, bad);
    }],
    ['owners-exist', 'a live object owned by nobody', (sim) => {
      sim.store.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'orphan', namespace: 'default', uid: 'u-orphan', resourceVersion: sim.store.nextResourceVersion(), creationTimestamp: '2025-01-01T00:00:00Z', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'gone', uid: 'u-gone' }] } });
    }],
    ['namespace-exists', 'an object in a namespace that does not exist', (sim) => {
      sim.store.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'lost', namespace: 'ghost', uid: 'u-lost', resourceVersion: sim.store.nextResourceVersion(), creationTimestamp: '2025-01-01T00:00:00Z' } });
    }],
    ['store-indexes', 'a stored object mutated in place (its index entry goes stale)', (_sim, pod) => {
      pod.spec!.nodeName = 'somewhere-else';
    }],
    ['scheduler-cache', 'requests changed behind the scheduler cache', (_sim, pod) => {
      pod.spec!.containers[0]!.resources = { requests: { cpu: '3' } };
    }],
    ['kubelet-workers', 'a pod removed without the kubelet noticing', (sim, pod) => {
      (sim.store as unknown as { listeners: Map<string, unknown[]> }).listeners.clear();
      sim.store.remove(pod);
    }],
    ['resource-version', 'a write that reuses an old resourceVersion', (sim, pod) => {
      sim.store.put({ ...clone(pod), metadata: { ...clone(pod.metadata), resourceVersion: '3' } });
    }],
    ['terminal-phase', 'a finished pod running again', (sim, pod) => {
      unsafePut(sim, { ...clone(pod), status: { ...clone(pod.status), phase: 'Succeeded' } });
      unsafePut(sim, { ...clone(pod), status: { ...clone(pod.status), phase: 'Running' } });
    }],
    ['restart-count', 'a restart count going down', (sim, pod) => {
      const more = clone(pod);
      more.status!.containerStatuses![0]!.restartCount = 4;
      unsafePut(sim, more);
      unsafePut(sim, clone(pod));
    }],
    ['terminating-pods', 'a pod left terminating past its deadline on a running node', (sim, pod) => {
      unsafePut(sim, { ...clone(pod), metadata: { ...clone(pod.metadata), deletionTimestamp: '2025-01-01T00:00:01Z', deletionGracePeriodSeconds: 1 } });
    }],
    ['pod-status', 'a Ready pod that is not Running', (sim, pod) => {
      unsafePut(sim, { ...clone(pod), status: { ...clone(pod.status), phase: 'Pending' } });
    }],
    ['pod-ips', 'two live pods sharing an IP', (sim, pod) => {
      unsafePut(sim, { ...clone(pod), metadata: { ...clone(pod.metadata), name: 'twin', uid: 'u-twin' } });
    }],
    ['node-taints', 'a node with the same taint twice', (sim) => {
      const node = clone(sim.api.get('Node', undefined, 'worker-1'));
      node.spec = { taints: [{ key: 'k', effect: 'NoSchedule' }, { key: 'k', value: 'v', effect: 'NoSchedule' }] };
      unsafePut(sim, node);
    }],
    ['pod-binding', 'a pod bound to a missing node long after the pod GC should have run', (sim, pod) => {
      const moved = clone(pod);
      moved.metadata.name = 'stray';
      moved.metadata.uid = 'u-stray';
      moved.spec!.nodeName = 'ghost';
      delete moved.status!.podIP;
      delete moved.status!.podIPs;
      unsafePut(sim, moved);
      sim.clock.nowMs += 60_000; // time passes without the controllers running
    }],
  ])('%s: notice %s', (invariant, _what, corrupt) => {
    const { sim, checker, pod } = mutableSim();
    expect(checker.check()).toEqual([]);
    corrupt(sim, pod);
    expect(invariantsOf(checker)).toContain(invariant);
  });

  it('checkSnapshot works without history', () => {
    const { sim } = mutableSim();
    expect(checkSnapshot(sim)).toEqual([]);
  });
});
