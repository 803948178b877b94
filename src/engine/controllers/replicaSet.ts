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
 *
 * Performance: a sync claims every pod, so a ReplicaSet of n pods turning ready one by one would
 * cost O(n²). When the only thing that changed since the last full sync is the readiness of pods
 * it already counts (same owner, labels, deletion state), the sync just updates those pods' share
 * of the status — the decisions cannot differ, since membership and spec are unchanged.
 */
import type { ReplicaSetCondition } from 'kubernetes-types/apps/v1';
import type { Controller, ControllerContext, ReconcileResult } from '../client/controller.ts';
import { selfKey } from '../client/controller.ts';
import { type Pod, type ReplicaSet, clone, controllerRef, isBeingDeleted, keyOf, deepEqual } from '../api/objects.ts';
import { type Selector, fromLabelSelector, matches } from '../api/labels.ts';
import { formatTime } from '../api/time.ts';
import type { StatusError } from '../apiserver/errors.ts';
import type { WatchEvent } from '../store/store.ts';
import { sameJson } from '../api/canonical.ts';
import { BURST_REPLICAS, PodControl, podFromTemplate } from './shared/podControl.ts';
import { claimCandidates, controlledBy, ensureClaimIndexes } from './shared/listers.ts';
import { claimObjects } from './shared/refManager.ts';
import { podsToDelete } from './shared/ranking.ts';
import { availableAtMs, isPodActive, isPodReady, readySince } from './shared/podState.ts';
import { FailureBackoff } from './shared/backoff.ts';

export const REPLICASET_CONTROLLER = 'replicaset-controller';

/** Whether a pod update can change a ReplicaSet's sync: ownership, labels, deletion, finishing, readiness. */
export function podUpdateMatters(old: Pod | undefined, pod: Pod): boolean {
  if (!old) return true;
  // (The controller reference is among the owner references compared last.)
  return (
    isPodActive(old) !== isPodActive(pod) ||
    readySince(old) !== readySince(pod) ||
    old.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp ||
    !sameLabels(old.metadata.labels, pod.metadata.labels) ||
    !sameJson(old.metadata.ownerReferences, pod.metadata.ownerReferences)
  );
}

function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  if (a === b) return true;
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  return ka.every((k) => a![k] === b?.[k]);
}

export interface ReplicaSetCounts {
  replicas: number;
  fullyLabeledReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
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

/** A claimed pod's share of the status. */
interface Member {
  fullyLabeled: boolean;
  ready: boolean;
  availableAtMs: number | undefined;
}

/** What the controller remembers of a ReplicaSet between syncs. */
class ReplicaSetState {
  generation = -1;
  /** Something other than readiness changed: the next sync must claim again. */
  full = true;
  /** Members whose readiness changed since the last sync. */
  readonly pending = new Set<string>();
  readonly members = new Map<string, Member>();
  constructor(readonly uid: string) {}
}

/** Only the readiness of a pod still active, identically owned and labelled changed. */
function readinessOnly(old: Pod | undefined, pod: Pod): boolean {
  if (!old) return false;
  return (
    isPodActive(old) &&
    isPodActive(pod) &&
    old.metadata.deletionTimestamp === pod.metadata.deletionTimestamp &&
    sameLabels(old.metadata.labels, pod.metadata.labels) &&
    sameJson(old.metadata.ownerReferences, pod.metadata.ownerReferences)
  );
}

function member(rs: ReplicaSet, pod: Pod): Member {
  const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
  const labels = pod.metadata.labels ?? {};
  let fullyLabeled = true;
  for (const k in templateLabels) if (labels[k] !== templateLabels[k]) fullyLabeled = false;
  return { fullyLabeled, ready: isPodReady(pod), availableAtMs: availableAtMs(pod, rs.spec?.minReadySeconds) };
}

export function replicaSetController(ctx: ControllerContext): Controller {
  const { store, api } = ctx;
  const podControl = new PodControl(ctx, REPLICASET_CONTROLLER);
  const backoff = new FailureBackoff();
  const states = new Map<string, ReplicaSetState>();
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

  const podKeys = (e: WatchEvent): string | string[] | undefined => {
    const pod = e.object as Pod;
    const old = e.old as Pod | undefined;
    // Pods other controllers control never concern a ReplicaSet (orphans might: they can be
    // adopted, but only when there is a ReplicaSet to adopt them).
    const ref = controllerRef(pod);
    const oldRef = old && controllerRef(old);
    if (ref?.kind !== 'ReplicaSet' && oldRef?.kind !== 'ReplicaSet' && (ref || store.count('ReplicaSet') === 0)) return undefined;
    if (e.type === 'MODIFIED' && !podUpdateMatters(old, pod)) return undefined;
    const onlyReadiness = e.type === 'MODIFIED' && readinessOnly(old, pod);
    /** What the ReplicaSet behind `key` must look at again: this pod's readiness, or everything. */
    const note = (key: string): void => {
      const st = states.get(key);
      if (!st) return;
      if (onlyReadiness && st.members.has(pod.metadata.uid)) st.pending.add(pod.metadata.uid);
      else st.full = true;
    };
    // Most writes are to a pod its ReplicaSet keeps controlling: that one key.
    if (ref?.kind === 'ReplicaSet' && (!oldRef || (oldRef.kind === ref.kind && oldRef.name === ref.name))) {
      const key = `${pod.metadata.namespace}/${ref.name}`;
      note(key);
      return key;
    }
    const keys = new Set<string>();
    for (const p of [pod, old]) {
      const ref = p && controllerRef(p);
      if (ref?.kind === 'ReplicaSet') keys.add(`${p!.metadata.namespace}/${ref.name}`);
    }
    if (e.type !== 'DELETED' && !ref) for (const k of matchingReplicaSets(pod)) keys.add(k);
    for (const k of keys) note(k);
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

  /** A full sync: claim, manage, and remember the members. Returns the failure to report. */
  const fullSync = (rs: ReplicaSet, st: ReplicaSetState): { error?: StatusError; diff: number } | undefined => {
    const selector = fromLabelSelector(rs.spec?.selector);
    if (selector instanceof Error || selector === null) return undefined;
    const active = claimCandidates<Pod>(store, 'Pod', rs).filter(isPodActive);
    const { claimed } = claimObjects(ctx, rs, selector, active);
    st.members.clear();
    for (const pod of claimed) st.members.set(pod.metadata.uid, member(rs, pod));
    const diff = claimed.length - (rs.spec?.replicas ?? 1);
    const error = !isBeingDeleted(rs) ? manageReplicas(rs, claimed) : undefined;
    // Pods just created or deleted mark the state for another full sync through the watch.
    return { diff, ...(error ? { error } : {}) };
  };

  /** Refresh the members whose readiness changed; false when one is no longer known (claim again). */
  const readinessSync = (rs: ReplicaSet, st: ReplicaSetState, changed: readonly string[]): boolean => {
    for (const uid of changed) {
      const pod = store.getByUid<Pod>(uid);
      if (!pod || !st.members.has(uid)) return false;
      st.members.set(uid, member(rs, pod));
    }
    return true;
  };

  const reconcile = (key: string): ReconcileResult => {
    const rs = store.get<ReplicaSet>('ReplicaSet', key);
    if (!rs) {
      states.delete(key);
      backoff.forget(key);
      return;
    }
    let st = states.get(key);
    if (!st || st.uid !== rs.metadata.uid) states.set(key, (st = new ReplicaSetState(rs.metadata.uid)));
    // Reset before acting, so events caused by this sync's own writes mark the next one.
    const changed = [...st.pending];
    const fast = !st.full && st.generation === rs.metadata.generation && !isBeingDeleted(rs);
    st.pending.clear();
    st.full = false;
    let result: { error?: StatusError; diff: number } | undefined = { diff: 0 };
    if (!fast || !readinessSync(rs, st, changed)) {
      st.generation = rs.metadata.generation ?? 0;
      result = fullSync(rs, st);
      if (!result) return;
    }
    const now = ctx.now();
    const counts: ReplicaSetCounts = { replicas: st.members.size, fullyLabeledReplicas: 0, readyReplicas: 0, availableReplicas: 0 };
    let nextAvailableMs = Number.POSITIVE_INFINITY;
    for (const m of st.members.values()) {
      if (m.fullyLabeled) counts.fullyLabeledReplicas++;
      if (!m.ready) continue;
      counts.readyReplicas++;
      if (m.availableAtMs! <= now) counts.availableReplicas++;
      else nextAvailableMs = Math.min(nextAvailableMs, m.availableAtMs!);
    }
    const { error, diff } = result;
    const failure = error ? { reason: diff < 0 ? 'FailedCreate' : 'FailedDelete', message: error.message } : undefined;
    const current = store.get<ReplicaSet>('ReplicaSet', key) ?? rs;
    const status = replicaSetStatus(current, counts, failure, now);
    if (!deepEqual(status, current.status ?? {})) {
      const updated = clone(current);
      updated.status = status;
      api.updateStatus(updated);
    }
    // A failed create/delete is retried with back-off, as a sync error is upstream.
    if (error) {
      st.full = true;
      return { requeueAfterMs: backoff.next(key) };
    }
    backoff.forget(key);
    // Wake up exactly when the next ready pod becomes available.
    if (Number.isFinite(nextAvailableMs)) return { requeueAfterMs: nextAvailableMs - now };
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
