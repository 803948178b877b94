import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import type { Event, Node, Pod } from '../api/objects.ts';
import { clone } from '../api/objects.ts';
import { DEFAULT_START_MS, formatTime } from '../api/time.ts';
import type { Simulation } from '../sim/simulation.ts';
import { createTestSim, getPod, longRunningPod, podManifest } from '../testing/harness.ts';
import { evictionTime } from './taintEviction.ts';

const T0 = DEFAULT_START_MS;
const podWith = (tolerations: Toleration[]): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', uid: 'p', resourceVersion: '1', creationTimestamp: formatTime(T0) }, spec: { containers: [], tolerations } });
const noExecute = (key: string, addedSecondsAgo = 0): Taint => ({ key, effect: 'NoExecute', timeAdded: formatTime(T0 - addedSecondsAgo * 1000) });

describe('evictionTime', () => {
  it.each<[string, Toleration[], Taint[], number | undefined]>([
    ['no NoExecute taints: never', [], [{ key: 'k', effect: 'NoSchedule' }], undefined],
    ['not tolerated: now', [], [noExecute('k')], T0],
    ['tolerated forever: never', [{ key: 'k', operator: 'Exists' }], [noExecute('k')], undefined],
    ['tolerated for 30 s from the taint', [{ key: 'k', operator: 'Exists', tolerationSeconds: 30 }], [noExecute('k', 10)], T0 + 20_000],
    ['the shortest matching toleration wins', [{ key: 'k', operator: 'Exists', tolerationSeconds: 30 }, { operator: 'Exists', tolerationSeconds: 5 }], [noExecute('k')], T0 + 5_000],
    ['the earliest of several taints', [{ key: 'a', operator: 'Exists', tolerationSeconds: 60 }, { key: 'b', operator: 'Exists', tolerationSeconds: 10 }], [noExecute('a'), noExecute('b')], T0 + 10_000],
    ['one untolerated taint among tolerated ones: now', [{ key: 'a', operator: 'Exists' }], [noExecute('a'), noExecute('b')], T0],
    ['negative tolerationSeconds count as zero', [{ key: 'k', operator: 'Exists', tolerationSeconds: -5 }], [noExecute('k')], T0],
  ])('%s', (_name, tolerations, taints, expected) => {
    expect(evictionTime(podWith(tolerations), taints, T0)).toBe(expected);
  });
});

function taint(sim: Simulation, name: string, taints: Taint[]): void {
  const node = clone(sim.api.get<Node>('Node', undefined, name));
  node.spec = { ...node.spec, taints };
  sim.api.update(node);
  sim.settle();
}

const messages = (sim: Simulation, pod: string) =>
  sim.api.list<Event>('Event', { fieldSelector: `involvedObject.name=${pod},reason=TaintManagerEviction` }).map((e) => e.message);

describe('taint eviction', () => {
  it('evicts untolerating pods at once, tolerating ones after tolerationSeconds, and cancels when the taint goes', () => {
    const sim = createTestSim();
    sim.api.create(longRunningPod('plain', { nodeName: 'worker-1' }));
    sim.api.create(longRunningPod('patient', { nodeName: 'worker-1', tolerations: [{ key: 'maintenance', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] }));
    sim.api.create(longRunningPod('lucky', { nodeName: 'worker-1', tolerations: [{ key: 'maintenance', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] }));
    sim.api.create(longRunningPod('elsewhere', { nodeName: 'worker-2' }));
    sim.advance(10_000);
    taint(sim, 'worker-1', [{ key: 'maintenance', value: 'now', effect: 'NoExecute' }]);
    expect(getPod(sim, 'plain').metadata.deletionTimestamp).toBeDefined();
    expect(messages(sim, 'plain')).toEqual(['Marking for deletion Pod default/plain']);
    expect(getPod(sim, 'patient').metadata.deletionTimestamp).toBeUndefined();
    sim.advance(30_000);
    // "lucky" gets its own toleration forever before its time runs out.
    sim.api.delete('Pod', 'default', 'lucky', { gracePeriodSeconds: 0 });
    sim.settle();
    sim.advance(30_000);
    expect(getPod(sim, 'patient').metadata.deletionTimestamp).toBeDefined();
    expect(getPod(sim, 'patient').status!.conditions!.find((c) => c.type === 'DisruptionTarget')!.reason).toBe('DeletionByTaintManager');
    expect(getPod(sim, 'elsewhere').metadata.deletionTimestamp).toBeUndefined();
    expect(sim.controllerErrors).toEqual([]);
  });

  it('cancels a pending eviction when the taint is removed', () => {
    const sim = createTestSim();
    sim.api.create(longRunningPod('patient', { nodeName: 'worker-1', tolerations: [{ key: 'maintenance', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] }));
    sim.advance(5_000);
    taint(sim, 'worker-1', [{ key: 'maintenance', effect: 'NoExecute' }]);
    sim.advance(30_000);
    taint(sim, 'worker-1', []);
    sim.advance(120_000);
    expect(getPod(sim, 'patient').metadata.deletionTimestamp).toBeUndefined();
    expect(messages(sim, 'patient')).toEqual(['Cancelling deletion of Pod default/patient']);
  });
});

describe('taint-based eviction without timeAdded', () => {
  const pod = (tolerations: NonNullable<Pod['spec']>['tolerations']): Pod => ({ ...(podManifest('p', { tolerations }) as Pod), metadata: { name: 'p', uid: 'u', resourceVersion: '1', creationTimestamp: '' } });
  const taint = { key: 'dedicated', value: 'db', effect: 'NoExecute' };
  it.each([
    { name: 'not tolerated: now', tolerations: [], want: 1000 },
    { name: 'tolerated forever', tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }], want: undefined },
    { name: 'tolerated for 60 s from first sight', tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoExecute', tolerationSeconds: 60 }], want: 500 + 60_000 },
  ])('$name', ({ tolerations, want }) => {
    expect(evictionTime(pod(tolerations), [taint], 1000, 500)).toBe(want);
  });

  it('evicts a pod tolerating a kubectl-added NoExecute taint (no timeAdded) after tolerationSeconds', () => {
    const sim = createTestSim();
    sim.api.create(podManifest('guest', { command: ['sleep', '3600'], nodeName: 'worker-1', tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] }));
    sim.advance(5_000);
    sim.api.patch('Node', undefined, 'worker-1', 'merge', { spec: { taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }] } });
    sim.settle();
    sim.advance(59_000);
    expect(sim.api.get<Pod>('Pod', 'default', 'guest').metadata.deletionTimestamp).toBeUndefined();
    sim.advance(2_000);
    const evicted = sim.api.get<Pod>('Pod', 'default', 'guest');
    expect(evicted.metadata.deletionTimestamp).toBeDefined();
    expect(evicted.status!.conditions).toContainEqual(expect.objectContaining({ type: 'DisruptionTarget', reason: 'DeletionByTaintManager' }));
  });
});
