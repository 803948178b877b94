/**
 * Which pods go first when a controller scales down: upstream's ActivePodsWithRanks ordering
 * (pkg/controller/controller_utils.go) with LogarithmicScaleDown, in our words. Comparing two
 * pods, the first difference decides; the pod that sorts first is deleted first:
 *
 *  1. unscheduled before scheduled;
 *  2. Pending before Unknown before Running;
 *  3. not ready before ready;
 *  4. lower `controller.kubernetes.io/pod-deletion-cost` before higher;
 *  5. more related active pods on the same node before fewer ("doubled up" pods);
 *  6. both ready: the more recently ready first, comparing the ages in powers of two (pods whose
 *     ready times fall in the same bucket are ordered by UID);
 *  7. higher container restart count first (then sidecar restarts);
 *  8. newer first, again bucketed by powers of two of the age, ties by UID.
 */
import type { Pod } from '../../api/objects.ts';
import { parseTime } from '../../api/time.ts';
import { isPodActive, isPodReady, podReadySinceMs } from './podState.ts';

export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function deletionCost(pod: Pod): number {
  const v = pod.metadata.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (v === undefined || !/^[-+]?\d+$/.test(v)) return 0;
  const n = parseInt(v, 10);
  return n < -2147483648 || n > 2147483647 ? 0 : n;
}

function maxRestarts(pod: Pod): { regular: number; sidecar: number } {
  let regular = 0;
  for (const c of pod.status?.containerStatuses ?? []) regular = Math.max(regular, c.restartCount ?? 0);
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  let sidecar = 0;
  for (const c of pod.status?.initContainerStatuses ?? []) if (sidecars.has(c.name)) sidecar = Math.max(sidecar, c.restartCount ?? 0);
  return { regular, sidecar };
}

/** floor(log2(age in nanoseconds)), or -1 for a non-positive age (logarithmicRankDiff). */
function logRank(tMs: number, nowMs: number): number {
  const ns = (nowMs - tMs) * 1e6;
  return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
}

/** afterOrZero: an unset time sorts first, else the later time first. */
function laterFirst(a: number | undefined, b: number | undefined): number {
  if (a === undefined || b === undefined) return a === undefined ? (b === undefined ? 0 : -1) : 1;
  return a > b ? -1 : a < b ? 1 : 0;
}

/** Compare two times "newer first", bucketed logarithmically, ties by UID. */
function newerFirst(a: number | undefined, b: number | undefined, pa: Pod, pb: Pod, nowMs: number): number {
  if (a === b) return 0;
  if (a === undefined || b === undefined) return laterFirst(a, b);
  const diff = logRank(a, nowMs) - logRank(b, nowMs);
  if (diff === 0) return pa.metadata.uid < pb.metadata.uid ? -1 : pa.metadata.uid > pb.metadata.uid ? 1 : 0;
  return diff < 0 ? -1 : 1;
}

interface Ranked {
  pod: Pod;
  rank: number;
}

function compare(a: Ranked, b: Ranked, nowMs: number): number {
  const pa = a.pod;
  const pb = b.pod;
  const na = pa.spec?.nodeName ?? '';
  const nb = pb.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '' ? -1 : 1;
  const phaseA = PHASE_ORDINAL[pa.status?.phase ?? ''] ?? 0;
  const phaseB = PHASE_ORDINAL[pb.status?.phase ?? ''] ?? 0;
  if (phaseA !== phaseB) return phaseA - phaseB;
  const readyA = isPodReady(pa);
  const readyB = isPodReady(pb);
  if (readyA !== readyB) return readyA ? 1 : -1;
  const costA = deletionCost(pa);
  const costB = deletionCost(pb);
  if (costA !== costB) return costA - costB;
  if (a.rank !== b.rank) return b.rank - a.rank;
  if (readyA && readyB) {
    const c = newerFirst(podReadySinceMs(pa), podReadySinceMs(pb), pa, pb, nowMs);
    if (c !== 0) return c;
  }
  const ra = maxRestarts(pa);
  const rb = maxRestarts(pb);
  if (ra.regular !== rb.regular) return rb.regular - ra.regular;
  if (ra.sidecar !== rb.sidecar) return rb.sidecar - ra.sidecar;
  return newerFirst(parseTime(pa.metadata.creationTimestamp), parseTime(pb.metadata.creationTimestamp), pa, pb, nowMs);
}

/**
 * The `count` pods to delete from `pods` (getPodsToDelete): ranked as above, where a pod's rank is
 * the number of active `related` pods (those of the whole owner family) on its node. When every
 * pod goes, no ranking is needed.
 */
export function podsToDelete(pods: readonly Pod[], related: readonly Pod[], count: number, nowMs: number): Pod[] {
  if (count >= pods.length) return [...pods];
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const n = p.spec?.nodeName ?? '';
    onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  const ranked = pods.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
  // A stable sort, as Go's sort.Sort is not: equal pods keep their listing order (deterministic).
  ranked.sort((a, b) => compare(a, b, nowMs));
  return ranked.slice(0, count).map((r) => r.pod);
}
