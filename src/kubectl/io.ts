/**
 * A kubectl invocation's input and output: ordered stdout/stderr chunks (so a terminal can show
 * them interleaved as a real one would), stdin, files for `-f`, and an exit code.
 */

export interface FileSource {
  /** Contents of a file, or undefined when it does not exist. */
  read(path: string): string | undefined;
  /** Files directly in a directory (for `-f dir/`), or undefined when it is not a directory. */
  list?(dir: string): string[] | undefined;
}

export interface Chunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

/** A command that keeps printing after it returns (`get -w`, `logs -f`) until stopped. */
export interface Stream {
  /** Called by the host with each further piece of output. */
  onOutput(listener: (chunk: Chunk) => void): void;
  /** Called once when the stream ends, by itself (the followed container exited) or by stop(). */
  onEnd(listener: () => void): void;
  /** Hosts call this after virtual time moved, for streams that sample state (`logs -f`). */
  poll(): void;
  stop(): void;
}

/** A Stream fed by a command: output before the host listens is buffered; stop runs cleanups once. */
export class ChunkStream implements Stream {
  private readonly listeners: ((chunk: Chunk) => void)[] = [];
  private buffered: Chunk[] = [];
  private readonly cleanups: (() => void)[] = [];
  private readonly pollers: (() => void)[] = [];
  private readonly endListeners: (() => void)[] = [];
  private stopped = false;

  emit(chunk: Chunk): void {
    if (this.stopped || chunk.text === '') return;
    if (this.listeners.length === 0) this.buffered.push(chunk);
    else for (const l of this.listeners) l(chunk);
  }

  onOutput(listener: (chunk: Chunk) => void): void {
    this.listeners.push(listener);
    const pending = this.buffered;
    this.buffered = [];
    for (const c of pending) listener(c);
  }

  /** Register work to undo when the stream stops (e.g. unsubscribe a watch). */
  onStop(cleanup: () => void): void {
    if (this.stopped) cleanup();
    else this.cleanups.push(cleanup);
  }

  /** Work to run when the host polls (sampling state that changes without a watch event). */
  onPoll(poller: () => void): void {
    this.pollers.push(poller);
  }

  onEnd(listener: () => void): void {
    if (this.stopped) listener();
    else this.endListeners.push(listener);
  }

  poll(): void {
    if (!this.stopped) for (const p of this.pollers) p();
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const c of this.cleanups) c();
    for (const l of this.endListeners) l();
  }
}

/**
 * What `kubectl edit` asks its host to do: open `yaml` in an editor, then hand the saved text to
 * `finishEdit` (kubectl.ts). Scripts, which have no editor, print a notice instead.
 */
export interface EditRequest {
  /** `pod/web`, or `2 objects` for several. */
  title: string;
  /** The objects being edited, to apply the result against. */
  targets: { kind: string; namespace?: string; name: string }[];
  /** The editor buffer: kubectl's comment header, then the object (or a List) as YAML. */
  yaml: string;
  /** The text as opened, to detect "no changes". */
  original: string;
}

export interface KubectlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  chunks: Chunk[];
  stream?: Stream;
  edit?: EditRequest;
}

export class Output {
  readonly chunks: Chunk[] = [];
  exitCode = 0;
  stream: Stream | undefined;
  edit: EditRequest | undefined;

  out(text: string): void {
    if (text) this.chunks.push({ stream: 'stdout', text });
  }

  err(text: string): void {
    if (text) this.chunks.push({ stream: 'stderr', text });
  }

  /** Print an error line (`error: ...` or `Error from server ...`) and set exit code 1. */
  fail(text: string, code = 1): void {
    this.err(text.endsWith('\n') ? text : `${text}\n`);
    this.exitCode = code;
  }

  result(): KubectlResult {
    const stdout = this.chunks.filter((c) => c.stream === 'stdout').map((c) => c.text).join('');
    const stderr = this.chunks.filter((c) => c.stream === 'stderr').map((c) => c.text).join('');
    return { stdout, stderr, exitCode: this.exitCode, chunks: this.chunks, ...(this.stream ? { stream: this.stream } : {}), ...(this.edit ? { edit: this.edit } : {}) };
  }
}
