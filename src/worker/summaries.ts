/**
 * Display summaries of objects, computed in the worker with kubectl's own printers (pod STATUS,
 * node STATUS) and the engine's helpers (cron schedules, label selectors), so the UI shows exactly
 * what `kubectl get` would and never re-implements Kubernetes rules.
 */
import {
  type CronJob,
  type Event,
  type Job,
  type KubeObject,
  type Node,
  type Pod,
  controllerRef,
  formatLabelSelector,
  formatTime,
  humanDuration,
  milli,
  nextRuns,
  parseSchedule,
  parseTime,
  podRequests,
} from '../engine/index.ts';
import { nodeRoles, nodeStatus } from '../kubectl/printers/node.ts';
import { podReadyAndRestarts, podStatus } from '../kubectl/printers/pod.ts';
import type { ConditionSummary, ObjectRecord, Summary, WireObject } from './protocol.ts';

type Conditions = readonly { type: string; status: string; reason?: string; message?: string }[] | undefined;

function conditions(list: Conditions): ConditionSummary[] {
  return (list ?? []).map((c) => ({ type: c.type, status: c.status, ...(c.reason ? { reason: c.reason } : {}), ...(c.message ? { message: c.message } : {}) }));
}

function podSummary(pod: Pod, nowMs: number): Summary {
  const statuses = pod.status?.containerStatuses ?? [];
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  const { ready } = podReadyAndRestarts(pod, nowMs);
  return {
    kind: 'Pod',
    status: podStatus(pod),
    phase: pod.status?.phase ?? 'Pending',
    ready,
    restarts: statuses.reduce((n, c) => n + (c.restartCount ?? 0), 0),
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    ...(!pod.spec?.nodeName && scheduled?.status === 'False' && scheduled.message ? { unschedulable: scheduled.message } : {}),
    containers: (pod.spec?.containers ?? []).map((c) => c.name),
    previous: statuses.filter((c) => c.lastState?.terminated).map((c) => c.name),
    cpuMilli: podRequests(pod).cpuMilli,
    daemon: controllerRef(pod)?.kind === 'DaemonSet',
  };
}

function nodeSummary(node: Node): Summary {
  const status = nodeStatus(node);
  return {
    kind: 'Node',
    status,
    ready: status.startsWith('Ready'),
    cordoned: node.spec?.unschedulable === true,
    role: nodeRoles(node),
    taints: (node.spec?.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`),
    podCapacity: Number(node.status?.allocatable?.pods ?? 110),
    cpuAllocatableMilli: milli(node.status?.allocatable?.cpu),
  };
}

function jobSummary(job: Job, nowMs: number): Summary {
  const start = parseTime(job.status?.startTime);
  const end = parseTime(job.status?.completionTime);
  return {
    kind: 'Job',
    succeeded: job.status?.succeeded ?? 0,
    completions: job.spec?.completions ?? null,
    active: job.status?.active ?? 0,
    parallelism: job.spec?.parallelism ?? 1,
    failed: job.status?.failed ?? 0,
    backoffLimit: job.spec?.backoffLimit ?? 6,
    suspended: job.spec?.suspend === true,
    conditions: conditions(job.status?.conditions),
    ...(start !== undefined ? { duration: humanDuration((end ?? nowMs) - start) } : {}),
  };
}

function cronJobSummary(cj: CronJob, nowMs: number): Summary {
  const schedule = cj.spec?.schedule ?? '';
  const parsed = parseSchedule(schedule, cj.spec?.timeZone);
  return {
    kind: 'CronJob',
    schedule,
    suspended: cj.spec?.suspend === true,
    active: cj.status?.active?.length ?? 0,
    nextRuns: parsed instanceof Error ? [] : nextRuns(parsed, nowMs, 3).map(formatTime),
    ...(cj.status?.lastScheduleTime ? { lastSchedule: cj.status.lastScheduleTime } : {}),
    ...(parsed instanceof Error ? { invalid: parsed.message } : {}),
  };
}

interface WorkloadLike {
  spec?: { replicas?: number; selector?: Parameters<typeof formatLabelSelector>[0] };
  status?: {
    replicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    desiredNumberScheduled?: number;
    currentNumberScheduled?: number;
    numberReady?: number;
    numberAvailable?: number;
  };
}

function workloadSummary(kind: string, w: WorkloadLike): Summary {
  const s = w.status ?? {};
  if (kind === 'DaemonSet') {
    return { kind: 'Workload', desired: s.desiredNumberScheduled ?? 0, current: s.currentNumberScheduled ?? 0, ready: s.numberReady ?? 0, available: s.numberAvailable ?? 0, selector: formatLabelSelector(w.spec?.selector) };
  }
  return { kind: 'Workload', desired: w.spec?.replicas ?? 1, current: s.replicas ?? 0, ready: s.readyReplicas ?? 0, available: s.availableReplicas ?? 0, selector: formatLabelSelector(w.spec?.selector) };
}

function eventSummary(e: Event): Summary {
  const last = parseTime(e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp) ?? 0;
  const o = e.involvedObject;
  return {
    kind: 'Event',
    type: e.type ?? 'Normal',
    reason: e.reason ?? '',
    message: e.message ?? '',
    object: `${(o.kind ?? '').toLowerCase()}/${o.name ?? ''}`,
    ...(o.uid ? { objectUid: o.uid } : {}),
    count: e.count ?? 1,
    lastMs: last,
    source: e.source?.component ?? e.reportingComponent ?? '',
  };
}

export function summarize(obj: KubeObject, nowMs: number): Summary {
  switch (obj.kind) {
    case 'Pod':
      return podSummary(obj as unknown as Pod, nowMs);
    case 'Node':
      return nodeSummary(obj as unknown as Node);
    case 'Job':
      return jobSummary(obj as unknown as Job, nowMs);
    case 'CronJob':
      return cronJobSummary(obj as unknown as CronJob, nowMs);
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'StatefulSet':
      return workloadSummary(obj.kind, obj as unknown as WorkloadLike);
    case 'Event':
      return eventSummary(obj as unknown as Event);
    default:
      return { kind: 'Other' };
  }
}

/** The record the UI mirrors for one stored object. */
export function toRecord(obj: KubeObject, nowMs: number): ObjectRecord {
  const owner = controllerRef(obj);
  return {
    uid: obj.metadata.uid ?? '',
    kind: obj.kind,
    ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
    name: obj.metadata.name ?? '',
    rv: obj.metadata.resourceVersion ?? '',
    ...(owner?.uid ? { ownerUid: owner.uid } : {}),
    summary: summarize(obj, nowMs),
    object: obj as unknown as WireObject,
  };
}
