/**
 * Counting finished pods with the tracking finalizer (pkg/controller/job/job_controller.go
 * trackJobStatusAndRemoveFinalizers, flushUncountedAndRemoveFinalizers, enactJobFinished), in our words:
 *
 *  1. finished pods still carrying `batch.kubernetes.io/job-tracking` are recorded by uid in
 *     `status.uncountedTerminatedPods` (Indexed Jobs record the index in completedIndexes instead),
 *     together with an interim FailureTarget / SuccessCriteriaMet condition — status write #1;
 *  2. their finalizers are removed (so the pods may now go away without being lost);
 *  3. the uids move from the uncounted lists into `succeeded` / `failed` — status write #2;
 *  4. once nothing is uncounted and no pod is terminating, the terminal Complete / Failed condition
 *     is added and the Job's final event recorded.
 * At most 500 pods are moved per sync, so huge Jobs do not starve others.
 */
import type { ControllerContext } from '../../client/controller.ts';
import { type Job, type Pod, clone } from '../../api/objects.ts';
import { completionIndex, formatIntervals, intervalsTotal, isIndexed, UNKNOWN_INDEX, withIndexes, intervalsHas } from './indexed.ts';
import { isPodFailed } from './pods.ts';
import { matchPodFailurePolicy } from './podFailurePolicy.ts';
import { ensureCondition, newCondition, normalizeStatus, findCondition } from './status.ts';
import { removeTrackingFinalizer } from './manage.ts';
import type { BackoffStore } from './backoff.ts';
import type { SyncContext } from './syncContext.ts';

/** Upper bound of `uncountedTerminatedPods` entries (keeps the status below ~20 KB). */
export const MAX_UNCOUNTED_PODS = 500;

const SOURCE = { component: 'job-controller' };

/**
 * The finalizer of a pod may go when the Job is being deleted or finishing, when the pod
 * succeeded, or when it failed — unless backoffLimitPerIndex keeps it until its replacement exists.
 */
function canRemoveFinalizer(sc: SyncContext, pod: Pod, failed: boolean): boolean {
  if (sc.job.metadata.deletionTimestamp || sc.finishedCondition || pod.status?.phase === 'Succeeded') return true;
  if (!failed) return false;
  const ix = completionIndex(pod);
  return !(ix !== UNKNOWN_INDEX && sc.podsWithDelayedDeletionPerIndex.get(ix)?.metadata.uid === pod.metadata.uid);
}

/** Move uids whose finalizer is gone from the uncounted lists into the counters. */
function cleanUncounted(job: Job, withFinalizer: Set<string>): boolean {
  const status = job.status!;
  const u = (status.uncountedTerminatedPods ??= {});
  let changed = false;
  for (const which of ['succeeded', 'failed'] as const) {
    const list = u[which] ?? [];
    const kept = list.filter((uid) => withFinalizer.has(uid));
    if (kept.length !== list.length) {
      changed = true;
      status[which] = (status[which] ?? 0) + list.length - kept.length;
      u[which] = kept;
    }
  }
  return changed;
}

function writeStatus(ctx: ControllerContext, job: Job): Job {
  normalizeStatus(job.status!);
  return ctx.api.updateStatus<Job>(job);
}

export function trackJobStatusAndRemoveFinalizers(ctx: ControllerContext, sc: SyncContext, backoff: BackoffStore, needsFlushIn: boolean): void {
  let needsFlush = needsFlushIn;
  const job = sc.job;
  const status = job.status!;
  const uncounted = (status.uncountedTerminatedPods ??= {});
  const indexed = isIndexed(job);
  const completions = job.spec?.completions ?? 0;
  const pods = indexed ? [...sc.tracked].sort((a, b) => completionIndex(a) - completionIndex(b)) : sc.tracked;
  const withFinalizer = new Set(sc.tracked.map((p) => p.metadata.uid));
  if (cleanUncounted(job, withFinalizer)) needsFlush = true;

  const toRemove: Pod[] = [];
  const newSucceededIndexes: number[] = [];
  let reachedMax = false;
  for (const pod of pods) {
    const uid = pod.metadata.uid;
    const failed = isPodFailed(pod, job);
    if (!canRemoveFinalizer(sc, pod, failed)) continue;
    toRemove.push(pod);
    if (pod.status?.phase === 'Succeeded' && !sc.uncounted.failed.has(uid)) {
      if (indexed) {
        const ix = completionIndex(pod);
        if (ix !== UNKNOWN_INDEX && ix < completions && !intervalsHas(sc.prevSucceededIndexes, ix)) {
          newSucceededIndexes.push(ix);
          needsFlush = true;
        }
      } else if (!sc.uncounted.succeeded.has(uid)) {
        needsFlush = true;
        (uncounted.succeeded ??= []).push(uid);
      }
    } else if (failed || (sc.finishedCondition && sc.finishedCondition.type !== 'SuccessCriteriaMet')) {
      // A finishing (failing) Job counts every pod that did not succeed as failed.
      const ix = completionIndex(pod);
      if (!sc.uncounted.failed.has(uid) && (!indexed || (ix !== UNKNOWN_INDEX && ix < completions))) {
        if (matchPodFailurePolicy(job.spec?.podFailurePolicy, pod).countFailed) {
          needsFlush = true;
          (uncounted.failed ??= []).push(uid);
        }
      }
    }
    if (newSucceededIndexes.length + (uncounted.succeeded?.length ?? 0) + (uncounted.failed?.length ?? 0) >= MAX_UNCOUNTED_PODS) {
      reachedMax = true;
      break;
    }
  }
  if (indexed) {
    sc.succeededIndexes = withIndexes(sc.succeededIndexes, newSucceededIndexes);
    const completed = formatIntervals(sc.succeededIndexes);
    if (completed !== (status.completedIndexes ?? '')) needsFlush = true;
    status.succeeded = intervalsTotal(sc.succeededIndexes);
    status.completedIndexes = completed;
    const failedIndexes = sc.failedIndexes ? formatIntervals(sc.failedIndexes) : undefined;
    if (failedIndexes !== status.failedIndexes) {
      if (failedIndexes === undefined) delete status.failedIndexes;
      else status.failedIndexes = failedIndexes;
      needsFlush = true;
    }
  }
  const now = ctx.now();
  if (sc.finishedCondition?.type === 'FailureTarget') {
    // The interim condition is written before finalizers go; the terminal one waits for the pods.
    (status.conditions ??= []).push(sc.finishedCondition);
    needsFlush = true;
    sc.finishedCondition = newCondition('Failed', 'True', sc.finishedCondition.reason ?? '', sc.finishedCondition.message ?? '', now);
  }
  if (sc.finishedCondition?.type === 'SuccessCriteriaMet') {
    if (findCondition(status.conditions, 'SuccessCriteriaMet')?.status !== 'True') {
      (status.conditions ??= []).push(sc.finishedCondition);
      needsFlush = true;
    }
    sc.finishedCondition = newCondition('Complete', 'True', sc.finishedCondition.reason ?? '', sc.finishedCondition.message ?? '', now);
  }

  // Write #1: the uncounted uids (and interim condition); then the pods may go.
  let current = job;
  if (needsFlush) {
    current = clone(writeStatus(ctx, job));
    sc.job = current;
    backoff.set(sc.key, sc.newBackoffRecord);
    needsFlush = false;
  }
  for (const pod of toRemove) if (removeTrackingFinalizer(ctx, pod)) withFinalizer.delete(pod.metadata.uid);
  // Write #2: the counters, and the terminal condition once the pods are all gone.
  if (cleanUncounted(current, withFinalizer)) needsFlush = true;
  const finished = !reachedMax && enactJobFinished(current, sc, now);
  if (finished) needsFlush = true;
  if (needsFlush) {
    const written = writeStatus(ctx, current);
    if (finished) recordJobFinished(ctx, written, sc);
  }
}

/** Add the terminal condition when nothing is left uncounted or terminating. */
function enactJobFinished(job: Job, sc: SyncContext, nowMs: number): boolean {
  const cond = sc.finishedCondition;
  if (!cond) return false;
  const u = job.status!.uncountedTerminatedPods;
  if ((u?.succeeded?.length ?? 0) + (u?.failed?.length ?? 0) > 0) return false;
  if (sc.terminating > 0) return false;
  ensureCondition(job.status!, cond.type as 'Complete' | 'Failed', 'True', cond.reason ?? '', cond.message ?? '', nowMs);
  if (cond.type === 'Complete') job.status!.completionTime = findCondition(job.status!.conditions, 'Complete')!.lastTransitionTime!;
  return true;
}

/** The Job's final events: Completed (and TooManySucceededPods), or the failure reason and message. */
function recordJobFinished(ctx: ControllerContext, job: Job, sc: SyncContext): void {
  const cond = sc.finishedCondition!;
  if (cond.type === 'Complete') {
    const completions = job.spec?.completions;
    if (completions !== undefined && (job.status?.succeeded ?? 0) > completions) {
      ctx.events.record(job, 'Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached', SOURCE);
    }
    ctx.events.record(job, 'Normal', 'Completed', 'Job completed', SOURCE);
  } else {
    ctx.events.record(job, 'Warning', cond.reason ?? '', cond.message ?? '', SOURCE);
  }
}
