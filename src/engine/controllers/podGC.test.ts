import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/objects.ts';
import { createTestSim, getPod, longRunningPod, podManifest } from '../testing/harness.ts';
import { ORPHAN_POD_DELAY_MS, terminatedPodsToDelete } from './podGC.ts';

describe('pod GC', () => {
  it('fails and force-deletes the pods of a deleted node after 40 s', () => {
    const sim = createTestSim();
    sim.api.create(longRunningPod('a', { nodeName: 'worker-1' }));
    sim.api.create(longRunningPod('b', { nodeName: 'worker-2' }));
    sim.advance(5_000);
    let lastSeen: Pod | undefined;
    sim.store.watch('Pod', (e) => {
      if (e.object.metadata.name === 'a') lastSeen = e.object as Pod;
    });
    sim.removeNode('worker-1');
    sim.advance(ORPHAN_POD_DELAY_MS - 1000);
    expect(getPod(sim, 'a').spec!.nodeName).toBe('worker-1');
    sim.advance(1000);
    expect(sim.api.tryGet('Pod', 'default', 'a')).toBeUndefined();
    expect(lastSeen!.status!.phase).toBe('Failed');
    expect(lastSeen!.status!.conditions!.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' });
    expect(getPod(sim, 'b').metadata.deletionTimestamp).toBeUndefined();
  });

  it('deletes pods bound to a node that never existed, unless it registers in time', () => {
    const sim = createTestSim();
    sim.api.create(longRunningPod('ghost', { nodeName: 'nowhere' }));
    sim.api.create(longRunningPod('early', { nodeName: 'late-node' }));
    sim.advance(20_000);
    sim.addNode({ name: 'late-node' });
    sim.advance(ORPHAN_POD_DELAY_MS);
    expect(sim.api.tryGet('Pod', 'default', 'ghost')).toBeUndefined();
    expect(getPod(sim, 'early').status!.phase).toBe('Running');
  });

  it('force-deletes terminating pods that were never scheduled', () => {
    const sim = createTestSim();
    sim.api.create({ ...podManifest('waiting', { nodeSelector: { disk: 'none' } }), metadata: { name: 'waiting', finalizers: ['example.com/hold'] } });
    sim.settle();
    sim.api.delete('Pod', 'default', 'waiting');
    sim.settle();
    // A finalizer keeps it (as upstream); once it goes, so does the pod.
    expect(getPod(sim, 'waiting').metadata.deletionTimestamp).toBeDefined();
    sim.api.patch('Pod', 'default', 'waiting', 'merge', { metadata: { finalizers: null } });
    sim.settle();
    expect(sim.api.tryGet('Pod', 'default', 'waiting')).toBeUndefined();
  });
});

describe('terminated pod GC', () => {
  const finished = (name: string, created: string): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: name, resourceVersion: '1', creationTimestamp: created },
    status: { phase: name.startsWith('ok') ? 'Succeeded' : 'Failed' },
  });

  it('deletes the oldest finished pods beyond the threshold', () => {
    const pods = [finished('ok-3', '2025-01-01T00:00:03Z'), finished('bad-1', '2025-01-01T00:00:01Z'), finished('ok-2', '2025-01-01T00:00:02Z'), { ...finished('live', '2025-01-01T00:00:00Z'), status: { phase: 'Running' } }];
    expect(terminatedPodsToDelete(pods, 1).map((p) => p.metadata.name)).toEqual(['bad-1', 'ok-2']);
    expect(terminatedPodsToDelete(pods, 3)).toEqual([]);
  });
});
