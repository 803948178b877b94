/**
 * One live cluster behind the worker's message port: a Simulation, kubectl over it, the `sim`
 * commands, running `get -w` streams, the pacer and the diff collector. Free of worker globals
 * (the host passes `post` and the wall clock), so tests drive it directly in Node.
 *
 * Every UI action arrives as a command line (`kubectl cordon worker-1`, `sim node fail worker-2`):
 * the same path the terminal uses, so what the UI does is always something the user can type.
 */
import { type KubeObject, LoopLimitError, type Pod, Simulation, defaultNodes } from '../engine/index.ts';
import { type KubeClient, simulationClient } from '../kubectl/client.ts';
import type { FileSource, Stream } from '../kubectl/io.ts';
import type { EditRequest, KubectlResult } from '../kubectl/io.ts';
import { finishEdit, runKubectl } from '../kubectl/kubectl.ts';
import { splitCommandLine } from '../kubectl/parse.ts';
import { STARTER_MANIFESTS } from '../scenarios/playground.ts';
import { type SimHost, runSim } from '../scenarios/simCommands.ts';
import { complete } from './completion.ts';
import { DiffCollector } from './diffs.ts';
import { lintManifest, locateApiErrors } from './lint.ts';
import { FRAME_BUDGET_MS, Pacer, type WallMs } from './pacing.ts';
import { type ClockState, type CommandOutput, type EngineToUi, PROTOCOL_VERSION, type ReplyResults, type UiToEngine, type WireObject } from './protocol.ts';
import { type SummaryContext, toRecord } from './summaries.ts';

export interface SessionHost {
  post(message: EngineToUi): void;
  wallNow(): WallMs;
}

export interface SessionOptions {
  seed?: string;
  workers?: number;
  /** Manifests applied at boot (the playground's starter DaemonSet by default). */
  starter?: string;
  playing?: boolean;
}

/** From this many pods the UI shows counts and refreshes at 30 Hz (src/ui/graph/model.ts DENSE_AT). */
const DENSE_PODS = 1000;
/** How far "next event" looks ahead before giving up (a quiet cluster has only heartbeats). */
const NEXT_EVENT_HORIZON_MS = 24 * 60 * 60 * 1000;
type Chunk = { stream: 'stdout' | 'stderr'; text: string };

export class Session {
  private sim!: Simulation;
  private client!: KubeClient;
  private collector!: DiffCollector;
  private unwatch: () => void = () => {};
  private startMs = 0;
  private readonly pacer: Pacer;
  private readonly streams = new Map<number, { stream: Stream; pending: Chunk[] }>();
  /** `kubectl edit`s whose editor tab is open, by edit id. */
  private readonly edits = new Map<number, EditRequest>();
  private nextEditId = 1;
  private nextStreamId = 1;
  private lastPostedSimMs = -1;
  private skippedFrames = 0;
  private lastClockKey = '';

  private readonly initialOptions: SessionOptions;

  constructor(
    private readonly host: SessionHost,
    private options: SessionOptions = {},
  ) {
    this.initialOptions = options;
    this.pacer = new Pacer(host.wallNow);
    this.boot(options);
    if (options.playing) this.pacer.play(this.sim.now());
  }

  private boot(options: SessionOptions): void {
    this.stopStreams();
    this.edits.clear();
    this.unwatch();
    this.sim = new Simulation({ seed: options.seed ?? 'kubesim', nodes: defaultNodes(options.workers ?? 3) });
    this.client = simulationClient(this.sim);
    this.startMs = this.sim.now();
    this.collector = new DiffCollector((obj: KubeObject) => toRecord(obj, this.summaryContext()));
    this.unwatch = this.sim.store.watch('*', (e) => this.collector.observe(e));
    const starter = options.starter ?? STARTER_MANIFESTS;
    if (starter.trim()) runKubectl(['apply', '-f', 'starter.yaml'], this.client, { files: { read: (p) => (p === 'starter.yaml' ? starter : undefined) } });
    this.collector.clear();
    this.pacer.anchor(this.sim.now());
  }

  /** Everything the UI needs to (re)build its mirror. */
  hello(): void {
    const snapshot = [];
    const ctx = this.summaryContext();
    for (const kind of this.kinds()) for (const obj of this.sim.store.list(kind)) snapshot.push(toRecord(obj, ctx));
    this.post({ type: 'ready', version: PROTOCOL_VERSION, clock: this.clock(), snapshot });
  }

  private summaryContext(): SummaryContext {
    const sim = this.sim;
    return {
      nowMs: sim.now(),
      nodePoweredOff: (name) => sim.kubelets.agent(name)?.alive === false,
      podsOf: (job) => sim.store.dependents(job.metadata.uid ?? '').filter((o): o is Pod => o.kind === 'Pod'),
    };
  }

  /**
   * Powering a node off or on writes nothing to the store (the Node object notices ~40 s later), so
   * a `sim node fail|recover` re-sends the node's record itself: the UI shows the power at once.
   */
  private touchNode(name: string | undefined): void {
    const node = name ? this.sim.store.get('Node', name) : undefined;
    if (node) this.collector.touch(node);
  }

  private kinds(): string[] {
    return ['Namespace', 'Node', 'CronJob', 'Job', 'Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Pod', 'Service', 'ConfigMap', 'Event'];
  }

  private post(message: DistributiveOmit<EngineToUi, 'simNowMs' | 'rv'>): void {
    this.host.post({ ...message, simNowMs: this.sim.now(), rv: this.sim.store.resourceVersion } as EngineToUi);
  }

  private reply<K extends keyof ReplyResults>(id: number, result: ReplyResults[K]): void {
    this.post({ type: 'reply', id, ok: true, result });
  }

  clock(): ClockState {
    const next = this.sim.nextEventMs();
    return { playing: this.pacer.playing, speed: this.pacer.speed, startMs: this.startMs, ...(next !== undefined ? { nextEventMs: next } : {}) };
  }

  /** Handle one message; failures become replies or a `workerError`, never a dead worker. */
  handle(msg: UiToEngine): void {
    try {
      this.dispatch(msg);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if ('id' in msg) this.post({ type: 'reply', id: msg.id, ok: false, error: message });
      this.post({ type: 'workerError', message, fatal: false });
    }
  }

  private dispatch(msg: UiToEngine): void {
    switch (msg.type) {
      case 'hello':
        if (msg.version !== PROTOCOL_VERSION) throw new Error(`protocol mismatch: UI ${msg.version}, worker ${PROTOCOL_VERSION}`);
        return this.hello();
      case 'runCommand':
        return this.reply<'runCommand'>(msg.id, this.runCommand(msg.line, msg.files));
      case 'lintManifest':
        return this.reply<'lintManifest'>(msg.id, lintManifest(msg.text, { client: this.client, nowMs: this.sim.now() }));
      case 'complete':
        return this.reply<'complete'>(msg.id, complete(msg.line, msg.cursor, this.client));
      case 'finishEdit':
        return this.reply<'finishEdit'>(msg.id, this.finishEdit(msg.editId, msg.text));
      case 'getObject':
        return this.reply<'getObject'>(msg.id, (this.sim.store.getByUid(msg.uid) as WireObject | undefined) ?? null);
      case 'stopStream':
        return this.stopStream(msg.streamId);
      case 'setPlaying':
        if (msg.playing) this.pacer.play(this.sim.now());
        else this.pacer.pause();
        return this.frame();
      case 'setSpeed':
        this.pacer.setSpeed(msg.speed, this.sim.now());
        return this.frame();
      case 'stepToNextEvent': {
        const before = this.sim.now();
        this.stepToNextEvent();
        this.reply<'stepToNextEvent'>(msg.id, { advancedMs: this.sim.now() - before });
        return this.frame();
      }
      case 'advance': {
        const before = this.sim.now();
        this.sim.advance(Math.max(0, msg.ms));
        this.pacer.anchor(this.sim.now());
        this.reply<'advance'>(msg.id, { advancedMs: this.sim.now() - before });
        return this.frame();
      }
      case 'reset':
        // A reset starts from the session's own defaults: what one reset asked for does not stick.
        this.options = { ...this.initialOptions, ...(msg.seed !== undefined ? { seed: msg.seed } : {}), ...(msg.workers !== undefined ? { workers: msg.workers } : {}), ...(msg.scenario !== undefined ? { starter: msg.scenario } : {}) };
        this.boot(this.options);
        this.hello();
        return this.reply<'reset'>(msg.id, { ok: true });
    }
  }

  /** A terminal line: `kubectl ...` (or `k ...`), `sim ...`. */
  runCommand(line: string, files?: Record<string, string>): CommandOutput {
    const words = splitCommandLine(line.trim());
    if (words instanceof Error) return { chunks: [{ stream: 'stderr', text: `error: ${words.message}\n` }], exitCode: 1 };
    const [cmd, ...rest] = words;
    if (cmd === undefined) return { chunks: [], exitCode: 0 };
    if (cmd === 'kubectl' || cmd === 'k') {
      const source: FileSource = { read: (p) => files?.[p] };
      const r = runKubectl(rest, this.client, { files: source });
      const out: CommandOutput = { chunks: r.chunks, exitCode: r.exitCode };
      if (r.edit) out.openInEditor = this.openEdit(r.edit);
      if (files) out.diagnostics = Object.fromEntries(Object.entries(files).map(([name, text]) => [name, r.exitCode === 0 ? [] : locateApiErrors(text, r.stderr)]));
      if (r.stream) out.streamId = this.addStream(r.stream);
      this.pacer.anchor(this.sim.now()); // `wait` and `delete --wait` may have moved time
      return out;
    }
    if (cmd === 'sim') {
      const r = runSim(rest, this.simHost());
      if (rest[0] === 'node' && (rest[1] === 'fail' || rest[1] === 'recover')) this.touchNode(rest[2]);
      this.pacer.anchor(this.sim.now());
      return { chunks: [...(r.stdout ? [{ stream: 'stdout' as const, text: r.stdout }] : []), ...(r.stderr ? [{ stream: 'stderr' as const, text: r.stderr }] : [])], exitCode: r.exitCode };
    }
    return { chunks: [{ stream: 'stderr', text: `${cmd}: command not found (try kubectl or sim)\n` }], exitCode: 127 };
  }

  private openEdit(request: EditRequest): NonNullable<CommandOutput['openInEditor']> {
    const editId = this.nextEditId++;
    this.edits.set(editId, request);
    return { fileName: `kubectl-edit-${request.title.replace(/[^\w.-]+/g, '-')}.yaml`, text: request.yaml, editId };
  }

  /** The editor tab of a `kubectl edit` was saved: apply it; a failed save leaves the edit open. */
  finishEdit(editId: number, text: string): CommandOutput {
    const request = this.edits.get(editId);
    if (!request) return { chunks: [{ stream: 'stderr', text: 'error: this edit is no longer open (the cluster was reset); run kubectl edit again\n' }], exitCode: 1 };
    const r: KubectlResult = finishEdit(this.client, request, text);
    if (r.exitCode === 0) this.edits.delete(editId);
    this.pacer.anchor(this.sim.now());
    return { chunks: r.chunks, exitCode: r.exitCode };
  }

  private simHost(): SimHost {
    return {
      advance: (ms) => this.sim.advance(ms),
      now: () => this.sim.now(),
      startMs: () => this.startMs,
      reset: ({ workers, seed }) => {
        this.options = { ...this.options, ...(workers !== undefined ? { workers } : {}), ...(seed !== undefined ? { seed } : {}) };
        this.boot(this.options);
        this.hello();
      },
      addNode: (o) => this.sim.addNode(o),
      removeNode: (n) => this.sim.removeNode(n),
      failNode: (n) => this.sim.failNode(n),
      recoverNode: (n) => this.sim.recoverNode(n),
      exitContainer: (ns, pod, code, c) => this.sim.exitContainer(ns, pod, code, c),
      podExists: (ns, pod) => this.sim.api.tryGet('Pod', ns, pod) !== undefined,
      listPods: (ns) => this.sim.api.list('Pod', { namespace: ns }),
    };
  }

  private addStream(stream: Stream): number {
    const id = this.nextStreamId++;
    const entry = { stream, pending: [] as Chunk[] };
    stream.onOutput((c) => entry.pending.push(c));
    this.streams.set(id, entry);
    return id;
  }

  private stopStream(id: number): void {
    const s = this.streams.get(id);
    if (!s) return;
    s.stream.stop();
    this.flushStream(id, s.pending);
    this.streams.delete(id);
    this.post({ type: 'streamOutput', streamId: id, chunk: { stream: 'stdout', text: '' }, ended: true });
  }

  private stopStreams(): void {
    for (const id of [...this.streams.keys()]) this.stopStream(id);
  }

  private flushStream(id: number, pending: Chunk[]): void {
    for (const chunk of pending.splice(0)) this.post({ type: 'streamOutput', streamId: id, chunk });
  }

  /** Step until something other than a heartbeat changes (a backoff expiring, a cron firing...). */
  stepToNextEvent(): void {
    const seen = this.collector.meaningful;
    const horizon = this.sim.now() + NEXT_EVENT_HORIZON_MS;
    while (this.collector.meaningful === seen && this.sim.step(horizon)) {
      /* keep stepping */
    }
    this.pacer.anchor(this.sim.now());
  }

  /**
   * One animation frame: advance virtual time toward the pacer's target within the frame budget,
   * then post the collapsed diff (and stream output) in one message. `periodic` marks the frame
   * loop's calls (replies to jumps and steps always post at once).
   */
  frame(periodic = false): void {
    try {
      this.advanceToPace();
    } catch (e) {
      this.pacer.pause(); // a failing step would fail again every frame
      const message = e instanceof LoopLimitError ? `simulation stopped: ${e.message}` : e instanceof Error ? e.message : String(e);
      this.post({ type: 'workerError', message, fatal: false });
    }
    for (const [id, s] of this.streams) this.flushStream(id, s.pending);
    // A dense cluster posts every other animation frame: changes to the same pod collapse, and the
    // page (which refreshes dense clusters at 30 Hz anyway) receives half the messages to decode.
    if (periodic && this.sim.store.count('Pod') >= DENSE_PODS && ++this.skippedFrames % 2 === 1) return;
    const clock = this.clock();
    const clockKey = `${clock.playing}|${clock.speed}|${clock.nextEventMs ?? ''}`;
    if (this.collector.empty && this.sim.now() === this.lastPostedSimMs && clockKey === this.lastClockKey) return;
    this.lastPostedSimMs = this.sim.now();
    this.lastClockKey = clockKey;
    this.post({ type: 'frame', diff: this.collector.flush(), clock });
  }

  private advanceToPace(): void {
    if (!this.pacer.playing) return;
    const target = this.pacer.target(this.sim.now());
    const started = this.host.wallNow();
    let done = false;
    while (!done && this.host.wallNow() - started < FRAME_BUDGET_MS) done = !this.sim.step(target);
    if (done) this.sim.advanceTo(target);
    this.pacer.settleLag(this.sim.now());
  }

  /** The simulation, for tests and benchmarks only. */
  get __debugSimulation(): Simulation {
    return this.sim;
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
