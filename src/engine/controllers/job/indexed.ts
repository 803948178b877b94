/**
 * Indexed Jobs (pkg/controller/job/indexed_job_utils.go, in our words): completion indexes on pods,
 * the compressed interval lists of `status.completedIndexes` / `failedIndexes` (`0-2,4`; two
 * neighbours are written `0,1`, three or more as a range), which indexes still need a pod, which
 * duplicates to remove, and the per-index failure counting of backoffLimitPerIndex.
 */
import type { Container, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { Job, Pod } from '../../api/objects.ts';
import { JOB_ANNOTATIONS, JOB_LABELS } from '../../api/kinds/job.ts';
import { compareForRemoval, finishedTimeMs, hasTrackingFinalizer, isPodFailed, onlyReplaceFailedPods } from './pods.ts';
import { matchPodFailurePolicy } from './podFailurePolicy.ts';
import type { SyncContext } from './syncContext.ts';

export const UNKNOWN_INDEX = -1;
export const COMPLETION_INDEX_ENV = 'JOB_COMPLETION_INDEX';
const MAX_GENERATED_NAME_LENGTH = 63 - 5;

export interface Interval {
  first: number;
  last: number;
}
/** Sorted, non-overlapping, non-adjacent intervals. */
export type Intervals = Interval[];

export const isIndexed = (job: Job) => job.spec?.completionMode === 'Indexed';
export const hasBackoffLimitPerIndex = (job: Job) => job.spec?.backoffLimitPerIndex !== undefined;

/** The pod's completion index annotation, or UNKNOWN_INDEX. */
export function completionIndex(pod: Pod): number {
  const v = pod.metadata.annotations?.[JOB_ANNOTATIONS.completionIndex];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return UNKNOWN_INDEX;
  const i = parseInt(v, 10);
  return i < 0 ? UNKNOWN_INDEX : i;
}

const validIndex = (ix: number, completions: number) => ix !== UNKNOWN_INDEX && ix < completions;

/** Parse `0-2,4` (indexes at or beyond `completions` are dropped; malformed parts skipped). */
export function parseIntervals(text: string | undefined, completions: number): Intervals {
  if (!text) return [];
  const out: Intervals = [];
  for (const part of text.split(',')) {
    const [a, b] = part.split('-');
    if (!a || !/^\d+$/.test(a)) continue;
    const first = parseInt(a, 10);
    if (first >= completions) break;
    let last = first;
    if (b !== undefined) {
      if (!/^\d+$/.test(b)) continue;
      last = Math.min(parseInt(b, 10), completions - 1);
    }
    const prev = out[out.length - 1];
    if (prev && prev.last === first - 1) prev.last = last;
    else out.push({ first, last });
  }
  return out;
}

export function formatIntervals(iv: Intervals): string {
  return iv.map(({ first, last }) => (last === first ? `${first}` : last === first + 1 ? `${first},${last}` : `${first}-${last}`)).join(',');
}

export function mergeIntervals(a: Intervals, b: Intervals): Intervals {
  const out: Intervals = [];
  let i = 0;
  let j = 0;
  const add = (x: Interval) => {
    const last = out[out.length - 1];
    if (!last || x.first > last.last + 1) out.push({ ...x });
    else if (last.last < x.last) last.last = x.last;
  };
  while (i < a.length && j < b.length) add(a[i]!.first < b[j]!.first ? a[i++]! : b[j++]!);
  while (i < a.length) add(a[i++]!);
  while (j < b.length) add(b[j++]!);
  return out;
}

/** The intervals plus `indexes` (any order). */
export function withIndexes(iv: Intervals, indexes: Iterable<number>): Intervals {
  return mergeIntervals(iv, [...new Set(indexes)].sort((x, y) => x - y).map((n) => ({ first: n, last: n })));
}

export function intervalsTotal(iv: Intervals | undefined): number {
  let n = 0;
  for (const { first, last } of iv ?? []) n += last - first + 1;
  return n;
}

export function intervalsHas(iv: Intervals | undefined, ix: number): boolean {
  if (!iv) return false;
  let lo = 0;
  let hi = iv.length;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    if (iv[mid]!.last >= ix) hi = mid;
    else lo = mid + 1;
  }
  return hi < iv.length && iv[hi]!.first <= ix;
}

/** Completed indexes before this sync (from status) and including the pods that succeeded since. */
export function calculateSucceededIndexes(job: Job, pods: readonly Pod[]): { prev: Intervals; current: Intervals } {
  const completions = job.spec!.completions!;
  const prev = parseIntervals(job.status?.completedIndexes, completions);
  const fresh: number[] = [];
  for (const p of pods) {
    const ix = completionIndex(p);
    if (p.status?.phase === 'Succeeded' && validIndex(ix, completions) && hasTrackingFinalizer(p)) fresh.push(ix);
  }
  return { prev, current: withIndexes(prev, fresh) };
}

export function indexFailureCount(pod: Pod): number {
  return parseCount(pod.metadata.annotations?.[JOB_ANNOTATIONS.indexFailureCount]);
}

/** Failures of the index so far, counted and ignored ones together. */
export function indexAbsoluteFailureCount(pod: Pod): number {
  return indexFailureCount(pod) + parseCount(pod.metadata.annotations?.[JOB_ANNOTATIONS.indexIgnoredFailureCount]);
}

function parseCount(v: string | undefined): number {
  if (v === undefined || !/^\d+$/.test(v)) return 0;
  const n = parseInt(v, 10);
  return n > 2147483647 ? 0 : n;
}

/** An index fails for good: a FailIndex rule matched, or a counted failure with no retries left. */
export function isIndexFailed(job: Job, pod: Pod): boolean {
  if (!isPodFailed(pod, job)) return false;
  let counted = true;
  if (job.spec?.podFailurePolicy) {
    const m = matchPodFailurePolicy(job.spec.podFailurePolicy, pod);
    if (m.action === 'FailIndex') return true;
    counted = m.countFailed;
  }
  return counted && indexFailureCount(pod) >= job.spec!.backoffLimitPerIndex!;
}

/** Failed indexes from status plus those failing since the last sync. */
export function calculateFailedIndexes(job: Job, pods: readonly Pod[]): Intervals {
  const completions = job.spec!.completions!;
  const prev = job.status?.failedIndexes !== undefined ? parseIntervals(job.status.failedIndexes, completions) : [];
  const fresh: number[] = [];
  for (const p of pods) {
    const ix = completionIndex(p);
    if (validIndex(ix, completions) && hasTrackingFinalizer(p) && isIndexFailed(job, p)) fresh.push(ix);
  }
  return withIndexes(prev, fresh);
}

function indexesOf(pods: readonly Pod[]): number[] {
  return pods.map(completionIndex).filter((ix) => ix !== UNKNOWN_INDEX);
}

/** The `count` lowest indexes below `completions` with no active pod that neither succeeded nor failed. */
export function firstPendingIndexes(ctx: SyncContext, count: number, completions: number): number[] {
  if (count === 0) return [];
  let nonPending = withIndexes(ctx.succeededIndexes, indexesOf(ctx.activePods));
  if (onlyReplaceFailedPods(ctx.job)) nonPending = withIndexes(nonPending, indexesOf(ctx.terminatingPods));
  if (ctx.failedIndexes) nonPending = mergeIntervals(nonPending, ctx.failedIndexes);
  const out: number[] = [];
  let candidate = 0;
  for (const iv of nonPending) {
    for (; candidate < completions && out.length < count && candidate < iv.first; candidate++) out.push(candidate);
    if (candidate < iv.last + 1) candidate = iv.last + 1;
  }
  for (; candidate < completions && out.length < count; candidate++) out.push(candidate);
  return out;
}

/**
 * Active pods an Indexed Job must remove whatever the counts say: every pod without an index or with
 * an index out of range, and all but one pod of a repeated index (the best-ranked one stays).
 */
export function duplicatedIndexPodsForRemoval(pods: readonly Pod[], completions: number): { remove: Pod[]; keep: Pod[] } {
  const remove: Pod[] = [];
  const keep: Pod[] = [];
  const byIndex = new Map<number, Pod[]>();
  for (const p of pods) {
    const ix = completionIndex(p);
    if (ix === UNKNOWN_INDEX || ix >= completions) remove.push(p);
    else byIndex.set(ix, [...(byIndex.get(ix) ?? []), p]);
  }
  for (const ix of [...byIndex.keys()].sort((a, b) => a - b)) {
    const group = byIndex.get(ix)!.sort(compareForRemoval);
    remove.push(...group.slice(0, -1));
    keep.push(group[group.length - 1]!);
  }
  return { remove, keep };
}

/**
 * backoffLimitPerIndex: for each index that is neither finished nor active, the latest failed pod
 * still carrying the finalizer. Its removal waits until the replacement exists, so the replacement
 * can inherit the failure count.
 */
export function podsWithDelayedDeletionPerIndex(ctx: SyncContext): Map<number, Pod> {
  const completions = ctx.job.spec!.completions!;
  const active = new Set(indexesOf(ctx.activePods));
  const out = new Map<number, Pod>();
  for (const p of ctx.tracked) {
    if (!isPodFailed(p, ctx.job)) continue;
    const ix = completionIndex(p);
    if (!validIndex(ix, completions)) continue;
    if (intervalsHas(ctx.succeededIndexes, ix) || intervalsHas(ctx.failedIndexes, ix) || active.has(ix)) continue;
    const prev = out.get(ix);
    if (!prev || (indexAbsoluteFailureCount(prev) <= indexAbsoluteFailureCount(p) && finishedTimeMs(p) >= finishedTimeMs(prev))) out.set(ix, p);
  }
  return out;
}

/** The failure-count annotations for the pod replacing `replaced` (nothing replaced: 0). */
export function newIndexFailureCounts(job: Job, replaced: Pod | undefined): { failed: number; ignored: number } {
  if (!replaced) return { failed: 0, ignored: 0 };
  let failed = indexFailureCount(replaced);
  let ignored = parseCount(replaced.metadata.annotations?.[JOB_ANNOTATIONS.indexIgnoredFailureCount]);
  if (matchPodFailurePolicy(job.spec?.podFailurePolicy, replaced).countFailed) failed++;
  else ignored++;
  return { failed, ignored };
}

/** JOB_COMPLETION_INDEX in every container, from the index label (unless already defined). */
export function addCompletionIndexEnv(template: PodTemplateSpec): void {
  const add = (c: Container) => {
    if ((c.env ?? []).some((e) => e.name === COMPLETION_INDEX_ENV)) return;
    c.env = [...(c.env ?? []), { name: COMPLETION_INDEX_ENV, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: `metadata.labels['${JOB_LABELS.completionIndex}']` } } }];
  };
  for (const c of template.spec?.initContainers ?? []) add(c);
  for (const c of template.spec?.containers ?? []) add(c);
}

/** `<job>-<index>-`, with the Job name cut so the generated name stays within limits. */
export function generateNameWithIndex(jobName: string, index: number): string {
  const suffix = `-${index}-`;
  const prefix = jobName + suffix;
  return prefix.length > MAX_GENERATED_NAME_LENGTH ? prefix.slice(0, MAX_GENERATED_NAME_LENGTH - suffix.length) + suffix : prefix;
}
