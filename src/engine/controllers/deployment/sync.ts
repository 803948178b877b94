/**
 * Scaling, ReplicaSet creation and revision bookkeeping shared by every Deployment strategy
 * (pkg/controller/deployment/sync.go, in our words):
 *
 * - `getAllReplicaSetsAndSyncRevision`: split the owned ReplicaSets into the new one (template
 *   equal to the Deployment's, ignoring pod-template-hash) and old ones; give the new one the next
 *   revision, creating it (`<deployment>-<hash>`) when the strategy wants it;
 * - `scale`: on a scaling event or while paused, resize — the only active ReplicaSet directly,
 *   several proportionally to their size (rolling updates);
 * - `cleanupDeployment`: delete old, empty ReplicaSets beyond revisionHistoryLimit;
 * - `syncDeploymentStatus`: counts and the Available condition.
 * Every scale is a ReplicaSet update plus a `ScalingReplicaSet` event on the Deployment.
 */
import type { Deployment, ReplicaSet } from '../../api/objects.ts';
import { type KubeObject, clone, controllerRef, ownerRefTo, deepEqual } from '../../api/objects.ts';
import { POD_TEMPLATE_HASH_LABEL } from '../../api/kinds/apps.ts';
import { StatusError } from '../../apiserver/errors.ts';
import { computeHash } from '../shared/hash.ts';
import type { DeploymentSync } from './index.ts';
import {
  REASONS,
  byCreation,
  byRevision,
  calculateStatus,
  compactStatus,
  desiredReplicasAnnotation,
  equalIgnoreHash,
  filterActive,
  findActiveOrLatest,
  findNewReplicaSet,
  findOldReplicaSets,
  getCondition,
  hasProgressDeadline,
  hasRevisionHistoryLimit,
  isRollingUpdate,
  isSaturated,
  maxRevision,
  maxSurge,
  newCondition,
  newRSNewReplicas,
  proportionalSizes,
  replicas,
  replicasAnnotationsNeedUpdate,
  setCondition,
  setDeploymentRevision,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
} from './util.ts';

/** Write the Deployment's status (and annotations, which the status subresource also takes). */
export function updateDeploymentStatus(dc: DeploymentSync, d: Deployment): void {
  d.status = compactStatus(d.status ?? {});
  const written = dc.ctx.api.updateStatus<Deployment>(d);
  d.metadata.resourceVersion = written.metadata.resourceVersion;
}

export interface ReplicaSets {
  newRS: ReplicaSet | undefined;
  oldRSs: ReplicaSet[];
}

/** getAllReplicaSetsAndSyncRevision. */
export function getAllReplicaSetsAndSyncRevision(dc: DeploymentSync, d: Deployment, rsList: ReplicaSet[], createIfNotExisted: boolean): ReplicaSets {
  const { all } = findOldReplicaSets(d, rsList);
  const newRS = getNewReplicaSet(dc, d, rsList, all, createIfNotExisted);
  return { newRS, oldRSs: all };
}

/** getNewReplicaSet: sync the existing new ReplicaSet's revision and annotations, or create it. */
function getNewReplicaSet(dc: DeploymentSync, d: Deployment, rsList: ReplicaSet[], oldRSs: ReplicaSet[], createIfNotExisted: boolean): ReplicaSet | undefined {
  const { api, events } = dc.ctx;
  const existing = findNewReplicaSet(d, rsList);
  const newRevision = maxRevision(oldRSs) + 1;
  if (existing) {
    // Only the annotations and minReadySeconds may change: copy just those levels.
    const rsCopy: ReplicaSet = { ...existing, metadata: { ...existing.metadata, annotations: { ...existing.metadata.annotations } }, spec: { ...existing.spec! } };
    const annotationsUpdated = setNewReplicaSetAnnotations(d, rsCopy, newRevision, true);
    const minReadySecondsNeedsUpdate = (rsCopy.spec!.minReadySeconds ?? 0) !== (d.spec?.minReadySeconds ?? 0);
    if (annotationsUpdated || minReadySecondsNeedsUpdate) {
      rsCopy.spec!.minReadySeconds = d.spec?.minReadySeconds ?? 0;
      if (!rsCopy.spec!.minReadySeconds) delete rsCopy.spec!.minReadySeconds;
      return api.update<ReplicaSet>(rsCopy);
    }
    let needsUpdate = setDeploymentRevision(d, rsCopy.metadata.annotations?.['deployment.kubernetes.io/revision']);
    if (hasProgressDeadline(d) && !getCondition(d.status, 'Progressing')) {
      d.status ??= {};
      setCondition(d.status, newCondition('Progressing', 'True', REASONS.foundNewRS, `Found new replica set ${JSON.stringify(rsCopy.metadata.name)}`, dc.now()));
      needsUpdate = true;
    }
    if (needsUpdate) updateDeploymentStatus(dc, d);
    return rsCopy;
  }
  if (!createIfNotExisted) return undefined;

  const template = clone(d.spec!.template);
  const hash = computeHash(template, d.status?.collisionCount);
  template.metadata = { ...template.metadata, labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash } };
  const selector = clone(d.spec!.selector);
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  const newRS: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      ownerReferences: [ownerRefTo(d as KubeObject)],
      labels: { ...template.metadata.labels },
    } as ReplicaSet['metadata'],
    spec: { replicas: 0, ...(d.spec?.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}), selector, template },
  };
  const count = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  newRS.spec!.replicas = count;
  setNewReplicaSetAnnotations(d, newRS, newRevision, false);
  let created: ReplicaSet;
  let alreadyExists = false;
  try {
    created = api.create<ReplicaSet>(newRS);
  } catch (e) {
    if (!(e instanceof StatusError)) throw e;
    if (e.reason === 'AlreadyExists') {
      alreadyExists = true;
      const rs = dc.ctx.store.get<ReplicaSet>('ReplicaSet', `${newRS.metadata.namespace}/${newRS.metadata.name}`)!;
      if (controllerRef(rs)?.uid === d.metadata.uid && equalIgnoreHash(d.spec?.template, rs.spec?.template)) {
        created = rs;
      } else {
        // A hash collision: bump collisionCount so the next sync hashes to another name.
        d.status = { ...d.status, collisionCount: (d.status?.collisionCount ?? 0) + 1 };
        updateDeploymentStatus(dc, d);
        dc.requeueNow();
        return undefined;
      }
    } else {
      const msg = `Failed to create new replica set ${JSON.stringify(newRS.metadata.name)}: ${e.message}`;
      if (hasProgressDeadline(d)) {
        d.status ??= {};
        setCondition(d.status, newCondition('Progressing', 'False', REASONS.failedRSCreate, msg, dc.now()));
        updateDeploymentStatus(dc, d);
      }
      events.record(d as KubeObject, 'Warning', REASONS.failedRSCreate, msg, { component: dc.component });
      dc.requeueNow();
      return undefined;
    }
  }
  if (!alreadyExists && count > 0) dc.event(d, 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} to ${count}`);
  let needsUpdate = setDeploymentRevision(d, String(newRevision));
  if (!alreadyExists && hasProgressDeadline(d)) {
    d.status ??= {};
    setCondition(d.status, newCondition('Progressing', 'True', REASONS.newReplicaSet, `Created new replica set ${JSON.stringify(created.metadata.name)}`, dc.now()));
    needsUpdate = true;
  }
  if (needsUpdate) updateDeploymentStatus(dc, d);
  return created;
}

/** scaleReplicaSet: set the size and the replica annotations; returns the updated ReplicaSet. */
export function scaleReplicaSet(dc: DeploymentSync, rs: ReplicaSet, newScale: number, d: Deployment, operation: string): { scaled: boolean; rs: ReplicaSet } {
  const sizeNeedsUpdate = replicas(rs) !== newScale;
  const max = replicas(d) + maxSurge(d);
  if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, replicas(d), max)) return { scaled: false, rs };
  const oldScale = replicas(rs);
  const copy = clone(rs);
  copy.spec!.replicas = newScale;
  setReplicasAnnotations(copy, replicas(d), max);
  const updated = dc.ctx.api.update<ReplicaSet>(copy);
  if (sizeNeedsUpdate) dc.event(d, 'ScalingReplicaSet', `Scaled ${operation} replica set ${updated.metadata.name} to ${newScale} from ${oldScale}`);
  return { scaled: sizeNeedsUpdate, rs: updated };
}

export function scaleReplicaSetAndRecordEvent(dc: DeploymentSync, rs: ReplicaSet, newScale: number, d: Deployment): { scaled: boolean; rs: ReplicaSet } {
  if (replicas(rs) === newScale) return { scaled: false, rs };
  return scaleReplicaSet(dc, rs, newScale, d, replicas(rs) < newScale ? 'up' : 'down');
}

/** scale: resize on a scaling event (or while paused) without advancing a rollout. */
function scale(dc: DeploymentSync, d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (replicas(activeOrLatest) === replicas(d)) return;
    scaleReplicaSetAndRecordEvent(dc, activeOrLatest, replicas(d), d);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of filterActive([...oldRSs].sort((a, b) => byCreation(b, a)))) {
      scaleReplicaSetAndRecordEvent(dc, old, 0, d);
    }
    return;
  }
  if (isRollingUpdate(d)) {
    const { order, sizes, operation } = proportionalSizes(d, filterActive([...oldRSs, newRS]));
    for (const rs of order) scaleReplicaSet(dc, rs, sizes.get(rs.metadata.name)!, d, operation);
  }
}

/** cleanupDeployment: delete the oldest empty, settled old ReplicaSets beyond revisionHistoryLimit. */
export function cleanupDeployment(dc: DeploymentSync, oldRSs: ReplicaSet[], d: Deployment): void {
  if (!hasRevisionHistoryLimit(d)) return;
  const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - d.spec!.revisionHistoryLimit!;
  if (diff <= 0) return;
  cleanable.sort(byRevision);
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i]!;
    if ((rs.status?.replicas ?? 0) !== 0 || replicas(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0) || rs.metadata.deletionTimestamp) continue;
    try {
      dc.ctx.api.delete('ReplicaSet', rs.metadata.namespace, rs.metadata.name);
    } catch (e) {
      if (!(e instanceof StatusError && e.reason === 'NotFound')) throw e;
    }
  }
}

/** syncDeploymentStatus: write the computed status when it changed. */
export function syncDeploymentStatus(dc: DeploymentSync, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): void {
  const status = compactStatus(calculateStatus(allRSs, newRS, d, dc.now()));
  if (deepEqual(status, d.status ?? {})) return;
  d.status = status;
  updateDeploymentStatus(dc, d);
}

/** isScalingEvent: an active ReplicaSet was sized for a different spec.replicas. */
export function isScalingEvent(dc: DeploymentSync, d: Deployment, rsList: ReplicaSet[]): boolean {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  for (const rs of filterActive([...oldRSs, newRS])) {
    const desired = desiredReplicasAnnotation(rs);
    if (desired !== undefined && desired !== replicas(d)) return true;
  }
  return false;
}

/** sync: reconcile a scaling event or a paused Deployment. */
export function sync(dc: DeploymentSync, d: Deployment, rsList: ReplicaSet[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  scale(dc, d, newRS, oldRSs);
  if (d.spec?.paused) cleanupDeployment(dc, oldRSs, d);
  syncDeploymentStatus(dc, [...oldRSs, newRS], newRS, d);
}

export function syncStatusOnly(dc: DeploymentSync, d: Deployment, rsList: ReplicaSet[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  syncDeploymentStatus(dc, [...oldRSs, newRS], newRS, d);
}

/** checkPausedConditions: Progressing=Unknown DeploymentPaused / DeploymentResumed. */
export function checkPausedConditions(dc: DeploymentSync, d: Deployment): void {
  if (!hasProgressDeadline(d)) return;
  const cond = getCondition(d.status, 'Progressing');
  if (cond?.reason === REASONS.timedOut) return;
  const pausedCondExists = cond?.reason === REASONS.paused;
  d.status ??= {};
  if (d.spec?.paused && !pausedCondExists) {
    setCondition(d.status, newCondition('Progressing', 'Unknown', REASONS.paused, 'Deployment is paused', dc.now()));
  } else if (!d.spec?.paused && pausedCondExists) {
    setCondition(d.status, newCondition('Progressing', 'Unknown', REASONS.resumed, 'Deployment is resumed', dc.now()));
  } else return;
  updateDeploymentStatus(dc, d);
}
