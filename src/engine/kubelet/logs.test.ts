import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LogBuffer, type LogLine } from './logs.ts';

/** The reference: split every write into lines at once, drop the oldest line past the limit. */
class LineByLine {
  readonly lines: LogLine[] = [];
  private partial = { stdout: '', stderr: '' };

  constructor(private readonly max: number) {}

  write(stream: 'stdout' | 'stderr', text: string, ms: number): void {
    const parts = (this.partial[stream] + text).split('\n');
    this.partial[stream] = parts.pop()!;
    for (const line of parts) this.push({ ms, stream, text: line });
  }

  close(ms: number): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream] !== '') this.push({ ms, stream, text: this.partial[stream] });
      this.partial[stream] = '';
    }
  }

  private push(line: LogLine): void {
    this.lines.push(line);
    if (this.lines.length > this.max) this.lines.shift();
  }
}

describe('LogBuffer', () => {
  it('keeps lines with their stream and time, and flushes a partial line on close', () => {
    const logs = new LogBuffer();
    logs.write('stdout', 'one\ntwo\nthr', 1000);
    logs.write('stderr', 'oops\n', 1500);
    logs.write('stdout', 'ee\n', 2000);
    logs.write('stdout', 'tail', 2500);
    logs.close(3000);
    expect(logs.lines).toEqual([
      { ms: 1000, stream: 'stdout', text: 'one' },
      { ms: 1000, stream: 'stdout', text: 'two' },
      { ms: 1500, stream: 'stderr', text: 'oops' },
      { ms: 2000, stream: 'stdout', text: 'three' },
      { ms: 3000, stream: 'stdout', text: 'tail' },
    ]);
  });

  it('keeps only the newest lines past its limit', () => {
    const logs = new LogBuffer(3);
    logs.write('stdout', 'a\nb\nc\nd\n', 0);
    logs.write('stdout', 'e\n', 1);
    expect(logs.lines.map((l) => l.text)).toEqual(['c', 'd', 'e']);
  });

  it('reads the same lines as splitting every write at once, for any writes and limit', () => {
    const text = fc.array(fc.constantFrom('x', 'yy', '\n', '\n\n', ''), { maxLength: 4 }).map((parts) => parts.join(''));
    const action = fc.oneof(
      fc.record({ stream: fc.constantFrom('stdout' as const, 'stderr' as const), text }),
      fc.constant('close' as const),
      fc.constant('read' as const),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(action, { maxLength: 20 }), (max, actions) => {
        const logs = new LogBuffer(max);
        const reference = new LineByLine(max);
        actions.forEach((a, ms) => {
          if (a === 'close') {
            logs.close(ms);
            reference.close(ms);
          } else if (a === 'read') expect(logs.lines).toEqual(reference.lines);
          else {
            logs.write(a.stream, a.text, ms);
            reference.write(a.stream, a.text, ms);
          }
        });
        expect(logs.lines).toEqual(reference.lines);
      }),
      { numRuns: 500 },
    );
  });
});
