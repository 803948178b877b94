/**
 * The pod predicates every workload controller shares (pkg/controller/controller_utils.go and
 * pkg/api/v1/pod/util.go, in our words): active, terminal, ready, available.
 *
 * Availability works off the Ready condition's lastTransitionTime, which — like every metav1.Time —
 * has whole-second resolution: a pod is available once it has been ready for *more than*
 * minReadySeconds (upstream compares with `Before(now)`), so `availableAtMs` is the first
 * millisecond at which that holds.
 */
import type { PodCondition } from 'kubernetes-types/core/v1';
import type { Pod } from '../../api/objects.ts';
import { parseTime, SECOND_MS } from '../../api/time.ts';

export function isPodTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Not finished and not being deleted: what a controller counts towards its replicas. */
export function isPodActive(pod: Pod): boolean {
  return !isPodTerminal(pod) && !pod.metadata.deletionTimestamp;
}

/**
 * Since when a pod is ready (its Ready condition's transition time), or undefined when it is not:
 * comparing two versions' values tells whether readiness or its start changed, without parsing.
 */
export function readySince(pod: Pod): string | undefined {
  const ready = readyCondition(pod);
  return ready?.status === 'True' ? (ready.lastTransitionTime ?? '') : undefined;
}

export function readyCondition(pod: Pod): PodCondition | undefined {
  const conditions = pod.status?.conditions;
  if (!conditions) return undefined;
  for (const c of conditions) if (c.type === 'Ready') return c;
  return undefined;
}

export function isPodReady(pod: Pod): boolean {
  return readySince(pod) !== undefined;
}

/** When a ready pod became ready (its Ready condition's transition time); undefined when not ready or unknown. */
export function podReadySinceMs(pod: Pod): number | undefined {
  return parseTime(readySince(pod));
}

/** The instant a ready pod counts as available; undefined for pods that are not ready. */
export function availableAtMs(pod: Pod, minReadySeconds: number | undefined): number | undefined {
  const readyAt = readySince(pod);
  if (readyAt === undefined) return undefined;
  if (!minReadySeconds) return Number.NEGATIVE_INFINITY;
  const since = parseTime(readyAt);
  // Without a transition time upstream never considers the pod available (for minReadySeconds > 0).
  return since === undefined ? Number.POSITIVE_INFINITY : since + minReadySeconds * SECOND_MS + 1;
}

export function isPodAvailable(pod: Pod, minReadySeconds: number | undefined, nowMs: number): boolean {
  const at = availableAtMs(pod, minReadySeconds);
  return at !== undefined && at <= nowMs;
}
