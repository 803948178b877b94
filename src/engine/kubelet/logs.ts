/**
 * Container logs: what a container wrote to stdout/stderr, line by line with virtual timestamps,
 * kept per container instance (current and previous, as `kubectl logs --previous` needs). Bounded,
 * like the kubelet's log rotation, so chatty containers cannot grow memory without limit.
 */

export interface LogLine {
  ms: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

/** Whole lines written at once: `text` holds `count` lines joined by newlines. */
interface Chunk extends LogLine {
  count: number;
}

export const MAX_LOG_LINES = 20_000;

export class LogBuffer {
  /**
   * Kept as written, a multi-line write as one chunk: most logs are written once and never read
   * (every nginx start writes sixteen lines in two writes), so lines are only split out when read.
   */
  private readonly chunks: Chunk[] = [];
  private count = 0;
  private partialOut = '';
  private partialErr = '';
  /** The lines as last read, until the next write. */
  private read: LogLine[] | undefined;

  constructor(private readonly maxLines = MAX_LOG_LINES) {}

  write(stream: 'stdout' | 'stderr', text: string, ms: number): void {
    const partial = stream === 'stdout' ? this.partialOut : this.partialErr;
    const whole = partial === '' ? text : partial + text;
    const end = whole.lastIndexOf('\n');
    const rest = end === -1 ? whole : whole.slice(end + 1);
    if (stream === 'stdout') this.partialOut = rest;
    else this.partialErr = rest;
    if (end !== -1) this.push(ms, stream, whole.slice(0, end));
  }

  /** Flush unterminated output (the process exited). */
  close(ms: number): void {
    if (this.partialOut !== '') this.push(ms, 'stdout', this.partialOut);
    if (this.partialErr !== '') this.push(ms, 'stderr', this.partialErr);
    this.partialOut = '';
    this.partialErr = '';
  }

  /** Every line kept, oldest first. Do not mutate. */
  get lines(): readonly LogLine[] {
    if (!this.read) {
      this.read = [];
      for (const c of this.chunks) {
        if (c.count === 1) this.read.push({ ms: c.ms, stream: c.stream, text: c.text });
        else for (const text of c.text.split('\n')) this.read.push({ ms: c.ms, stream: c.stream, text });
      }
    }
    return this.read;
  }

  private push(ms: number, stream: 'stdout' | 'stderr', text: string): void {
    let count = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
    this.chunks.push({ ms, stream, text, count });
    this.count += count;
    this.read = undefined;
    if (this.count > this.maxLines) this.dropOldest(this.count - this.maxLines);
  }

  /** Log rotation: forget the `n` oldest lines. */
  private dropOldest(n: number): void {
    this.count -= n;
    let whole = 0;
    while (this.chunks[whole]!.count <= n) n -= this.chunks[whole++]!.count;
    this.chunks.splice(0, whole);
    if (n === 0) return;
    const first = this.chunks[0]!;
    let at = -1;
    for (let i = 0; i < n; i++) at = first.text.indexOf('\n', at + 1);
    this.chunks[0] = { ...first, text: first.text.slice(at + 1), count: first.count - n };
  }
}
