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

export const MAX_LOG_LINES = 20_000;

export class LogBuffer {
  readonly lines: LogLine[] = [];
  private partial: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' };
  private dropped = 0;

  write(stream: 'stdout' | 'stderr', text: string, ms: number): void {
    // Most writes are one whole line (an echo): no joining and splitting for those.
    if (this.partial[stream] === '' && text.length > 0 && text.indexOf('\n') === text.length - 1) return this.push({ ms, stream, text: text.slice(0, -1) });
    const chunks = (this.partial[stream] + text).split('\n');
    this.partial[stream] = chunks.pop()!;
    for (const line of chunks) this.push({ ms, stream, text: line });
  }

  /** Flush unterminated output (the process exited). */
  close(ms: number): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream] !== '') this.push({ ms, stream, text: this.partial[stream] });
      this.partial[stream] = '';
    }
  }

  get droppedLines(): number {
    return this.dropped;
  }

  private push(line: LogLine): void {
    this.lines.push(line);
    if (this.lines.length > MAX_LOG_LINES) {
      this.lines.splice(0, this.lines.length - MAX_LOG_LINES);
      this.dropped++;
    }
  }
}
