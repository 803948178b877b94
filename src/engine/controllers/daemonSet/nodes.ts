/**
 * What the DaemonSet controller decides for one node, as pure functions (podsShouldBeOnNode and
 * the per-node part of updateDaemonSetStatus in pkg/controller/daemon/daemon_controller.go, in our
 * words): which pods to create or delete there, and the node's share of the status.
 */
import type { DaemonSet, Pod } from '../../api/objects.ts';
import { isPodAvailable, isPodReady } from '../shared/podState.ts';
import { type ShouldRun, allowsSurge, byCreationAndPhase, isPodUpdated, templateGeneration } from './util.ts';

/** One node's share of the status. */
export interface NodeCounts {
  desired: number;
  current: number;
  misscheduled: number;
  ready: number;
  available: number;
  updated: number;
}

export const ZERO: NodeCounts = { desired: 0, current: 0, misscheduled: 0, ready: 0, available: 0, updated: 0 };

/** updateDaemonSetStatus for one node: its oldest daemon pod decides ready / available / up-to-date. */
export function nodeCounts(shouldRun: boolean, pods: readonly Pod[], hash: string, generation: number | undefined, minReadySeconds: number, nowMs: number): NodeCounts {
  if (!shouldRun) return { ...ZERO, misscheduled: pods.length > 0 ? 1 : 0 };
  if (pods.length === 0) return { ...ZERO, desired: 1 };
  const oldest = pods.length === 1 ? pods[0]! : [...pods].sort(byCreationAndPhase)[0]!;
  const ready = isPodReady(oldest);
  return {
    ...ZERO,
    desired: 1,
    current: 1,
    ready: ready ? 1 : 0,
    available: ready && isPodAvailable(oldest, minReadySeconds, nowMs) ? 1 : 0,
    updated: isPodUpdated(oldest, hash, generation) ? 1 : 0,
  };
}

export interface NodeDecision {
  readonly create: boolean;
  readonly delete: readonly Pod[];
  /** Failed pods to delete, subject to the per-node back-off. */
  readonly failed: readonly Pod[];
  /** Succeeded pods to delete. */
  readonly succeeded: readonly Pod[];
}

/** Nothing to do on the node (shared: most nodes a sync looks at run their one healthy pod). */
const KEEP: NodeDecision = Object.freeze({ create: false, delete: [], failed: [], succeeded: [] });

/** podsShouldBeOnNode: what to do with one node's daemon pods. */
export function podsShouldBeOnNode(r: ShouldRun, pods: readonly Pod[], ds: DaemonSet, hash: string, nowMs: number): NodeDecision {
  if (r.shouldContinueRunning && pods.length === 1) {
    const pod = pods[0]!;
    const phase = pod.status?.phase;
    if (!pod.metadata.deletionTimestamp && phase !== 'Failed' && phase !== 'Succeeded') return KEEP;
  }
  const out = { create: false, delete: [] as Pod[], failed: [] as Pod[], succeeded: [] as Pod[] };
  if (r.shouldRun && pods.length === 0) {
    out.create = true;
    return out;
  }
  if (r.shouldContinueRunning) {
    const running: Pod[] = [];
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp) continue;
      if (pod.status?.phase === 'Failed') out.failed.push(pod);
      else if (pod.status?.phase === 'Succeeded') out.succeeded.push(pod);
      else running.push(pod);
    }
    if (!allowsSurge(ds)) {
      if (running.length > 1) out.delete.push(...[...running].sort(byCreationAndPhase).slice(1));
      return out;
    }
    if (running.length <= 1) {
      if (running.length === 0 && r.shouldRun) out.create = true;
      return out;
    }
    // Surging: keep the oldest new pod and, while it is not available, the oldest old one.
    const generation = templateGeneration(ds);
    let oldestNew: Pod | undefined;
    let oldestOld: Pod | undefined;
    for (const pod of [...running].sort(byCreationAndPhase)) {
      const isNew = isPodUpdated(pod, hash, generation);
      if (isNew && !oldestNew) oldestNew = pod;
      else if (!isNew && !oldestOld) oldestOld = pod;
      else out.delete.push(pod);
    }
    if (oldestNew && oldestOld && (!isPodReady(oldestOld) || isPodAvailable(oldestNew, ds.spec?.minReadySeconds ?? 0, nowMs))) out.delete.push(oldestOld);
    return out;
  }
  if (pods.length > 0) out.delete.push(...pods.filter((p) => !p.metadata.deletionTimestamp));
  return out;
}

