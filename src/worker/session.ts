/**
 * One live cluster behind the worker's message port: a recorded `ScenarioSession` (the cluster,
 * the editor's files and the timeline of every command that ran), kubectl over it, running
 * `get -w` streams, open `kubectl edit`s, the pacer, the diff collector and, in a lesson, the
 * lesson tracker. Free of worker globals (the host passes `post` and the wall clock), so tests
 * drive it directly in Node.
 *
 * Every UI action arrives as a command line (`kubectl cordon worker-1`, `sim node fail worker-2`):
 * the same path the terminal uses, so what the UI does is always something the user can type,
 * and always part of the scenario — which is what makes autosave, share links and time travel a
 * replay of the same inputs at the same virtual instants.
 */
import { type KubeObject, LoopLimitError, type Pod, type Simulation } from '../engine/index.ts';
import { type KubeClient, simulationClient } from '../kubectl/client.ts';
import type { EditRequest, Stream } from '../kubectl/io.ts';
import { finishEdit, runKubectl } from '../kubectl/kubectl.ts';
import { splitCommandLine } from '../kubectl/parse.ts';
import { type Scenario, ScenarioError } from '../scenarios/format.ts';
import type { ScenarioSession } from '../scenarios/session.ts';
import { replay, truncateAfter } from '../scenarios/session.ts';
import { ShareError, decodeScenario, importScenarioFile } from '../scenarios/share.ts';
import { lessonById } from '../scenarios/tutorials/index.ts';
import { simulationView } from '../scenarios/tutorials/simulationView.ts';
import { complete } from './completion.ts';
import { DiffCollector } from './diffs.ts';
import { LessonTracker } from './lessonTracker.ts';
import { lintManifest, locateApiErrors } from './lint.ts';
import { FRAME_BUDGET_MS, Pacer, type WallMs } from './pacing.ts';
import { type ClockState, type CommandOutput, type EngineToUi, type OpenTarget, PROTOCOL_VERSION, type ReplyResults, type Slot, type UiToEngine, type WireObject } from './protocol.ts';
import { type SummaryContext, toRecord } from './summaries.ts';
import { type Opened, type PlaygroundOptions, SESSION_OPTIONS, editCommand, openWorkspace, playground, scenarioOf, share } from './workspaces.ts';

export interface SessionHost {
  post(message: EngineToUi): void;
  wallNow(): WallMs;
}

export interface SessionOptions extends Omit<PlaygroundOptions, 'manifests'> {
  playing?: boolean;
}

/** From this many pods the UI shows counts and refreshes at 30 Hz (src/ui/graph/model.ts DENSE_AT). */
const DENSE_PODS = 1000;
/** How far "next event" looks ahead before giving up (a quiet cluster has only heartbeats). */
const NEXT_EVENT_HORIZON_MS = 24 * 60 * 60 * 1000;
/** How often, at most, a big scenario that keeps changing is posted (see postScenarioIfChanged). */
export const SCENARIO_POST_EVERY_MS = 500;
/** A scenario this big (characters of manifests, commands, stdin and files) counts as big. */
export const BIG_SCENARIO_CHARS = 100_000;

/** Roughly how many characters a scenario puts on the wire. */
export function scenarioChars(s: Scenario): number {
  let n = 0;
  for (const m of s.manifests) n += m.text.length;
  for (const e of s.timeline) {
    n += e.command.length + (e.stdin?.length ?? 0);
    for (const f of e.files ?? []) n += f.text.length;
  }
  return n;
}
/** Commands the inspector may run without recording them: they only read. */
const READ_ONLY = new Set(['get', 'describe', 'logs', 'explain', 'api-resources', 'version', 'cluster-info', 'top']);
type Chunk = { stream: 'stdout' | 'stderr'; text: string };

export class Session {
  private scenario!: ScenarioSession;
  private slot: Slot = { kind: 'playground' };
  private lesson: LessonTracker | undefined;
  /** The simulation the collector watches (`sim reset` replaces the session's). */
  private sim!: Simulation;
  private client!: KubeClient;
  private collector!: DiffCollector;
  private unwatch: () => void = () => {};
  private readonly pacer: Pacer;
  private readonly streams = new Map<number, { stream: Stream; pending: Chunk[] }>();
  /** `kubectl edit`s whose editor tab is open, by edit id, with the line that opened them. */
  private readonly edits = new Map<number, { request: EditRequest; line: string }>();
  private nextEditId = 1;
  private nextStreamId = 1;
  private lastPostedSimMs = -1;
  private skippedFrames = 0;
  private lastClockKey = '';
  /** The scenario changed since it was last posted. */
  private scenarioDirty = false;
  private lastScenarioPostWall = -Infinity;
  private lastScenarioChars = 0;

  constructor(
    private readonly host: SessionHost,
    private readonly options: SessionOptions = {},
  ) {
    this.pacer = new Pacer(host.wallNow);
    this.install({ session: playground(options), slot: { kind: 'playground' } });
    if (options.playing) this.pacer.play(this.sim.now());
  }

  // ---- workspaces ----

  /** Make `opened` the live workspace (streams and edits of the previous one end). */
  private install(opened: Opened): void {
    this.stopStreams();
    this.edits.clear();
    this.scenario = opened.session;
    this.slot = opened.slot;
    this.bindSimulation();
    const lesson = opened.slot.kind === 'lesson' ? lessonById(opened.slot.id) : undefined;
    this.lesson = lesson ? new LessonTracker(lesson, this.scenario.lesson?.done ?? 0, simulationView(() => this.scenario.sim, () => this.scenario.history()), this.scenario.elapsedMs) : undefined;
    this.observeLesson();
    this.scenarioDirty = false;
  }

  /** Watch the session's current simulation (after an install or a `sim reset`). */
  private bindSimulation(): void {
    this.unwatch();
    this.sim = this.scenario.sim;
    this.client = simulationClient(this.sim);
    this.collector = new DiffCollector((obj: KubeObject) => toRecord(obj, this.summaryContext()));
    this.unwatch = this.sim.store.watch('*', (e) => this.collector.observe(e));
    this.pacer.anchor(this.sim.now());
  }

  /** Tell the UI about the new workspace: its objects, its scenario, its lesson. */
  private announce(notice?: string): void {
    this.hello();
    this.post({ type: 'opened', slot: this.slot, scenario: scenarioOf(this.scenario), ...(notice ? { notice } : {}) });
    this.post({ type: 'lesson', state: this.lesson ? this.lesson.state() : null });
  }

  private open(target: OpenTarget, playing: boolean | undefined): Slot {
    const opened = openWorkspace(target);
    this.install(opened);
    if (playing === true) this.pacer.play(this.sim.now());
    if (playing === false) this.pacer.pause();
    this.announce(opened.notice);
    return this.slot;
  }

  /** Everything the UI needs to (re)build its mirror. */
  hello(): void {
    const snapshot = [];
    const ctx = this.summaryContext();
    for (const kind of KINDS) for (const obj of this.sim.store.list(kind)) snapshot.push(toRecord(obj, ctx));
    this.collector.clear();
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

  private post(message: DistributiveOmit<EngineToUi, 'simNowMs' | 'rv'>): void {
    this.host.post({ ...message, simNowMs: this.sim.now(), rv: this.sim.store.resourceVersion } as EngineToUi);
  }

  private reply<K extends keyof ReplyResults>(id: number, result: ReplyResults[K]): void {
    this.post({ type: 'reply', id, ok: true, result });
  }

  clock(): ClockState {
    const next = this.sim.nextEventMs();
    return { playing: this.pacer.playing, speed: this.pacer.speed, startMs: this.scenario.startMs, ...(next !== undefined ? { nextEventMs: next } : {}) };
  }

  /** Handle one message; failures become replies or a `workerError`, never a dead worker. */
  handle(msg: UiToEngine): void {
    try {
      this.dispatch(msg);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if ('id' in msg) this.post({ type: 'reply', id: msg.id, ok: false, error: message });
      // A bad link or file is the requester's to explain; anything else is the worker's problem.
      if (!(e instanceof ShareError || e instanceof ScenarioError)) this.post({ type: 'workerError', message, fatal: false });
    }
    this.postScenarioIfChanged(true);
  }

  private dispatch(msg: UiToEngine): void {
    switch (msg.type) {
      case 'hello':
        if (msg.version !== PROTOCOL_VERSION) throw new Error(`protocol mismatch: UI ${msg.version}, worker ${PROTOCOL_VERSION}`);
        if (!msg.open) return this.announce();
        try {
          this.open(msg.open, msg.playing);
        } catch (e) {
          // The page must get a workspace whatever it asked for: keep the current one, and say why.
          if (!(e instanceof ShareError || e instanceof ScenarioError)) throw e;
          this.announce(e.message);
        }
        return;
      case 'runCommand':
        return this.reply<'runCommand'>(msg.id, this.runCommand(msg.line, { ...(msg.files ? { files: msg.files } : {}), ...(msg.stdin !== undefined ? { stdin: msg.stdin } : {}), record: msg.record !== false }));
      case 'setFiles':
        return this.setFiles(msg.files);
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
        this.postLesson();
        this.reply<'stepToNextEvent'>(msg.id, { advancedMs: this.sim.now() - before });
        return this.frame();
      }
      case 'advance': {
        const before = this.sim.now();
        this.advanceTo(before + Math.max(0, msg.ms));
        this.pacer.anchor(this.sim.now());
        this.postLesson();
        this.reply<'advance'>(msg.id, { advancedMs: this.sim.now() - before });
        return this.frame();
      }
      case 'reset': {
        // A fresh playground from the session's own defaults (what one reset asked for does not
        // stick), keeping the editor's tabs.
        const manifests = this.scenario.fileNames().map((name) => ({ name, text: this.scenario.file(name)! }));
        const options: PlaygroundOptions = { ...this.options, ...(msg.seed !== undefined ? { seed: msg.seed } : {}), ...(msg.workers !== undefined ? { workers: msg.workers } : {}), ...(msg.scenario !== undefined ? { starter: msg.scenario } : {}), manifests };
        this.install({ session: playground(options), slot: { kind: 'playground' } });
        this.announce();
        return this.reply<'reset'>(msg.id, { ok: true });
      }
      case 'open':
        return this.reply<'open'>(msg.id, { slot: this.open(msg.target, msg.playing) });
      case 'decodeScenario':
        return this.reply<'decodeScenario'>(msg.id, { scenario: 'fragment' in msg.source ? decodeScenario(msg.source.fragment) : importScenarioFile(msg.source.file) });
      case 'share':
        return this.reply<'share'>(msg.id, share(scenarioOf(this.scenario)));
      case 'timeTravel': {
        const travelled = replay(truncateAfter(scenarioOf(this.scenario), msg.index), SESSION_OPTIONS);
        this.install({ session: travelled, slot: this.slot });
        this.pacer.pause();
        this.announce();
        return this.reply<'timeTravel'>(msg.id, { slot: this.slot });
      }
    }
  }

  // ---- commands ----

  /**
   * A terminal line: `kubectl ...` (or `k ...`), `sim ...`, recorded in the scenario. With
   * `record: false` a read-only kubectl query runs without being recorded (the inspector's logs).
   */
  runCommand(line: string, options: { files?: Record<string, string>; stdin?: string; record?: boolean } = {}): CommandOutput {
    const words = splitCommandLine(line.trim());
    if (words instanceof Error) return { chunks: [{ stream: 'stderr', text: `error: ${words.message}\n` }], exitCode: 1 };
    const [cmd, ...rest] = words;
    if (cmd === undefined) return { chunks: [], exitCode: 0 };
    if (cmd !== 'kubectl' && cmd !== 'k' && cmd !== 'sim') return { chunks: [{ stream: 'stderr', text: `${cmd}: command not found (try kubectl or sim)\n` }], exitCode: 127 };
    if (cmd !== 'sim' && options.record === false && READ_ONLY.has(rest[0] ?? '')) {
      const r = runKubectl(rest, this.client, { files: { read: (p) => this.scenario.file(p) } });
      r.stream?.stop();
      return { chunks: r.chunks, exitCode: r.exitCode };
    }
    // The timeline holds what kubectl would be typed as: `k get pods` is `kubectl get pods`.
    const text = cmd === 'k' ? line.trim().replace(/^k(?=\s|$)/, 'kubectl') : line.trim();
    for (const [name, fileText] of Object.entries(options.files ?? {})) this.scenario.setFile(name, fileText);
    const r = this.scenario.run(text, options.stdin);
    const out: CommandOutput = { chunks: r.chunks, exitCode: r.exitCode };
    if (r.edit) out.openInEditor = this.openEdit(r.edit, text);
    if (options.files) out.diagnostics = Object.fromEntries(Object.entries(options.files).map(([name, fileText]) => [name, r.exitCode === 0 ? [] : locateApiErrors(fileText, r.stderr)]));
    if (r.stream) out.streamId = this.addStream(r.stream);
    this.afterCommand(cmd === 'sim' ? rest : undefined);
    return out;
  }

  /** Bookkeeping after anything recorded ran: a replaced cluster, node power, time, the lesson. */
  private afterCommand(simArgs?: string[]): void {
    if (this.scenario.sim !== this.sim) {
      // `sim reset`: a new cluster in the same workspace.
      this.stopStreams();
      this.bindSimulation();
      this.announce();
    }
    if (simArgs?.[0] === 'node' && (simArgs[1] === 'fail' || simArgs[1] === 'recover')) this.touchNode(simArgs[2]);
    this.pacer.anchor(this.sim.now()); // `sim advance`, `wait` and `delete --wait` may have moved time
    this.lesson?.commandRan(this.scenario.elapsedMs);
    this.observeLesson();
    this.postLesson();
    this.scenarioDirty = true;
  }

  /**
   * Post the lesson's progress when it changed. Requests that move the cluster post it before
   * their reply, so a page that sees the reply already knows which steps ticked.
   */
  private postLesson(): void {
    const state = this.lesson?.changedState();
    if (state) this.post({ type: 'lesson', state });
  }

  /** The editor's tabs, as `-f NAME` reads them. */
  private setFiles(files: { name: string; text: string }[]): void {
    const keep = new Set(files.map((f) => f.name));
    for (const name of this.scenario.fileNames()) if (!keep.has(name)) this.scenario.deleteFile(name);
    for (const f of files) if (this.scenario.file(f.name) !== f.text) this.scenario.setFile(f.name, f.text);
    this.scenarioDirty = true;
  }

  private openEdit(request: EditRequest, line: string): NonNullable<CommandOutput['openInEditor']> {
    const editId = this.nextEditId++;
    this.edits.set(editId, { request, line });
    return { fileName: `kubectl-edit-${request.title.replace(/[^\w.-]+/g, '-')}.yaml`, text: request.yaml, editId };
  }

  /**
   * The editor tab of a `kubectl edit` was saved. Unchanged: cancelled, as kubectl says. Changed:
   * recorded as `kubectl edit <objects>` with the buffer as its here-document, which does exactly
   * what saving the open edit does (kubectl diffs the buffer against the live objects, which are
   * the same objects at the same instant). A failed save leaves the edit open.
   */
  finishEdit(editId: number, text: string): CommandOutput {
    const open = this.edits.get(editId);
    if (!open) return { chunks: [{ stream: 'stderr', text: 'error: this edit is no longer open (the cluster was reset); run kubectl edit again\n' }], exitCode: 1 };
    if (text === open.request.original) {
      this.edits.delete(editId);
      const r = finishEdit(this.client, open.request, text);
      return { chunks: r.chunks, exitCode: r.exitCode };
    }
    const r = this.scenario.run(editCommand(open.request, open.line), text);
    if (r.exitCode === 0) this.edits.delete(editId);
    this.afterCommand();
    return { chunks: r.chunks, exitCode: r.exitCode };
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

  // ---- time ----

  /** Re-evaluate the lesson (cheap when nothing changed); record ticks in the scenario. */
  /** Let the lesson look at the cluster; returns whether a step ticked. */
  private observeLesson(): boolean {
    if (!this.lesson) return false;
    if (!this.lesson.observe(this.collector.meaningful, this.scenario.elapsedMs)) return false;
    this.scenario.lesson = { id: this.lesson.lesson.id, done: this.lesson.done };
    this.scenarioDirty = true;
    return true;
  }

  /** Step to `targetMs` as `advanceTo` does, letting the lesson look at every step on the way. */
  private advanceTo(targetMs: number): void {
    while (this.sim.step(targetMs)) this.observeLesson();
    this.sim.advanceTo(targetMs);
    this.observeLesson();
  }

  /**
   * Step until something other than a heartbeat changes (a backoff expiring, a cron firing...), or
   * a lesson step ticks (a check may hold on what no store write shows, such as a log line).
   */
  stepToNextEvent(): void {
    const seen = this.collector.meaningful;
    const horizon = this.sim.now() + NEXT_EVENT_HORIZON_MS;
    while (this.collector.meaningful === seen && this.sim.step(horizon)) if (this.observeLesson()) break;
    this.observeLesson();
    this.pacer.anchor(this.sim.now());
  }

  /**
   * One animation frame: advance virtual time toward the pacer's target within the frame budget,
   * then post the collapsed diff (and stream output, lesson progress, the scenario) in order.
   * `periodic` marks the frame loop's calls (replies to jumps and steps always post at once).
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
    this.postLesson();
    this.postScenarioIfChanged(periodic);
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

  /**
   * The scenario carries every manifest and the whole timeline. Once that is big (a file of a
   * thousand pods applied), decoding it in the page for every command of a burst keeps the page's
   * garbage collector busy, so a big scenario waits until SCENARIO_POST_EVERY_MS after the last
   * post — the frame loop posts it then. A small one, and any non-periodic frame, post at once.
   */
  private postScenarioIfChanged(mayWait: boolean): void {
    if (!this.scenarioDirty) return;
    const now = this.host.wallNow();
    if (mayWait && this.lastScenarioChars >= BIG_SCENARIO_CHARS && now - this.lastScenarioPostWall < SCENARIO_POST_EVERY_MS) return;
    const scenario = scenarioOf(this.scenario);
    this.lastScenarioPostWall = now;
    this.lastScenarioChars = scenarioChars(scenario);
    this.scenarioDirty = false;
    this.post({ type: 'scenario', scenario });
  }

  private advanceToPace(): void {
    if (!this.pacer.playing) return;
    const target = this.pacer.target(this.sim.now());
    const started = this.host.wallNow();
    let done = false;
    while (!done && this.host.wallNow() - started < FRAME_BUDGET_MS) {
      done = !this.sim.step(target);
      this.observeLesson();
    }
    if (done) this.advanceTo(target);
    this.pacer.settleLag(this.sim.now());
  }

  /** The simulation, for tests and benchmarks only. */
  get __debugSimulation(): Simulation {
    return this.sim;
  }

  /** The recorded session, for tests only. */
  get __debugScenario(): ScenarioSession {
    return this.scenario;
  }
}

const KINDS = ['Namespace', 'Node', 'CronJob', 'Job', 'Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Pod', 'Service', 'ConfigMap', 'Event'];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
