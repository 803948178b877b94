import { describe, expect, it } from 'vitest';
import type { Pod, PodDisruptionBudget } from '../api/objects.ts';
import type { Simulation } from '../sim/simulation.ts';
import { StatusError } from '../apiserver/errors.ts';
import { createTestSim } from '../testing/harness.ts';

function setup(budget: Record<string, unknown>, replicas = 3): Simulation {
  const sim = createTestSim();
  sim.api.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
  });
  sim.api.create({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'pdb' }, spec: { selector: { matchLabels: { app: 'web' } }, ...budget } });
  sim.advance(15_000);
  return sim;
}

const pdbStatus = (sim: Simulation) => sim.api.get<PodDisruptionBudget>('PodDisruptionBudget', 'default', 'pdb').status!;
const webPods = (sim: Simulation) => sim.api.list<Pod>('Pod').filter((p) => !p.metadata.deletionTimestamp);

describe('PodDisruptionBudget', () => {
  it.each([
    { budget: { minAvailable: 2 }, want: { expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 } },
    { budget: { minAvailable: 3 }, want: { expectedPods: 3, desiredHealthy: 3, currentHealthy: 3, disruptionsAllowed: 0 } },
    { budget: { maxUnavailable: 1 }, want: { expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 } },
    { budget: { minAvailable: '50%' }, want: { expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 } },
    { budget: { maxUnavailable: '50%' }, want: { expectedPods: 3, desiredHealthy: 1, currentHealthy: 3, disruptionsAllowed: 2 } },
  ])('$budget → $want', ({ budget, want }) => {
    const sim = setup(budget);
    expect(pdbStatus(sim)).toMatchObject({ ...want, observedGeneration: 1 });
    expect(pdbStatus(sim).conditions).toEqual([
      expect.objectContaining({ type: 'DisruptionAllowed', status: want.disruptionsAllowed > 0 ? 'True' : 'False', reason: want.disruptionsAllowed > 0 ? 'SufficientPods' : 'InsufficientPods' }),
    ]);
  });

  it('lets evictions take the allowed disruptions, then answers 429', () => {
    const sim = setup({ minAvailable: 2 });
    const [a, b] = webPods(sim);
    sim.api.evict('default', a!.metadata.name);
    sim.settle();
    expect(sim.api.get<Pod>('Pod', 'default', a!.metadata.name).status!.conditions).toContainEqual(expect.objectContaining({ type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI' }));
    expect(pdbStatus(sim).disruptionsAllowed).toBe(0);
    let refused: unknown;
    try {
      sim.api.evict('default', b!.metadata.name);
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(StatusError);
    expect((refused as StatusError).code).toBe(429);
    expect((refused as StatusError).message).toBe("Cannot evict pod as it would violate the pod's disruption budget.");
    // The replacement becomes ready: one disruption is allowed again.
    sim.advance(60_000);
    expect(pdbStatus(sim)).toMatchObject({ currentHealthy: 3, disruptionsAllowed: 1 });
    expect(sim.controllerErrors).toEqual([]);
  });
});
