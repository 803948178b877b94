/**
 * The Job controller (pkg/controller/job/job_controller.go syncJob, in our words).
 *
 * Owns Jobs' pods and status. Watches Jobs (creation, deletion and spec changes sync at once,
 * status-only changes after 1 s) and Pods (events wake the owning Job after the 1 s batching
 * period; orphaned pods that still carry the tracking finalizer are cleaned at once, under keys
 * `pod:<namespace>/<name>`).
 *
 * One sync: claim the pods; count newly finished ones; decide whether the Job has failed
 * (podFailurePolicy FailJob, backoffLimit, activeDeadlineSeconds, failed indexes) or succeeded
 * (successPolicy, completions); otherwise create or delete pods (manage.ts); handle suspend and
 * resume; then record counts through the tracking finalizer and add the conditions (tracking.ts).
 *
 * Invariants: a pod is counted exactly once (its finalizer goes only after its uid is in the
 * status); a Job gets its terminal condition only when no pod is left terminating or uncounted
 * (FailureTarget / SuccessCriteriaMet come first, as in 1.31+).
 */
import type { Controller, ControllerContext, Watch } from '../../client/controller.ts';
import type { WorkQueue } from '../../client/workQueue.ts';
import type { WatchEvent } from '../../store/store.ts';
import { type Job, type Pod, clone, controllerRef, keyOf, makeKey } from '../../api/objects.ts';
import { formatTime, parseTime, SECOND_MS } from '../../api/time.ts';
import { matches } from '../../api/labels.ts';
import { JOB_CONTROLLER_MANAGER } from '../../api/kinds/job.ts';
import { BackoffStore, nextBackoffRecord } from './backoff.ts';
import { calculateFailedIndexes, calculateSucceededIndexes, completionIndex, hasBackoffLimitPerIndex, intervalsTotal, isIndexed, podsWithDelayedDeletionPerIndex, UNKNOWN_INDEX } from './indexed.ts';
import { ensureClaimIndexes } from '../shared/listers.ts';
import { claimPods, deleteActivePods, jobSelector, LIVE_PODS_INDEX, livePodIndex, manageJob, removeTrackingFinalizer, SYNC_BATCH_PERIOD_MS } from './manage.ts';
import { hasTrackingFinalizer, isActive, isPodFailed, isReady, isTerminating, restartsOfUnfinished } from './pods.ts';
import { matchPodFailurePolicy } from './podFailurePolicy.ts';
import { ensureCondition, findCondition, isJobFinished, newCondition, type Condition } from './status.ts';
import { matchSuccessPolicy } from './successPolicy.ts';
import type { SyncContext } from './syncContext.ts';
import { trackJobStatusAndRemoveFinalizers } from './tracking.ts';

export { isJobFinished, finishedConditionType } from './status.ts';

const ORPHAN_KEY_PREFIX = 'pod:';
const SOURCE = { component: 'job-controller' };

const managedByOther = (job: Job) => job.spec?.managedBy !== undefined && job.spec.managedBy !== JOB_CONTROLLER_MANAGER;

const keyIfLive = (job: Job | undefined): string[] => (job && !isJobFinished(job) ? [keyOf(job)] : []);

/** Whether an update left the pod's labels as they were (most updates are status writes). */
function sameLabels(pod: Pod, old: Pod | undefined): boolean {
  const a = pod.metadata.labels ?? {};
  const b = old?.metadata.labels ?? {};
  if (a === b) return true;
  let n = 0;
  for (const k in a) {
    if (a[k] !== b[k]) return false;
    n++;
  }
  for (const _ in b) n--;
  return n === 0;
}

export function jobController(ctx: ControllerContext, _queue: WorkQueue): Controller {
  const { store } = ctx;
  const backoff = new BackoffStore();
  ensureClaimIndexes(store);
  store.addIndex('Pod', LIVE_PODS_INDEX, livePodIndex);
  /** Owned pods whose labels changed since their Job's last sync, by Job uid: they may need releasing. */
  const relabelled = new Map<string, Set<string>>();

  /** resolveControllerRef: the Job a controller reference names, if it still exists (same uid). */
  const resolve = (namespace: string | undefined, pod: Pod | undefined): Job | undefined => {
    const ref = pod && controllerRef(pod);
    if (!ref || ref.kind !== 'Job') return undefined;
    const job = store.get<Job>('Job', makeKey(namespace, ref.name));
    return job?.metadata.uid === ref.uid ? job : undefined;
  };

  /** Jobs in the pod's namespace whose selector matches it (orphans looking for a parent). */
  const podJobs = (pod: Pod): string[] => {
    const keys: string[] = [];
    for (const job of store.list<Job>('Job')) {
      if (job.metadata.namespace !== pod.metadata.namespace || !job.spec?.selector) continue;
      const sel = jobSelector(job);
      if (sel && sel.length > 0 && matches(sel, pod.metadata.labels)) keys.push(keyOf(job));
    }
    return keys;
  };

  /** Which Jobs a pod event wakes (after the batching period). */
  const podEventJobKeys = (e: WatchEvent): string[] | undefined => {
    const pod = e.object as Pod;
    const old = e.old as Pod | undefined;
    // A pod another controller controls (and controlled before) never concerns a Job: only orphans are adopted.
    const ref = controllerRef(pod);
    const oldRef = old && controllerRef(old);
    if (ref && ref.kind !== 'Job' && (!old || (oldRef && oldRef.kind !== 'Job'))) return undefined;
    const ns = pod.metadata.namespace;
    if (e.type === 'DELETED' || pod.metadata.deletionTimestamp) return keyIfLive(resolve(ns, pod));
    if (e.type === 'ADDED') {
      const owner = ref ? resolve(ns, pod) : undefined;
      return ref ? (owner ? [keyOf(owner)] : []) : podJobs(pod);
    }
    const refChanged = ref?.uid !== oldRef?.uid || ref?.name !== oldRef?.name || ref?.kind !== oldRef?.kind;
    const keys: string[] = refChanged && old ? keyIfLive(resolve(ns, old)) : [];
    if (ref) {
      const owner = resolve(ns, pod);
      if (owner && !keys.includes(keyOf(owner))) keys.push(keyOf(owner));
      if (owner && !sameLabels(pod, old)) {
        let set = relabelled.get(owner.metadata.uid);
        if (!set) relabelled.set(owner.metadata.uid, (set = new Set()));
        set.add(pod.metadata.uid);
      }
    } else if (refChanged || !sameLabels(pod, old)) {
      for (const k of podJobs(pod)) if (!keys.includes(k)) keys.push(k);
    }
    return keys;
  };

  /** Pods whose tracking finalizer nobody else will remove: no owner, a vanished or finished Job. */
  const orphanPodKeys = (e: WatchEvent): string | undefined => {
    const pod = e.object as Pod;
    if (e.type === 'DELETED' || !hasTrackingFinalizer(pod)) return undefined;
    const ref = controllerRef(pod);
    if (ref) {
      // An owned pod is the Job's business, until it is being deleted and the Job is gone or done.
      if (ref.kind !== 'Job' || !pod.metadata.deletionTimestamp) return undefined;
      const owner = resolve(pod.metadata.namespace, pod);
      if (owner && !isJobFinished(owner)) return undefined;
    }
    return ORPHAN_KEY_PREFIX + keyOf(pod);
  };

  /** cleanupPodFinalizers: a deleted or finished Job's pods that still carry the finalizer. */
  const leftoverPodKeys = (job: Job): string[] =>
    store
      .dependents(job.metadata.uid)
      .filter((d) => d.kind === 'Pod' && controllerRef(d)?.uid === job.metadata.uid && hasTrackingFinalizer(d as Pod))
      .map((d) => ORPHAN_KEY_PREFIX + keyOf(d));

  const watches: Watch[] = [
    {
      // Creation, deletion and spec changes: at once.
      kind: 'Job',
      keys: (e) => {
        const job = e.object as Job;
        const keys: string[] = [];
        if (e.type !== 'MODIFIED' || job.metadata.generation !== e.old?.metadata.generation) keys.push(keyOf(job));
        if (e.type === 'DELETED' || isJobFinished(job)) keys.push(...leftoverPodKeys(job));
        if (e.type === 'DELETED') relabelled.delete(job.metadata.uid);
        return keys;
      },
    },
    // Status-only updates: batched, like pod events.
    { kind: 'Job', keys: (e) => (e.type === 'MODIFIED' && e.object.metadata.generation === e.old?.metadata.generation ? e.key : undefined), delayMs: SYNC_BATCH_PERIOD_MS },
    { kind: 'Pod', keys: podEventJobKeys, delayMs: SYNC_BATCH_PERIOD_MS },
    { kind: 'Pod', keys: orphanPodKeys },
  ];

  const syncOrphanPod = (podKey: string): void => {
    const pod = store.get<Pod>('Pod', podKey);
    if (!pod) return;
    const ref = controllerRef(pod);
    if (ref) {
      if (ref.kind !== 'Job' || ref.apiVersion !== 'batch/v1') return;
      const job = resolve(pod.metadata.namespace, pod);
      if (job && (managedByOther(job) || !isJobFinished(job))) return; // adopted or still tracked
    }
    removeTrackingFinalizer(ctx, pod);
  };

  return {
    name: 'job',
    watches,
    start(queue) {
      for (const job of store.list<Job>('Job')) queue.add(keyOf(job));
    },
    reconcile(key) {
      if (key.startsWith(ORPHAN_KEY_PREFIX)) return syncOrphanPod(key.slice(ORPHAN_KEY_PREFIX.length));
      const uid = store.get<Job>('Job', key)?.metadata.uid;
      const moved = uid !== undefined ? (relabelled.get(uid) ?? []) : [];
      if (uid !== undefined) relabelled.delete(uid);
      return syncJob(ctx, backoff, key, moved);
    },
  };
}

/** Newly finished pods: still carrying the finalizer, not yet uncounted, with a valid index. */
function newFinishedPods(sc: SyncContext): { succeeded: Pod[]; failed: Pod[] } {
  const succeeded: Pod[] = [];
  const failed: Pod[] = [];
  const indexed = isIndexed(sc.job);
  const completions = sc.job.spec?.completions ?? 0;
  for (const p of sc.tracked) {
    if (indexed) {
      const ix = completionIndex(p);
      if (ix === UNKNOWN_INDEX || ix >= completions) continue;
    }
    const uid = p.metadata.uid;
    if (p.status?.phase === 'Succeeded' && !sc.uncounted.succeeded.has(uid)) succeeded.push(p);
    if (isPodFailed(p, sc.job) && !sc.uncounted.failed.has(uid)) failed.push(p);
  }
  return { succeeded, failed };
}

/** The FailJob message of the first failed pod matching a FailJob rule. */
function failJobMessage(job: Job, pods: readonly Pod[]): string | undefined {
  if (!job.spec?.podFailurePolicy) return undefined;
  for (const p of pods) {
    if (!isPodFailed(p, job)) continue;
    const m = matchPodFailurePolicy(job.spec.podFailurePolicy, p).failJobMessage;
    if (m) return m;
  }
  return undefined;
}

/** restartPolicy OnFailure: container restarts of unfinished pods reach backoffLimit (any, when it is 0). */
function pastBackoffLimitOnFailure(job: Job, pods: readonly Pod[]): boolean {
  if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
  const restarts = restartsOfUnfinished(pods);
  const limit = job.spec.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

function activeDeadlineRemainingMs(job: Job, nowMs: number): number | undefined {
  const ads = job.spec?.activeDeadlineSeconds;
  const start = parseTime(job.status?.startTime);
  if (ads === undefined || start === undefined || job.spec?.suspend) return undefined;
  return ads * SECOND_MS - (nowMs - start);
}

const failure = (reason: string, message: string, nowMs: number): Condition => newCondition('FailureTarget', 'True', reason, message, nowMs);

/** One reconcile of a Job (syncJob). */
export function syncJob(ctx: ControllerContext, backoff: BackoffStore, key: string, relabelled: Iterable<string> = []): void | { requeueAfterMs: number } {
  const shared = ctx.store.get<Job>('Job', key);
  if (!shared || isJobFinished(shared)) {
    backoff.remove(key);
    return;
  }
  if (managedByOther(shared)) return;
  const mode = shared.spec?.completionMode;
  if (mode !== undefined && mode !== 'NonIndexed' && mode !== 'Indexed') {
    ctx.events.record(shared, 'Warning', 'UnknownCompletionMode', 'Skipped Job sync because completion mode is unknown', SOURCE);
    return;
  }
  const now = ctx.now();
  const sc = newSyncContext(ctx, backoff, key, clone(shared), now, relabelled);
  const { job } = sc;
  const status = job.status!;
  let requeueAfterMs = decideFinished(sc, now);
  const requeue = (ms: number) => (requeueAfterMs = requeueAfterMs === undefined ? ms : Math.min(requeueAfterMs, ms));

  let active = sc.activePods.length;
  let suspendChanged = false;
  if (sc.finishedCondition) {
    // Finishing: every active pod goes (counted as failed unless the Job succeeded).
    const { deleted, deletedReady } = deleteActivePods(ctx, job, sc.activePods);
    if (deleted !== active) sc.finishedCondition = undefined; // a delete failed: not finished yet
    active -= deleted;
    sc.terminating += deleted;
    sc.ready -= deletedReady;
  } else {
    const managed = !job.metadata.deletionTimestamp;
    if (managed) {
      const r = manageJob(ctx, sc);
      active = r.active;
      if (r.requeueAfterMs !== undefined) requeue(r.requeueAfterMs);
    }
    const completions = job.spec?.completions;
    const complete = completions === undefined ? sc.succeeded > 0 && active === 0 : sc.succeeded >= completions && active === 0;
    if (complete) sc.finishedCondition = newCondition('SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods', now);
    else if (managed) suspendChanged = reflectSuspension(ctx, job, now);
  }

  const needsStatusUpdate = suspendChanged || active !== (status.active ?? 0) || sc.ready !== status.ready || sc.terminating !== status.terminating;
  status.active = active;
  status.ready = sc.ready;
  status.terminating = sc.terminating;
  trackJobStatusAndRemoveFinalizers(ctx, sc, backoff, needsStatusUpdate);
  return requeueAfterMs !== undefined ? { requeueAfterMs } : undefined;
}

/** The sync's view: claimed pods, counts including pods finished since the last sync, the back-off. */
function newSyncContext(ctx: ControllerContext, backoff: BackoffStore, key: string, job: Job, now: number, relabelled: Iterable<string>): SyncContext {
  const status = (job.status ??= {});
  const uncounted = (status.uncountedTerminatedPods ??= {});
  const pods = claimPods(ctx, job, relabelled);
  // One pass over all pods; most of a big Job's pods are finished and counted, and only looked at here.
  const activePods: Pod[] = [];
  const terminatingPods: Pod[] = [];
  const tracked: Pod[] = [];
  for (const p of pods) {
    if (isActive(p)) activePods.push(p);
    else if (isTerminating(p)) terminatingPods.push(p);
    if (hasTrackingFinalizer(p)) tracked.push(p);
  }
  const sc: SyncContext = {
    key,
    job,
    pods,
    activePods,
    terminatingPods,
    tracked,
    finishedCondition: undefined,
    succeeded: 0,
    failed: 0,
    prevSucceededIndexes: [],
    succeededIndexes: [],
    failedIndexes: undefined,
    newBackoffRecord: { failuresAfterLastSuccess: 0, lastFailureMs: undefined },
    uncounted: { succeeded: new Set(uncounted.succeeded ?? []), failed: new Set(uncounted.failed ?? []) },
    podsWithDelayedDeletionPerIndex: new Map(),
    terminating: terminatingPods.length,
    ready: activePods.filter(isReady).length,
  };
  const fresh = newFinishedPods(sc);
  const countedFailures = fresh.failed.filter((p) => matchPodFailurePolicy(job.spec?.podFailurePolicy, p).countFailed).length;
  sc.succeeded = (status.succeeded ?? 0) + fresh.succeeded.length + sc.uncounted.succeeded.size;
  sc.failed = (status.failed ?? 0) + countedFailures + sc.uncounted.failed.size;
  if (!status.startTime && !job.spec?.suspend) status.startTime = formatTime(now);
  sc.newBackoffRecord = nextBackoffRecord(backoff.get(key), fresh.succeeded, fresh.failed);
  return sc;
}

/**
 * Has the Job failed (or, already, succeeded)? The first decision wins: SuccessCriteriaMet already
 * set; FailureTarget already set; a FailJob rule; backoffLimit; activeDeadlineSeconds; then the
 * Indexed rules. Returns when to look again for a deadline still to come.
 */
function decideFinished(sc: SyncContext, now: number): number | undefined {
  const { job, pods } = sc;
  const conditions = job.status?.conditions;
  const criteriaMet = findCondition(conditions, 'SuccessCriteriaMet');
  const target = findCondition(conditions, 'FailureTarget');
  let requeueAfterMs: number | undefined;
  if (criteriaMet?.status === 'True') sc.finishedCondition = { ...criteriaMet };
  else if (target?.status === 'True') sc.finishedCondition = newCondition('Failed', 'True', target.reason ?? '', target.message ?? '', now);
  else {
    const policyMessage = failJobMessage(job, pods);
    if (policyMessage) sc.finishedCondition = failure('PodFailurePolicy', policyMessage, now);
  }
  if (!sc.finishedCondition) {
    const remaining = activeDeadlineRemainingMs(job, now);
    if (sc.failed > (job.spec?.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, pods)) {
      sc.finishedCondition = failure('BackoffLimitExceeded', 'Job has reached the specified backoff limit', now);
    } else if (remaining !== undefined && remaining <= 0) {
      sc.finishedCondition = failure('DeadlineExceeded', 'Job was active longer than specified deadline', now);
    } else if (remaining !== undefined) requeueAfterMs = remaining;
  }
  if (isIndexed(job)) decideIndexed(sc, now);
  return requeueAfterMs;
}

/** Indexed Jobs: completed and failed indexes, the per-index limits, and the success policy. */
function decideIndexed(sc: SyncContext, now: number): void {
  const job = sc.job;
  const { prev, current } = calculateSucceededIndexes(job, sc.tracked);
  sc.prevSucceededIndexes = prev;
  sc.succeededIndexes = current;
  sc.succeeded = intervalsTotal(current);
  const completions = job.spec!.completions!;
  if (hasBackoffLimitPerIndex(job)) {
    sc.failedIndexes = calculateFailedIndexes(job, sc.tracked);
    const failedCount = intervalsTotal(sc.failedIndexes);
    if (!sc.finishedCondition) {
      const max = job.spec!.maxFailedIndexes;
      if (max !== undefined && failedCount > max) {
        sc.finishedCondition = failure('MaxFailedIndexesExceeded', 'Job has exceeded the specified maximal number of failed indexes', now);
      } else if (failedCount > 0 && failedCount + sc.succeeded >= completions) {
        sc.finishedCondition = failure('FailedIndexes', 'Job has failed indexes', now);
      }
    }
    sc.podsWithDelayedDeletionPerIndex = podsWithDelayedDeletionPerIndex(sc);
  }
  if (!sc.finishedCondition) {
    const message = matchSuccessPolicy(job.spec!.successPolicy, completions, sc.succeededIndexes);
    if (message) sc.finishedCondition = newCondition('SuccessCriteriaMet', 'True', 'SuccessPolicy', message, now);
  }
}

/** The Suspended condition and its events; resuming restarts the active deadline clock. */
function reflectSuspension(ctx: ControllerContext, job: Job, now: number): boolean {
  const status = job.status!;
  if (job.spec?.suspend) {
    if (!ensureCondition(status, 'Suspended', 'True', 'JobSuspended', 'Job suspended', now)) return false;
    ctx.events.record(job, 'Normal', 'Suspended', 'Job suspended', SOURCE);
    return true;
  }
  if (!ensureCondition(status, 'Suspended', 'False', 'JobResumed', 'Job resumed', now)) return false;
  ctx.events.record(job, 'Normal', 'Resumed', 'Job resumed', SOURCE);
  status.startTime = formatTime(now);
  return true;
}
