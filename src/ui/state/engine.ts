/**
 * The UI's handle on the engine worker: starts it, speaks the protocol (requests get promises,
 * frames go to the cluster store, stream output to the terminal), and reports worker failures in
 * the banner while the last good state stays on screen. UI actions call `run(line)`, which echoes
 * the command and its output in the terminal — the same path as typing it.
 */
import { type CommandOutput, type Diagnostic, type EngineToUi, PROTOCOL_VERSION, type ReplyResults, type UiToEngine } from '../../worker/protocol.ts';
import { useClusterStore } from './cluster.ts';
import { recordSample } from './charts.ts';
import { terminalBus } from './terminalBus.ts';
import { useUiStore } from './ui.ts';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function onMessage(msg: EngineToUi): void {
  const cluster = useClusterStore.getState();
  switch (msg.type) {
    case 'ready':
      cluster.reset(msg.snapshot, msg.simNowMs, msg.rv, msg.clock);
      recordSample(true);
      return;
    case 'frame':
      cluster.applyFrame(msg.diff, msg.simNowMs, msg.rv, msg.clock);
      recordSample(false);
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
  }
}

export function startEngine(): void {
  if (worker) return;
  worker = new Worker(new URL('../../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'kubesim-engine' });
  worker.onmessage = (e: MessageEvent<EngineToUi>) => onMessage(e.data);
  worker.onerror = (e) => {
    e.preventDefault();
    useUiStore.getState().showError(`engine worker error: ${e.message || 'the worker stopped'}`);
  };
  send({ type: 'hello', version: PROTOCOL_VERSION });
  (window as unknown as { __kubesimSend?: typeof send }).__kubesimSend = send; // for e2e tests
}

export function send(msg: UiToEngine): void {
  worker?.postMessage(msg);
}

function request<K extends keyof ReplyResults>(msg: DistributiveOmit<Extract<UiToEngine, { type: K }>, 'id'>): Promise<ReplyResults[K]> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    send({ ...msg, id } as UiToEngine);
  });
}

export const engine = {
  /** Run a line without echo (the terminal prints it itself; the inspector reads logs). */
  runQuiet: (line: string, files?: Record<string, string>) => request<'runCommand'>({ type: 'runCommand', line, ...(files ? { files } : {}) }),
  /** Run a line on behalf of a UI action and echo it with its output in the terminal. */
  async run(line: string, files?: Record<string, string>): Promise<CommandOutput> {
    try {
      const out = await engine.runQuiet(line, files);
      terminalBus.emit({ kind: 'command', line, chunks: out.chunks, ...(out.streamId !== undefined ? { streamId: out.streamId } : {}) });
      return out;
    } catch (e) {
      const text = `${e instanceof Error ? e.message : String(e)}\n`;
      terminalBus.emit({ kind: 'command', line, chunks: [{ stream: 'stderr', text }] });
      return { chunks: [{ stream: 'stderr', text }], exitCode: 1 };
    }
  },
  lint: (fileName: string, text: string): Promise<Diagnostic[]> => request<'lintManifest'>({ type: 'lintManifest', fileName, text }),
  complete: (line: string, cursor: number) => request<'complete'>({ type: 'complete', line, cursor }),
  stopStream: (streamId: number) => send({ type: 'stopStream', streamId }),
  setPlaying: (playing: boolean) => send({ type: 'setPlaying', playing }),
  setSpeed: (speed: number) => send({ type: 'setSpeed', speed }),
  stepToNextEvent: () => request<'stepToNextEvent'>({ type: 'stepToNextEvent' }),
  advance: (ms: number) => request<'advance'>({ type: 'advance', ms }),
  async reset(): Promise<void> {
    await request<'reset'>({ type: 'reset' });
    useUiStore.getState().clearError();
    terminalBus.emit({ kind: 'notice', text: 'cluster reset: 1 control-plane node, 3 workers' });
  },
};
