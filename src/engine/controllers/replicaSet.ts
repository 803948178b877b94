/**
 * The ReplicaSet controller (pkg/controller/replicaset/replica_set.go, in our words).
 *
 * Each sync of a ReplicaSet:
 *  1. claims the active pods (not finished, not being deleted) its selector matches — adopting
 *     orphans, releasing pods whose labels moved away (shared/refManager.ts);
 *  2. unless the ReplicaSet is being deleted, creates the missing pods in slow-start batches or
 *     deletes the surplus, lowest-ranked first (shared/ranking.ts), at most 500 per sync;
 *  3. writes status: replicas, fullyLabeledReplicas, readyReplicas, availableReplicas,
 *     observedGeneration, and the ReplicaFailure condition while creates/deletes fail.
 * Terminating pods do not count, so a replacement is created while the old pod still shows
 * `Terminating`. Pods becoming available after minReadySeconds wake the ReplicaSet exactly then.
 *
 * Wakes on: its own changes; pod changes that affect ownership or counts (labels, owner
 * references, deletion, phase, readiness) of pods it controls or orphans its selector matches.
 */
import type { ReplicaSetCondition } from 'kubernetes-types/apps/v1';
import type { Controller, ControllerContext, ReconcileResult } from '../client/controller.ts';
import { selfKey } from '../client/controller.ts';
import { type Pod, type ReplicaSet, clone, controllerRef, isBeingDeleted, keyOf } from '../api/objects.ts';
import { type Selector, fromLabelSelector, matches } from '../api/labels.ts';
import { formatTime } from '../api/time.ts';
import type { StatusError } from '../apiserver/errors.ts';
import type { WatchEvent } from '../store/store.ts';
import { canonicalJson } from '../api/canonical.ts';
import { BURST_REPLICAS, PodControl, podFromTemplate } from './shared/podControl.ts';
import { claimCandidates, controlledBy, ensureClaimIndexes } from './shared/listers.ts';
import { claimObjects } from './shared/refManager.ts';
import { podsToDelete } from './shared/ranking.ts';
import { availableAtMs, isPodActive, isPodReady, readyCondition } from './shared/podState.ts';
import { FailureBackoff } from './shared/backoff.ts';

export const REPLICASET_CONTROLLER = 'replicaset-controller';

/** The pod facts a ReplicaSet's sync depends on; a pod update that keeps them changes nothing. */
function podFingerprint(pod: Pod | undefined): string {
  if (!pod) return '';
  const ready = readyCondition(pod);
  return canonicalJson([pod.metadata.labels, pod.metadata.ownerReferences, pod.metadata.deletionTimestamp, pod.status?.phase, ready?.status, ready?.lastTransitionTime]);
}

export interface ReplicaSetCounts {
  replicas: number;
  fullyLabeledReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
}

/** calculateStatus's counts over the claimed active pods. */
export function countReplicas(rs: ReplicaSet, pods: readonly Pod[], nowMs: number): ReplicaSetCounts {
  const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
  const templateKeys = Object.keys(templateLabels);
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of pods) {
    const labels = pod.metadata.labels ?? {};
    if (templateKeys.every((k) => labels[k] === templateLabels[k])) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (availableAtMs(pod, rs.spec?.minReadySeconds)! <= nowMs) available++;
    }
  }
  return { replicas: pods.length, fullyLabeledReplicas: fullyLabeled, readyReplicas: ready, availableReplicas: available };
}

/** The ReplicaSetStatus to write: zero counts omitted as the API's omitempty does, replicas always present. */
export function replicaSetStatus(rs: ReplicaSet, counts: ReplicaSetCounts, failure: { reason: string; message: string } | undefined, nowMs: number): NonNullable<ReplicaSet['status']> {
  let conditions = (rs.status?.conditions ?? []).filter((c) => c.type !== 'ReplicaFailure');
  const existing = rs.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
  if (failure) {
    const cond: ReplicaSetCondition = existing ?? { type: 'ReplicaFailure', status: 'True', lastTransitionTime: formatTime(nowMs), reason: failure.reason, message: failure.message };
    conditions = [...conditions, cond];
  }
  return {
    replicas: counts.replicas,
    ...(counts.fullyLabeledReplicas ? { fullyLabeledReplicas: counts.fullyLabeledReplicas } : {}),
    ...(counts.readyReplicas ? { readyReplicas: counts.readyReplicas } : {}),
    ...(counts.availableReplicas ? { availableReplicas: counts.availableReplicas } : {}),
    ...(rs.metadata.generation ? { observedGeneration: rs.metadata.generation } : {}),
    ...(conditions.length > 0 ? { conditions } : {}),
  };
}

export function replicaSetController(ctx: ControllerContext): Controller {
  const { store, api } = ctx;
  const podControl = new PodControl(ctx, REPLICASET_CONTROLLER);
  const backoff = new FailureBackoff();
  ensureClaimIndexes(store);

  /** ReplicaSets in the pod's namespace whose selector matches its labels (for orphans). */
  const matchingReplicaSets = (pod: Pod): string[] => {
    const keys: string[] = [];
    for (const rs of store.list<ReplicaSet>('ReplicaSet')) {
      if (rs.metadata.namespace !== pod.metadata.namespace) continue;
      const sel = fromLabelSelector(rs.spec?.selector);
      if (!(sel instanceof Error) && sel && sel.length > 0 && matches(sel, pod.metadata.labels)) keys.push(keyOf(rs));
    }
    return keys;
  };

  const podKeys = (e: WatchEvent): string[] | undefined => {
    const pod = e.object as Pod;
    const old = e.old as Pod | undefined;
    if (e.type === 'MODIFIED' && podFingerprint(pod) === podFingerprint(old)) return undefined;
    const keys = new Set<string>();
    for (const p of [pod, old]) {
      const ref = p && controllerRef(p);
      if (ref?.kind === 'ReplicaSet') keys.add(`${p!.metadata.namespace}/${ref.name}`);
    }
    if (e.type !== 'DELETED' && !controllerRef(pod)) for (const k of matchingReplicaSets(pod)) keys.add(k);
    return [...keys];
  };

  /** Pods of every ReplicaSet sharing this one's controller (the "doubled up" ranking). */
  const relatedPods = (rs: ReplicaSet): Pod[] => {
    const owner = controllerRef(rs);
    if (!owner) return [];
    const selectors: Selector[] = [];
    for (const other of store.list<ReplicaSet>('ReplicaSet')) {
      if (other.metadata.namespace !== rs.metadata.namespace || controllerRef(other)?.uid !== owner.uid) continue;
      const sel = fromLabelSelector(other.spec?.selector);
      if (!(sel instanceof Error) && sel) selectors.push(sel);
    }
    return [...store.list<Pod>('Pod')].filter((p) => p.metadata.namespace === rs.metadata.namespace && selectors.some((s) => matches(s, p.metadata.labels)));
  };

  /** manageReplicas: create or delete towards spec.replicas; returns the failure to report, if any. */
  const manageReplicas = (rs: ReplicaSet, pods: Pod[]): StatusError | undefined => {
    const diff = pods.length - (rs.spec?.replicas ?? 1);
    if (diff < 0) {
      const count = Math.min(-diff, BURST_REPLICAS);
      return podControl.createPods(rs, count, () => podFromTemplate(rs.spec?.template, rs)).error;
    }
    if (diff > 0) {
      let error: StatusError | undefined;
      for (const pod of podsToDelete(pods, relatedPods(rs), Math.min(diff, BURST_REPLICAS), ctx.now())) {
        error = podControl.deletePod(rs, pod) ?? error;
      }
      return error;
    }
    return undefined;
  };

  const reconcile = (key: string): ReconcileResult => {
    const rs = store.get<ReplicaSet>('ReplicaSet', key);
    if (!rs) return;
    const selector = fromLabelSelector(rs.spec?.selector);
    if (selector instanceof Error || selector === null) return;
    const active = claimCandidates<Pod>(store, 'Pod', rs).filter(isPodActive);
    const { claimed } = claimObjects(ctx, rs, selector, active);
    const diff = claimed.length - (rs.spec?.replicas ?? 1);
    const error = !isBeingDeleted(rs) ? manageReplicas(rs, claimed) : undefined;
    const now = ctx.now();
    const counts = countReplicas(rs, claimed, now);
    const failure = error ? { reason: diff < 0 ? 'FailedCreate' : 'FailedDelete', message: error.message } : undefined;
    const current = store.get<ReplicaSet>('ReplicaSet', key) ?? rs;
    const status = replicaSetStatus(current, counts, failure, now);
    if (canonicalJson(status) !== canonicalJson(current.status ?? {})) {
      const updated = clone(current);
      updated.status = status;
      api.updateStatus(updated);
    }
    // A failed create/delete is retried with back-off, as a sync error is upstream.
    if (error) return { requeueAfterMs: backoff.next(key) };
    backoff.forget(key);
    // Wake up exactly when the next ready pod becomes available.
    const minReady = rs.spec?.minReadySeconds ?? 0;
    if (minReady > 0) {
      let next = Number.POSITIVE_INFINITY;
      for (const pod of claimed) {
        const at = availableAtMs(pod, minReady);
        if (at !== undefined && at > now) next = Math.min(next, at);
      }
      if (Number.isFinite(next)) return { requeueAfterMs: next - now };
    }
    return undefined;
  };

  return {
    name: 'replicaset',
    watches: [
      { kind: 'ReplicaSet', keys: selfKey },
      { kind: 'Pod', keys: podKeys },
    ],
    reconcile,
  };
}

/** Pods a ReplicaSet controls (for describers and tests). */
export function replicaSetPods(ctx: Pick<ControllerContext, 'store'>, rs: ReplicaSet): Pod[] {
  return controlledBy<Pod>(ctx.store, 'Pod', rs.metadata.uid);
}
