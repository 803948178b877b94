import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod, ReplicaSet } from '../api/objects.ts';
import { controllerHarness, seedPod, type Harness, type PodState } from '../testing/controllerHarness.ts';
import { createTestSim } from '../testing/harness.ts';
import { replicaSetController } from './replicaSet.ts';

function seedReplicaSet(h: Harness, replicas: number, extra: Record<string, unknown> = {}): ReplicaSet {
  return h.api.create<ReplicaSet>({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web', tier: 'fe' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      ...extra,
    },
  });
}

const WEB = { app: 'web', tier: 'fe' };

interface Case {
  name: string;
  replicas: number;
  pods: (rs: KubeObject) => PodState[];
  creates: number;
  deletes: string[];
  status: Record<string, unknown>;
  adopted?: string[];
  released?: string[];
}

// Like upstream's TestSyncReplicaSet* cases: seeded pods in, creates / deletes / status out.
const cases: Case[] = [
  { name: 'creates every missing pod', replicas: 3, pods: () => [], creates: 3, deletes: [], status: { replicas: 0, observedGeneration: 1 } },
  {
    name: 'deletes the surplus, unscheduled before scheduled',
    replicas: 1,
    pods: (rs) => [
      { name: 'a', owner: rs, labels: WEB, node: 'n1', readyForMs: 60_000 },
      { name: 'b', owner: rs, labels: WEB },
    ],
    creates: 0,
    deletes: ['b'],
    status: { replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 1, availableReplicas: 1, observedGeneration: 1 },
  },
  {
    name: 'deletes not-ready before ready, then the more recently ready',
    replicas: 1,
    pods: (rs) => [
      { name: 'old-ready', owner: rs, labels: WEB, node: 'n1', readyForMs: 3_600_000 },
      { name: 'new-ready', owner: rs, labels: WEB, node: 'n2', readyForMs: 5_000 },
      { name: 'not-ready', owner: rs, labels: WEB, node: 'n3' },
    ],
    creates: 0,
    deletes: ['not-ready', 'new-ready'],
    status: { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 },
  },
  {
    name: 'a lower pod-deletion-cost goes first',
    replicas: 1,
    pods: (rs) => [
      { name: 'cheap', owner: rs, labels: WEB, node: 'n1', readyForMs: 3_600_000, annotations: { 'controller.kubernetes.io/pod-deletion-cost': '-5' } },
      { name: 'dear', owner: rs, labels: WEB, node: 'n2', readyForMs: 5_000 },
    ],
    creates: 0,
    deletes: ['cheap'],
    status: { replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 },
  },
  {
    name: 'terminating pods do not count: a replacement is created at once',
    replicas: 2,
    pods: (rs) => [
      { name: 'a', owner: rs, labels: WEB, node: 'n1', readyForMs: 10_000 },
      { name: 'b', owner: rs, labels: WEB, node: 'n1', readyForMs: 10_000, deleting: true },
    ],
    creates: 1,
    deletes: [],
    status: { replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 1 },
  },
  {
    name: 'finished pods do not count',
    replicas: 1,
    pods: (rs) => [{ name: 'done', owner: rs, labels: WEB, node: 'n1', phase: 'Failed' }],
    creates: 1,
    deletes: [],
    status: { replicas: 0, observedGeneration: 1 },
  },
  {
    name: 'adopts a matching orphan instead of creating',
    replicas: 1,
    pods: () => [{ name: 'orphan', labels: WEB, node: 'n1', readyForMs: 10_000 }],
    creates: 0,
    deletes: [],
    adopted: ['orphan'],
    status: { replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 1 },
  },
  {
    name: 'releases a pod relabelled out of the selector and replaces it',
    replicas: 1,
    pods: (rs) => [{ name: 'moved', owner: rs, labels: { app: 'foo' }, node: 'n1', readyForMs: 10_000 }],
    creates: 1,
    deletes: [],
    released: ['moved'],
    status: { replicas: 0, observedGeneration: 1 },
  },
  {
    name: 'an unrelated extra label changes nothing (but the pod is no longer fully labelled)',
    replicas: 1,
    pods: (rs) => [{ name: 'special', owner: rs, labels: { app: 'web', type: 'special' }, node: 'n1', readyForMs: 10_000 }],
    creates: 0,
    deletes: [],
    status: { replicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 1 },
  },
  {
    name: 'never touches pods controlled by someone else',
    replicas: 1,
    pods: () => [{ name: 'theirs', labels: WEB, node: 'n1', owner: { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'other', uid: 'other-uid' } } as KubeObject }],
    creates: 1,
    deletes: [],
    status: { replicas: 0, observedGeneration: 1 },
  },
  { name: 'creates at most 500 pods per sync', replicas: 600, pods: () => [], creates: 500, deletes: [], status: { replicas: 0, observedGeneration: 1 } },
];

describe('ReplicaSet controller sync', () => {
  it.each(cases)('$name', (c) => {
    const h = controllerHarness(replicaSetController);
    const rs = seedReplicaSet(h, c.replicas);
    for (const p of c.pods(rs)) seedPod(h, p);
    h.reset();
    h.controller.reconcile('default/web');
    const created = h.written('Pod', 'ADDED') as Pod[];
    expect(created).toHaveLength(c.creates);
    for (const pod of created) {
      expect(pod.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(pod.metadata.labels).toEqual(WEB);
      expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    const deleted = h.writes.filter((w) => w.object.kind === 'Pod' && w.object.metadata.deletionTimestamp && !w.old?.metadata.deletionTimestamp).map((w) => w.object.metadata.name);
    expect(deleted).toEqual(c.deletes);
    const modified = h.written('Pod', 'MODIFIED').filter((p) => !p.metadata.deletionTimestamp);
    expect(modified.filter((p) => p.metadata.ownerReferences?.length).map((p) => p.metadata.name)).toEqual(c.adopted ?? []);
    expect(modified.filter((p) => !p.metadata.ownerReferences).map((p) => p.metadata.name)).toEqual(c.released ?? []);
    expect(h.api.get<ReplicaSet>('ReplicaSet', 'default', 'web').status).toEqual(c.status);
    expect(h.events().filter((e) => e.startsWith('SuccessfulCreate'))).toHaveLength(c.creates);
    expect(h.events().filter((e) => e.startsWith('SuccessfulDelete'))).toEqual(c.deletes.map((n) => `SuccessfulDelete Deleted pod: ${n}`));
  });

  it('counts available pods after minReadySeconds and wakes up exactly then', () => {
    const h = controllerHarness(replicaSetController);
    const rs = seedReplicaSet(h, 2, { minReadySeconds: 10 });
    seedPod(h, { name: 'a', owner: rs, labels: WEB, node: 'n1', readyForMs: 20_000 });
    seedPod(h, { name: 'b', owner: rs, labels: WEB, node: 'n1', readyForMs: 4_000 });
    const result = h.controller.reconcile('default/web');
    expect(h.api.get<ReplicaSet>('ReplicaSet', 'default', 'web').status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 1 });
    // b became ready 4 s ago: available once ready for more than 10 s.
    expect(result).toEqual({ requeueAfterMs: 6_001 });
    h.clock.nowMs += 6_001;
    h.controller.reconcile('default/web');
    expect(h.api.get<ReplicaSet>('ReplicaSet', 'default', 'web').status).toMatchObject({ availableReplicas: 2 });
  });

  it('ranks doubled-up pods of the same Deployment first', () => {
    const h = controllerHarness(replicaSetController);
    const rs = h.api.create<ReplicaSet>({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'deploy-uid', controller: true }] },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    seedPod(h, { name: 'alone', owner: rs, labels: { app: 'web' }, node: 'n1', readyForMs: 10_000 });
    seedPod(h, { name: 'twin-1', owner: rs, labels: { app: 'web' }, node: 'n2', readyForMs: 10_000, ageMs: 1_000 });
    seedPod(h, { name: 'twin-2', owner: rs, labels: { app: 'web' }, node: 'n2', readyForMs: 10_000, ageMs: 1_000 });
    h.reset();
    h.controller.reconcile('default/web');
    const deleted = h.written('Pod', 'MODIFIED').filter((p) => p.metadata.deletionTimestamp).map((p) => p.metadata.name);
    expect(deleted).toHaveLength(1);
    expect(deleted[0]).toMatch(/^twin-/);
  });
});

describe('ReplicaSet in a cluster', () => {
  it('keeps the pod count through deletions and relabelling, as the seeds walk through', () => {
    const sim = createTestSim();
    sim.api.create({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'kubia' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'kubia' } }, template: { metadata: { labels: { app: 'kubia' } }, spec: { containers: [{ name: 'kubia', image: 'idealism/kubia' }] } } },
    });
    // idealism/kubia is a 264 MB pull (about 10 s).
    sim.advance(20_000);
    const pods = () => sim.api.list<Pod>('Pod');
    expect(pods().filter((p) => p.status?.phase === 'Running')).toHaveLength(3);
    const first = pods()[0]!.metadata.name;
    sim.api.delete('Pod', 'default', first);
    sim.settle();
    // The deleted pod is still Terminating while its replacement is already created.
    expect(pods()).toHaveLength(4);
    sim.advance(40_000);
    expect(pods()).toHaveLength(3);
    const victim = pods()[0]!.metadata.name;
    sim.api.patch('Pod', 'default', victim, 'merge', { metadata: { labels: { app: 'foo' } } });
    sim.settle();
    const orphan = sim.api.get<Pod>('Pod', 'default', victim);
    expect(orphan.metadata.ownerReferences).toBeUndefined();
    expect(pods().filter((p) => p.metadata.labels?.app === 'kubia')).toHaveLength(3);
    // Relabelled back: adopted again, one too many, one deleted.
    sim.api.patch('Pod', 'default', victim, 'merge', { metadata: { labels: { app: 'kubia' } } });
    sim.settle();
    expect(pods().filter((p) => p.metadata.labels?.app === 'kubia' && !p.metadata.deletionTimestamp)).toHaveLength(3);
    expect(sim.controllerErrors).toEqual([]);
  });
});
