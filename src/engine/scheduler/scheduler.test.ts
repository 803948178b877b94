import { describe, expect, it } from 'vitest';
import type { Event, Node, Pod } from '../api/objects.ts';
import { clone } from '../api/objects.ts';
import type { Simulation } from '../sim/simulation.ts';
import { createTestSim, getPod, podManifest } from '../testing/harness.ts';
import { UNSCHEDULABLE_RETRY_MS, feasibleNodesToFind } from './scheduler.ts';

const cpuPod = (name: string, cpu: string, extra: Parameters<typeof podManifest>[1] = {}) =>
  podManifest(name, { ...extra, containers: [{ name: 'main', image: 'nginx:1.27', resources: { requests: { cpu } } }] });

function scheduled(sim: Simulation, name: string) {
  return getPod(sim, name).status?.conditions?.find((c) => c.type === 'PodScheduled');
}

function events(sim: Simulation, name: string, reason: string): Event[] {
  return sim.api.list<Event>('Event', { fieldSelector: `involvedObject.name=${name},reason=${reason}` });
}

function updateNode(sim: Simulation, name: string, change: (n: Node) => void): void {
  const node = clone(sim.api.get<Node>('Node', undefined, name));
  change(node);
  sim.api.update(node);
  sim.settle();
}

const HUGE = '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.';

describe('scheduler', () => {
  it('binds, records Scheduled and sets PodScheduled=True', () => {
    const sim = createTestSim();
    sim.api.create(podManifest('web'));
    sim.settle();
    const pod = getPod(sim, 'web');
    expect(pod.spec!.nodeName).toMatch(/^worker-[123]$/);
    expect(scheduled(sim, 'web')).toMatchObject({ status: 'True' });
    expect(events(sim, 'web', 'Scheduled').map((e) => e.message)).toEqual([`Successfully assigned default/web to ${pod.spec!.nodeName}`]);
  });

  it.each<[string, Parameters<typeof podManifest>[1], string]>([
    ['resources on every worker', { containers: [{ name: 'main', image: 'nginx', resources: { requests: { cpu: '5' } } }] }, HUGE],
    [
      'a nodeSelector nobody matches',
      { nodeSelector: { disk: 'ssd' } },
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.",
    ],
    [
      'memory',
      { containers: [{ name: 'main', image: 'nginx', resources: { requests: { memory: '9Gi' } } }], tolerations: [{ operator: 'Exists' }] },
      '0/4 nodes are available: 4 Insufficient memory. preemption: 0/4 nodes are available: 4 No preemption victims found for incoming pod.',
    ],
  ])('reports unschedulable pods with upstream wording: %s', (_name, spec, message) => {
    const sim = createTestSim();
    sim.api.create(podManifest('stuck', spec));
    sim.settle();
    expect(getPod(sim, 'stuck').spec!.nodeName).toBeUndefined();
    expect(getPod(sim, 'stuck').status!.phase).toBe('Pending');
    expect(scheduled(sim, 'stuck')).toMatchObject({ status: 'False', reason: 'Unschedulable', message });
    expect(events(sim, 'stuck', 'FailedScheduling').map((e) => [e.type, e.message, e.source?.component])).toEqual([['Warning', message, 'default-scheduler']]);
  });

  it('reports cordoned nodes and an empty cluster', () => {
    const sim = createTestSim({ nodes: [{ name: 'only', unschedulable: true }] });
    sim.api.create(podManifest('a'));
    sim.settle();
    expect(scheduled(sim, 'a')!.message).toBe('0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.');
    const empty = createTestSim({ nodes: [] });
    empty.api.create(podManifest('b'));
    empty.settle();
    expect(scheduled(empty, 'b')!.message).toBe('no nodes available to schedule pods');
  });

  it('retries when a node is added, relabelled or uncordoned, and when capacity frees up', () => {
    const sim = createTestSim();
    sim.api.create(podManifest('ssd', { nodeSelector: { disk: 'ssd' } }));
    sim.settle();
    updateNode(sim, 'worker-2', (n) => (n.metadata.labels = { ...n.metadata.labels, disk: 'ssd' }));
    expect(getPod(sim, 'ssd').spec!.nodeName).toBe('worker-2');

    sim.api.create(cpuPod('big', '3'));
    sim.settle();
    const bigNode = getPod(sim, 'big').spec!.nodeName!;
    for (const n of ['worker-1', 'worker-2', 'worker-3'].filter((w) => w !== bigNode)) updateNode(sim, n, (node) => (node.spec = { ...node.spec, unschedulable: true }));
    sim.api.create(cpuPod('second', '3'));
    sim.settle();
    expect(getPod(sim, 'second').spec!.nodeName).toBeUndefined();
    // The big pod finishes: its node has room again.
    sim.api.delete('Pod', 'default', 'big', { gracePeriodSeconds: 0 });
    sim.settle();
    expect(getPod(sim, 'second').spec!.nodeName).toBe(bigNode);

    sim.api.create(cpuPod('third', '3'));
    sim.settle();
    expect(getPod(sim, 'third').spec!.nodeName).toBeUndefined();
    const cordoned = ['worker-1', 'worker-2', 'worker-3'].find((w) => w !== bigNode)!;
    updateNode(sim, cordoned, (n) => (n.spec = { ...n.spec, unschedulable: false }));
    expect(getPod(sim, 'third').spec!.nodeName).toBe(cordoned);

    sim.api.create(cpuPod('fourth', '3', { nodeSelector: { pool: 'new' } }));
    sim.settle();
    sim.addNode({ name: 'fresh', labels: { pool: 'new' } });
    expect(getPod(sim, 'fourth').spec!.nodeName).toBe('fresh');
    expect(sim.controllerErrors).toEqual([]);
  });

  it('retries every 5 minutes and aggregates the repeated FailedScheduling event', () => {
    const sim = createTestSim();
    sim.api.create(cpuPod('huge', '5'));
    sim.settle();
    sim.advance(2 * UNSCHEDULABLE_RETRY_MS + 1000);
    const [ev] = events(sim, 'huge', 'FailedScheduling');
    expect(ev!.count).toBe(3);
    expect(ev!.firstTimestamp).toBe('2025-01-01T00:00:00Z');
    expect(ev!.lastTimestamp).toBe('2025-01-01T00:10:00Z');
  });

  it('ignores heartbeats: an unchanged node does not wake unschedulable pods', () => {
    const sim = createTestSim();
    sim.api.create(cpuPod('huge', '5'));
    sim.settle();
    sim.advance(UNSCHEDULABLE_RETRY_MS - 1000); // node status heartbeats happen in here
    expect(events(sim, 'huge', 'FailedScheduling')[0]!.count).toBe(1);
  });

  it('spreads pods over the least allocated nodes', () => {
    const sim = createTestSim();
    for (let i = 0; i < 9; i++) sim.api.create(cpuPod(`p${i}`, '500m'));
    sim.settle();
    const perNode = new Map<string, number>();
    for (const p of sim.api.list<Pod>('Pod')) perNode.set(p.spec!.nodeName!, (perNode.get(p.spec!.nodeName!) ?? 0) + 1);
    expect([...perNode].sort()).toEqual([['worker-1', 3], ['worker-2', 3], ['worker-3', 3]]);
  });

  it('leaves pods with a preset nodeName or another scheduler alone', () => {
    const sim = createTestSim();
    sim.api.create(podManifest('pinned', { nodeName: 'control-plane' }));
    sim.api.create(podManifest('custom', { schedulerName: 'my-scheduler' }));
    sim.settle();
    expect(getPod(sim, 'pinned').spec!.nodeName).toBe('control-plane');
    expect(events(sim, 'pinned', 'Scheduled')).toEqual([]);
    expect(getPod(sim, 'custom').spec!.nodeName).toBeUndefined();
    expect(events(sim, 'custom', 'FailedScheduling')).toEqual([]);
  });

  it('examines an adaptive share of large clusters, as percentageOfNodesToScore', () => {
    expect(feasibleNodesToFind(50)).toBe(50);
    expect(feasibleNodesToFind(1000)).toBe(420);
    expect(feasibleNodesToFind(5000)).toBe(500);
  });
});
