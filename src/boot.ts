/**
 * The page's entry: a few hundred bytes that start the engine worker and say hello — asking it to
 * restore the route's autosaved workspace — then load the app. The cluster boots (or replays) while
 * the app bundle downloads and parses; messages that arrive before the app listens are kept for it
 * (src/ui/state/engine.ts takes them over).
 */
import { openTarget, parseRoute, slotOfRoute } from './ui/state/slots.ts';
import { PROTOCOL_VERSION, type EngineToUi } from './worker/protocol.ts';

export interface EarlyWorker {
  worker: Worker;
  /** Messages received before the app took over, with their arrival times. */
  buffered: { data: EngineToUi; timeStamp: number }[];
}

const worker = new Worker(new URL('./worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'kubesim-engine' });
const early: EarlyWorker = { worker, buffered: [] };
worker.onmessage = (e: MessageEvent<EngineToUi>) => early.buffered.push({ data: e.data, timeStamp: e.timeStamp });
// The playground plays from the start; a lesson waits for the learner to press play.
const slot = slotOfRoute(parseRoute(location.hash));
worker.postMessage({ type: 'hello', version: PROTOCOL_VERSION, open: openTarget(slot), playing: slot.kind === 'playground' });
(globalThis as { __kubesimEarlyWorker?: EarlyWorker }).__kubesimEarlyWorker = early;

void import('./main.tsx');
// The terminal is part of "interactive" but lives in its own chunk (xterm): fetch it alongside.
void import('./ui/terminal/TerminalPanel.tsx');
