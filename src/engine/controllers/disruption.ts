/**
 * PodDisruptionBudgets: the disruption controller (pkg/controller/disruption/disruption.go) and the
 * Eviction API's budget check (pkg/registry/core/pod/storage/eviction.go), in our words.
 *
 * The controller keeps each budget's status: the pods its selector matches, how many of them should
 * exist (expectedPods — from their controllers' scale when maxUnavailable or a percentage is used),
 * how many must stay healthy (desiredHealthy), how many are (currentHealthy: ready, not being deleted,
 * not just evicted), and disruptionsAllowed = current − desired (never negative), with the
 * DisruptionAllowed condition.
 *
 * An eviction of a ready pod covered by a budget takes one allowed disruption (and records the pod
 * in disruptedPods for two minutes), or is refused with 429 "Cannot evict pod as it would violate
 * the pod's disruption budget." — `kubectl drain` retries every 5 s until the budget allows it.
 */
import type { Condition } from 'kubernetes-types/meta/v1';
import { type Controller, type ControllerContext, type ReconcileResult, selfKey } from '../client/controller.ts';
import { type Deployment, type KubeObject, type Pod, type PodDisruptionBudget, type ReplicaSet, clone, controllerRef, keyOf, deepEqual } from '../api/objects.ts';
import { fromLabelSelector, matches, formatLabelSelector } from '../api/labels.ts';
import { formatTime, MINUTE_MS, parseTime } from '../api/time.ts';
import { StatusError } from '../apiserver/errors.ts';
import { scaledValue } from './deployment/util.ts';
import { isPodReady } from './shared/podState.ts';

export const DISRUPTION_CONTROLLER = 'controllermanager';
/** How long an evicted pod is assumed to be on its way out. */
export const DELETION_TIMEOUT_MS = 2 * MINUTE_MS;
const MAX_DISRUPTED_PODS = 2000;

type Status = NonNullable<PodDisruptionBudget['status']>;

/** The budgets whose selector matches the pod (policy/v1: an empty selector matches every pod). */
export function budgetsFor(budgets: Iterable<PodDisruptionBudget>, pod: Pod): PodDisruptionBudget[] {
  const out: PodDisruptionBudget[] = [];
  for (const pdb of budgets) {
    if (pdb.metadata.namespace !== pod.metadata.namespace) continue;
    const sel = fromLabelSelector(pdb.spec?.selector ?? {});
    if (!(sel instanceof Error) && matches(sel, pod.metadata.labels)) out.push(pdb);
  }
  return out;
}

/** The DisruptionAllowed condition for a status (UpdateDisruptionAllowedCondition). */
function withCondition(status: Status, generation: number, nowMs: number): Status {
  const allowed = (status.disruptionsAllowed ?? 0) > 0;
  const wanted = { type: 'DisruptionAllowed', status: allowed ? 'True' : 'False', reason: allowed ? 'SufficientPods' : 'InsufficientPods', observedGeneration: generation, message: '' };
  const current = status.conditions?.find((c) => c.type === 'DisruptionAllowed');
  const condition: Condition = {
    ...wanted,
    lastTransitionTime: current && current.status === wanted.status ? current.lastTransitionTime : formatTime(nowMs),
  };
  return { ...status, conditions: [...(status.conditions ?? []).filter((c) => c.type !== 'DisruptionAllowed'), condition] };
}

export function disruptionController(ctx: ControllerContext): Controller {
  const { store, api, events } = ctx;
  const event = (pdb: PodDisruptionBudget, type: 'Normal' | 'Warning', reason: string, message: string) =>
    events.record(pdb as KubeObject, type, reason, message, { component: DISRUPTION_CONTROLLER });

  /** getExpectedScale: the summed scale of the pods' controllers; errors for pods without a scalable one. */
  const expectedScale = (pods: Pod[]): { count: number; unmanaged: string[] } => {
    const scales = new Map<string, number>();
    const unmanaged: string[] = [];
    for (const pod of pods) {
      const ref = controllerRef(pod);
      if (!ref) {
        unmanaged.push(pod.metadata.name);
        continue;
      }
      if (scales.has(ref.uid)) continue;
      const owner = store.getByUid<KubeObject>(ref.uid);
      let found: { uid: string; scale: number } | undefined;
      if (owner?.kind === 'ReplicaSet') {
        const rs = owner as unknown as ReplicaSet;
        const dRef = controllerRef(rs);
        const d = dRef?.kind === 'Deployment' ? store.getByUid<Deployment>(dRef.uid) : undefined;
        found = d ? { uid: d.metadata.uid, scale: d.spec?.replicas ?? 0 } : { uid: rs.metadata.uid, scale: rs.spec?.replicas ?? 0 };
      } else if (owner && ['StatefulSet', 'ReplicationController'].includes(owner.kind)) {
        found = { uid: owner.metadata.uid, scale: (owner.spec as { replicas?: number } | undefined)?.replicas ?? 0 };
      }
      if (!found) throw new Error(`found no controllers for pod ${JSON.stringify(pod.metadata.name)}`);
      scales.set(found.uid, found.scale);
    }
    return { count: [...scales.values()].reduce((a, b) => a + b, 0), unmanaged };
  };

  const reconcile = (key: string): ReconcileResult => {
    const pdb = store.get<PodDisruptionBudget>('PodDisruptionBudget', key);
    if (!pdb) return;
    const now = ctx.now();
    const sel = fromLabelSelector(pdb.spec?.selector ?? {});
    const pods = sel instanceof Error ? [] : [...store.list<Pod>('Pod')].filter((p) => p.metadata.namespace === pdb.metadata.namespace && matches(sel, p.metadata.labels));
    if (pods.length === 0) event(pdb, 'Normal', 'NoPods', 'No matching pods found');
    let expected = 0;
    let desired = 0;
    try {
      const { minAvailable, maxUnavailable } = pdb.spec ?? {};
      if (maxUnavailable !== undefined) {
        const { count, unmanaged } = expectedScale(pods);
        expected = count;
        desired = Math.max(0, count - scaledValue(maxUnavailable, count, true));
        if (unmanaged.length > 0) unmanagedEvent(pdb);
      } else if (typeof minAvailable === 'number') {
        expected = pods.length;
        desired = minAvailable;
      } else if (typeof minAvailable === 'string') {
        const { count, unmanaged } = expectedScale(pods);
        expected = count;
        desired = scaledValue(minAvailable, count, true);
        if (unmanaged.length > 0) unmanagedEvent(pdb);
      }
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      event(pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${message}`);
      writeStatus(pdb, failSafe(pdb, message, now));
      return;
    }
    // buildDisruptedPodMap: evicted pods stay counted as gone for two minutes.
    const disrupted: Record<string, string> = {};
    let recheckMs: number | undefined;
    for (const pod of pods) {
      const at = parseTime(pdb.status?.disruptedPods?.[pod.metadata.name]);
      if (pod.metadata.deletionTimestamp || at === undefined) continue;
      if (at + DELETION_TIMEOUT_MS < now) {
        events.record(pod, 'Warning', 'NotDeleted', `Pod was expected by PDB ${pdb.metadata.namespace}/${pdb.metadata.name} to be deleted but it wasn't`, { component: DISRUPTION_CONTROLLER });
      } else {
        disrupted[pod.metadata.name] = pdb.status!.disruptedPods![pod.metadata.name]!;
        recheckMs = Math.min(recheckMs ?? Infinity, at + DELETION_TIMEOUT_MS);
      }
    }
    let healthy = 0;
    for (const pod of pods) if (!pod.metadata.deletionTimestamp && !(pod.metadata.name in disrupted) && isPodReady(pod)) healthy++;
    const allowed = expected <= 0 ? 0 : Math.max(0, healthy - desired);
    const status: Status = {
      ...(pdb.metadata.generation ? { observedGeneration: pdb.metadata.generation } : {}),
      ...(Object.keys(disrupted).length > 0 ? { disruptedPods: disrupted } : {}),
      disruptionsAllowed: allowed,
      currentHealthy: healthy,
      desiredHealthy: desired,
      expectedPods: expected,
      ...(pdb.status?.conditions ? { conditions: pdb.status.conditions } : {}),
    };
    writeStatus(pdb, withCondition(status, pdb.metadata.generation ?? 0, now));
    return recheckMs !== undefined ? { requeueAfterMs: Math.max(0, recheckMs - now) + 1 } : undefined;
  };

  const unmanagedEvent = (pdb: PodDisruptionBudget) =>
    event(
      pdb,
      'Warning',
      'UnmanagedPods',
      `Pods selected by this PodDisruptionBudget (selector: ${formatLabelSelector(pdb.spec?.selector)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`,
    );

  /** failSafe: no disruptions allowed while the budget cannot be computed. */
  const failSafe = (pdb: PodDisruptionBudget, message: string, nowMs: number): Status => {
    const base: Status = { ...(pdb.status ?? { currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, disruptionsAllowed: 0 }), disruptionsAllowed: 0 };
    const current = base.conditions?.find((c) => c.type === 'DisruptionAllowed');
    const condition: Condition = { type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed', message, observedGeneration: pdb.metadata.generation ?? 0, lastTransitionTime: current?.status === 'False' ? current.lastTransitionTime : formatTime(nowMs) };
    return { ...base, conditions: [...(base.conditions ?? []).filter((c) => c.type !== 'DisruptionAllowed'), condition] };
  };

  const writeStatus = (pdb: PodDisruptionBudget, status: Status) => {
    if (deepEqual(status, pdb.status ?? {})) return;
    const updated = clone(pdb);
    updated.status = status;
    api.updateStatus(updated);
  };

  // The Eviction API's check: take one allowed disruption or refuse with 429.
  api.evictionChecks.push((pod) => {
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || pod.metadata.deletionTimestamp) return;
    const budgets = budgetsFor(store.list<PodDisruptionBudget>('PodDisruptionBudget'), pod);
    if (budgets.length > 1) throw new StatusError('InternalError', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
    const pdb = budgets[0];
    if (!pdb) return;
    const s: Status = pdb.status ?? { currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, disruptionsAllowed: 0 };
    const unhealthyMayGo = pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow' || ((s.currentHealthy ?? 0) >= (s.desiredHealthy ?? 0) && (s.desiredHealthy ?? 0) > 0);
    if (!isPodReady(pod) && unhealthyMayGo) return;
    const refuse = () => new StatusError('TooManyRequests', "Cannot evict pod as it would violate the pod's disruption budget.", { causes: [{ reason: 'DisruptionBudget', message: `The disruption budget ${pdb.metadata.name} needs ${s.desiredHealthy ?? 0} healthy pods and has ${s.currentHealthy ?? 0} currently`, field: '' }] });
    if ((s.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) throw refuse();
    if (Object.keys(s.disruptedPods ?? {}).length > MAX_DISRUPTED_PODS) throw new StatusError('Forbidden', `poddisruptionbudgets.policy "${pdb.metadata.name}" is forbidden: DisruptedPods map too big - too many evictions not confirmed by PDB controller`);
    if ((s.disruptionsAllowed ?? 0) <= 0) throw refuse();
    let status: Status = { ...s, disruptionsAllowed: (s.disruptionsAllowed ?? 0) - 1, disruptedPods: { ...(s.disruptedPods ?? {}), [pod.metadata.name]: formatTime(ctx.now()) } };
    if (status.disruptionsAllowed === 0) status = withCondition(status, s.observedGeneration ?? 0, ctx.now());
    writeStatus(pdb, status);
  });

  const podKeys = (e: { object: KubeObject; old?: KubeObject }): string[] => {
    const keys = new Set<string>();
    for (const p of [e.object, e.old]) if (p) for (const pdb of budgetsFor(store.list<PodDisruptionBudget>('PodDisruptionBudget'), p as Pod)) keys.add(keyOf(pdb));
    return [...keys];
  };

  return {
    name: 'disruption',
    watches: [
      { kind: 'PodDisruptionBudget', keys: selfKey },
      { kind: 'Pod', keys: (e) => (store.count('PodDisruptionBudget') === 0 ? undefined : podKeys(e)) },
      // Scale changes of the pods' controllers change expectedPods.
      { kind: 'Deployment', keys: (e) => (store.count('PodDisruptionBudget') === 0 ? undefined : [...store.list<PodDisruptionBudget>('PodDisruptionBudget')].filter((p) => p.metadata.namespace === e.object.metadata.namespace).map(keyOf)) },
    ],
    reconcile,
  };
}
