/**
 * The Job controller's pod work (pkg/controller/job/job_controller.go getPodsForJob, manageJob,
 * deleteJobPods, deleteActivePods; pkg/controller/controller_ref_manager.go ClaimPods), in our words:
 *
 * - claim: own the pods whose labels match the selector (adopting orphans: owner reference plus the
 *   tracking finalizer), release owned pods that stopped matching;
 * - manage: keep `min(parallelism, completions - succeeded)` pods active (parallelism for a work
 *   queue until the first success), deleting surplus pods (finalizer removed first, so they are not
 *   counted as failed) or creating missing ones (held back by the pod-failure back-off), at most
 *   500 per sync, never both in one sync.
 */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { ControllerContext } from '../../client/controller.ts';
import { type Job, type KubeObject, type Pod, clone, controllerRef, keyOf, ownerRefTo } from '../../api/objects.ts';
import { fromLabelSelector, matches, type Selector } from '../../api/labels.ts';
import { memoByString } from '../../api/memo.ts';
import { JOB_ANNOTATIONS, JOB_LABELS, JOB_TRACKING_FINALIZER } from '../../api/kinds/job.ts';
import { StatusError } from '../../apiserver/errors.ts';
import { compareForRemoval, hasTrackingFinalizer, isReady, onlyReplaceFailedPods, podFromTemplate, podNamePrefix } from './pods.ts';
import { remainingBackoffForIndexMs, remainingBackoffMs } from './backoff.ts';
import { addCompletionIndexEnv, duplicatedIndexPodsForRemoval, firstPendingIndexes, generateNameWithIndex, hasBackoffLimitPerIndex, isIndexed, newIndexFailureCounts } from './indexed.ts';
import type { SyncContext } from './syncContext.ts';
import { orphans } from '../shared/listers.ts';

/** Pods created or deleted per sync at most (MaxPodCreateDeletePerSync). */
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;
/** The 1 s batching of pod events; also the shortest delayed resync (syncJobBatchPeriod). */
export const SYNC_BATCH_PERIOD_MS = 1000;
/**
 * Store index of Job pods that still matter to their Job, by Job uid: not finished, being deleted, or
 * not yet counted (tracking finalizer). A big Job's finished and counted pods are never looked at
 * again, so a sync costs what is running, not what has run.
 */
export const LIVE_PODS_INDEX = 'job/livePodsByJob';

export function livePodIndex(pod: KubeObject): string[] {
  const ref = controllerRef(pod);
  if (!ref || ref.kind !== 'Job') return [];
  const p = pod as Pod;
  const finished = p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
  return !finished || p.metadata.deletionTimestamp || hasTrackingFinalizer(p) ? [ref.uid] : [];
}

const SOURCE = { component: 'job-controller' };

function isGone(e: unknown): boolean {
  return e instanceof StatusError && e.reason === 'NotFound';
}

/** Label selectors are parsed once per distinct selector (by its JSON text). */
const parsedSelector = memoByString((text) => fromLabelSelector(JSON.parse(text) as LabelSelector | null), 1024);

export function jobSelector(job: Job): Selector {
  const sel = parsedSelector(JSON.stringify(job.spec?.selector ?? null));
  return sel instanceof Error ? null : sel;
}

/** Whether `pod` matches: cached per stored object (stored objects are immutable, so identity is version). */
const matchCache = new WeakMap<Pod, { selector: Selector; ok: boolean }>();
function podMatches(selector: Selector, pod: Pod): boolean {
  const hit = matchCache.get(pod);
  if (hit && hit.selector === selector) return hit.ok;
  const ok = matches(selector, pod.metadata.labels);
  matchCache.set(pod, { selector, ok });
  return ok;
}

/**
 * ClaimPods: the pods this Job manages, after adopting matching orphans and releasing mismatched
 * ones. It looks at the live pods (LIVE_PODS_INDEX) and at finished ones whose labels changed
 * (`relabelled`), which are the only finished pods a claim can change.
 */
export function claimPods(ctx: ControllerContext, job: Job, relabelled: Iterable<string> = []): Pod[] {
  const selector = jobSelector(job);
  const deleting = !!job.metadata.deletionTimestamp;
  const uid = job.metadata.uid;
  const candidates = new Set<Pod>(ctx.store.byIndex<Pod>('Pod', LIVE_PODS_INDEX, uid));
  for (const podUid of relabelled) {
    const pod = ctx.store.getByUid<Pod>(podUid);
    if (pod?.kind === 'Pod') candidates.add(pod);
  }
  const claimed: Pod[] = [];
  for (const pod of candidates) {
    if (controllerRef(pod)?.uid !== uid) continue;
    if (podMatches(selector, pod)) claimed.push(pod);
    else if (!deleting) release(ctx, job, pod);
  }
  if (deleting) return claimed;
  for (const pod of [...orphans<Pod>(ctx.store, 'Pod', job.metadata.namespace ?? 'default')]) {
    if (pod.metadata.deletionTimestamp || !podMatches(selector, pod)) continue;
    const adopted = adopt(ctx, job, pod);
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

function adopt(ctx: ControllerContext, job: Job, pod: Pod): Pod | undefined {
  // The API server copies what it is given: a new metadata object is enough, the stored pod is untouched.
  const finalizers = hasTrackingFinalizer(pod) ? pod.metadata.finalizers : [...(pod.metadata.finalizers ?? []), JOB_TRACKING_FINALIZER];
  const metadata = { ...pod.metadata, ownerReferences: [...(pod.metadata.ownerReferences ?? []), ownerRefTo(job)], ...(finalizers ? { finalizers } : {}) };
  try {
    return ctx.api.update<Pod>({ ...pod, metadata });
  } catch (e) {
    if (isGone(e)) return undefined;
    throw e;
  }
}

function release(ctx: ControllerContext, job: Job, pod: Pod): void {
  const { ownerReferences: _, ...rest } = pod.metadata;
  const kept = (pod.metadata.ownerReferences ?? []).filter((r) => r.uid !== job.metadata.uid);
  try {
    ctx.api.update({ ...pod, metadata: kept.length > 0 ? { ...rest, ownerReferences: kept } : rest });
  } catch (e) {
    if (!isGone(e)) throw e;
  }
}

/** Remove the tracking finalizer from the pod's current version. Returns false when that failed. */
export function removeTrackingFinalizer(ctx: ControllerContext, pod: Pod): boolean {
  const current = ctx.store.get<Pod>('Pod', keyOf(pod));
  if (!current || current.metadata.uid !== pod.metadata.uid) return true;
  if (!hasTrackingFinalizer(current)) return true;
  const { finalizers, ...rest } = current.metadata;
  const kept = (finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
  try {
    // Built here from the stored pod (shared, immutable) with new metadata: nothing to decode or copy.
    ctx.api.update({ ...current, metadata: kept.length > 0 ? { ...rest, finalizers: kept } : rest }, { owned: true });
    return true;
  } catch (e) {
    return isGone(e);
  }
}

/** DeletePod with its events. A pod already gone counts as deleted. */
function deletePod(ctx: ControllerContext, job: Job, pod: Pod): boolean {
  try {
    ctx.api.delete('Pod', pod.metadata.namespace, pod.metadata.name);
    ctx.events.record(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, SOURCE);
    return true;
  } catch (e) {
    if (isGone(e)) return true;
    ctx.events.record(job, 'Warning', 'FailedDelete', `Error deleting: ${(e as Error).message}`, SOURCE);
    return false;
  }
}

/**
 * deleteActivePods (the Job is finishing): delete, keeping the finalizers so the pods are counted
 * (as failed, unless the Job succeeded). Returns how many pods and ready pods went.
 */
export function deleteActivePods(ctx: ControllerContext, job: Job, pods: readonly Pod[]): { deleted: number; deletedReady: number } {
  let deleted = 0;
  let deletedReady = 0;
  for (const pod of pods) {
    if (deletePod(ctx, job, pod)) deleted++;
    if (isReady(pod)) deletedReady++;
  }
  return { deleted, deletedReady };
}

/** deleteJobPods (suspend, surplus): finalizer first, so these deletions are not failures. */
function deleteJobPods(ctx: ControllerContext, job: Job, pods: readonly Pod[]): { deleted: number; deletedReady: number } {
  let deleted = 0;
  let deletedReady = 0;
  for (const pod of pods) {
    if (removeTrackingFinalizer(ctx, pod) && deletePod(ctx, job, pod)) deleted++;
    if (isReady(pod)) deletedReady++;
  }
  return { deleted, deletedReady };
}

/** activePodsForRemoval: for Indexed Jobs, duplicates and out-of-range pods first; then by rank. */
export function activePodsForRemoval(job: Job, pods: readonly Pod[], atLeast: number): Pod[] {
  let remove: Pod[] = [];
  let rest: Pod[] = [...pods];
  if (isIndexed(job)) ({ remove, keep: rest } = duplicatedIndexPodsForRemoval(pods, job.spec!.completions!));
  if (remove.length < atLeast) remove = [...remove, ...rest.sort(compareForRemoval).slice(0, atLeast - remove.length)];
  return remove;
}

/** How many pods should be active now (before suspension is considered). */
export function wantActive(job: Job, active: number, succeeded: number): number {
  const parallelism = job.spec?.parallelism ?? 1;
  const completions = job.spec?.completions;
  if (completions === undefined) return succeeded > 0 ? active : parallelism;
  return Math.max(0, Math.min(parallelism, completions - succeeded));
}

export interface ManageResult {
  active: number;
  /** Call again after this long (the pod-failure back-off still holds creations). */
  requeueAfterMs?: number;
}

/** manageJob: bring the number of active pods to what the spec asks for. */
export function manageJob(ctx: ControllerContext, sc: SyncContext): ManageResult {
  const job = sc.job;
  let active = sc.activePods.length;
  if (job.spec?.suspend) {
    const { deleted, deletedReady } = deleteJobPods(ctx, job, activePodsForRemoval(job, sc.activePods, active));
    sc.terminating += deleted;
    sc.ready -= deletedReady;
    return { active: active - deleted };
  }
  const want = wantActive(job, active, sc.succeeded);
  const surplus = activePodsForRemoval(job, sc.activePods, Math.max(0, active - want)).slice(0, MAX_POD_CREATE_DELETE_PER_SYNC);
  if (surplus.length > 0) {
    // A sync either deletes or creates; deletion wins (e.g. duplicated indexes).
    const { deleted, deletedReady } = deleteJobPods(ctx, job, surplus);
    sc.terminating += deleted;
    sc.ready -= deletedReady;
    return { active: active - deleted };
  }
  const terminating = onlyReplaceFailedPods(job) ? sc.terminating : 0;
  let diff = want - terminating - active;
  if (diff <= 0) return { active };
  if (!hasBackoffLimitPerIndex(job)) {
    const wait = remainingBackoffMs(sc.newBackoffRecord.failuresAfterLastSuccess, sc.newBackoffRecord.lastFailureMs, ctx.now());
    // Upstream reports no active pods for a sync that is held back (job_controller.go returns 0 here).
    if (wait > 0) return { active: 0, requeueAfterMs: Math.max(wait, SYNC_BATCH_PERIOD_MS) };
  }
  diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC);
  let indexes: number[] | undefined;
  if (isIndexed(job)) {
    indexes = firstPendingIndexes(sc, diff, job.spec!.completions!);
    if (hasBackoffLimitPerIndex(job)) {
      const ready = indexes.filter((ix) => remainingBackoffForIndexMs(sc.podsWithDelayedDeletionPerIndex.get(ix), ctx.now()) === 0);
      if (ready.length === 0 && indexes.length > 0) {
        const wait = Math.min(...indexes.map((ix) => remainingBackoffForIndexMs(sc.podsWithDelayedDeletionPerIndex.get(ix), ctx.now())));
        return { active: 0, requeueAfterMs: Math.max(wait, SYNC_BATCH_PERIOD_MS) };
      }
      indexes = ready;
    }
    diff = indexes.length;
  }
  active += createPods(ctx, sc, diff, indexes);
  return { active };
}

/**
 * Create `count` pods (slow start: batches of 1, 2, 4, ... and no further batches after a batch
 * with a failure). Returns how many were created.
 */
function createPods(ctx: ControllerContext, sc: SyncContext, count: number, indexes: number[] | undefined): number {
  const job = sc.job;
  const template: PodTemplateSpec = clone(job.spec!.template);
  if (indexes) addCompletionIndexEnv(template);
  template.metadata = { ...(template.metadata ?? {}), finalizers: [...new Set([...(template.metadata?.finalizers ?? []), JOB_TRACKING_FINALIZER])] };
  let created = 0;
  let next = 0;
  for (let batch = Math.min(count, 1); next < count; batch = Math.min(2 * batch, count - next)) {
    let failed = false;
    for (let i = 0; i < batch; i++, next++) {
      const index = indexes?.[next];
      if (createOne(ctx, job, template, index, index === undefined ? undefined : sc.podsWithDelayedDeletionPerIndex.get(index))) created++;
      else failed = true;
    }
    if (failed) break;
  }
  return created;
}

function createOne(ctx: ControllerContext, job: Job, base: PodTemplateSpec, index: number | undefined, replaced: Pod | undefined): boolean {
  let template = base;
  let generateName = podNamePrefix(job.metadata.name);
  if (index !== undefined) {
    template = clone(base);
    const meta = (template.metadata ??= {});
    meta.annotations = { ...(meta.annotations ?? {}), [JOB_ANNOTATIONS.completionIndex]: String(index) };
    meta.labels = { ...(meta.labels ?? {}), [JOB_LABELS.completionIndex]: String(index) };
    template.spec = { ...template.spec!, hostname: `${job.metadata.name}-${index}` };
    generateName = generateNameWithIndex(job.metadata.name, index);
    if (hasBackoffLimitPerIndex(job)) {
      const counts = newIndexFailureCounts(job, replaced);
      meta.annotations[JOB_ANNOTATIONS.indexFailureCount] = String(counts.failed);
      if (counts.ignored > 0) meta.annotations[JOB_ANNOTATIONS.indexIgnoredFailureCount] = String(counts.ignored);
    }
  }
  try {
    // Built here from the (decoded) template, all fresh: nothing to decode or copy.
    const pod = ctx.api.create<Pod>(podFromTemplate(job, template, generateName), { owned: true });
    ctx.events.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, SOURCE);
    return true;
  } catch (e) {
    if (!(e instanceof StatusError)) throw e;
    ctx.events.record(job, 'Warning', 'FailedCreate', `Error creating: ${e.message}`, SOURCE);
    return false;
  }
}
