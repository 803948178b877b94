/**
 * One pod's lifecycle on its node, as the kubelet's pod worker + kuberuntime manager run it
 * (pkg/kubelet/pod_workers.go, pkg/kubelet/kuberuntime/kuberuntime_manager.go, in our words):
 *
 *   sandbox → init containers one by one → main containers → (exit → restart per restartPolicy with
 *   CrashLoopBackOff) → on deletion: SIGTERM, grace period, SIGKILL → final status → removal.
 *
 * The worker keeps the runtime truth (container states, processes, logs) and asks for a status sync
 * whenever it changes; `podStatus.ts` turns that truth into the PodStatus the API shows.
 */
import type { Container } from 'kubernetes-types/core/v1';
import type { Pod } from '../api/objects.ts';
import { parseTime, SECOND_MS, MINUTE_MS, formatGoDuration } from '../api/time.ts';
import type { Timer, VirtualClock } from '../clock/clock.ts';
import type { Rng } from '../random/rng.ts';
import { type ContainerRuntime, isLaunchFailure, qualifyImage } from '../containers/runtime.ts';
import { memoByString } from '../api/memo.ts';
import { type ProcessHandle, spawn } from '../containers/process.ts';
import type { EventType } from '../client/eventRecorder.ts';
import { LogBuffer } from './logs.ts';
import { EnvError, buildEnv, expandReferences, type Lookup } from './env.ts';

/** kubelet's container restart back-off: 10 s doubling to 5 min; reset after 10 min of running. */
export const CRASH_BACKOFF_INITIAL_MS = 10 * SECOND_MS;
export const CRASH_BACKOFF_MAX_MS = 5 * MINUTE_MS;
export const BACKOFF_RESET_MS = 2 * CRASH_BACKOFF_MAX_MS;
/** The kubelet notices container exits on its ~1 s relist (PLEG) and syncs the pod then. */
export const SYNC_DELAY_MS = SECOND_MS;

export type ContainerState =
  | { kind: 'waiting'; reason: string; message?: string }
  | { kind: 'running'; startedAtMs: number }
  | { kind: 'terminated'; exitCode: number; reason: string; message?: string; startedAtMs: number; finishedAtMs: number; containerID?: string };

/**
 * The event messages every pod start and stop records, which depend only on an image or a
 * container name: one shared string each, not one per pod.
 */
const pullingMessage = memoByString((image: string) => `Pulling image "${image}"`, 256);
const presentMessage = memoByString((image: string) => `Container image "${image}" already present on machine`, 256);
const createdMessage = memoByString((name: string) => `Created container: ${name}`, 256);
const startedMessage = memoByString((name: string) => `Started container ${name}`, 256);
const stoppingMessage = memoByString((name: string) => `Stopping container ${name}`, 256);

/** `docker.io/library/nginx@` for `nginx:1.27`: an imageID without its digest (one string per image). */
const imageRepository = memoByString((image: string) => `${qualifyImage(image).replace(/:[^/:@]+$/, '')}@`, 256);

export interface ContainerRun {
  readonly name: string;
  readonly isInit: boolean;
  readonly spec: Container;
  /** How its events name it: `spec.containers{name}`. */
  readonly fieldPath: string;
  state: ContainerState;
  last?: Extract<ContainerState, { kind: 'terminated' }>;
  restartCount: number;
  containerID?: string;
  imageID?: string;
  imageRef?: string;
  ready: boolean;
  started: boolean;
  everStarted: boolean;
  busy: boolean;
  proc?: ProcessHandle;
  pending?: Timer;
  crashBackoffMs: number;
  pullBackoffMs: number;
  logs: LogBuffer;
  previousLogs?: LogBuffer;
}

/** What a worker needs from its node. */
export interface NodeHost {
  readonly nodeName: string;
  readonly hostIP: string;
  readonly clock: VirtualClock;
  readonly rng: Rng;
  readonly runtime: ContainerRuntime;
  /** Images present on the node: reference → digest. */
  readonly images: Map<string, string>;
  readonly allocatable: Record<string, string>;
  allocatePodIP(): string;
  lookup: Lookup;
  /** Record a kubelet event on the pod (fieldPath names the container when given). */
  record(pod: Pod, type: EventType, reason: string, message: string, fieldPath?: string): void;
  /** Ask for a status sync of this pod. */
  requestSync(podKey: string): void;
  /** Probing hook: starts a running container's probe loops; returns how to stop them (undefined: it has none). */
  startProbes?(worker: PodWorker, run: ContainerRun): (() => void) | undefined;
}

export class PodWorker {
  readonly uid: string;
  readonly key: string;
  pod: Pod;
  readonly startTimeMs: number;
  sandbox: 'none' | 'creating' | 'ready' = 'none';
  podIP: string | undefined;
  /** The init containers' runs, then the main ones (fixed for the pod's life). */
  readonly runs: readonly ContainerRun[];
  readonly initRuns: readonly ContainerRun[];
  readonly mainRuns: readonly ContainerRun[];
  terminating = false;
  /** Set when the pod reached a terminal phase on its own (restartPolicy Never/OnFailure). */
  terminalPhase: 'Succeeded' | 'Failed' | undefined;
  /** The node went away: processes are gone and nothing more is reported. */
  private abandoned = false;
  private killTimer: Timer | undefined;
  private sandboxTimer: Timer | undefined;
  /** By container name, for containers with probes (created on first use). */
  private stopProbes: Map<string, () => void> | undefined;

  constructor(
    pod: Pod,
    private readonly host: NodeHost,
  ) {
    this.pod = pod;
    this.uid = pod.metadata.uid;
    this.key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    this.startTimeMs = host.clock.nowMs;
    const hasInit = (pod.spec?.initContainers ?? []).length > 0;
    this.initRuns = (pod.spec?.initContainers ?? []).map((c) => this.newRun(c, true, 'PodInitializing'));
    this.mainRuns = (pod.spec?.containers ?? []).map((c) => this.newRun(c, false, hasInit ? 'PodInitializing' : 'ContainerCreating'));
    this.runs = [...this.initRuns, ...this.mainRuns];
  }

  private newRun(spec: Container, isInit: boolean, reason: string): ContainerRun {
    return {
      name: spec.name,
      isInit,
      spec,
      fieldPath: `spec.${isInit ? 'initContainers' : 'containers'}{${spec.name}}`,
      state: { kind: 'waiting', reason },
      restartCount: 0,
      ready: false,
      started: false,
      everStarted: false,
      busy: false,
      crashBackoffMs: 0,
      pullBackoffMs: CRASH_BACKOFF_INITIAL_MS,
      logs: new LogBuffer(),
    };
  }

  run(name: string): ContainerRun | undefined {
    return this.runs.find((r) => r.name === name);
  }

  /** All containers have stopped after a deletion: the pod can be removed. */
  get finished(): boolean {
    return this.terminating && this.runs.every((r) => !r.proc && !r.busy);
  }

  private get now(): number {
    return this.host.clock.nowMs;
  }

  private sync(): void {
    this.host.requestSync(this.key);
  }

  /** Record a kubelet event on this pod (the prober's Unhealthy / Killing events). */
  recordEvent(type: EventType, reason: string, message: string, run?: ContainerRun): void {
    this.event(type, reason, message, run);
  }

  /** Ask for a status sync (a probe changed a container's readiness). */
  requestSync(): void {
    this.sync();
  }

  private event(type: EventType, reason: string, message: string, run?: ContainerRun): void {
    this.host.record(this.pod, type, reason, message, run?.fieldPath);
  }

  /** Advance the lifecycle given the latest API object. Idempotent. */
  advance(pod: Pod): void {
    this.pod = pod;
    if (pod.metadata.deletionTimestamp && !this.terminating) this.startTermination();
    if (this.terminating || this.terminalPhase) return;
    if (this.sandbox === 'none') {
      this.sandbox = 'creating';
      this.sandboxTimer = this.host.clock.after(this.host.rng.range(300, 1200), 'kubelet:sandbox', () => {
        this.sandbox = 'ready';
        this.podIP = this.host.allocatePodIP();
        this.sync();
      });
      return;
    }
    if (this.sandbox !== 'ready') return;
    const restartPolicy = pod.spec?.restartPolicy ?? 'Always';
    for (const run of this.initRuns) {
      const s = run.state;
      if (s.kind === 'terminated' && s.exitCode === 0) continue;
      if (s.kind === 'terminated' && restartPolicy === 'Never') {
        this.terminalPhase = 'Failed';
        return;
      }
      if (s.kind === 'waiting' && !run.busy && !run.pending && !run.proc) this.launch(run);
      return; // init containers run one at a time
    }
    for (const run of this.mainRuns) {
      if (run.state.kind === 'waiting' && !run.busy && !run.pending && !run.proc) this.launch(run);
    }
    this.checkTerminal(restartPolicy);
  }

  private checkTerminal(restartPolicy: string): void {
    if (restartPolicy === 'Always') return;
    const mains = this.mainRuns;
    if (mains.length === 0 || !mains.every((r) => r.state.kind === 'terminated' && !r.pending)) return;
    const allOk = mains.every((r) => r.state.kind === 'terminated' && r.state.exitCode === 0);
    if (allOk) this.terminalPhase = 'Succeeded';
    else if (restartPolicy === 'Never') this.terminalPhase = 'Failed';
  }

  // ---- starting a container: pull → create → start ----

  private launch(run: ContainerRun): void {
    // Volumes are set up before any image is pulled; a failed mount holds the pod in ContainerCreating.
    const mountError = this.host.runtime.mountVolumes?.(this.pod);
    if (mountError) {
      run.state = { kind: 'waiting', reason: run.isInit || this.initRuns.length === 0 ? 'ContainerCreating' : 'PodInitializing' };
      this.host.record(this.pod, 'Warning', 'FailedMount', mountError);
      this.sync();
      this.after(run, CRASH_BACKOFF_INITIAL_MS, () => this.sync());
      return;
    }
    run.busy = true;
    const image = run.spec.image ?? '';
    const policy = run.spec.imagePullPolicy ?? 'IfNotPresent';
    const present = this.host.images.has(image);
    const setImage = (digest: string) => {
      run.imageRef = qualifyImage(image);
      run.imageID = imageRepository(image) + digest;
    };
    if (policy === 'Never' && !present) {
      run.busy = false;
      run.state = { kind: 'waiting', reason: 'ErrImageNeverPull', message: `Container image "${image}" is not present with pull policy of Never` };
      this.event('Warning', 'ErrImageNeverPull', `Container image "${image}" is not present with pull policy of Never`, run);
      this.event('Warning', 'Failed', 'Error: ErrImageNeverPull', run);
      this.sync();
      return;
    }
    if (policy !== 'Always' && present) {
      setImage(this.host.images.get(image)!);
      this.event('Normal', 'Pulled', presentMessage(image), run);
      this.after(run, this.host.rng.range(50, 250), () => this.create(run));
      return;
    }
    this.event('Normal', 'Pulling', pullingMessage(image), run);
    const result = this.host.runtime.pull(image, this.host.nodeName, this.host.rng);
    const pullMs = present ? Math.min(result.pullMs, this.host.rng.range(300, 900)) : result.pullMs;
    this.after(run, pullMs, () => {
      if (result.ok) {
        this.host.images.set(image, result.digest);
        run.pullBackoffMs = CRASH_BACKOFF_INITIAL_MS;
        setImage(result.digest);
        const took = formatGoDuration(Math.round(pullMs));
        this.event('Normal', 'Pulled', `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${result.sizeBytes} bytes.`, run);
        this.create(run);
      } else {
        this.pullFailed(run, image, result.message);
      }
    });
  }

  private pullFailed(run: ContainerRun, image: string, message: string): void {
    run.busy = false;
    run.state = { kind: 'waiting', reason: 'ErrImagePull', message };
    this.event('Warning', 'Failed', `Failed to pull image "${image}": ${message}`, run);
    this.event('Warning', 'Failed', 'Error: ErrImagePull', run);
    this.sync();
    const retryMs = run.pullBackoffMs;
    run.pullBackoffMs = Math.min(run.pullBackoffMs * 2, CRASH_BACKOFF_MAX_MS);
    // On the next sync the kubelet reports the back-off; the pull is retried when it expires.
    this.after(run, SYNC_DELAY_MS, () => {
      run.state = { kind: 'waiting', reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` };
      this.event('Normal', 'BackOff', `Back-off pulling image "${image}"`, run);
      this.event('Warning', 'Failed', 'Error: ImagePullBackOff', run);
      this.sync();
      this.after(run, Math.max(0, retryMs - SYNC_DELAY_MS), () => this.sync());
    });
  }

  private create(run: ContainerRun): void {
    let env: Record<string, string>;
    try {
      env = buildEnv(this.pod, run.spec, this.host.lookup, this.host.allocatable);
    } catch (e) {
      if (!(e instanceof EnvError)) throw e;
      run.busy = false;
      run.state = { kind: 'waiting', reason: 'CreateContainerConfigError', message: e.message };
      this.event('Warning', 'Failed', `Error: ${e.message}`, run);
      this.sync();
      this.after(run, CRASH_BACKOFF_INITIAL_MS, () => this.sync());
      return;
    }
    const hostname = this.pod.spec?.hostname ?? this.pod.metadata.name.slice(0, 63);
    env.HOSTNAME ??= hostname;
    const spec = {
      ...run.spec,
      ...(run.spec.command ? { command: run.spec.command.map((a) => expandReferences(a, env)) } : {}),
      ...(run.spec.args ? { args: run.spec.args.map((a) => expandReferences(a, env)) } : {}),
    };
    const program = this.host.runtime.program({ pod: this.pod, container: spec, isInit: run.isInit, nodeName: this.host.nodeName, env, hostname });
    if (isLaunchFailure(program)) {
      run.busy = false;
      if (program.exitCode !== undefined) {
        this.event('Normal', 'Created', createdMessage(run.name), run);
        this.event('Warning', 'Failed', `Error: ${program.message}`, run);
        this.beginInstance(run);
        this.exited(run, program.exitCode, program.reason, program.message);
      } else {
        run.state = { kind: 'waiting', reason: program.reason, message: program.message };
        this.event('Warning', 'Failed', `Error: ${program.message}`, run);
        this.sync();
        this.after(run, CRASH_BACKOFF_INITIAL_MS, () => this.sync());
      }
      return;
    }
    this.event('Normal', 'Created', createdMessage(run.name), run);
    this.event('Normal', 'Started', startedMessage(run.name), run);
    this.beginInstance(run);
    const startedAtMs = this.now;
    run.started = false;
    run.ready = false;
    run.busy = false;
    const logs = run.logs;
    const proc = spawn(
      this.host.clock,
      program,
      {
        argv: [...(spec.command ?? []), ...(spec.args ?? [])],
        env,
        hostname,
        rng: this.host.rng.fork(`${this.uid}/${run.name}/${run.restartCount}`),
        now: () => this.host.clock.nowMs,
        stdout: (t) => logs.write('stdout', t, this.host.clock.nowMs),
        stderr: (t) => logs.write('stderr', t, this.host.clock.nowMs),
        onTerm: 'ignore',
        services: {},
      },
      // The kubelet learns of the exit at its next relist (PLEG, every second), not at once.
      (code) => this.host.clock.after(this.untilRelist(), 'kubelet:pleg', () => this.exited(run, code)),
    );
    run.proc = proc;
    const stopProbes = !run.isInit ? this.host.startProbes?.(this, run) : undefined;
    if (stopProbes) (this.stopProbes ??= new Map()).set(run.name, stopProbes);
    // Likewise the container shows as running (and, without probes, ready) from the next relist.
    this.host.clock.after(this.untilRelist(), 'kubelet:pleg', () => {
      if (run.proc !== proc || this.abandoned) return;
      run.state = { kind: 'running', startedAtMs };
      if (!run.spec.startupProbe) run.started = true;
      if (!run.isInit && !run.spec.startupProbe && (!run.spec.readinessProbe || !this.host.startProbes)) run.ready = true;
      this.sync();
    });
    // Nothing is posted until then: the kubelet's next status comes from that relist, as upstream's
    // syncPod computes a pod's status before it starts the containers, not after.
  }

  /** Time to this node's next PLEG relist (once a second, at a per-node phase). */
  private untilRelist(): number {
    let phase = 0;
    for (const c of this.host.nodeName) phase = (phase * 31 + c.charCodeAt(0)) % SYNC_DELAY_MS;
    return SYNC_DELAY_MS - ((this.now - phase) % SYNC_DELAY_MS + SYNC_DELAY_MS) % SYNC_DELAY_MS;
  }

  /** A new container instance replaces the last one: keep its final state and logs as "previous". */
  private beginInstance(run: ContainerRun): void {
    if (run.everStarted) {
      run.restartCount++;
      if (run.state.kind === 'terminated') run.last = run.state;
      run.previousLogs = run.logs;
      run.logs = new LogBuffer();
    }
    run.everStarted = true;
    run.containerID = `containerd://${this.host.rng.string(64, '0123456789abcdef')}`;
  }

  // ---- a container exits ----

  private exited(run: ContainerRun, exitCode: number, reason?: string, message?: string): void {
    if (this.abandoned) return;
    const startedAtMs = run.state.kind === 'running' ? run.state.startedAtMs : this.now;
    run.logs.close(this.now);
    run.proc = undefined;
    run.ready = false;
    run.started = false;
    this.stopProbes?.get(run.name)?.();
    this.stopProbes?.delete(run.name);
    run.state = {
      kind: 'terminated',
      exitCode,
      reason: reason ?? (exitCode === 0 ? 'Completed' : 'Error'),
      ...(message ? { message } : {}),
      startedAtMs,
      finishedAtMs: this.now,
      ...(run.containerID ? { containerID: run.containerID } : {}),
    };
    this.sync();
    if (this.terminating) return;
    const policy = this.pod.spec?.restartPolicy ?? 'Always';
    const restart = run.isInit ? exitCode !== 0 && policy !== 'Never' : policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
    if (!restart) return;
    if (this.now - startedAtMs > BACKOFF_RESET_MS) run.crashBackoffMs = 0;
    const delayMs = run.crashBackoffMs;
    run.crashBackoffMs = delayMs === 0 ? CRASH_BACKOFF_INITIAL_MS : Math.min(delayMs * 2, CRASH_BACKOFF_MAX_MS);
    const restartNow = () => {
      if (run.state.kind === 'terminated') run.last = run.state;
      run.state = { kind: 'waiting', reason: run.isInit ? 'PodInitializing' : 'ContainerCreating' };
      this.launch(run);
    };
    if (delayMs === 0) {
      this.after(run, SYNC_DELAY_MS, restartNow);
      return;
    }
    const podRef = `${this.pod.metadata.name}_${this.pod.metadata.namespace}(${this.uid})`;
    this.after(run, SYNC_DELAY_MS, () => {
      const terminated = run.state.kind === 'terminated' ? run.state : undefined;
      if (terminated) run.last = terminated;
      run.state = { kind: 'waiting', reason: 'CrashLoopBackOff', message: `back-off ${formatGoDuration(delayMs)} restarting failed container=${run.name} pod=${podRef}` };
      this.event('Warning', 'BackOff', `Back-off restarting failed container ${run.name} in pod ${podRef}`, run);
      this.sync();
      this.after(run, delayMs - SYNC_DELAY_MS, restartNow);
    });
  }

  /**
   * The node rebooted under this pod (`sim node fail` then `recover`): every container that had
   * started is gone, reported as the runtime reports a vanished container (exit code 255, reason
   * Unknown), and is restarted or not by the usual restart policy rules.
   */
  adoptAfterReboot(previous: PodWorker): void {
    for (const run of this.runs) {
      const old = previous.run(run.name);
      if (!old || !old.everStarted) continue;
      run.everStarted = true;
      run.restartCount = old.restartCount;
      run.containerID = old.containerID;
      run.imageID = old.imageID;
      run.imageRef = old.imageRef;
      run.crashBackoffMs = old.crashBackoffMs;
      run.logs = old.logs;
      run.previousLogs = old.previousLogs;
      run.last = old.last;
      const s = old.state;
      if (s.kind === 'terminated' && !(s.exitCode !== 0 && old.pending)) {
        run.state = s;
        continue;
      }
      const startedAtMs = s.kind === 'running' ? s.startedAtMs : (old.last?.startedAtMs ?? this.now);
      run.state = { kind: 'running', startedAtMs };
      this.exited(run, 255, 'Unknown');
    }
    if (this.runs.some((r) => r.everStarted)) this.sandbox = 'none';
  }

  /** Make a running container's process exit with `code` (the `sim pod exit` command). */
  forceExit(containerName: string | undefined, code: number): boolean {
    const run = containerName ? this.run(containerName) : this.runs.find((r) => r.proc && !r.isInit) ?? this.runs.find((r) => r.proc);
    if (!run?.proc) return false;
    run.proc.forceExit(code);
    return true;
  }

  /** Kill a container as a failed liveness/startup probe does: SIGTERM, then SIGKILL after the grace period. */
  killContainer(run: ContainerRun, graceSeconds: number): void {
    if (!run.proc) return;
    const proc = run.proc;
    proc.signal('TERM');
    if (!proc.exited) this.host.clock.after(graceSeconds * SECOND_MS, 'kubelet:kill', () => proc.signal('KILL'));
  }

  // ---- deletion ----

  private startTermination(): void {
    this.terminating = true;
    this.host.clock.cancel(this.sandboxTimer);
    const deadlineMs = parseTime(this.pod.metadata.deletionTimestamp) ?? this.now;
    for (const run of this.runs) {
      this.host.clock.cancel(run.pending);
      run.pending = undefined;
      run.busy = false;
      if (run.proc) {
        this.event('Normal', 'Killing', stoppingMessage(run.name), run);
        run.proc.signal('TERM');
      }
    }
    this.scheduleKill(deadlineMs);
    this.sync();
  }

  /** The deletion's grace period may be shortened by a second delete: re-arm the SIGKILL. */
  private scheduleKill(deadlineMs: number): void {
    this.host.clock.cancel(this.killTimer);
    this.killTimer = this.host.clock.at(deadlineMs, 'kubelet:sigkill', () => {
      for (const run of this.runs) run.proc?.signal('KILL');
    });
  }

  /** The API object's deletion deadline moved earlier (e.g. `--grace-period=0 --force`). */
  deadlineChanged(pod: Pod): void {
    const deadlineMs = parseTime(pod.metadata.deletionTimestamp);
    if (this.terminating && deadlineMs !== undefined && (!this.killTimer || deadlineMs < this.killTimer.dueMs)) this.scheduleKill(deadlineMs);
  }

  /** The node died or the pod vanished: stop everything now, silently. */
  abandon(): void {
    this.abandoned = true;
    this.host.clock.cancel(this.sandboxTimer);
    this.host.clock.cancel(this.killTimer);
    for (const run of this.runs) {
      this.host.clock.cancel(run.pending);
      run.pending = undefined;
      const proc = run.proc;
      run.proc = undefined;
      proc?.signal('KILL');
    }
    if (this.stopProbes) for (const stop of this.stopProbes.values()) stop();
    this.stopProbes = undefined;
  }

  private after(run: ContainerRun, ms: number, fn: () => void): void {
    this.host.clock.cancel(run.pending);
    run.pending = this.host.clock.after(ms, `kubelet:${run.name}`, () => {
      run.pending = undefined;
      fn();
    });
  }
}
