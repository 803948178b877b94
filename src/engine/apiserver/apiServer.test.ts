import { describe, expect, it } from 'vitest';
import { createTestSim, podManifest } from '../testing/harness.ts';
import { StatusError } from './errors.ts';
import type { Job, Pod } from '../api/objects.ts';

function expectStatus(fn: () => unknown, reason: string, message?: string): StatusError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(StatusError);
    const err = e as StatusError;
    expect(err.reason).toBe(reason);
    if (message) expect(err.kubectlMessage).toBe(message);
    return err;
  }
  throw new Error('expected a StatusError');
}

describe('ApiServer', () => {
  it('creates with server-owned fields and defaults, and rejects duplicates', () => {
    const sim = createTestSim();
    const pod = sim.api.create<Pod>(podManifest('web'));
    expect(pod.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(pod.metadata.namespace).toBe('default');
    expect(pod.metadata.creationTimestamp).toBe('2025-01-01T00:00:00Z');
    expect(pod.spec!.restartPolicy).toBe('Always');
    expect(pod.spec!.containers[0]!.imagePullPolicy).toBe('IfNotPresent');
    expect(pod.spec!.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expectStatus(() => sim.api.create(podManifest('web')), 'AlreadyExists', 'Error from server (AlreadyExists): pods "web" already exists');
  });

  it('generates names with the upstream alphabet', () => {
    const sim = createTestSim();
    const pod = sim.api.create<Pod>({ ...podManifest(''), metadata: { generateName: 'pi-' } });
    expect(pod.metadata.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('validates with upstream field paths and messages, leaving the store untouched', () => {
    const sim = createTestSim();
    const before = sim.store.resourceVersion;
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi' },
      spec: { template: { spec: { restartPolicy: 'Always', containers: [{ name: 'pi', image: 'perl:5.34.0' }] } } },
    };
    expectStatus(() => sim.api.create(job), 'Invalid', 'The Job "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
    expect(sim.store.resourceVersion).toBe(before);
    expectStatus(() => sim.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'Bad_Name' }, spec: { containers: [] } }), 'Invalid');
    expectStatus(() => sim.api.create({ ...podManifest('x'), metadata: { name: 'x', namespace: 'nope' } }), 'NotFound', 'Error from server (NotFound): namespaces "nope" not found');
  });

  it('generates the Job selector and labels', () => {
    const sim = createTestSim();
    const job = sim.api.create<Job>({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi' },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34.0' }] } } },
    });
    const uid = job.metadata.uid;
    expect(job.spec!.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    expect(job.spec!.template.metadata!.labels).toMatchObject({ 'job-name': 'pi', 'controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi' });
    expect(job.spec).toMatchObject({ parallelism: 1, completions: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false });
  });

  it('enforces resourceVersion on update (409) and bumps generation on spec changes only', () => {
    const sim = createTestSim();
    const rs = sim.api.create({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    expect(rs.metadata.generation).toBe(1);
    const relabeled = sim.api.update({ ...rs, metadata: { ...rs.metadata, labels: { a: 'b' } } });
    expect(relabeled.metadata.generation).toBe(1);
    const scaled = sim.api.update({ ...relabeled, spec: { ...(relabeled.spec as object), replicas: 3 } });
    expect(scaled.metadata.generation).toBe(2);
    expectStatus(() => sim.api.update(rs), 'Conflict');
  });

  it('patches with merge, json and strategic semantics', () => {
    const sim = createTestSim();
    sim.api.create({ ...podManifest('p'), metadata: { name: 'p', labels: { a: '1', b: '2' } } });
    const merged = sim.api.patch('Pod', 'default', 'p', 'merge', { metadata: { labels: { a: null, c: '3' } } });
    expect(merged.metadata.labels).toEqual({ b: '2', c: '3' });
    const jsoned = sim.api.patch('Pod', 'default', 'p', 'json', [{ op: 'replace', path: '/metadata/labels/b', value: 'x' }]);
    expect(jsoned.metadata.labels).toEqual({ b: 'x', c: '3' });
    const smp = sim.api.patch<Pod>('Pod', 'default', 'p', 'strategic', { spec: { containers: [{ name: 'main', image: 'busybox:1.37' }] } });
    expect(smp.spec!.containers).toHaveLength(1);
    expect(smp.spec!.containers[0]!.image).toBe('busybox:1.37');
    expect(smp.spec!.containers[0]!.volumeMounts).toHaveLength(1); // untouched fields kept
  });

  it('deletes with Orphan and Foreground propagation through the garbage collector', () => {
    const sim = createTestSim();
    const owner = sim.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner' } });
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true };
    sim.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'child', ownerReferences: [ref] } });
    sim.api.delete('ConfigMap', 'default', 'owner', { propagationPolicy: 'Orphan' });
    sim.settle();
    expect(sim.api.tryGet('ConfigMap', 'default', 'owner')).toBeUndefined();
    expect(sim.api.get('ConfigMap', 'default', 'child').metadata.ownerReferences).toBeUndefined();

    const owner2 = sim.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner2' } });
    sim.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'child2', ownerReferences: [{ ...ref, name: 'owner2', uid: owner2.metadata.uid }] } });
    const terminating = sim.api.delete('ConfigMap', 'default', 'owner2', { propagationPolicy: 'Foreground' });
    expect(terminating.metadata.finalizers).toEqual(['foregroundDeletion']);
    sim.settle();
    expect(sim.api.tryGet('ConfigMap', 'default', 'child2')).toBeUndefined();
    expect(sim.api.tryGet('ConfigMap', 'default', 'owner2')).toBeUndefined();

    const owner3 = sim.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner3' } });
    sim.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'child3', ownerReferences: [{ ...ref, name: 'owner3', uid: owner3.metadata.uid }] } });
    sim.api.delete('ConfigMap', 'default', 'owner3', { propagationPolicy: 'Background' });
    sim.settle();
    expect(sim.api.tryGet('ConfigMap', 'default', 'child3')).toBeUndefined();
    expect(sim.controllerErrors).toEqual([]);
  });

  it('lists with label and field selectors, sorted by namespace and name', () => {
    const sim = createTestSim();
    for (const [name, app] of [['b', 'web'], ['a', 'web'], ['c', 'db']] as const) sim.api.create({ ...podManifest(name), metadata: { name, labels: { app } } });
    expect(sim.api.list('Pod', { labelSelector: 'app=web' }).map((p) => p.metadata.name)).toEqual(['a', 'b']);
    expect(sim.api.list('Pod', { fieldSelector: 'metadata.name!=a' }).map((p) => p.metadata.name)).toEqual(['b', 'c']);
    expectStatus(() => sim.api.list('Pod', { fieldSelector: 'spec.bogus=x' }), 'BadRequest');
  });
});
