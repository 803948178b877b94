/**
 * The run's trace: every store write as `<virtual ms> <rv> <type> <kind> <key>` (and, in full mode,
 * the object itself), folded into a running 64-bit FNV-1a hash so two runs can be compared in O(1)
 * memory. A bounded ring of recent lines helps explain a mismatch.
 */
import type { WatchEvent } from '../store/store.ts';
import { keyOf } from '../api/objects.ts';

export type TraceMode = 'light' | 'full';

const RING = 200;

export class Trace {
  private h1 = 0x811c9dc5;
  private h2 = 0x01000193;
  private count = 0;
  /** The last RING lines, written round-robin at `count % RING`. */
  private readonly ring: string[] = [];

  constructor(
    private readonly mode: TraceMode,
    private readonly now: () => number,
  ) {}

  record(e: WatchEvent): void {
    let line = `${this.now()} ${e.object.metadata.resourceVersion} ${e.type} ${e.object.kind} ${keyOf(e.object)}`;
    if (this.mode === 'full') line += ` ${JSON.stringify(e.object)}`;
    this.fold(line);
    this.ring[this.count % RING] = line.length > 300 ? `${line.slice(0, 300)}…` : line;
    this.count++;
  }

  /** Mix a non-store fact into the hash (e.g. log output). */
  note(text: string): void {
    this.fold(text);
  }

  private fold(text: string): void {
    let a = this.h1;
    let b = this.h2;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 16777619) >>> 0;
      b = Math.imul(b ^ c ^ (a >>> 7), 2246822519) >>> 0;
    }
    a = Math.imul(a ^ 10, 16777619) >>> 0;
    this.h1 = a;
    this.h2 = b;
  }

  get hash(): string {
    return `${this.h1.toString(16).padStart(8, '0')}${this.h2.toString(16).padStart(8, '0')}`;
  }

  get writes(): number {
    return this.count;
  }

  /** The most recent lines, oldest first. */
  recent(): readonly string[] {
    const start = this.count % RING;
    return this.count <= RING ? this.ring.slice() : [...this.ring.slice(start), ...this.ring.slice(0, start)];
  }
}
