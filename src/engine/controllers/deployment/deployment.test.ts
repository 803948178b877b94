import { describe, expect, it } from 'vitest';
import type { Deployment, Event, Pod, ReplicaSet } from '../../api/objects.ts';
import type { Simulation } from '../../sim/simulation.ts';
import { createTestSim } from '../../testing/harness.ts';
import { isPodActive, isPodAvailable } from '../shared/podState.ts';

function createDeployment(sim: Simulation, spec: Record<string, unknown> = {}, image = 'nginx:1.14.2'): Deployment {
  return sim.api.create<Deployment>({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 4,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } },
      ...spec,
    },
  });
}

const deploymentOf = (sim: Simulation) => sim.api.get<Deployment>('Deployment', 'default', 'web');
const replicaSets = (sim: Simulation) => sim.api.list<ReplicaSet>('ReplicaSet');
const pods = (sim: Simulation) => sim.api.list<Pod>('Pod');

function setImage(sim: Simulation, image: string): void {
  sim.api.patch('Deployment', 'default', 'web', 'strategic', { spec: { template: { spec: { containers: [{ name: 'web', image }] } } } });
  sim.settle();
}

function complete(sim: Simulation): boolean {
  const d = deploymentOf(sim);
  return d.status?.conditions?.some((c) => c.type === 'Progressing' && c.reason === 'NewReplicaSetAvailable') === true && d.status.updatedReplicas === d.spec!.replicas && d.status.replicas === d.spec!.replicas;
}

function scalingEvents(sim: Simulation): string[] {
  return sim.api
    .list<Event>('Event')
    .filter((e) => e.reason === 'ScalingReplicaSet')
    .sort((a, b) => (a.firstTimestamp! < b.firstTimestamp! ? -1 : a.firstTimestamp! > b.firstTimestamp! ? 1 : 0))
    .map((e) => e.message!);
}

describe('Deployment controller', () => {
  it('creates a ReplicaSet named with the pod-template-hash and reports progress', () => {
    const sim = createTestSim();
    createDeployment(sim);
    expect(sim.runUntil(() => complete(sim), 60_000)).toBe(true);
    const [rs] = replicaSets(sim);
    const hash = rs!.metadata.labels!['pod-template-hash']!;
    expect(hash).toMatch(/^[456789bcdf]{8,10}$/);
    expect(rs!.metadata.name).toBe(`web-${hash}`);
    expect(rs!.spec!.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs!.metadata.annotations).toEqual({ 'deployment.kubernetes.io/desired-replicas': '4', 'deployment.kubernetes.io/max-replicas': '5', 'deployment.kubernetes.io/revision': '1' });
    expect(pods(sim).every((p) => p.metadata.name.startsWith(`web-${hash}-`))).toBe(true);
    const d = deploymentOf(sim);
    expect(d.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('1');
    expect(d.metadata.generation).toBe(1);
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 4, updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4 });
    expect(d.status!.conditions!.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "web-${hash}" has successfully progressed.`],
    ]);
    expect(scalingEvents(sim)).toEqual([`Scaled up replica set web-${hash} to 4`]);
    expect(sim.controllerErrors).toEqual([]);
  });

  it('rolls out within maxSurge and maxUnavailable at every instant', () => {
    const sim = createTestSim();
    createDeployment(sim, { replicas: 4, minReadySeconds: 3, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } });
    expect(sim.runUntil(() => complete(sim), 120_000)).toBe(true);
    setImage(sim, 'nginx:1.16.1');
    let steps = 0;
    while (!complete(sim) && steps++ < 10_000) {
      sim.step();
      const active = pods(sim).filter(isPodActive);
      expect(active.length).toBeLessThanOrEqual(5);
      expect(active.filter((p) => isPodAvailable(p, 3, sim.now())).length).toBeGreaterThanOrEqual(3);
      expect(replicaSets(sim).reduce((n, rs) => n + rs.spec!.replicas!, 0)).toBeLessThanOrEqual(5);
    }
    expect(complete(sim)).toBe(true);
    const [older, newer] = [...replicaSets(sim)].sort((a, b) => a.spec!.replicas! - b.spec!.replicas!);
    expect(older!.spec!.replicas).toBe(0);
    expect(newer!.spec!.replicas).toBe(4);
    const events = scalingEvents(sim);
    expect(events[1]).toBe(`Scaled up replica set ${newer!.metadata.name} to 1`);
    expect(events).toContain(`Scaled down replica set ${older!.metadata.name} to 3 from 4`);
    expect(events.at(-1)).toBe(`Scaled down replica set ${older!.metadata.name} to 0 from 1`);
    expect(deploymentOf(sim).metadata.annotations!['deployment.kubernetes.io/revision']).toBe('2');
    expect(sim.controllerErrors).toEqual([]);
  });

  it('Recreate stops every old pod before starting new ones', () => {
    const sim = createTestSim();
    createDeployment(sim, { replicas: 3, strategy: { type: 'Recreate' } });
    expect(sim.runUntil(() => complete(sim), 60_000)).toBe(true);
    const oldHash = replicaSets(sim)[0]!.metadata.labels!['pod-template-hash'];
    setImage(sim, 'nginx:1.16.1');
    let steps = 0;
    while (!complete(sim) && steps++ < 10_000) {
      sim.step();
      const live = pods(sim);
      const hashes = new Set(live.map((p) => p.metadata.labels!['pod-template-hash']));
      expect(hashes.size).toBeLessThanOrEqual(1);
      if (live.some((p) => p.metadata.labels!['pod-template-hash'] === oldHash)) expect(replicaSets(sim).length).toBe(1);
    }
    expect(pods(sim).filter((p) => p.status?.phase === 'Running')).toHaveLength(3);
    expect(sim.controllerErrors).toEqual([]);
  });

  it('marks a stuck rollout ProgressDeadlineExceeded and keeps the old pods', () => {
    const sim = createTestSim();
    createDeployment(sim, { replicas: 3, progressDeadlineSeconds: 30 });
    expect(sim.runUntil(() => complete(sim), 60_000)).toBe(true);
    setImage(sim, 'nginx:non-existing-tag-does-not-exist');
    const timedOut = () => deploymentOf(sim).status?.conditions?.find((c) => c.type === 'Progressing')?.reason === 'ProgressDeadlineExceeded';
    expect(sim.runUntil(timedOut, 5 * 60_000)).toBe(true);
    const cond = deploymentOf(sim).status!.conditions!.find((c) => c.type === 'Progressing')!;
    expect(cond.status).toBe('False');
    expect(cond.message).toMatch(/^ReplicaSet "web-\w+" has timed out progressing\.$/);
    // The old ReplicaSet still serves: 3 replicas, maxUnavailable 0 (25% of 3 rounds down).
    expect(pods(sim).filter((p) => p.status?.phase === 'Running' && p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))).toHaveLength(3);
    expect(deploymentOf(sim).status!.conditions!.find((c) => c.type === 'Available')!.status).toBe('True');
  });

  it('scales proportionally in the middle of a rollout (upstream e2e: 8 old + 5 new → 20 + 13)', () => {
    const sim = createTestSim({ nodes: [{ name: 'n1', pods: 110 }, { name: 'n2', pods: 110 }] });
    createDeployment(sim, { replicas: 10, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } });
    expect(sim.runUntil(() => complete(sim), 60_000)).toBe(true);
    setImage(sim, 'nginx:non-existing-tag');
    sim.advance(30_000);
    const sizes = () => replicaSets(sim).map((rs) => `${rs.spec!.template!.spec!.containers[0]!.image} ${rs.spec!.replicas}`).sort();
    expect(sizes()).toEqual(['nginx:1.14.2 8', 'nginx:non-existing-tag 5']);
    sim.api.patch('Deployment', 'default', 'web', 'merge', { spec: { replicas: 30 } });
    sim.settle();
    expect(sizes()).toEqual(['nginx:1.14.2 20', 'nginx:non-existing-tag 13']);
    expect(scalingEvents(sim).slice(-2).sort()).toEqual([expect.stringMatching(/^Scaled up replica set web-\w+ to 13 from 5$/), expect.stringMatching(/^Scaled up replica set web-\w+ to 20 from 8$/)]);
  });

  it('keeps only revisionHistoryLimit old ReplicaSets', () => {
    const sim = createTestSim();
    createDeployment(sim, { replicas: 2, revisionHistoryLimit: 1 });
    for (const tag of ['1.16.1', '1.17.0', '1.18.0']) {
      expect(sim.runUntil(() => complete(sim), 120_000)).toBe(true);
      setImage(sim, `nginx:${tag}`);
    }
    expect(sim.runUntil(() => complete(sim), 120_000)).toBe(true);
    sim.advance(1_000);
    const revisions = replicaSets(sim).map((rs) => rs.metadata.annotations!['deployment.kubernetes.io/revision']).sort();
    expect(revisions).toEqual(['3', '4']);
  });

  it('while paused, scales but does not roll out; resuming rolls out', () => {
    const sim = createTestSim();
    createDeployment(sim, { replicas: 2 });
    expect(sim.runUntil(() => complete(sim), 60_000)).toBe(true);
    sim.api.patch('Deployment', 'default', 'web', 'merge', { spec: { paused: true } });
    sim.settle();
    expect(deploymentOf(sim).status!.conditions!.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    setImage(sim, 'nginx:1.16.1');
    sim.api.patch('Deployment', 'default', 'web', 'merge', { spec: { replicas: 5 } });
    sim.advance(30_000);
    expect(replicaSets(sim)).toHaveLength(1);
    expect(replicaSets(sim)[0]!.spec!.replicas).toBe(5);
    sim.api.patch('Deployment', 'default', 'web', 'merge', { spec: { paused: null } });
    sim.settle();
    expect(sim.runUntil(() => complete(sim), 120_000)).toBe(true);
    expect(replicaSets(sim)).toHaveLength(2);
    expect(pods(sim).filter((p) => p.spec!.containers[0]!.image === 'nginx:1.16.1' && isPodActive(p))).toHaveLength(5);
  });

  it('a deleted ReplicaSet is recreated; a Deployment deleted with orphan keeps its ReplicaSet for a new one to adopt', () => {
    const sim = createTestSim();
    createDeployment(sim, { replicas: 2 });
    expect(sim.runUntil(() => complete(sim), 60_000)).toBe(true);
    const rsName = replicaSets(sim)[0]!.metadata.name;
    sim.api.delete('Deployment', 'default', 'web', { propagationPolicy: 'Orphan' });
    sim.settle();
    expect(replicaSets(sim)[0]!.metadata.ownerReferences).toBeUndefined();
    expect(pods(sim)).toHaveLength(2);
    createDeployment(sim, { replicas: 2 });
    sim.advance(1_000);
    expect(replicaSets(sim).map((rs) => rs.metadata.name)).toEqual([rsName]);
    expect(replicaSets(sim)[0]!.metadata.ownerReferences![0]!.name).toBe('web');
    expect(complete(sim)).toBe(true);
    sim.api.delete('ReplicaSet', 'default', rsName);
    sim.settle();
    expect(replicaSets(sim)).toHaveLength(1);
    sim.api.delete('Deployment', 'default', 'web');
    sim.advance(60_000);
    expect(replicaSets(sim)).toHaveLength(0);
    expect(pods(sim)).toHaveLength(0);
    expect(sim.controllerErrors).toEqual([]);
  });
});
