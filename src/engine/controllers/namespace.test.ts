import { describe, expect, it } from 'vitest';
import type { Namespace } from '../api/objects.ts';
import { type StatusError } from '../apiserver/errors.ts';
import { createTestSim, longRunningPod } from '../testing/harness.ts';

describe('namespace controller', () => {
  it('publishes kube-root-ca.crt in every namespace, and puts it back when deleted', () => {
    const sim = createTestSim();
    sim.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    sim.settle();
    expect(sim.api.get('ConfigMap', 'team', 'kube-root-ca.crt').data).toHaveProperty('ca.crt');
    sim.api.delete('ConfigMap', 'team', 'kube-root-ca.crt');
    sim.settle();
    expect(sim.api.tryGet('ConfigMap', 'team', 'kube-root-ca.crt')).toBeDefined();
  });

  it('empties a deleted namespace, refuses new content meanwhile, then removes it', () => {
    const sim = createTestSim();
    sim.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    sim.api.create({ ...longRunningPod('web'), metadata: { name: 'web', namespace: 'team' } });
    sim.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'team' } });
    sim.advance(10_000);
    sim.api.delete('Namespace', undefined, 'team');
    sim.settle();
    const ns = sim.api.get<Namespace>('Namespace', undefined, 'team');
    expect(ns.status!.phase).toBe('Terminating');
    expect(ns.spec!.finalizers).toEqual(['kubernetes']);
    expect(sim.api.tryGet('ConfigMap', 'team', 'settings')).toBeUndefined();
    expect(sim.api.get('Pod', 'team', 'web').metadata.deletionTimestamp).toBeDefined();
    try {
      sim.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late', namespace: 'team' } });
      expect.unreachable();
    } catch (e) {
      expect((e as StatusError).kubectlMessage).toBe('Error from server (Forbidden): configmaps "late" is forbidden: unable to create new content in namespace team because it is being terminated');
    }
    sim.advance(35_000); // the pod's grace period, then the controller's next look
    expect(sim.api.tryGet('Namespace', undefined, 'team')).toBeUndefined();
    expect(sim.controllerErrors).toEqual([]);
  });

  it('keeps spec.finalizers out of reach of plain updates (only finalize may change them)', () => {
    const sim = createTestSim();
    const ns = sim.api.create<Namespace>({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' }, spec: { finalizers: [] } });
    expect(ns.spec!.finalizers).toEqual(['kubernetes']);
    const updated = sim.api.update<Namespace>({ ...ns, spec: { finalizers: [] } });
    expect(updated.spec!.finalizers).toEqual(['kubernetes']);
  });

  it('waits for finalizers that belong to someone else', () => {
    const sim = createTestSim();
    sim.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team', finalizers: ['example.com/audit'] } });
    sim.settle();
    sim.api.delete('Namespace', undefined, 'team');
    sim.advance(60_000);
    const ns = sim.api.get<Namespace>('Namespace', undefined, 'team');
    expect(ns.spec!.finalizers).toBeUndefined();
    expect(ns.metadata.finalizers).toEqual(['example.com/audit']);
    sim.api.patch('Namespace', undefined, 'team', 'merge', { metadata: { finalizers: null } });
    sim.settle();
    expect(sim.api.tryGet('Namespace', undefined, 'team')).toBeUndefined();
  });
});
