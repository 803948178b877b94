/**
 * Node lifecycle (pkg/controller/nodelifecycle/node_lifecycle_controller.go, in our words):
 *
 * - A node whose lease has not been renewed for the grace period (50 s since 1.32) gets its Ready,
 *   MemoryPressure, DiskPressure and PIDPressure conditions set to Unknown ("Kubelet stopped posting
 *   node status."), its pods marked not ready, and the `node.kubernetes.io/unreachable` taints.
 * - Ready=False nodes get the `not-ready` taints; cordoned nodes the `unschedulable` one. Taints go
 *   when the condition clears.
 * - NoExecute taints are added through a rate limiter (one node per 10 s per zone), and not at all
 *   when every node is down ("master disruption" mode) or, on clusters of up to 50 nodes, when
 *   more than 2 nodes and at least 55 % are not ready.
 * Instead of polling every 5 s, a node whose kubelet stops renewing its lease is re-checked exactly
 * when its grace period would run out (rounded up to the 5 s monitor period): the same observable
 * timing, and no cost at all while kubelets are healthy.
 */
import type { NodeCondition, Taint } from 'kubernetes-types/core/v1';
import type { Controller, ControllerContext } from '../client/controller.ts';
import { selfKey } from '../client/controller.ts';
import { type Node, type Pod, clone, keyOf } from '../api/objects.ts';
import { formatTime, SECOND_MS } from '../api/time.ts';

export const NODE_MONITOR_GRACE_MS = 50 * SECOND_MS;
export const NODE_MONITOR_PERIOD_MS = 5 * SECOND_MS;
export const NO_EXECUTE_RATE_MS = 10 * SECOND_MS;
const PARTIAL_DISRUPTION_THRESHOLD = 0.55;
const LARGE_CLUSTER_THRESHOLD = 50;

export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
const MANAGED = [TAINT_UNREACHABLE, TAINT_NOT_READY, TAINT_UNSCHEDULABLE];

export interface NodeHealthSource {
  /** When the node's kubelet last renewed its lease; undefined for nodes without a kubelet. */
  leaseRenewedMs(nodeName: string, nowMs: number): number | undefined;
  /** Whether the node's kubelet is renewing its lease right now (then it cannot run out). */
  renewing(nodeName: string): boolean;
  /** Ask to be told when a kubelet stops or resumes renewing its lease. */
  onRenewalChange(listener: (nodeName: string) => void): void;
}

function readyStatus(node: Node): string | undefined {
  return node.status?.conditions?.find((c) => c.type === 'Ready')?.status;
}

export function nodeLifecycleController(ctx: ControllerContext, health: NodeHealthSource): Controller {
  const { store, api, events } = ctx;
  let lastNoExecuteMs = -Infinity;

  const nodeEvent = (node: Node, reason: string, message: string) => events.record(node, 'Normal', reason, message, { component: 'node-controller' });

  /** Conditions flip to Unknown when the lease is stale. Returns the (possibly updated) node. */
  const checkHeartbeat = (node: Node): { node: Node; recheckAtMs?: number } => {
    const now = ctx.now();
    const renewed = health.leaseRenewedMs(node.metadata.name, now);
    if (renewed === undefined) return { node };
    const deadline = renewed + NODE_MONITOR_GRACE_MS;
    if (now <= deadline) {
      // A lease being renewed cannot run out; we hear about it when renewal stops.
      if (health.renewing(node.metadata.name)) return { node };
      const nextTick = Math.ceil((deadline + 1) / NODE_MONITOR_PERIOD_MS) * NODE_MONITOR_PERIOD_MS;
      return { node, recheckAtMs: nextTick };
    }
    if (readyStatus(node) === 'Unknown') return { node };
    const updated = clone(node);
    const t = formatTime(now);
    updated.status!.conditions = (node.status?.conditions ?? []).map((c): NodeCondition =>
      ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'].includes(c.type)
        ? { ...c, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: t }
        : c,
    );
    const written = api.updateStatus<Node>(updated);
    nodeEvent(written, 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`);
    markPodsNotReady(node.metadata.name);
    return { node: written };
  };

  const markPodsNotReady = (nodeName: string) => {
    for (const pod of [...store.byIndex<Pod>('Pod', 'nodeName', nodeName)]) {
      const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      const updated = clone(pod);
      updated.status!.conditions = pod.status!.conditions!.map((c) => (c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: formatTime(ctx.now()) } : c));
      api.updateStatus(updated);
      events.record(pod, 'Warning', 'NodeNotReady', 'Node is not ready', { component: 'node-controller' });
    }
  };

  /** The nodes whose Ready condition is not True, kept by the Node watch (for the zone state). */
  const notReady = new Set<string>();
  const noteReadiness = (node: Node, deleted: boolean): void => {
    if (!deleted && readyStatus(node) !== 'True') notReady.add(node.metadata.name);
    else notReady.delete(node.metadata.name);
  };

  /** Whether NoExecute taints may be applied now, given the zone's state. */
  const evictionsAllowed = (): boolean => disruptionAllowsEviction(store.count('Node'), notReady.size);

  const syncTaints = (node: Node): number | undefined => {
    // The common case, a heartbeat of a ready, schedulable node without taints: nothing to change.
    if (!node.spec?.taints?.length && !node.spec?.unschedulable && readyStatus(node) === 'True') return undefined;
    const now = ctx.now();
    const current = node.spec?.taints ?? [];
    const needsNoExecute = readyStatus(node) === 'Unknown' || readyStatus(node) === 'False';
    const hasNoExecute = current.some((t) => MANAGED.includes(t.key) && t.effect === 'NoExecute');
    let allowNoExecute = hasNoExecute;
    let retryAt: number | undefined;
    if (needsNoExecute && !hasNoExecute) {
      if (!evictionsAllowed()) {
        allowNoExecute = false;
        retryAt = now + NODE_MONITOR_PERIOD_MS; // re-evaluate the zone state on the next monitor tick
      }
      else if (now - lastNoExecuteMs < NO_EXECUTE_RATE_MS) retryAt = lastNoExecuteMs + NO_EXECUTE_RATE_MS;
      else allowNoExecute = true;
    } else if (hasNoExecute && needsNoExecute && !evictionsAllowed()) {
      allowNoExecute = false; // full disruption: stop evicting
    }
    const desired = desiredTaints(node, allowNoExecute);
    const keep = current.filter((t) => !MANAGED.includes(t.key) || desired.some((d) => d.key === t.key && d.effect === t.effect));
    const add = desired.filter((d) => !current.some((t) => t.key === d.key && t.effect === d.effect)).map((d) => ({ ...d, timeAdded: formatTime(now) }));
    if (add.length === 0 && keep.length === current.length) return retryAt;
    if (add.some((t) => t.effect === 'NoExecute')) lastNoExecuteMs = now;
    const updated = clone(node);
    updated.spec = { ...updated.spec, taints: [...keep, ...add] };
    if (updated.spec.taints!.length === 0) delete updated.spec.taints;
    api.update(updated);
    return retryAt;
  };

  return {
    name: 'node-lifecycle',
    watches: [
      {
        kind: 'Node',
        keys: (e) => {
          noteReadiness(e.object as Node, e.type === 'DELETED');
          return selfKey(e);
        },
      },
    ],
    start(queue) {
      for (const n of store.list<Node>('Node')) {
        noteReadiness(n, false);
        queue.add(keyOf(n));
      }
      health.onRenewalChange((name) => queue.add(name));
    },
    reconcile(name) {
      const node0 = store.get<Node>('Node', name);
      if (!node0) return;
      const { node, recheckAtMs } = checkHeartbeat(node0);
      const retryAt = syncTaints(node);
      // Other nodes may now be allowed NoExecute taints (rate limiter, disruption state).
      const next = [recheckAtMs, retryAt].filter((t): t is number => t !== undefined);
      if (next.length > 0) return { requeueAfterMs: Math.max(0, Math.min(...next) - ctx.now()) };
    },
  };
}

/**
 * The zone state's verdict on evictions: none in full disruption (every node not ready: "master
 * disruption" mode) nor, on clusters of up to 50 nodes, in partial disruption (more than 2 nodes
 * and at least 55 % not ready). Pure, for tests.
 */
export function disruptionAllowsEviction(totalNodes: number, notReadyNodes: number): boolean {
  if (totalNodes > 0 && notReadyNodes === totalNodes) return false;
  if (totalNodes <= LARGE_CLUSTER_THRESHOLD && notReadyNodes > 2 && notReadyNodes / totalNodes >= PARTIAL_DISRUPTION_THRESHOLD) return false;
  return true;
}

/** The taints the controller manages that `node` should carry (NoExecute only when allowed). Pure. */
export function desiredTaints(node: Node, allowNoExecute: boolean): Taint[] {
  const status = readyStatus(node);
  const key = status === 'Unknown' ? TAINT_UNREACHABLE : status === 'False' ? TAINT_NOT_READY : undefined;
  const out: Taint[] = [];
  if (key) {
    out.push({ key, effect: 'NoSchedule' });
    if (allowNoExecute) out.push({ key, effect: 'NoExecute' });
  }
  if (node.spec?.unschedulable) out.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' });
  return out;
}

export function registeredNodeEvent(ctx: ControllerContext, node: Node): void {
  ctx.events.record(node, 'Normal', 'RegisteredNode', `Node ${node.metadata.name} event: Registered Node ${node.metadata.name} in Controller`, { component: 'node-controller' });
}
