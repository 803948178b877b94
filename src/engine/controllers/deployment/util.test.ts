import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../../api/objects.ts';
import { deploymentComplete, deploymentProgressing, findActiveOrLatest, getProportion, newRSNewReplicas, proportionalSizes, resolveFenceposts, setCondition, setNewReplicaSetAnnotations } from './util.ts';

function deployment(replicas: number, maxSurge: number | string = '25%', maxUnavailable: number | string = '25%', status: Deployment['status'] = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd', uid: 'd-uid', resourceVersion: '1', creationTimestamp: '2025-01-01T00:00:00Z', generation: 1 },
    spec: { replicas, selector: {}, template: {}, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } } },
    status,
  };
}

function rs(name: string, replicas: number, createdSec: number, annotations: Record<string, string> = {}, available = replicas): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, uid: `${name}-uid`, resourceVersion: '1', creationTimestamp: `2025-01-01T00:00:${String(createdSec).padStart(2, '0')}Z`, annotations },
    spec: { replicas, selector: {}, template: {} },
    status: { replicas, availableReplicas: available },
  };
}

describe('resolveFenceposts', () => {
  it.each([
    // desired, surge, unavailable → resolved surge, unavailable (surge rounds up, unavailable down)
    [3, '25%', '25%', 1, 0],
    [4, '25%', '25%', 1, 1],
    [10, '25%', '25%', 3, 2],
    [1, '0%', '25%', 0, 1],
    [2, '1%', '0%', 1, 0],
    [10, 3, 2, 3, 2],
    [0, '25%', '25%', 0, 1],
  ] as const)('%d replicas, surge %s, unavailable %s → %d / %d', (desired, surge, unavailable, wantSurge, wantUnavailable) => {
    expect(resolveFenceposts(surge, unavailable, desired)).toEqual({ surge: wantSurge, unavailable: wantUnavailable });
  });
});

describe('newRSNewReplicas', () => {
  it.each([
    { name: 'scales up by the surge room', replicas: 10, surge: 3, rss: [7, 0], newIndex: 1, want: 6 },
    { name: 'no room left above replicas + surge', replicas: 10, surge: 3, rss: [10, 3], newIndex: 1, want: 3 },
    { name: 'never past spec.replicas', replicas: 3, surge: 5, rss: [0, 2], newIndex: 1, want: 3 },
  ])('$name', ({ replicas, surge, rss: sizes, newIndex, want }) => {
    const d = deployment(replicas, surge, 0);
    const list = sizes.map((n, i) => rs(`rs${i}`, n, i));
    expect(newRSNewReplicas(d, list, list[newIndex]!)).toBe(want);
  });
});

describe('proportional scaling', () => {
  it('splits a scale-up in proportion to the ReplicaSets (upstream e2e: 8 + 5 → 20 + 13)', () => {
    // 10 replicas, surge 3, unavailable 2; the new ReplicaSet is stuck at 5, the old at 8. Scale to 30.
    const annotations = { 'deployment.kubernetes.io/max-replicas': '13' };
    const old = rs('old', 8, 1, annotations, 8);
    const neu = rs('new', 5, 2, annotations, 0);
    const d = deployment(30, 3, 2, { replicas: 13 });
    const { sizes, operation } = proportionalSizes(d, [old, neu]);
    expect(operation).toBe('up');
    expect(sizes.get('old')).toBe(20);
    expect(sizes.get('new')).toBe(13);
  });

  it('scales down oldest first and gives leftovers to the largest', () => {
    const annotations = { 'deployment.kubernetes.io/max-replicas': '13' };
    const d = deployment(5, 3, 2, { replicas: 13 });
    const { sizes, operation } = proportionalSizes(d, [rs('old', 8, 1, annotations), rs('new', 5, 2, annotations)]);
    expect(operation).toBe('down');
    // 5 + 3 = 8 allowed: 8 → round(8·8/13)=5, 5 → round(5·8/13)=3.
    expect(sizes.get('old')).toBe(5);
    expect(sizes.get('new')).toBe(3);
  });

  it('getProportion never scales up from zero', () => {
    expect(getProportion(rs('z', 0, 1), deployment(10), 5, 0)).toBe(0);
  });

  it('findActiveOrLatest returns the only active ReplicaSet, or the newest when none is active', () => {
    const a = rs('a', 0, 1);
    const b = rs('b', 0, 2);
    expect(findActiveOrLatest(undefined, [a, b])?.metadata.name).toBe('b');
    expect(findActiveOrLatest(rs('n', 0, 3), [a, rs('c', 2, 0)])?.metadata.name).toBe('c');
    expect(findActiveOrLatest(rs('n', 1, 3), [rs('c', 2, 0)])).toBeUndefined();
  });
});

describe('revision annotations', () => {
  it('moves the old revision into revision-history when a ReplicaSet is reused by a rollback', () => {
    const d = deployment(3);
    d.metadata.annotations = { 'kubernetes.io/change-cause': 'rollback', 'deployment.kubernetes.io/revision': '3' };
    const reused = rs('r', 0, 1, { 'deployment.kubernetes.io/revision': '1' });
    expect(setNewReplicaSetAnnotations(d, reused, 4, true)).toBe(true);
    expect(reused.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '4', 'deployment.kubernetes.io/revision-history': '1', 'kubernetes.io/change-cause': 'rollback' });
  });
});

describe('conditions and progress', () => {
  it('keeps lastTransitionTime when only the reason changes', () => {
    const status: Deployment['status'] = { conditions: [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', lastTransitionTime: 'T0', lastUpdateTime: 'T0' }] };
    setCondition(status, { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', lastTransitionTime: 'T1', lastUpdateTime: 'T1' });
    expect(status.conditions).toEqual([{ type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', lastTransitionTime: 'T0', lastUpdateTime: 'T1' }]);
  });

  it.each([
    { name: 'complete', status: { replicas: 3, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 1 }, complete: true },
    { name: 'an old pod left', status: { replicas: 4, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 1 }, complete: false },
    { name: 'not all available', status: { replicas: 3, updatedReplicas: 3, availableReplicas: 2, observedGeneration: 1 }, complete: false },
    { name: 'generation not observed', status: { replicas: 3, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 0 }, complete: false },
  ])('deploymentComplete: $name', ({ status, complete }) => {
    expect(deploymentComplete(deployment(3), status)).toBe(complete);
  });

  it('counts more ready, more available, more updated or fewer old replicas as progress', () => {
    const d = deployment(3, '25%', '25%', { replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3 });
    expect(deploymentProgressing(d, { replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3 })).toBe(false);
    expect(deploymentProgressing(d, { replicas: 4, updatedReplicas: 1, readyReplicas: 4, availableReplicas: 3 })).toBe(true);
    expect(deploymentProgressing(d, { replicas: 3, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3 })).toBe(true);
  });
});
