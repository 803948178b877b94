import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/objects.ts';
import { createTestSim, podManifest } from '../testing/harness.ts';
import { evictionTime } from './taintEviction.ts';

describe('taint-based eviction', () => {
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
