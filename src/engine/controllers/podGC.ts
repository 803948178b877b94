/**
 * Pod garbage collection (pkg/controller/podgc/gc_controller.go, in our words): pods bound to a
 * node that no longer exists are marked Failed with DisruptionTarget=True (DeletionByPodGC) and
 * force-deleted, about 40 s after the node went (upstream checks twice, 20 s apart) — or after it was
 * bound to a node that never existed; terminating pods that were never scheduled are force-deleted
 * at once; and beyond 12,500 finished (Succeeded/Failed) pods the oldest go, checked every 20 s
 * while pods keep finishing (--terminated-pod-gc-threshold).
 */
import type { Controller, ControllerContext } from '../client/controller.ts';
import { type Pod, clone, keyOf } from '../api/objects.ts';
import { formatTime, SECOND_MS } from '../api/time.ts';
import { StatusError } from '../apiserver/errors.ts';

export const ORPHAN_POD_DELAY_MS = 40 * SECOND_MS;
export const TERMINATED_POD_THRESHOLD = 12_500;
const GC_PERIOD_MS = 20 * SECOND_MS;
/** The queue key of the terminated-pods sweep (no pod key contains a '#'). */
const TERMINATED_SWEEP = '#terminated';

const isTerminal = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/** The finished pods to delete so that at most `threshold` remain: the oldest first. Pure. */
export function terminatedPodsToDelete(pods: Iterable<Pod>, threshold: number): Pod[] {
  const finished = [...pods].filter((p) => isTerminal(p) && !p.metadata.deletionTimestamp);
  if (finished.length <= threshold) return [];
  finished.sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? -1 : a.metadata.creationTimestamp > b.metadata.creationTimestamp ? 1 : keyOf(a) < keyOf(b) ? -1 : 1));
  return finished.slice(0, finished.length - threshold);
}

export function podGCController(ctx: ControllerContext): Controller {
  const { store, api } = ctx;
  const boundToMissingNode = (pod: Pod) => pod.spec?.nodeName !== undefined && !store.get('Node', pod.spec.nodeName);
  const forceDelete = (pod: Pod) => {
    try {
      api.delete('Pod', pod.metadata.namespace, pod.metadata.name, { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } });
    } catch (e) {
      ignoreGone(e);
    }
  };
  return {
    name: 'pod-gc',
    watches: [
      { kind: 'Node', keys: (e) => (e.type === 'DELETED' ? [...store.byIndex<Pod>('Pod', 'nodeName', e.object.metadata.name)].map(keyOf) : undefined), delayMs: ORPHAN_POD_DELAY_MS },
      { kind: 'Pod', keys: (e) => (e.type !== 'DELETED' && e.object.metadata.deletionTimestamp && !(e.object as Pod).spec?.nodeName ? e.key : undefined) },
      // A pod bound to a node that does not exist (any more, or ever) goes after the same quarantine.
      // (A node's deletion enqueues its pods, so only a change of binding needs a look here.)
      { kind: 'Pod', keys: (e) => (e.type !== 'DELETED' && (e.old as Pod | undefined)?.spec !== (e.object as Pod).spec && boundToMissingNode(e.object as Pod) ? e.key : undefined), delayMs: ORPHAN_POD_DELAY_MS },
      // A pod finished: sweep finished pods at the next 20 s tick.
      { kind: 'Pod', keys: (e) => (e.type === 'MODIFIED' && isTerminal(e.object as Pod) && !isTerminal(e.old as Pod) ? TERMINATED_SWEEP : undefined), delayMs: GC_PERIOD_MS },
    ],
    reconcile(key) {
      if (key === TERMINATED_SWEEP) {
        for (const pod of terminatedPodsToDelete(store.list<Pod>('Pod'), TERMINATED_POD_THRESHOLD)) forceDelete(pod);
        return;
      }
      const pod = store.get<Pod>('Pod', key);
      if (!pod) return;
      const nodeName = pod.spec?.nodeName;
      const orphaned = nodeName !== undefined && !store.get('Node', nodeName);
      const unscheduledTerminating = !nodeName && pod.metadata.deletionTimestamp;
      if (!orphaned && !unscheduledTerminating) return;
      try {
        if (orphaned && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed') {
          const updated = clone(pod);
          updated.status = {
            ...updated.status,
            phase: 'Failed',
            conditions: [
              ...(pod.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'),
              { type: 'DisruptionTarget', status: 'True', lastProbeTime: null as unknown as string, lastTransitionTime: formatTime(ctx.now()), reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' },
            ],
          };
          api.updateStatus(updated);
        }
      } catch (e) {
        ignoreGone(e);
      }
      forceDelete(pod);
    },
  };
}

function ignoreGone(e: unknown): void {
  if (!(e instanceof StatusError && (e.reason === 'NotFound' || e.reason === 'Conflict'))) throw e;
}
