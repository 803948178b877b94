/**
 * The Recreate strategy (pkg/controller/deployment/recreate.go, in our words): scale every old
 * ReplicaSet to zero, wait until none of their pods is left running (terminating pods still
 * count; finished ones do not), and only then create or scale up the new ReplicaSet. Old and new
 * pods never run together.
 */
import type { Deployment, Pod, ReplicaSet } from '../../api/objects.ts';
import type { DeploymentSync } from './index.ts';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent } from './sync.ts';
import { syncRolloutStatus } from './progress.ts';
import { deploymentComplete, filterActive, replicas, sumStatus } from './util.ts';

/** oldPodsRunning: an old ReplicaSet still reports pods, or one of its pods has not finished. */
export function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[], podsByRS: ReadonlyMap<string, readonly Pod[]>): boolean {
  if (sumStatus(oldRSs, 'replicas') > 0) return true;
  for (const [uid, pods] of podsByRS) {
    if (newRS && newRS.metadata.uid === uid) continue;
    if (pods.some((p) => p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded')) return true;
  }
  return false;
}

export function rolloutRecreate(dc: DeploymentSync, d: Deployment, rsList: ReplicaSet[], podsByRS: ReadonlyMap<string, readonly Pod[]>): void {
  // Do not create the new ReplicaSet yet: scale down first.
  let { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  let allRSs = [...oldRSs, newRS];
  let scaledDown = false;
  for (const rs of filterActive(oldRSs)) {
    if (scaleReplicaSetAndRecordEvent(dc, rs, 0, d).scaled) scaledDown = true;
  }
  if (scaledDown || oldPodsRunning(newRS, oldRSs, podsByRS)) {
    syncRolloutStatus(dc, allRSs, newRS, d);
    return;
  }
  if (!newRS) {
    ({ newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true));
    if (!newRS) return;
    allRSs = [...oldRSs, newRS];
  }
  scaleReplicaSetAndRecordEvent(dc, newRS, replicas(d), d);
  if (deploymentComplete(d, d.status ?? {})) cleanupDeployment(dc, oldRSs, d);
  syncRolloutStatus(dc, allRSs, newRS, d);
}
