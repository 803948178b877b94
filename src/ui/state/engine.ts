/**
 * The UI's handle on the engine worker: starts it, speaks the protocol (requests get promises,
 * frames go to the cluster store, stream output to the terminal), and reports worker failures in
 * the banner while the last good state stays on screen. UI actions call `run(line)`, which echoes
 * the command and its output in the terminal — the same path as typing it.
 */
import type { ManifestFile } from '../../scenarios/format.ts';
import { type CommandOutput, type Diagnostic, type EngineToUi, type OpenTarget, PROTOCOL_VERSION, type ReplyResults, type UiToEngine } from '../../worker/protocol.ts';
import { DENSE_AT } from '../graph/model.ts';
import { useClusterStore } from './cluster.ts';
import { recordSample } from './charts.ts';
import { markBoot, snapshotReceived } from './perf.ts';
import { terminalBus } from './terminalBus.ts';
import { openTarget, parseRoute, slotOfRoute } from './slots.ts';
import { useUiStore } from './ui.ts';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

type FrameMessage = Extract<EngineToUi, { type: 'frame' }>;
const pendingFrames: FrameMessage[] = [];
/** Flush at the next animation frame, or after this long when frames do not come (a hidden tab). */
const FLUSH_FALLBACK_MS = 250;


/** The workspace messages (`ready`, `opened`, `scenario`, `lesson`), for src/ui/state/scenario.ts. */
export type WorkspaceMessage = Extract<EngineToUi, { type: 'ready' | 'opened' | 'scenario' | 'lesson' }>;
let workspaceHandler: ((msg: WorkspaceMessage) => void) | undefined;
const earlyWorkspaceMessages: WorkspaceMessage[] = [];

/** Who handles workspace messages (registered by the scenario store; avoids an import cycle). */
export function setWorkspaceHandler(handler: (msg: WorkspaceMessage) => void): void {
  workspaceHandler = handler;
  for (const m of earlyWorkspaceMessages.splice(0)) handler(m);
}

function toWorkspace(msg: WorkspaceMessage): void {
  if (workspaceHandler) workspaceHandler(msg);
  else earlyWorkspaceMessages.push(msg);
}

/**
 * Worker frames are applied once per main-thread animation frame, however many arrived since the
 * last one (the worker's frames and ours are not in step): one store update, one React render.
 */
function queueFrame(msg: FrameMessage): void {
  pendingFrames.push(msg);
  if (pendingFrames.length > 1) return;
  let done = false;
  const flush = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    flushFrames();
  };
  const fallback = setTimeout(flush, FLUSH_FALLBACK_MS);
  // A dense cluster (counts, not chips) refreshes at half the frame rate: the eye cannot tell,
  // and every other frame stays free for scrolling and panning.
  const dense = (useClusterStore.getState().ids.Pod?.length ?? 0) >= DENSE_AT;
  requestAnimationFrame(() => (dense ? requestAnimationFrame(flush) : flush()));
}

function flushFrames(): void {
  if (pendingFrames.length === 0) return;
  const frames = pendingFrames.splice(0);
  const last = frames[frames.length - 1]!;
  useClusterStore.getState().applyFrames(
    frames.map((f) => f.diff),
    last.simNowMs,
    last.rv,
    last.clock,
  );
  recordSample(false);
}

function onMessage(msg: EngineToUi, receivedAtMs: number): void {
  const cluster = useClusterStore.getState();
  switch (msg.type) {
    case 'ready':
      pendingFrames.length = 0; // the snapshot already contains them
      snapshotReceived(receivedAtMs);
      cluster.reset(msg.snapshot, msg.simNowMs, msg.rv, msg.clock);
      recordSample(true);
      markBoot('engine-ready');
      toWorkspace(msg);
      return;
    case 'frame':
      queueFrame(msg);
      return;
    case 'reply': {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.ok) p?.resolve(msg.result);
      else p?.reject(new Error(msg.error));
      return;
    }
    case 'streamOutput':
      terminalBus.emit({ kind: 'stream', streamId: msg.streamId, stream: msg.chunk.stream, text: msg.chunk.text, ...(msg.ended ? { ended: true } : {}) });
      return;
    case 'workerError':
      useUiStore.getState().showError(msg.message);
      return;
    case 'opened':
    case 'scenario':
    case 'lesson':
      toWorkspace(msg);
      return;
  }
}

/** The worker `src/boot.ts` started ahead of the app bundle, if it did. */
interface EarlyWorker {
  worker: Worker;
  buffered: { data: EngineToUi; timeStamp: number }[];
}

export function startEngine(): void {
  if (worker) return;
  const early = (globalThis as { __kubesimEarlyWorker?: EarlyWorker }).__kubesimEarlyWorker;
  worker = early?.worker ?? new Worker(new URL('../../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'kubesim-engine' });
  worker.onmessage = (e: MessageEvent<EngineToUi>) => onMessage(e.data, e.timeStamp);
  worker.onerror = (e) => {
    e.preventDefault();
    useUiStore.getState().showError(`engine worker error: ${e.message || 'the worker stopped'}`);
  };
  if (early) for (const m of early.buffered.splice(0)) onMessage(m.data, m.timeStamp);
  else {
    const slot = slotOfRoute(parseRoute(location.hash));
    send({ type: 'hello', version: PROTOCOL_VERSION, open: openTarget(slot), playing: slot.kind === 'playground' });
  }
  // For e2e tests and the browser benchmarks.
  Object.assign(window, { __kubesimSend: send, __kubesimEngine: engine });
}

export function send(msg: UiToEngine): void {
  worker?.postMessage(msg);
}

let beforeRequest: (() => void) | undefined;
/** Run before every request (the workspace flushes its pending tab changes, so `-f` reads them). */
export function setBeforeRequest(fn: () => void): void {
  beforeRequest = fn;
}

function request<K extends keyof ReplyResults>(msg: DistributiveOmit<Extract<UiToEngine, { type: K }>, 'id'>): Promise<ReplyResults[K]> {
  beforeRequest?.();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    send({ ...msg, id } as UiToEngine);
  });
}

type OpenInEditor = NonNullable<CommandOutput['openInEditor']>;
let editorOpener: ((o: OpenInEditor) => void) | undefined;

/** Who opens `kubectl edit` buffers (the workspace registers itself; avoids an import cycle). */
export function setEditorOpener(open: (o: OpenInEditor) => void): void {
  editorOpener = open;
}

/** Every command's output passes here: a `kubectl edit` opens its buffer in the editor. */
function handleOutput(out: CommandOutput): CommandOutput {
  if (out.openInEditor) editorOpener?.(out.openInEditor);
  return out;
}

export const engine = {
  /** Run a line without echo (the terminal prints it itself). */
  runQuiet: (line: string, files?: Record<string, string>, stdin?: string) =>
    request<'runCommand'>({ type: 'runCommand', line, ...(files ? { files } : {}), ...(stdin !== undefined ? { stdin } : {}) }).then(handleOutput),
  /** A read-only kubectl query that is not part of the scenario (the inspector's logs). */
  query: (line: string) => request<'runCommand'>({ type: 'runCommand', line, record: false }),
  /** Save (or, with the text as opened, cancel) a `kubectl edit` buffer; prints what kubectl prints. */
  async finishEdit(editId: number, fileName: string, text: string): Promise<CommandOutput> {
    const out = await request<'finishEdit'>({ type: 'finishEdit', editId, text });
    terminalBus.emit({ kind: 'notice', text: `kubectl edit: saved ${fileName}` });
    terminalBus.emit({ kind: 'output', chunks: out.chunks });
    return out;
  },
  /** Run a line on behalf of a UI action and echo it with its output in the terminal. */
  async run(line: string, files?: Record<string, string>): Promise<CommandOutput> {
    try {
      const out = await engine.runQuiet(line, files);
      terminalBus.emit({ kind: 'command', line, chunks: out.chunks, ...(out.streamId !== undefined ? { streamId: out.streamId } : {}) });
      if (out.openInEditor) terminalBus.emit({ kind: 'notice', text: `editing in the editor tab ${out.openInEditor.fileName}: Save applies it, Cancel drops it` });
      return out;
    } catch (e) {
      const text = `${e instanceof Error ? e.message : String(e)}\n`;
      terminalBus.emit({ kind: 'command', line, chunks: [{ stream: 'stderr', text }] });
      return { chunks: [{ stream: 'stderr', text }], exitCode: 1 };
    }
  },
  lint: (fileName: string, text: string): Promise<Diagnostic[]> => request<'lintManifest'>({ type: 'lintManifest', fileName, text }),
  complete: (line: string, cursor: number) => request<'complete'>({ type: 'complete', line, cursor }),
  /** The live object behind a record (records of Pods and Events come without it). */
  getObject: (uid: string) => request<'getObject'>({ type: 'getObject', uid }),
  stopStream: (streamId: number) => send({ type: 'stopStream', streamId }),
  setPlaying: (playing: boolean) => send({ type: 'setPlaying', playing }),
  setSpeed: (speed: number) => send({ type: 'setSpeed', speed }),
  stepToNextEvent: () => request<'stepToNextEvent'>({ type: 'stepToNextEvent' }),
  advance: (ms: number) => request<'advance'>({ type: 'advance', ms }),
  /** The editor's tabs, as `kubectl apply -f NAME` reads them in the worker. */
  setFiles: (files: ManifestFile[]) => send({ type: 'setFiles', files }),
  /** Install another workspace (a slot's, restored from its autosave; a shared scenario). */
  open: (target: OpenTarget, playing?: boolean) => request<'open'>({ type: 'open', target, ...(playing !== undefined ? { playing } : {}) }),
  /** Decode a shared link's payload or a `.kubesim.json` file (validated in the worker). */
  decode: (source: { fragment: string } | { file: string }) => request<'decodeScenario'>({ type: 'decodeScenario', source }),
  share: () => request<'share'>({ type: 'share' }),
  /** Replay to just after timeline entry `index` (the later ones are dropped). */
  timeTravel: (index: number) => request<'timeTravel'>({ type: 'timeTravel', index }),
  /** A fresh cluster (by default the playground's: 3 workers and the starter DaemonSet). */
  async reset(options: { workers?: number; seed?: string; scenario?: string } = {}): Promise<void> {
    await request<'reset'>({ type: 'reset', ...options });
    useUiStore.getState().clearError();
    terminalBus.emit({ kind: 'notice', text: `cluster reset: 1 control-plane node, ${options.workers ?? 3} workers` });
  },
};
