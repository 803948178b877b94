/**
 * How the Job controller reads and ranks its pods (pkg/controller/controller_utils.go FilterActivePods,
 * CountTerminatingPods, ActivePods; pkg/controller/job/job_controller.go isPodFailed;
 * pkg/controller/job/backoff_utils.go getFinishedTime), and how it builds a pod from the template
 * (GetPodFromTemplate), in our words.
 */
import type { Container, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { Job, Manifest, Pod } from '../../api/objects.ts';
import { clone, ownerRefTo } from '../../api/objects.ts';
import { parseTime, SECOND_MS } from '../../api/time.ts';
import { JOB_TRACKING_FINALIZER } from '../../api/kinds/job.ts';
import { podReadySinceMs } from '../shared/podState.ts';

const isTerminal = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/** Counted as running: not finished and not being deleted (a terminating pod is replaced at once). */
export function isActive(pod: Pod): boolean {
  return !isTerminal(pod) && !pod.metadata.deletionTimestamp;
}

/** Being deleted but not yet finished (`status.terminating`). */
export function isTerminating(pod: Pod): boolean {
  return !!pod.metadata.deletionTimestamp && !isTerminal(pod);
}

export function isReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

export function hasTrackingFinalizer(pod: Pod): boolean {
  return pod.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false;
}

/** podReplacementPolicy Failed (the default with a podFailurePolicy): replace only Failed pods. */
export function onlyReplaceFailedPods(job: Job): boolean {
  return job.spec?.podReplacementPolicy === 'Failed' || !!job.spec?.podFailurePolicy;
}

/**
 * A failed pod: phase Failed; or — unless only failed pods are replaced — a pod being deleted that
 * did not succeed (orphans and evicted pods may never reach the Failed phase).
 */
export function isPodFailed(pod: Pod, job: Job): boolean {
  if (pod.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return !!pod.metadata.deletionTimestamp && pod.status?.phase !== 'Succeeded';
}

/** Sum of container restarts of pending and running pods (restartPolicy OnFailure's failure measure). */
export function restartsOfUnfinished(pods: readonly Pod[]): number {
  let n = 0;
  for (const p of pods) {
    if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue;
    for (const c of p.status.initContainerStatuses ?? []) n += c.restartCount ?? 0;
    for (const c of p.status.containerStatuses ?? []) n += c.restartCount ?? 0;
  }
  return n;
}

/**
 * When a pod finished: the latest container finish time when every container terminated; else
 * the last Ready=False transition; else deletion time minus grace; else creation.
 */
export function finishedTimeMs(pod: Pod): number {
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? []).filter((c) => sidecars.has(c.name))];
  let latest: number | undefined;
  let allTerminated = statuses.length > 0;
  for (const c of statuses) {
    const t = parseTime(c.state?.terminated?.finishedAt);
    if (t === undefined) {
      allTerminated = false;
      break;
    }
    latest = latest === undefined ? t : Math.max(latest, t);
  }
  if (allTerminated && latest !== undefined) return latest;
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
  const readyFalse = ready?.status === 'False' ? parseTime(ready.lastTransitionTime) : undefined;
  if (readyFalse !== undefined) return readyFalse;
  const deleted = parseTime(pod.metadata.deletionTimestamp);
  if (deleted !== undefined) return deleted - (pod.metadata.deletionGracePeriodSeconds ?? 0) * SECOND_MS;
  return parseTime(pod.metadata.creationTimestamp) ?? 0;
}

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function maxRestarts(pod: Pod): number {
  return Math.max(0, ...(pod.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
}

/** "a after b, or a unset": the order upstream's afterOrZero gives (unset and later sort first). */
function afterOrZero(a: number | undefined, b: number | undefined): boolean {
  if (a === undefined || b === undefined) return a === undefined;
  return a > b;
}

/**
 * controller.ActivePods: the pods to delete first sort first — unscheduled before scheduled,
 * Pending < Unknown < Running, not ready before ready, ready more recently first, more restarts
 * first, newer first. Ties are broken by name so the order is total.
 */
export function compareForRemoval(a: Pod, b: Pod): number {
  const an = a.spec?.nodeName ?? '';
  const bn = b.spec?.nodeName ?? '';
  if (an !== bn && (an === '' || bn === '')) return an === '' ? -1 : 1;
  const ap = PHASE_ORDINAL[a.status?.phase ?? ''] ?? 0;
  const bp = PHASE_ORDINAL[b.status?.phase ?? ''] ?? 0;
  if (ap !== bp) return ap - bp;
  const ar = isReady(a);
  const br = isReady(b);
  if (ar !== br) return ar ? 1 : -1;
  if (ar && br) {
    const at = podReadySinceMs(a);
    const bt = podReadySinceMs(b);
    if (at !== bt) return afterOrZero(at, bt) ? -1 : 1;
  }
  const arc = maxRestarts(a);
  const brc = maxRestarts(b);
  if (arc !== brc) return brc - arc;
  const ac = parseTime(a.metadata.creationTimestamp);
  const bc = parseTime(b.metadata.creationTimestamp);
  if (ac !== bc) return afterOrZero(ac, bc) ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** getPodsPrefix: `<name>-`. */
export function podNamePrefix(controllerName: string): string {
  return `${controllerName}-`;
}

/**
 * GetPodFromTemplate: the template's labels, annotations, finalizers and spec, a generateName and
 * the controller owner reference.
 */
export function podFromTemplate(job: Job, template: PodTemplateSpec, generateName: string): Manifest {
  const meta = template.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName,
      namespace: job.metadata.namespace,
      ...(meta.labels ? { labels: { ...meta.labels } } : {}),
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
      ownerReferences: [ownerRefTo(job)],
    },
    // A copy: the manifest is handed over to the API server, which keeps it as the pod.
    spec: clone(template.spec ?? { containers: [] as Container[] }),
  };
}
