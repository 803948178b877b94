import { describe, expect, it } from 'vitest';
import type { Taint } from 'kubernetes-types/core/v1';
import type { Event, Node, Pod } from '../api/objects.ts';
import { clone } from '../api/objects.ts';
import { formatTime, DEFAULT_START_MS } from '../api/time.ts';
import type { Simulation } from '../sim/simulation.ts';
import { createTestSim, getPod, longRunningPod } from '../testing/harness.ts';
import { TAINT_UNREACHABLE, TAINT_UNSCHEDULABLE, desiredTaints, disruptionAllowsEviction } from './nodeLifecycle.ts';

const at = (seconds: number) => formatTime(DEFAULT_START_MS + seconds * 1000);
const node = (name: string, sim: Simulation) => sim.api.get<Node>('Node', undefined, name);
const ready = (n: Node) => n.status!.conditions!.find((c) => c.type === 'Ready')!;
const taintKeys = (n: Node) => (n.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`);

function reasons(sim: Simulation, name: string): string[] {
  return sim.api.list<Event>('Event', { fieldSelector: `involvedObject.name=${name}` }).map((e) => e.reason!);
}

function readyNode(name: string, status: string, unschedulable = false): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: name, resourceVersion: '1', creationTimestamp: at(0) },
    spec: unschedulable ? { unschedulable: true } : {},
    status: { conditions: [{ type: 'Ready', status }] },
  };
}

describe('node lifecycle planning', () => {
  it.each<[number, number, boolean]>([
    [4, 0, true],
    [4, 1, true],
    [4, 2, true], // not more than 2 down: normal
    [4, 3, false], // 75 % down in a small cluster: partial disruption, no evictions
    [10, 5, true], // 3+ down but under 55 %
    [10, 6, false],
    [1, 1, false], // every node down: full disruption
    [100, 60, true], // large clusters keep evicting (slowly, upstream) in partial disruption
    [100, 100, false],
  ])('%i nodes, %i not ready: evictions allowed = %s', (total, notReady, allowed) => {
    expect(disruptionAllowsEviction(total, notReady)).toBe(allowed);
  });

  it.each<[string, Node, boolean, Taint[]]>([
    ['ready', readyNode('n', 'True'), true, []],
    ['unreachable', readyNode('n', 'Unknown'), true, [{ key: TAINT_UNREACHABLE, effect: 'NoSchedule' }, { key: TAINT_UNREACHABLE, effect: 'NoExecute' }]],
    ['unreachable, evictions held back', readyNode('n', 'Unknown'), false, [{ key: TAINT_UNREACHABLE, effect: 'NoSchedule' }]],
    ['not ready', readyNode('n', 'False'), true, [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }]],
    ['cordoned', readyNode('n', 'True', true), true, [{ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' }]],
  ])('desired taints: %s', (_name, n, allowNoExecute, expected) => {
    expect(desiredTaints(n, allowNoExecute)).toEqual(expected);
  });
});

describe('node lifecycle', () => {
  it('marks a silent node NotReady after the 50 s grace period, taints it, and evicts its pods 300 s later', () => {
    const sim = createTestSim();
    sim.api.create(longRunningPod('web', { nodeName: 'worker-1' }));
    sim.advance(13_000);
    sim.failNode('worker-1'); // last lease renewal at t=10s
    sim.advance(51_000); // t=64s: 54 s since the renewal, but the monitor only looks every 5 s
    expect(ready(node('worker-1', sim)).status).toBe('True');
    sim.advance(1_000); // t=65s
    const n = node('worker-1', sim);
    expect(ready(n)).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: at(65) });
    expect(n.status!.conditions!.filter((c) => c.status === 'Unknown').map((c) => c.type).sort()).toEqual(['DiskPressure', 'MemoryPressure', 'PIDPressure', 'Ready']);
    expect(n.spec!.taints).toEqual([
      { key: TAINT_UNREACHABLE, effect: 'NoSchedule', timeAdded: at(65) },
      { key: TAINT_UNREACHABLE, effect: 'NoExecute', timeAdded: at(65) },
    ]);
    expect(reasons(sim, 'worker-1')).toContain('NodeNotReady');
    expect(getPod(sim, 'web').status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('False');
    expect(reasons(sim, 'web')).toContain('NodeNotReady');

    sim.advance(299_000); // t=364s: the default 300 s toleration has not run out
    expect(getPod(sim, 'web').metadata.deletionTimestamp).toBeUndefined();
    sim.advance(1_000); // t=365s
    const evicted = getPod(sim, 'web');
    expect(evicted.metadata.deletionTimestamp).toBe(at(395));
    expect(evicted.status!.conditions!.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' });
    expect(reasons(sim, 'web')).toContain('TaintManagerEviction');
    // The kubelet is gone: the pod stays Terminating until the node comes back.
    sim.advance(600_000);
    expect(sim.api.tryGet('Pod', 'default', 'web')).toBeDefined();
    sim.recoverNode('worker-1');
    expect(ready(node('worker-1', sim)).status).toBe('True');
    expect(node('worker-1', sim).spec!.taints).toBeUndefined();
    sim.advance(5_000);
    expect(sim.api.tryGet('Pod', 'default', 'web')).toBeUndefined();
    expect(sim.controllerErrors).toEqual([]);
  });

  it('rate-limits NoExecute taints to one node every 10 s', () => {
    const sim = createTestSim({ nodes: [1, 2, 3, 4, 5].map((i) => ({ name: `n${i}` })) });
    sim.failNode('n1');
    sim.failNode('n2');
    sim.advance(60_000);
    expect(taintKeys(node('n1', sim))).toEqual([`${TAINT_UNREACHABLE}:NoSchedule`, `${TAINT_UNREACHABLE}:NoExecute`]);
    expect(taintKeys(node('n2', sim))).toEqual([`${TAINT_UNREACHABLE}:NoSchedule`]);
    sim.advance(10_000);
    expect(taintKeys(node('n2', sim))).toContain(`${TAINT_UNREACHABLE}:NoExecute`);
  });

  it('stops evicting in a partial disruption of a small cluster, and when every node is down', () => {
    const sim = createTestSim();
    sim.api.create(longRunningPod('web', { nodeName: 'worker-1' }));
    sim.advance(5_000);
    for (const w of ['worker-1', 'worker-2', 'worker-3']) sim.failNode(w);
    sim.advance(30 * 60_000);
    for (const w of ['worker-1', 'worker-2', 'worker-3']) expect(taintKeys(node(w, sim))).toEqual([`${TAINT_UNREACHABLE}:NoSchedule`]);
    expect(getPod(sim, 'web').metadata.deletionTimestamp).toBeUndefined();

    const single = createTestSim({ nodes: [{ name: 'only' }] });
    single.failNode('only');
    single.advance(30 * 60_000);
    expect(taintKeys(node('only', single))).toEqual([`${TAINT_UNREACHABLE}:NoSchedule`]);
  });

  it('taints cordoned nodes node.kubernetes.io/unschedulable and untaints them on uncordon', () => {
    const sim = createTestSim();
    const cordon = (on: boolean) => {
      const n = clone(node('worker-2', sim));
      n.spec = { ...n.spec, unschedulable: on };
      sim.api.update(n);
      sim.settle();
    };
    cordon(true);
    expect(node('worker-2', sim).spec!.taints).toEqual([{ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule', timeAdded: at(0) }]);
    cordon(false);
    expect(node('worker-2', sim).spec!.taints).toBeUndefined();
  });

  it('leaves pods that tolerate unreachable forever alone', () => {
    const sim = createTestSim();
    sim.api.create(longRunningPod('agent', { nodeName: 'worker-1', tolerations: [{ key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoExecute' }] }));
    sim.api.create(longRunningPod('quick', { nodeName: 'worker-1', tolerations: [{ key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }] }));
    sim.advance(5_000);
    sim.failNode('worker-1');
    sim.advance(2 * 3600_000);
    expect(getPod(sim, 'agent').metadata.deletionTimestamp).toBeUndefined();
    expect(getPod(sim, 'quick').metadata.deletionTimestamp).toBeDefined();
    expect(sim.api.list<Pod>('Pod').length).toBe(2);
  });
});
