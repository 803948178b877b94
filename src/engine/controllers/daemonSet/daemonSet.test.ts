import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Taint } from 'kubernetes-types/core/v1';
import type { ControllerRevision, DaemonSet, Node, Pod } from '../../api/objects.ts';
import type { Simulation } from '../../sim/simulation.ts';
import { createTestSim } from '../../testing/harness.ts';
import { controllerRef } from '../../api/objects.ts';
import { isPodAvailable, isPodTerminal } from '../shared/podState.ts';
import { daemonTolerations, nodeShouldRunDaemonPod, targetNodeName, templateGeneration } from './util.ts';
import { nodeCounts, podsShouldBeOnNode } from './index.ts';
import { planRollingUpdate } from './rolling.ts';

function node(name: string, labels: Record<string, string> = {}, taints: Taint[] = []): Node {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, uid: name, resourceVersion: '1', creationTimestamp: '2025-01-01T00:00:00Z', labels }, spec: { taints } };
}

function daemonSet(spec: Record<string, unknown> = {}, templateSpec: Record<string, unknown> = {}): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'ds', namespace: 'default', uid: 'ds-uid', resourceVersion: '1', creationTimestamp: '2025-01-01T00:00:00Z', generation: 1, annotations: { 'deprecated.daemonset.template.generation': '1' } },
    spec: {
      selector: { matchLabels: { app: 'ds' } },
      template: { metadata: { labels: { app: 'ds' } }, spec: { containers: [{ name: 'c', image: 'busybox' }], ...templateSpec } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      ...spec,
    },
  };
}

describe('nodeShouldRunDaemonPod', () => {
  const run = (ds: DaemonSet, n: Node) => nodeShouldRunDaemonPod(n, ds, daemonTolerations(ds.spec!.template.spec!));
  it.each([
    { name: 'a plain node', ds: daemonSet(), node: node('n'), want: [true, true] },
    { name: 'nodeSelector matches', ds: daemonSet({}, { nodeSelector: { disk: 'ssd' } }), node: node('n', { disk: 'ssd' }), want: [true, true] },
    { name: 'nodeSelector does not match', ds: daemonSet({}, { nodeSelector: { disk: 'ssd' } }), node: node('n', { disk: 'hdd' }), want: [false, false] },
    {
      name: 'required node affinity',
      ds: daemonSet({}, { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } } }),
      node: node('n', { zone: 'b' }),
      want: [false, false],
    },
    { name: 'template nodeName elsewhere', ds: daemonSet({}, { nodeName: 'other' }), node: node('n'), want: [false, false] },
    { name: 'cordoned (unschedulable taint is tolerated)', ds: daemonSet(), node: node('n', {}, [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]), want: [true, true] },
    { name: 'disk pressure is tolerated', ds: daemonSet(), node: node('n', {}, [{ key: 'node.kubernetes.io/disk-pressure', effect: 'NoSchedule' }]), want: [true, true] },
    { name: 'untolerated NoSchedule: no new pod, the old one stays', ds: daemonSet(), node: node('n', {}, [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }]), want: [false, true] },
    { name: 'untolerated NoExecute: the pod must go', ds: daemonSet(), node: node('n', {}, [{ key: 'dedicated', effect: 'NoExecute' }]), want: [false, false] },
    { name: 'unreachable NoExecute is tolerated forever', ds: daemonSet(), node: node('n', {}, [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }]), want: [true, true] },
    { name: 'unreachable NoSchedule is not tolerated', ds: daemonSet(), node: node('n', {}, [{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }]), want: [false, true] },
    { name: 'the control-plane taint', ds: daemonSet(), node: node('cp', {}, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]), want: [false, true] },
    {
      name: 'a user toleration for the control-plane taint',
      ds: daemonSet({}, { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }),
      node: node('cp', {}, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]),
      want: [true, true],
    },
  ])('$name', ({ ds, node: n, want }) => {
    expect(run(ds, n)).toEqual({ shouldRun: want[0], shouldContinueRunning: want[1] });
  });

  it('adds the daemon tolerations after the template ones, without duplicates', () => {
    expect(daemonTolerations({ tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] }).map((t) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/unschedulable:NoSchedule',
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
    ]);
  });
});

function pod(name: string, opts: { hash?: string; node?: string; ready?: boolean; phase?: string; deleting?: boolean; createdSec?: number } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      uid: `${name}-uid`,
      resourceVersion: '1',
      creationTimestamp: `2025-01-01T00:00:${String(opts.createdSec ?? 0).padStart(2, '0')}Z`,
      labels: { app: 'ds', 'controller-revision-hash': opts.hash ?? 'new' },
      ...(opts.deleting ? { deletionTimestamp: '2025-01-01T00:01:00Z' } : {}),
    },
    spec: { containers: [], nodeName: opts.node ?? 'n1' },
    status: { phase: (opts.phase ?? 'Running') as 'Running', conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True', lastTransitionTime: '2025-01-01T00:00:00Z' }] },
  };
}

const NOW = Date.UTC(2025, 0, 1, 0, 5);

describe('podsShouldBeOnNode', () => {
  const yes = { shouldRun: true, shouldContinueRunning: true };
  it.each([
    { name: 'no pod yet: create one', r: yes, pods: [], create: true, deletes: [] as string[] },
    { name: 'a terminating pod still counts: wait for it', r: yes, pods: [pod('a', { deleting: true })], create: false, deletes: [] },
    { name: 'two running pods: keep the oldest', r: yes, pods: [pod('young', { createdSec: 9 }), pod('old', { createdSec: 1 })], create: false, deletes: ['young'] },
    { name: 'should no longer run: delete', r: { shouldRun: false, shouldContinueRunning: false }, pods: [pod('a')], create: false, deletes: ['a'] },
    { name: 'NoSchedule taint: keep running', r: { shouldRun: false, shouldContinueRunning: true }, pods: [pod('a')], create: false, deletes: [] },
  ])('$name', ({ r, pods, create, deletes }) => {
    const d = podsShouldBeOnNode(r, pods, daemonSet(), 'new', NOW);
    expect(d.create).toBe(create);
    expect(d.delete.map((p) => p.metadata.name)).toEqual(deletes);
  });

  it('hands failed and succeeded pods back for deletion', () => {
    const d = podsShouldBeOnNode({ shouldRun: true, shouldContinueRunning: true }, [pod('f', { phase: 'Failed' }), pod('s', { phase: 'Succeeded' })], daemonSet(), 'new', NOW);
    expect(d.failed.map((p) => p.metadata.name)).toEqual(['f']);
    expect(d.succeeded.map((p) => p.metadata.name)).toEqual(['s']);
  });

  it('when surging, keeps the old pod until the new one is available', () => {
    const surge = daemonSet({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } });
    const yes = { shouldRun: true, shouldContinueRunning: true };
    expect(podsShouldBeOnNode(yes, [pod('old', { hash: 'old' }), pod('new', { ready: false, createdSec: 5 })], surge, 'new', NOW).delete).toEqual([]);
    expect(podsShouldBeOnNode(yes, [pod('old', { hash: 'old' }), pod('new', { createdSec: 5 })], surge, 'new', NOW).delete.map((p) => p.metadata.name)).toEqual(['old']);
  });
});

describe('nodeCounts', () => {
  it('counts the oldest pod of a node that should run one', () => {
    expect(nodeCounts(true, [pod('a', { hash: 'old' })], 'new', 1, 0, NOW)).toEqual({ desired: 1, current: 1, misscheduled: 0, ready: 1, available: 1, updated: 0 });
    expect(nodeCounts(true, [], 'new', 1, 0, NOW)).toEqual({ desired: 1, current: 0, misscheduled: 0, ready: 0, available: 0, updated: 0 });
    expect(nodeCounts(false, [pod('a')], 'new', 1, 0, NOW)).toEqual({ desired: 0, current: 0, misscheduled: 1, ready: 0, available: 0, updated: 0 });
  });
});

describe('planRollingUpdate', () => {
  const nodes = (specs: { node: string; pods: Pod[] }[]) => specs.map((s) => ({ ...s, shouldRun: true }));
  it('maxUnavailable 1: replaces one available old pod at a time', () => {
    const plan = planRollingUpdate(daemonSet(), nodes([{ node: 'n1', pods: [pod('a', { hash: 'old' })] }, { node: 'n2', pods: [pod('b', { hash: 'old' })] }]), 'new', NOW);
    expect(plan.deletePods.map((p) => p.metadata.name)).toEqual(['a']);
  });
  it('an unavailable new pod uses up the budget; unavailable old pods go anyway', () => {
    const plan = planRollingUpdate(
      daemonSet(),
      nodes([
        { node: 'n1', pods: [pod('new', { ready: false })] },
        { node: 'n2', pods: [pod('ok', { hash: 'old' })] },
        { node: 'n3', pods: [pod('sick', { hash: 'old', ready: false })] },
      ]),
      'new',
      NOW,
    );
    expect(plan.deletePods.map((p) => p.metadata.name)).toEqual(['sick']);
  });
  it('maxSurge 1: starts one new pod beside an old one', () => {
    const surge = daemonSet({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } });
    const plan = planRollingUpdate(surge, nodes([{ node: 'n1', pods: [pod('a', { hash: 'old' })] }, { node: 'n2', pods: [pod('b', { hash: 'old' })] }]), 'new', NOW);
    expect(plan).toEqual({ deletePods: [], createOn: ['n1'] });
  });
});

// ---- in a cluster ----

const dsPods = (sim: Simulation) => sim.api.list<Pod>('Pod').filter((p) => controllerRef(p)?.kind === 'DaemonSet');
const dsOf = (sim: Simulation) => sim.api.get<DaemonSet>('DaemonSet', 'default', 'ds');

function createDaemonSet(sim: Simulation, spec: Record<string, unknown> = {}, templateSpec: Record<string, unknown> = {}): void {
  sim.api.create({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'ds' },
    spec: { selector: { matchLabels: { app: 'ds' } }, template: { metadata: { labels: { app: 'ds' } }, spec: { containers: [{ name: 'c', image: 'busybox', command: ['sleep', 'infinity'] }], ...templateSpec } }, ...spec },
  });
  sim.settle();
}

/** The DaemonSet status recomputed from scratch, over every node, as upstream's full pass does. */
function expectedStatus(sim: Simulation) {
  const ds = dsOf(sim);
  const tolerations = daemonTolerations(ds.spec!.template.spec!);
  const hash = sim.api.list<ControllerRevision>('ControllerRevision').sort((a, b) => b.revision! - a.revision!)[0]!.metadata.labels!['controller-revision-hash']!;
  const total = { desired: 0, current: 0, misscheduled: 0, ready: 0, available: 0, updated: 0 };
  for (const n of sim.api.list<Node>('Node')) {
    const pods = dsPods(sim).filter((p) => targetNodeName(p) === n.metadata.name && !(isPodTerminal(p) && p.metadata.deletionTimestamp));
    const c = nodeCounts(nodeShouldRunDaemonPod(n, ds, tolerations).shouldRun, pods, hash, templateGeneration(ds), ds.spec!.minReadySeconds ?? 0, sim.now());
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += c[k];
  }
  return total;
}

describe('DaemonSet in a cluster', () => {
  it('runs on labelled nodes only, follows relabelling, and reports status (the seeds ssd-monitor walkthrough)', () => {
    const sim = createTestSim();
    createDaemonSet(sim, {}, { nodeSelector: { disk: 'ssd' } });
    expect(dsOf(sim).status).toEqual({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0, observedGeneration: 1 });
    sim.api.patch('Node', undefined, 'worker-3', 'merge', { metadata: { labels: { disk: 'ssd' } } });
    sim.settle();
    expect(dsPods(sim).map((p) => targetNodeName(p))).toEqual(['worker-3']);
    const created = dsPods(sim)[0]!;
    expect(created.metadata.name).toMatch(/^ds-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(created.metadata.labels).toMatchObject({ app: 'ds', 'pod-template-generation': '1' });
    expect(created.spec!.affinity!.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution).toEqual({ nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker-3'] }] }] });
    sim.advance(10_000);
    expect(dsOf(sim).status).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberReady: 1, updatedNumberScheduled: 1, numberAvailable: 1 });
    sim.api.patch('Node', undefined, 'worker-3', 'merge', { metadata: { labels: { disk: 'hdd' } } });
    sim.settle();
    expect(dsPods(sim)[0]!.metadata.deletionTimestamp).toBeDefined();
    sim.advance(40_000);
    expect(dsPods(sim)).toHaveLength(0);
    expect(dsOf(sim).status).toMatchObject({ desiredNumberScheduled: 0, currentNumberScheduled: 0, numberReady: 0 });
    expect(sim.controllerErrors).toEqual([]);
  });

  it('past the burst limit, creates over several syncs in node order, one pod per node', () => {
    const sim = createTestSim({ nodes: [] });
    const names = Array.from({ length: 1150 }, (_, i) => `node-${String(i).padStart(4, '0')}`);
    for (const name of names) sim.addNode({ name });
    createDaemonSet(sim);
    // In creation order (the store's), which is the nodes' order.
    expect([...sim.store.list<Pod>('Pod')].map((p) => targetNodeName(p))).toEqual(names);
    sim.advance(10_000);
    expect(dsOf(sim).status).toMatchObject({ desiredNumberScheduled: 1150, currentNumberScheduled: 1150, numberAvailable: 1150 });
    expect(sim.controllerErrors).toEqual([]);
  });

  it('still runs on cordoned nodes, skips tainted ones, and follows added and removed nodes', () => {
    const sim = createTestSim();
    sim.api.patch('Node', undefined, 'worker-1', 'merge', { spec: { unschedulable: true } });
    sim.api.patch('Node', undefined, 'worker-2', 'merge', { spec: { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] } });
    sim.settle();
    createDaemonSet(sim);
    sim.advance(10_000);
    expect(dsPods(sim).map((p) => p.spec!.nodeName).sort()).toEqual(['worker-1', 'worker-3']);
    sim.addNode({ name: 'worker-4' });
    sim.advance(10_000);
    expect(dsPods(sim).map((p) => p.spec!.nodeName).sort()).toEqual(['worker-1', 'worker-3', 'worker-4']);
    sim.removeNode('worker-4');
    sim.advance(60_000);
    expect(dsPods(sim).map((p) => p.spec!.nodeName).sort()).toEqual(['worker-1', 'worker-3']);
    // A NoExecute taint the pods do not tolerate evicts them; a toleration brings them back.
    sim.api.patch('Node', undefined, 'worker-3', 'merge', { spec: { taints: [{ key: 'maintenance', effect: 'NoExecute' }] } });
    sim.advance(60_000);
    expect(dsPods(sim).map((p) => p.spec!.nodeName)).toEqual(['worker-1']);
    expect(dsOf(sim).status).toMatchObject(expect.objectContaining({ desiredNumberScheduled: 1, currentNumberScheduled: 1 }));
    expect(sim.controllerErrors).toEqual([]);
  });

  it('rolls out a new template one node at a time (maxUnavailable 1) and records ControllerRevisions', () => {
    const sim = createTestSim();
    createDaemonSet(sim, { minReadySeconds: 2 });
    sim.advance(20_000);
    sim.api.patch('DaemonSet', 'default', 'ds', 'strategic', { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox:1.37' }] } } } });
    sim.settle();
    expect(dsOf(sim).metadata.annotations!['deprecated.daemonset.template.generation']).toBe('2');
    let steps = 0;
    const updated = () => dsOf(sim).status?.updatedNumberScheduled === 3 && dsOf(sim).status?.numberAvailable === 3;
    while (!updated() && steps++ < 10_000) {
      sim.step();
      const unavailableNodes = ['worker-1', 'worker-2', 'worker-3'].filter((n) => !dsPods(sim).some((p) => p.spec!.nodeName === n && !p.metadata.deletionTimestamp && isPodAvailable(p, 2, sim.now())));
      expect(unavailableNodes.length).toBeLessThanOrEqual(1);
    }
    expect(updated()).toBe(true);
    const revisions = sim.api.list<ControllerRevision>('ControllerRevision').map((cr) => [cr.metadata.name.startsWith('ds-'), cr.revision]);
    expect(revisions.sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([
      [true, 1],
      [true, 2],
    ]);
    expect(dsPods(sim).every((p) => p.metadata.labels!['pod-template-generation'] === '2')).toBe(true);
    expect(sim.controllerErrors).toEqual([]);
  });

  it('with maxSurge 1 starts the new pod beside the old one, so no node is ever without an available pod', () => {
    const sim = createTestSim();
    createDaemonSet(sim, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } });
    sim.advance(20_000);
    sim.api.patch('DaemonSet', 'default', 'ds', 'strategic', { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox:1.37' }] } } } });
    sim.settle();
    let steps = 0;
    let sawTwoOnANode = false;
    const updated = () => dsOf(sim).status?.updatedNumberScheduled === 3 && dsOf(sim).status?.numberAvailable === 3 && dsPods(sim).length === 3;
    while (!updated() && steps++ < 10_000) {
      sim.step();
      for (const n of ['worker-1', 'worker-2', 'worker-3']) {
        const onNode = dsPods(sim).filter((p) => p.spec!.nodeName === n || targetNodeName(p) === n);
        if (onNode.filter((p) => !p.metadata.deletionTimestamp).length === 2) sawTwoOnANode = true;
        expect(onNode.some((p) => !p.metadata.deletionTimestamp && isPodAvailable(p, 0, sim.now()))).toBe(true);
      }
    }
    expect(updated()).toBe(true);
    expect(sawTwoOnANode).toBe(true);
    expect(sim.controllerErrors).toEqual([]);
  });

  it('OnDelete waits for the user to delete old pods', () => {
    const sim = createTestSim();
    createDaemonSet(sim, { updateStrategy: { type: 'OnDelete' } });
    sim.advance(10_000);
    sim.api.patch('DaemonSet', 'default', 'ds', 'strategic', { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox:1.37' }] } } } });
    sim.advance(60_000);
    expect(dsOf(sim).status).toMatchObject({ desiredNumberScheduled: 3 });
    expect(dsOf(sim).status?.updatedNumberScheduled).toBeUndefined();
    const victim = dsPods(sim)[0]!;
    sim.api.delete('Pod', 'default', victim.metadata.name);
    sim.advance(60_000);
    expect(dsOf(sim).status).toMatchObject({ updatedNumberScheduled: 1 });
  });

  it('keeps its incremental status equal to a full recount through random node and pod changes', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant('label' as const), node: fc.integer({ min: 1, max: 4 }), value: fc.constantFrom('ssd', 'hdd') }),
            fc.record({ op: fc.constant('taint' as const), node: fc.integer({ min: 1, max: 4 }), effect: fc.constantFrom('NoSchedule', 'NoExecute', '') }),
            fc.record({ op: fc.constant('deletePod' as const), index: fc.nat(5) }),
            fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 100, max: 40_000 }) }),
            fc.record({ op: fc.constant('image' as const), tag: fc.constantFrom('1.36', '1.37') }),
            fc.record({ op: fc.constant('addNode' as const) }),
          ),
          { maxLength: 12 },
        ),
        (ops) => {
          const sim = createTestSim({ nodes: [{ name: 'node-1' }, { name: 'node-2' }, { name: 'node-3' }] });
          createDaemonSet(sim, { minReadySeconds: 1 }, { nodeSelector: { disk: 'ssd' } });
          let added = 3;
          for (const o of ops) {
            if (o.op === 'label') sim.api.patch('Node', undefined, `node-${Math.min(o.node, added)}`, 'merge', { metadata: { labels: { disk: o.value } } });
            else if (o.op === 'taint') sim.api.patch('Node', undefined, `node-${Math.min(o.node, added)}`, 'merge', { spec: { taints: o.effect ? [{ key: 'k', effect: o.effect }] : null } });
            else if (o.op === 'deletePod') {
              const p = dsPods(sim)[o.index];
              if (p) sim.api.delete('Pod', 'default', p.metadata.name);
            } else if (o.op === 'advance') sim.advance(o.ms);
            else if (o.op === 'image') sim.api.patch('DaemonSet', 'default', 'ds', 'strategic', { spec: { template: { spec: { containers: [{ name: 'c', image: `busybox:${o.tag}` }] } } } });
            else if (o.op === 'addNode') sim.addNode({ name: `node-${++added}`, labels: { disk: 'ssd' } });
            sim.settle();
            const s = dsOf(sim).status!;
            const want = expectedStatus(sim);
            expect([s.desiredNumberScheduled, s.currentNumberScheduled, s.numberMisscheduled, s.numberReady, s.numberAvailable ?? 0, s.updatedNumberScheduled ?? 0]).toEqual([
              want.desired,
              want.current,
              want.misscheduled,
              want.ready,
              want.available,
              want.updated,
            ]);
          }
          expect(sim.controllerErrors).toEqual([]);
        },
      ),
      { numRuns: 25, seed: 42 },
    );
  });
});
