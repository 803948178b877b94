/**
 * What the terminal prints that it did not type itself: commands run by UI actions (echoed with
 * their output, so users learn the kubectl equivalent), `get -w` stream output, and lines a lesson
 * types for the learner. Buffered until
 * a terminal subscribes, so nothing is lost while the panel is collapsed or still loading.
 */

export type TerminalEntry =
  | { kind: 'command'; line: string; chunks: { stream: 'stdout' | 'stderr'; text: string }[]; streamId?: number }
  | { kind: 'stream'; streamId: number; stream: 'stdout' | 'stderr'; text: string; ended?: boolean }
  | { kind: 'notice'; text: string }
  /** Type a line at the prompt and run it, as if the user had (a lesson's "run this"); `stdin` is its here-document. */
  | { kind: 'type'; line: string; stdin?: string }
  | { kind: 'output'; chunks: { stream: 'stdout' | 'stderr'; text: string }[] };

type Listener = (entry: TerminalEntry) => void;

const MAX_BUFFER = 500;
let listener: Listener | undefined;
const buffer: TerminalEntry[] = [];

export const terminalBus = {
  emit(entry: TerminalEntry): void {
    if (listener) listener(entry);
    else {
      buffer.push(entry);
      if (buffer.length > MAX_BUFFER) buffer.shift();
    }
  },
  /** One terminal at a time; replays what was buffered. Returns the unsubscribe function. */
  subscribe(l: Listener): () => void {
    listener = l;
    for (const e of buffer.splice(0)) l(e);
    return () => {
      if (listener === l) listener = undefined;
    };
  },
};
