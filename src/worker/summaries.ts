/**
 * Display summaries of objects, computed in the worker with kubectl's own printers (pod STATUS,
 * node STATUS) and the engine's helpers (cron schedules, label selectors), so the UI shows exactly
 * what `kubectl get` would and never re-implements Kubernetes rules. Facts the objects do not carry
 * (a node's power, a Job's pods) come from the simulation through `SummaryContext`.
 */
import cronstrue from 'cronstrue';
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
  remainingBackoffMs,
} from '../engine/index.ts';
import { nodeRoles, nodeStatus } from '../kubectl/printers/node.ts';
import { podReadyAndRestarts, podStatus } from '../kubectl/printers/pod.ts';
import type { ConditionSummary, ObjectRecord, Summary, WireObject } from './protocol.ts';

export interface SummaryContext {
  nowMs: number;
  /** Whether the node's machine is powered off (`sim node fail`). */
  nodePoweredOff(name: string): boolean;
  /** The pods a Job controls. */
  podsOf(job: KubeObject): readonly Pod[];
}

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
    memBytes: podRequests(pod).memory,
    daemon: controllerRef(pod)?.kind === 'DaemonSet',
  };
}

function nodeSummary(node: Node, ctx: SummaryContext): Summary {
  const status = nodeStatus(node);
  return {
    kind: 'Node',
    status,
    ready: status.startsWith('Ready'),
    cordoned: node.spec?.unschedulable === true,
    poweredOff: ctx.nodePoweredOff(node.metadata.name),
    role: nodeRoles(node),
    taints: (node.spec?.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`),
    podCapacity: Number(node.status?.allocatable?.pods ?? 110),
    cpuAllocatableMilli: milli(node.status?.allocatable?.cpu),
    memAllocatableBytes: Math.floor(milli(node.status?.allocatable?.memory) / 1000),
  };
}

/** When a pod finished: its last container's termination, else its Ready condition's last change. */
function finishedMs(pod: Pod): number {
  let last = 0;
  for (const c of pod.status?.containerStatuses ?? []) last = Math.max(last, parseTime(c.state?.terminated?.finishedAt) ?? 0);
  return last || (parseTime(pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime) ?? 0);
}

/**
 * When the Job controller will create replacement pods, while it holds them back after failures:
 * its own back-off rule (engine `remainingBackoffMs`, pkg/controller/job/backoff_utils.go) applied
 * to the failed pods since the last success. Undefined when nothing is being held back.
 */
export function jobBackoffUntilMs(job: Job, pods: readonly Pod[], nowMs: number): number | undefined {
  if (job.spec?.suspend || job.status?.conditions?.some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')) return undefined;
  const lastSuccess = Math.max(0, ...pods.filter((p) => p.status?.phase === 'Succeeded').map(finishedMs));
  const failures = pods.filter((p) => p.status?.phase === 'Failed').map(finishedMs).filter((t) => t > lastSuccess);
  if (failures.length === 0) return undefined;
  const remaining = remainingBackoffMs(failures.length, Math.max(...failures), nowMs);
  return remaining > 0 ? nowMs + remaining : undefined;
}

function jobSummary(job: Job, ctx: SummaryContext): Summary {
  const nowMs = ctx.nowMs;
  const start = parseTime(job.status?.startTime);
  const end = parseTime(job.status?.completionTime);
  const backoffUntilMs = jobBackoffUntilMs(job, ctx.podsOf(job as unknown as KubeObject), nowMs);
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
    ...(backoffUntilMs !== undefined ? { backoffUntilMs } : {}),
  };
}

/** "Every 5 minutes"; undefined for what cronstrue cannot read (the API server's own errors say why). */
function scheduleInWords(schedule: string): string | undefined {
  try {
    return cronstrue.toString(schedule, { use24HourTimeFormat: true, verbose: false });
  } catch {
    return undefined;
  }
}

function cronJobSummary(cj: CronJob, nowMs: number): Summary {
  const schedule = cj.spec?.schedule ?? '';
  const parsed = parseSchedule(schedule, cj.spec?.timeZone);
  const runs = parsed instanceof Error ? [] : nextRuns(parsed, nowMs, 3);
  const words = parsed instanceof Error ? undefined : scheduleInWords(schedule);
  return {
    kind: 'CronJob',
    schedule,
    ...(words ? { scheduleText: words } : {}),
    suspended: cj.spec?.suspend === true,
    active: cj.status?.active?.length ?? 0,
    nextRuns: runs.map(formatTime),
    nextRunsMs: runs,
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

export function summarize(obj: KubeObject, ctx: SummaryContext): Summary {
  switch (obj.kind) {
    case 'Pod':
      return podSummary(obj as unknown as Pod, ctx.nowMs);
    case 'Node':
      return nodeSummary(obj as unknown as Node, ctx);
    case 'Job':
      return jobSummary(obj as unknown as Job, ctx);
    case 'CronJob':
      return cronJobSummary(obj as unknown as CronJob, ctx.nowMs);
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

/** Kinds mirrored without their object (see ObjectRecord.object). */
const SLIM_KINDS = new Set(['Pod', 'Event']);

/** The record the UI mirrors for one stored object. */
export function toRecord(obj: KubeObject, ctx: SummaryContext): ObjectRecord {
  const owner = controllerRef(obj);
  const labels = obj.metadata.labels;
  return {
    uid: obj.metadata.uid ?? '',
    kind: obj.kind,
    ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
    name: obj.metadata.name ?? '',
    rv: obj.metadata.resourceVersion ?? '',
    ...(owner?.uid ? { ownerUid: owner.uid } : {}),
    ...(labels && Object.keys(labels).length > 0 ? { labels } : {}),
    summary: summarize(obj, ctx),
    ...(SLIM_KINDS.has(obj.kind) ? {} : { object: obj as unknown as WireObject }),
  };
}
