/**
 * Taint-based eviction (pkg/controller/tainteviction/taint_eviction.go, in our words): pods on a
 * node with NoExecute taints are deleted at once if they do not tolerate one of them, or when the
 * shortest matching `tolerationSeconds` runs out (counted from the taint's timeAdded); a deletion
 * still pending is cancelled if the taint goes away. Evicted pods get DisruptionTarget=True
 * (DeletionByTaintManager) and a TaintManagerEviction event.
 */
import type { Taint } from 'kubernetes-types/core/v1';
import type { Controller, ControllerContext } from '../client/controller.ts';
import { type KubeObject, type Node, type Pod, clone, deepEqual, keyOf } from '../api/objects.ts';
import { formatTime, parseTime, SECOND_MS } from '../api/time.ts';
import { StatusError } from '../apiserver/errors.ts';
import { tolerates } from '../scheduler/plugins.ts';
import type { Store } from '../store/store.ts';

/**
 * When the pod must go: now, at a time, or never (undefined). Toleration seconds count from the
 * taint's timeAdded, or — for taints without one, such as those `kubectl taint` adds — from when
 * the controller first saw the pod under NoExecute taints (`sinceMs`), as upstream's eviction queue does.
 */
export function evictionTime(pod: Pod, taints: readonly Taint[], nowMs: number, sinceMs = nowMs): number | undefined {
  const noExecute = taints.filter((t) => t.effect === 'NoExecute');
  if (noExecute.length === 0) return undefined;
  let due: number | undefined;
  for (const taint of noExecute) {
    const matching = (pod.spec?.tolerations ?? []).filter((t) => tolerates(t, taint));
    if (matching.length === 0) return nowMs;
    if (matching.some((t) => t.tolerationSeconds === undefined || t.tolerationSeconds === null)) continue;
    const seconds = Math.max(0, Math.min(...matching.map((t) => t.tolerationSeconds!)));
    const added = parseTime(taint.timeAdded) ?? sinceMs;
    const at = added + seconds * SECOND_MS;
    due = due === undefined ? at : Math.min(due, at);
  }
  return due;
}

function sameSpecAndDeletion(old: KubeObject, now: KubeObject): boolean {
  return (old as Pod).spec === (now as Pod).spec && old.metadata.deletionTimestamp === now.metadata.deletionTimestamp;
}

function hasNoExecuteTaint(store: Store, nodeName: string | undefined): boolean {
  if (!nodeName) return false;
  return store.get<Node>('Node', nodeName)?.spec?.taints?.some((t) => t.effect === 'NoExecute') ?? false;
}

export function taintEvictionController(ctx: ControllerContext): Controller {
  const { store, api, events } = ctx;
  /** Pods with a pending eviction → when it was first scheduled. */
  const scheduled = new Map<string, number>();

  return {
    name: 'taint-eviction',
    watches: [
      {
        kind: 'Node',
        keys: (e) => {
          const node = e.object as Node;
          if (e.type === 'MODIFIED' && deepEqual((e.old as Node | undefined)?.spec?.taints ?? [], node.spec?.taints ?? [])) return undefined;
          return [...store.byIndex<Pod>('Pod', 'nodeName', node.metadata.name)].map(keyOf);
        },
      },
      // A pod matters only while its node has NoExecute taints; tainting a node enqueues its pods,
      // so a write that changes neither the pod's spec nor its deletion (a status update) is no news.
      {
        kind: 'Pod',
        keys: (e) => {
          if (e.type === 'DELETED' || (e.old && sameSpecAndDeletion(e.old, e.object))) return undefined;
          return hasNoExecuteTaint(store, (e.object as Pod).spec?.nodeName) ? e.key : undefined;
        },
      },
    ],
    reconcile(key) {
      const pod = store.get<Pod>('Pod', key);
      const node = pod?.spec?.nodeName ? store.get<Node>('Node', pod.spec.nodeName) : undefined;
      if (!pod || !node || pod.metadata.deletionTimestamp) {
        scheduled.delete(key);
        return;
      }
      const now = ctx.now();
      const due = evictionTime(pod, node.spec?.taints ?? [], now, scheduled.get(key) ?? now);
      if (due === undefined) {
        if (scheduled.delete(key)) events.record(pod, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`, { component: 'taint-eviction-controller' });
        return;
      }
      if (due > now) {
        if (!scheduled.has(key)) scheduled.set(key, now);
        return { requeueAfterMs: due - now };
      }
      scheduled.delete(key);
      events.record(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`, { component: 'taint-eviction-controller' });
      const updated = clone(pod);
      updated.status = updated.status ?? {};
      updated.status.conditions = [
        ...(pod.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'),
        { type: 'DisruptionTarget', status: 'True', lastProbeTime: null as unknown as string, lastTransitionTime: formatTime(now), reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' },
      ];
      try {
        api.updateStatus(updated);
        api.delete('Pod', pod.metadata.namespace, pod.metadata.name, { preconditions: { uid: pod.metadata.uid } });
      } catch (e) {
        if (!(e instanceof StatusError && (e.reason === 'NotFound' || e.reason === 'Conflict'))) throw e;
      }
    },
  };
}
