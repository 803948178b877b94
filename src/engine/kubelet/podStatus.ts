/**
 * The PodStatus the kubelet reports, computed from a pod worker's runtime state
 * (pkg/kubelet/kubelet_pods.go generateAPIPodStatus / getPhase, pkg/kubelet/status/generate.go).
 * Pure: the same worker state always yields the same status, and condition transition times are
 * carried over from the previous status when a condition did not change.
 */
import type { ContainerState, ContainerStateTerminated, ContainerStateWaiting, ContainerStatus, PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import type { Pod } from '../api/objects.ts';
import { formatTime } from '../api/time.ts';
import type { ContainerRun, PodWorker } from './podWorker.ts';

/**
 * A terminated state as the API shows it. The statuses here are built by assignment in the API's
 * key order (it shows in `-o yaml`): this runs for every status write, and literals with
 * conditional spreads cost several times more.
 */
function terminated(t: { exitCode: number; reason: string; message?: string | undefined; startedAtMs: number; finishedAtMs: number; containerID?: string | undefined }): ContainerStateTerminated {
  const out: ContainerStateTerminated = { exitCode: t.exitCode, reason: t.reason };
  if (t.message) out.message = t.message;
  out.startedAt = formatTime(t.startedAtMs);
  out.finishedAt = formatTime(t.finishedAtMs);
  if (t.containerID) out.containerID = t.containerID;
  return out;
}

function containerStatus(run: ContainerRun): ContainerStatus {
  const s = run.state;
  let state: ContainerState;
  if (s.kind === 'waiting') {
    const waiting: ContainerStateWaiting = { reason: s.reason };
    if (s.message) waiting.message = s.message;
    state = { waiting };
  } else if (s.kind === 'running') state = { running: { startedAt: formatTime(s.startedAtMs) } };
  else state = { terminated: terminated(s) };
  const status: ContainerStatus = {
    name: run.name,
    state,
    lastState: run.last ? { terminated: terminated(run.last) } : {},
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

/**
 * A kubelet condition. An unchanged one stays the stored object, so versions share it instead of
 * each holding a copy (the pod worker keeps the version before a write). Measured: this pays for
 * its check in garbage-collection work; doing the same for container statuses does not.
 * `message` is only asked for when the condition is false.
 */
function condition(type: string, ok: boolean, nowMs: number, previous: PodCondition[] | undefined, reason?: string, message?: () => string): PodCondition {
  const status = ok ? 'True' : 'False';
  const why = ok ? undefined : reason;
  const text = ok || !message ? undefined : message();
  const prev = previous?.find((c) => c.type === type);
  if (prev && prev.status === status && prev.lastProbeTime === null && prev.lastTransitionTime !== undefined && prev.reason === why && prev.message === text && keyCount(prev) === 4 + (why ? 1 : 0) + (text ? 1 : 0)) return prev;
  const next: PodCondition = {
    type,
    status,
    lastProbeTime: null as unknown as string,
    lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime! : formatTime(nowMs),
  };
  if (why) next.reason = why;
  if (text) next.message = text;
  return next;
}

function keyCount(obj: object): number {
  let n = 0;
  for (const _ in obj) n++;
  return n;
}

/** The names of `runs` for which `pending` holds, as the condition messages list them: `[a b]`. */
function listed(runs: readonly ContainerRun[], pending: (run: ContainerRun) => boolean): string {
  let names = '';
  for (const r of runs) if (pending(r)) names += names ? ` ${r.name}` : r.name;
  return `[${names}]`;
}

const initIncomplete = (r: ContainerRun): boolean => !(r.state.kind === 'terminated' && r.state.exitCode === 0);
const unready = (r: ContainerRun): boolean => !r.ready;

/** The pod conditions the kubelet itself sets. */
const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady']);

/** The full status the kubelet would write for `pod` now. */
export function computePodStatus(pod: Pod, worker: PodWorker, hostIP: string, nowMs: number): PodStatus {
  const restartPolicy = pod.spec?.restartPolicy ?? 'Always';
  const phase = podPhase(worker, restartPolicy);
  const previous = pod.status?.conditions;
  const inits = worker.initRuns;
  const mains = worker.mainRuns;
  const initialized = !inits.some(initIncomplete) || phase === 'Succeeded';
  const allReady = !mains.some(unready);
  const completed = phase === 'Succeeded' || (phase === 'Failed' && mains.every((r) => r.state.kind === 'terminated'));
  const readyReason = completed ? 'PodCompleted' : 'ContainersNotReady';
  const readyMessage = completed ? undefined : () => `containers with unready status: ${listed(mains, unready)}`;
  const sandboxUp = worker.sandbox === 'ready' && !(worker.terminating && worker.finished) && !completed;
  const ready = allReady && !completed && phase === 'Running';

  const conditions: PodCondition[] = [
    condition('PodReadyToStartContainers', sandboxUp, nowMs, previous),
    condition('Initialized', initialized, nowMs, previous, 'ContainersNotInitialized', () => `containers with incomplete status: ${listed(inits, initIncomplete)}`),
    condition('Ready', ready, nowMs, previous, readyReason, readyMessage),
    condition('ContainersReady', ready, nowMs, previous, readyReason, readyMessage),
  ];
  // Keep any conditions other components own (PodScheduled, DisruptionTarget, readiness gates).
  if (previous) for (const c of previous) if (!KUBELET_CONDITIONS.has(c.type)) conditions.push(c);
  const status: PodStatus = { phase, conditions, hostIP, hostIPs: [{ ip: hostIP }] };
  if (worker.podIP) {
    status.podIP = worker.podIP;
    status.podIPs = [{ ip: worker.podIP }];
  }
  status.startTime = formatTime(worker.startTimeMs);
  if (inits.length > 0) status.initContainerStatuses = inits.map(containerStatus);
  status.containerStatuses = mains.map(containerStatus);
  status.qosClass = pod.status?.qosClass ?? 'BestEffort';
  const old = pod.status;
  if (old?.nominatedNodeName) status.nominatedNodeName = old.nominatedNodeName;
  if (old?.reason) status.reason = old.reason;
  if (old?.message) status.message = old.message;
  return status;
}
