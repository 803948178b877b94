/**
 * Rollout progress (pkg/controller/deployment/progress.go, in our words): after each rollout step
 * the Progressing condition says where the newest ReplicaSet stands —
 *   True  NewReplicaSetAvailable    `ReplicaSet "x" has successfully progressed.`  (complete)
 *   True  ReplicaSetUpdated         `ReplicaSet "x" is progressing.`  (lastUpdateTime moves on any progress)
 *   False ProgressDeadlineExceeded  `ReplicaSet "x" has timed out progressing.`
 * — and the ReplicaFailure condition mirrors the ReplicaSets'. A rollout that shows no progress for
 * progressDeadlineSeconds since the condition's lastUpdateTime times out (the rollout goes on; only
 * the condition says so); the Deployment is requeued for exactly that check.
 */
import type { DeploymentCondition } from 'kubernetes-types/apps/v1';
import { type Deployment, type ReplicaSet, deepEqual } from '../../api/objects.ts';
import { parseTime, SECOND_MS } from '../../api/time.ts';
import type { DeploymentSync } from './index.ts';
import { updateDeploymentStatus } from './sync.ts';
import {
  REASONS,
  calculateStatus,
  compactStatus,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getCondition,
  hasProgressDeadline,
  newCondition,
  removeCondition,
  setCondition,
} from './util.ts';

/** getReplicaFailures: the new ReplicaSet's ReplicaFailure conditions, else the old ones'. */
function replicaFailures(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): DeploymentCondition[] {
  const convert = (rs: ReplicaSet | undefined): DeploymentCondition[] =>
    (rs?.status?.conditions ?? [])
      .filter((c) => c.type === 'ReplicaFailure')
      .map((c) => ({ type: c.type, status: c.status, lastTransitionTime: c.lastTransitionTime, lastUpdateTime: c.lastTransitionTime, reason: c.reason, message: c.message }) as DeploymentCondition);
  const fromNew = convert(newRS);
  return fromNew.length > 0 ? fromNew : allRSs.flatMap(convert);
}

/** syncRolloutStatus: status plus the Progressing and ReplicaFailure conditions. */
export function syncRolloutStatus(dc: DeploymentSync, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): void {
  const now = dc.now();
  const status = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');
  const currentCond = getCondition(d.status, 'Progressing');
  const isCompleteDeployment = status.replicas === status.updatedReplicas && currentCond?.reason === REASONS.newRSAvailable;
  if (hasProgressDeadline(d) && !isCompleteDeployment) {
    const name = newRS ? `ReplicaSet ${JSON.stringify(newRS.metadata.name)}` : `Deployment ${JSON.stringify(d.metadata.name)}`;
    if (deploymentComplete(d, status)) {
      setCondition(status, newCondition('Progressing', 'True', REASONS.newRSAvailable, `${name} has successfully progressed.`, now));
    } else if (deploymentProgressing(d, status)) {
      const condition = newCondition('Progressing', 'True', REASONS.replicaSetUpdated, `${name} is progressing.`, now);
      // Progress moves lastUpdateTime even when the reason stays the same.
      if (currentCond) {
        if (currentCond.status === 'True') condition.lastTransitionTime = currentCond.lastTransitionTime;
        removeCondition(status, 'Progressing');
      }
      setCondition(status, condition);
    } else if (deploymentTimedOut(d, status, now)) {
      setCondition(status, newCondition('Progressing', 'False', REASONS.timedOut, `${name} has timed out progressing.`, now));
    }
  }
  const failures = replicaFailures(allRSs, newRS);
  if (failures.length > 0) setCondition(status, failures[0]!);
  else removeCondition(status, 'ReplicaFailure');

  const compact = compactStatus(status);
  if (deepEqual(compact, d.status ?? {})) {
    requeueStuckDeployment(dc, d, compact);
    return;
  }
  d.status = compact;
  updateDeploymentStatus(dc, d);
}

/** requeueStuckDeployment: come back when the progress deadline would pass (plus a second, as upstream). */
function requeueStuckDeployment(dc: DeploymentSync, d: Deployment, status: NonNullable<Deployment['status']>): void {
  const cond = getCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || !cond) return;
  if (deploymentComplete(d, status) || cond.reason === REASONS.timedOut) return;
  const lastUpdate = parseTime(cond.lastUpdateTime);
  if (lastUpdate === undefined) return;
  const after = lastUpdate + d.spec!.progressDeadlineSeconds! * SECOND_MS - dc.now();
  if (after < SECOND_MS) dc.requeueRateLimited();
  else dc.requeueAfter(after + SECOND_MS);
}
