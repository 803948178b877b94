/**
 * The PodStatus the kubelet reports, computed from a pod worker's runtime state
 * (pkg/kubelet/kubelet_pods.go generateAPIPodStatus / getPhase, pkg/kubelet/status/generate.go).
 * Pure: the same worker state always yields the same status, and condition transition times are
 * carried over from the previous status when a condition did not change.
 */
import type { ContainerStatus, PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import { type Pod, deepEqual } from '../api/objects.ts';
import { formatTime } from '../api/time.ts';
import type { ContainerRun, PodWorker } from './podWorker.ts';

function containerStatus(run: ContainerRun): ContainerStatus {
  const s = run.state;
  const state: ContainerStatus['state'] =
    s.kind === 'waiting'
      ? { waiting: { reason: s.reason, ...(s.message ? { message: s.message } : {}) } }
      : s.kind === 'running'
        ? { running: { startedAt: formatTime(s.startedAtMs) } }
        : {
            terminated: {
              exitCode: s.exitCode,
              reason: s.reason,
              ...(s.message ? { message: s.message } : {}),
              startedAt: formatTime(s.startedAtMs),
              finishedAt: formatTime(s.finishedAtMs),
              ...(s.containerID ? { containerID: s.containerID } : {}),
            },
          };
  const last = run.last;
  const status: ContainerStatus = {
    name: run.name,
    state,
    lastState: last
      ? {
          terminated: {
            exitCode: last.exitCode,
            reason: last.reason,
            ...(last.message ? { message: last.message } : {}),
            startedAt: formatTime(last.startedAtMs),
            finishedAt: formatTime(last.finishedAtMs),
            ...(last.containerID ? { containerID: last.containerID } : {}),
          },
        }
      : {},
    ready: run.ready,
    restartCount: run.restartCount,
    image: run.imageRef && run.everStarted ? run.imageRef : (run.spec.image ?? ''),
    imageID: run.everStarted ? (run.imageID ?? '') : '',
    started: run.started,
  };
  if (run.containerID && (s.kind !== 'waiting' || run.last)) status.containerID = s.kind === 'terminated' && s.containerID ? s.containerID : run.containerID;
  return status;
}

/** kubelet getPhase: Pending until every container started, Running while any runs, then terminal. */
export function podPhase(worker: PodWorker, restartPolicy: string): PodStatus['phase'] {
  if (worker.terminalPhase) return worker.terminalPhase;
  const inits = worker.initRuns;
  const initPending = inits.some((r) => !(r.state.kind === 'terminated' && r.state.exitCode === 0));
  if (worker.terminating && worker.finished) {
    const mains = worker.mainRuns;
    return mains.length > 0 && mains.every((r) => r.state.kind === 'terminated' && r.state.exitCode === 0) ? 'Succeeded' : 'Failed';
  }
  if (initPending) return 'Pending';
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const r of worker.mainRuns) {
    if (r.state.kind === 'running') running++;
    else if (r.state.kind === 'terminated') {
      stopped++;
      if (r.state.exitCode === 0) succeeded++;
    } else if (r.last) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

function condition(type: string, ok: boolean, nowMs: number, previous: PodCondition[] | undefined, reason?: string, message?: string): PodCondition {
  const status = ok ? 'True' : 'False';
  const prev = previous?.find((c) => c.type === type);
  const changed = !prev || prev.status !== status;
  const next: PodCondition = {
    type,
    status,
    lastProbeTime: null as unknown as string,
    lastTransitionTime: changed ? formatTime(nowMs) : prev.lastTransitionTime!,
    ...(!ok && reason ? { reason } : {}),
    ...(!ok && message ? { message } : {}),
  };
  // An unchanged condition stays the stored object, so versions share it instead of each holding
  // a copy (the pod worker keeps the version before a write). Measured: this pays for its check in
  // garbage-collection work; doing the same for container statuses does not.
  return !changed && deepEqual(next, prev) ? prev : next;
}

/** The pod conditions the kubelet itself sets. */
const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady']);

/** The full status the kubelet would write for `pod` now. */
export function computePodStatus(pod: Pod, worker: PodWorker, hostIP: string, nowMs: number): PodStatus {
  const restartPolicy = pod.spec?.restartPolicy ?? 'Always';
  const phase = podPhase(worker, restartPolicy);
  const previous = pod.status?.conditions;
  const inits = worker.initRuns;
  const mains = worker.mainRuns;
  const initIncomplete = inits.filter((r) => !(r.state.kind === 'terminated' && r.state.exitCode === 0)).map((r) => r.name);
  const unready = mains.filter((r) => !r.ready).map((r) => r.name);
  const completed = phase === 'Succeeded' || (phase === 'Failed' && mains.every((r) => r.state.kind === 'terminated'));
  const readyReason = completed ? 'PodCompleted' : 'ContainersNotReady';
  const readyMessage = completed ? undefined : `containers with unready status: [${unready.join(' ')}]`;
  const sandboxUp = worker.sandbox === 'ready' && !(worker.terminating && worker.finished) && !completed;

  // Keep any conditions other components own (PodScheduled, DisruptionTarget, readiness gates).
  const foreign = previous ? previous.filter((c) => !KUBELET_CONDITIONS.has(c.type)) : [];
  const conditions: PodCondition[] = [
    condition('PodReadyToStartContainers', sandboxUp, nowMs, previous),
    condition('Initialized', initIncomplete.length === 0 || phase === 'Succeeded', nowMs, previous, 'ContainersNotInitialized', `containers with incomplete status: [${initIncomplete.join(' ')}]`),
    condition('Ready', unready.length === 0 && !completed && phase === 'Running', nowMs, previous, readyReason, readyMessage),
    condition('ContainersReady', unready.length === 0 && !completed && phase === 'Running', nowMs, previous, readyReason, readyMessage),
    ...foreign,
  ];
  const status: PodStatus = {
    phase,
    conditions,
    hostIP,
    hostIPs: [{ ip: hostIP }],
    ...(worker.podIP ? { podIP: worker.podIP, podIPs: [{ ip: worker.podIP }] } : {}),
    startTime: formatTime(worker.startTimeMs),
    ...(inits.length > 0 ? { initContainerStatuses: inits.map(containerStatus) } : {}),
    containerStatuses: mains.map(containerStatus),
    qosClass: pod.status?.qosClass ?? 'BestEffort',
  };
  if (pod.status?.nominatedNodeName) status.nominatedNodeName = pod.status.nominatedNodeName;
  if (pod.status?.reason) status.reason = pod.status.reason;
  if (pod.status?.message) status.message = pod.status.message;
  return status;
}
