/**
 * The Deployment controller (pkg/controller/deployment/deployment_controller.go, in our words).
 * A Deployment owns ReplicaSets, one per pod template it has had; the ReplicaSets own the pods.
 *
 * Each sync (syncDeployment):
 *  1. claims the ReplicaSets its selector matches (adopting orphans, releasing the rest);
 *  2. if it is being deleted, only refreshes status;
 *  3. records Progressing=Unknown when paused / resumed;
 *  4. paused, or a scaling event (an active ReplicaSet sized for another spec.replicas): resizes
 *     without rolling out (sync.ts);
 *  5. otherwise rolls out with its strategy: rolling.ts (maxSurge / maxUnavailable) or
 *     recreate.ts.
 * Files: util.ts (pure arithmetic), sync.ts (revisions, scaling, cleanup), progress.ts
 * (conditions, progress deadline), rolling.ts, recreate.ts.
 *
 * Wakes on: its own changes; changes of ReplicaSets it controls (or orphans it could adopt); and,
 * for Recreate, the deletion of its pods (the new ReplicaSet waits for the old pods to go).
 */
import type { Controller, ControllerContext, ReconcileResult } from '../../client/controller.ts';
import { selfKey } from '../../client/controller.ts';
import { type Deployment, type KubeObject, type Pod, type ReplicaSet, controllerRef, keyOf } from '../../api/objects.ts';
import { fromLabelSelector, matches } from '../../api/labels.ts';
import type { WatchEvent } from '../../store/store.ts';
import { claimCandidates, controlledBy, ensureClaimIndexes } from '../shared/listers.ts';
import { claimObjects } from '../shared/refManager.ts';
import { FailureBackoff } from '../shared/backoff.ts';
import { checkPausedConditions, isScalingEvent, sync, syncStatusOnly } from './sync.ts';
import { rolloutRolling } from './rolling.ts';
import { rolloutRecreate } from './recreate.ts';

export const DEPLOYMENT_CONTROLLER = 'deployment-controller';

/** What the strategy code needs during one sync: API access, time, events and the requeue it asks for. */
export interface DeploymentSync {
  ctx: ControllerContext;
  component: string;
  now(): number;
  event(d: Deployment, reason: string, message: string): void;
  requeueAfter(ms: number): void;
  /** Retry soon with per-key back-off (a failed step). */
  requeueRateLimited(): void;
  requeueNow(): void;
}

export function deploymentController(ctx: ControllerContext): Controller {
  const { store } = ctx;
  const backoff = new FailureBackoff();
  ensureClaimIndexes(store);

  const deploymentsMatching = (obj: KubeObject): string[] => {
    const keys: string[] = [];
    for (const d of store.list<Deployment>('Deployment')) {
      if (d.metadata.namespace !== obj.metadata.namespace) continue;
      const sel = fromLabelSelector(d.spec?.selector);
      if (!(sel instanceof Error) && sel && sel.length > 0 && matches(sel, obj.metadata.labels)) keys.push(keyOf(d));
    }
    return keys;
  };

  const replicaSetKeys = (e: WatchEvent): string[] => {
    const keys = new Set<string>();
    for (const rs of [e.object, e.old]) {
      const ref = rs && controllerRef(rs);
      if (ref?.kind === 'Deployment') keys.add(`${rs!.metadata.namespace}/${ref.name}`);
    }
    if (e.type !== 'DELETED' && !controllerRef(e.object)) for (const k of deploymentsMatching(e.object)) keys.add(k);
    return [...keys];
  };

  /** Recreate Deployments wait for their old pods to be gone. */
  const podKeys = (e: WatchEvent): string | undefined => {
    if (e.type !== 'DELETED') return undefined;
    const rsRef = controllerRef(e.object);
    if (rsRef?.kind !== 'ReplicaSet') return undefined;
    const rs = store.get<ReplicaSet>('ReplicaSet', `${e.object.metadata.namespace}/${rsRef.name}`);
    const dRef = rs && controllerRef(rs);
    if (dRef?.kind !== 'Deployment') return undefined;
    const key = `${rs!.metadata.namespace}/${dRef.name}`;
    return store.get<Deployment>('Deployment', key)?.spec?.strategy?.type === 'Recreate' ? key : undefined;
  };

  const reconcile = (key: string): ReconcileResult => {
    const stored = store.get<Deployment>('Deployment', key);
    if (!stored) {
      backoff.forget(key);
      return;
    }
    const selector = fromLabelSelector(stored.spec?.selector);
    if (selector instanceof Error || !selector || selector.length === 0) return;
    let requeueMs: number | undefined;
    const requeueAfter = (ms: number) => {
      requeueMs = requeueMs === undefined ? ms : Math.min(requeueMs, ms);
    };
    let failed = false;
    const dc: DeploymentSync = {
      ctx,
      component: DEPLOYMENT_CONTROLLER,
      now: () => ctx.now(),
      event: (d, reason, message) => ctx.events.record(d as KubeObject, 'Normal', reason, message, { component: DEPLOYMENT_CONTROLLER }),
      requeueAfter,
      requeueRateLimited: () => {
        failed = true;
      },
      requeueNow: () => {
        failed = true;
      },
    };
    // The sync changes only annotations and status (never the spec): copy just those.
    const d: Deployment = { ...stored, metadata: { ...stored.metadata, annotations: { ...stored.metadata.annotations } }, status: { ...stored.status } };
    const { claimed: rsList } = claimObjects(ctx, d as KubeObject, selector, claimCandidates<ReplicaSet>(store, 'ReplicaSet', d as KubeObject));
    if (d.metadata.deletionTimestamp) {
      syncStatusOnly(dc, d, rsList);
    } else {
      checkPausedConditions(dc, d);
      if (d.spec?.paused || isScalingEvent(dc, d, rsList)) {
        sync(dc, d, rsList);
      } else if (d.spec?.strategy?.type === 'Recreate') {
        const podsByRS = new Map<string, Pod[]>();
        for (const rs of rsList) podsByRS.set(rs.metadata.uid, controlledBy<Pod>(store, 'Pod', rs.metadata.uid).filter((p) => matches(selector, p.metadata.labels)));
        rolloutRecreate(dc, d, rsList, podsByRS);
      } else {
        rolloutRolling(dc, d, rsList);
      }
    }
    if (failed) return { requeueAfterMs: backoff.next(key) };
    backoff.forget(key);
    return requeueMs === undefined ? undefined : { requeueAfterMs: requeueMs };
  };

  return {
    name: 'deployment',
    watches: [
      { kind: 'Deployment', keys: selfKey },
      { kind: 'ReplicaSet', keys: replicaSetKeys },
      { kind: 'Pod', keys: podKeys },
    ],
    reconcile,
  };
}
