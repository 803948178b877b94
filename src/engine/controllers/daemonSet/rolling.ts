/**
 * The DaemonSet RollingUpdate step (pkg/controller/daemon/update.go rollingUpdate, in our words),
 * as a pure plan over every node's daemon pods. The per-node sync creates the missing pods and
 * prunes extras; this step decides which old pods to replace.
 *
 * maxSurge = 0: delete old pods so that at most maxUnavailable nodes are without an available
 * daemon pod — old pods that are already unavailable go at once, available ones only within the
 * budget; the per-node sync then creates the new pod on each emptied node.
 *
 * maxSurge > 0: create a new pod beside the old one on up to maxSurge nodes at a time (at once
 * where the old pod is unavailable); the old pod is deleted when the new one is available. Pods on
 * nodes that should no longer run one go only while enough pods elsewhere are available.
 */
import type { DaemonSet, Pod } from '../../api/objects.ts';
import { isPodAvailable } from '../shared/podState.ts';
import { findUpdatedPodsOnNode, surgeCount, templateGeneration, unavailableCount } from './util.ts';

export interface NodePods {
  node: string;
  /** Non-terminal-deleted daemon pods targeting the node. */
  pods: readonly Pod[];
  shouldRun: boolean;
}

export interface RollingPlan {
  /** Old pods to delete. */
  deletePods: Pod[];
  /** Nodes to create a new (surge) pod on. */
  createOn: string[];
}

export function planRollingUpdate(ds: DaemonSet, nodes: readonly NodePods[], hash: string, nowMs: number): RollingPlan {
  const generation = templateGeneration(ds);
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const available = (p: Pod) => isPodAvailable(p, minReady, nowMs);
  // updatedDesiredNodeCounts: nodes that should run a pod count even when they have none yet.
  const relevant = nodes.filter((n) => n.shouldRun || n.pods.length > 0);
  const desired = nodes.filter((n) => n.shouldRun).length;
  let maxUnavailable = unavailableCount(ds, desired);
  const maxSurge = surgeCount(ds, desired);
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;

  if (maxSurge === 0) {
    let numUnavailable = 0;
    const replace: Pod[] = [];
    const candidates: Pod[] = [];
    for (const { pods } of relevant) {
      const { newPod, oldPod, ok } = findUpdatedPodsOnNode(pods, hash, generation);
      if (!ok || (!oldPod && !newPod) || (oldPod && newPod)) {
        numUnavailable++;
      } else if (newPod) {
        if (!available(newPod)) numUnavailable++;
      } else if (!available(oldPod!)) {
        replace.push(oldPod!);
        numUnavailable++;
      } else if (numUnavailable < maxUnavailable) {
        candidates.push(oldPod!);
      }
    }
    const remaining = Math.min(Math.max(0, maxUnavailable - numUnavailable), candidates.length);
    return { deletePods: [...replace, ...candidates.slice(0, remaining)], createOn: [] };
  }

  const deletePods: Pod[] = [];
  const shouldNotRun: Pod[] = [];
  const candidates: string[] = [];
  const allowed: string[] = [];
  let numSurge = 0;
  let numAvailable = 0;
  for (const { node, pods, shouldRun } of relevant) {
    const { newPod, oldPod, ok } = findUpdatedPodsOnNode(pods, hash, generation);
    if (!ok) {
      numSurge++;
      continue;
    }
    if (oldPod ? available(oldPod) : newPod && available(newPod)) numAvailable++;
    if (!oldPod) continue;
    if (!newPod) {
      if (!available(oldPod)) {
        if (!shouldRun) deletePods.push(oldPod);
        else allowed.push(node);
      } else if (!shouldRun) {
        shouldNotRun.push(oldPod);
      } else if (numSurge < maxSurge) {
        candidates.push(node);
      }
      continue;
    }
    if (!available(newPod)) numSurge++;
    else deletePods.push(oldPod);
  }
  const deletable = Math.min(numAvailable - desired, shouldNotRun.length);
  if (deletable > 0) deletePods.push(...shouldNotRun.slice(0, deletable));
  const remaining = Math.min(Math.max(0, maxSurge - numSurge), candidates.length);
  return { deletePods, createOn: [...allowed, ...candidates.slice(0, remaining)] };
}
