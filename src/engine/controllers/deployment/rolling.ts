/**
 * The RollingUpdate strategy (pkg/controller/deployment/rolling.go, in our words). Each sync does
 * one step and stops:
 *  1. scale the new ReplicaSet up as far as maxSurge allows (never past spec.replicas);
 *  2. otherwise scale old ReplicaSets down, never below spec.replicas − maxUnavailable available
 *     pods — first their unhealthy replicas (which cost no availability), oldest ReplicaSet first,
 *     then healthy ones as new pods become available;
 *  3. once complete, clean up old ReplicaSets beyond revisionHistoryLimit.
 * Status and the Progressing condition are synced after every step.
 */
import type { Deployment, ReplicaSet } from '../../api/objects.ts';
import type { DeploymentSync } from './index.ts';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent } from './sync.ts';
import { syncRolloutStatus } from './progress.ts';
import { byCreation, deploymentComplete, filterActive, maxUnavailable, newRSNewReplicas, replicas, sumReplicas, sumStatus } from './util.ts';

export function rolloutRolling(dc: DeploymentSync, d: Deployment, rsList: ReplicaSet[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
  if (!newRS) return; // creation failed (reported); the sync is retried
  const allRSs = [...oldRSs, newRS];
  if (reconcileNewReplicaSet(dc, allRSs, newRS, d)) {
    syncRolloutStatus(dc, allRSs, newRS, d);
    return;
  }
  if (reconcileOldReplicaSets(dc, allRSs, filterActive(oldRSs), newRS, d)) {
    syncRolloutStatus(dc, allRSs, newRS, d);
    return;
  }
  if (deploymentComplete(d, d.status ?? {})) cleanupDeployment(dc, oldRSs, d);
  syncRolloutStatus(dc, allRSs, newRS, d);
}

function reconcileNewReplicaSet(dc: DeploymentSync, allRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment): boolean {
  if (replicas(newRS) === replicas(d)) return false;
  if (replicas(newRS) > replicas(d)) return scaleReplicaSetAndRecordEvent(dc, newRS, replicas(d), d).scaled;
  return scaleReplicaSetAndRecordEvent(dc, newRS, newRSNewReplicas(d, allRSs, newRS), d).scaled;
}

function reconcileOldReplicaSets(dc: DeploymentSync, allRSs: ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment): boolean {
  if (sumReplicas(oldRSs) === 0) return false;
  const minAvailable = replicas(d) - maxUnavailable(d);
  const newRSUnavailable = replicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = sumReplicas(allRSs) - minAvailable - newRSUnavailable;
  if (maxScaledDown <= 0) return false;
  const { rss, scaledDown: cleaned } = cleanupUnhealthyReplicas(dc, oldRSs, d, maxScaledDown);
  const scaledDown = scaleDownOldReplicaSetsForRollingUpdate(dc, [...rss, newRS], rss, d);
  return cleaned + scaledDown > 0;
}

/** Scale old ReplicaSets down by their unavailable replicas, oldest first, up to `maxCleanup`. */
function cleanupUnhealthyReplicas(dc: DeploymentSync, oldRSs: ReplicaSet[], d: Deployment, maxCleanup: number): { rss: ReplicaSet[]; scaledDown: number } {
  const rss = [...oldRSs].sort(byCreation);
  let total = 0;
  for (let i = 0; i < rss.length; i++) {
    if (total >= maxCleanup) break;
    const rs = rss[i]!;
    if (replicas(rs) === 0) continue;
    const unhealthy = replicas(rs) - (rs.status?.availableReplicas ?? 0);
    if (unhealthy === 0) continue;
    const count = Math.min(maxCleanup - total, unhealthy);
    rss[i] = scaleReplicaSetAndRecordEvent(dc, rs, replicas(rs) - count, d).rs;
    total += count;
  }
  return { rss, scaledDown: total };
}

/** Scale old ReplicaSets down, oldest first, while more than minAvailable pods are available. */
function scaleDownOldReplicaSetsForRollingUpdate(dc: DeploymentSync, allRSs: ReplicaSet[], oldRSs: ReplicaSet[], d: Deployment): number {
  const minAvailable = replicas(d) - maxUnavailable(d);
  const available = sumStatus(allRSs, 'availableReplicas');
  if (available <= minAvailable) return 0;
  const target = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= target) break;
    if (replicas(rs) === 0) continue;
    const count = Math.min(replicas(rs), target - total);
    scaleReplicaSetAndRecordEvent(dc, rs, replicas(rs) - count, d);
    total += count;
  }
  return total;
}
