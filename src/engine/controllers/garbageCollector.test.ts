import { describe, expect, it } from 'vitest';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { KubeObject, Manifest } from '../api/objects.ts';
import type { PropagationPolicy } from '../api/kinds.ts';
import type { Simulation } from '../sim/simulation.ts';
import { createTestSim, longRunningPod } from '../testing/harness.ts';

const ref = (owner: KubeObject, blockOwnerDeletion = true): OwnerReference => ({ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion });
const cm = (name: string, owners: OwnerReference[] = []): Manifest => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(owners.length ? { ownerReferences: owners } : {}) } });
const exists = (sim: Simulation, kind: string, name: string) => sim.api.tryGet(kind, 'default', name) !== undefined;

/** owner ← child (ConfigMap) ← grandchild (ConfigMap), and owner ← pod (running, 30 s grace). */
function family(sim: Simulation, blockOwnerDeletion = true) {
  const owner = sim.api.create(cm('owner'));
  const child = sim.api.create(cm('child', [ref(owner, blockOwnerDeletion)]));
  sim.api.create(cm('grandchild', [ref(child, blockOwnerDeletion)]));
  sim.api.create({ ...longRunningPod('pod'), metadata: { name: 'pod', ownerReferences: [ref(owner, blockOwnerDeletion)] } });
  sim.advance(10_000);
  return owner;
}

describe('garbage collector', () => {
  it.each<[PropagationPolicy, Record<string, boolean>]>([
    ['Background', { owner: false, child: false, grandchild: false, pod: true }],
    ['Orphan', { owner: false, child: true, grandchild: true, pod: true }],
    ['Foreground', { owner: true, child: false, grandchild: false, pod: true }],
  ])('%s deletion, right after', (policy, expected) => {
    const sim = createTestSim();
    family(sim);
    sim.api.delete('ConfigMap', 'default', 'owner', { propagationPolicy: policy });
    sim.settle();
    const state = { owner: exists(sim, 'ConfigMap', 'owner'), child: exists(sim, 'ConfigMap', 'child'), grandchild: exists(sim, 'ConfigMap', 'grandchild'), pod: exists(sim, 'Pod', 'pod') };
    expect(state).toEqual(expected);
    expect(sim.controllerErrors).toEqual([]);
  });

  it('Foreground keeps the owner, with its finalizer, until blocking dependents are gone', () => {
    const sim = createTestSim();
    family(sim);
    sim.api.delete('ConfigMap', 'default', 'owner', { propagationPolicy: 'Foreground' });
    sim.settle();
    const owner = sim.api.get('ConfigMap', 'default', 'owner');
    expect(owner.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(owner.metadata.deletionTimestamp).toBeDefined();
    expect(sim.api.get('Pod', 'default', 'pod').metadata.deletionTimestamp).toBeDefined();
    sim.advance(29_000);
    expect(exists(sim, 'ConfigMap', 'owner')).toBe(true);
    sim.advance(2_000); // the pod's grace period ends; the kubelet removes it
    expect(exists(sim, 'Pod', 'pod')).toBe(false);
    expect(exists(sim, 'ConfigMap', 'owner')).toBe(false);
  });

  it('Foreground does not wait for dependents that do not block', () => {
    const sim = createTestSim();
    family(sim, false);
    sim.api.delete('ConfigMap', 'default', 'owner', { propagationPolicy: 'Foreground' });
    sim.settle();
    expect(exists(sim, 'ConfigMap', 'owner')).toBe(false);
    expect(sim.api.get('Pod', 'default', 'pod').metadata.deletionTimestamp).toBeDefined();
  });

  it('Background cascades through the pod too, gracefully', () => {
    const sim = createTestSim();
    family(sim);
    sim.api.delete('ConfigMap', 'default', 'owner', { propagationPolicy: 'Background' });
    sim.settle();
    expect(sim.api.get('Pod', 'default', 'pod').metadata.deletionTimestamp).toBeDefined();
    sim.advance(31_000);
    expect(exists(sim, 'Pod', 'pod')).toBe(false);
  });

  it('Orphan strips the owner reference from dependents', () => {
    const sim = createTestSim();
    family(sim);
    sim.api.delete('ConfigMap', 'default', 'owner', { propagationPolicy: 'Orphan' });
    sim.settle();
    expect(sim.api.get('ConfigMap', 'default', 'child').metadata.ownerReferences).toBeUndefined();
    expect(sim.api.get('Pod', 'default', 'pod').metadata.ownerReferences).toBeUndefined();
    expect(sim.api.get('ConfigMap', 'default', 'grandchild').metadata.ownerReferences).toHaveLength(1);
  });

  it('drops a dangling reference while another owner lives, and collects the dependent when none does', () => {
    const sim = createTestSim();
    const a = sim.api.create(cm('a'));
    const b = sim.api.create(cm('b'));
    sim.api.create(cm('shared', [ref(a), { ...ref(b), controller: false }]));
    sim.api.delete('ConfigMap', 'default', 'a');
    sim.settle();
    expect(sim.api.get('ConfigMap', 'default', 'shared').metadata.ownerReferences!.map((r) => r.name)).toEqual(['b']);
    sim.api.delete('ConfigMap', 'default', 'b');
    sim.settle();
    expect(exists(sim, 'ConfigMap', 'shared')).toBe(false);
  });

  it('identifies owners by uid: a re-created owner of the same name does not adopt', () => {
    const sim = createTestSim();
    const first = sim.api.create(cm('owner'));
    sim.api.delete('ConfigMap', 'default', 'owner');
    sim.api.create(cm('owner'));
    sim.api.create(cm('stale', [ref(first)]));
    sim.settle();
    expect(exists(sim, 'ConfigMap', 'stale')).toBe(false);
    expect(exists(sim, 'ConfigMap', 'owner')).toBe(true);
  });
});
