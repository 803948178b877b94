/**
 * The run's trace: every store write as `<virtual ms> <rv> <type> <kind> <key>` (and, in full mode,
 * the object itself), folded into a running 64-bit FNV-1a-style hash so two runs can be compared in
 * O(1) memory. A bounded ring of recent writes helps explain a mismatch.
 */
import type { WatchEvent } from '../store/store.ts';
import { keyOf } from '../api/objects.ts';

export type TraceMode = 'light' | 'full';

const RING = 200;

interface Entry {
  atMs: number;
  event: WatchEvent;
}

export class Trace {
  private h1 = 0x811c9dc5;
  private h2 = 0x01000193;
  private count = 0;
  /** The last RING writes, round-robin at `count % RING`; formatted only when asked for. */
  private readonly ring: Entry[] = [];

  constructor(
    private readonly mode: TraceMode,
    private readonly now: () => number,
  ) {}

  record(e: WatchEvent): void {
    const atMs = this.now();
    // Folded piece by piece: the same hash as folding the whole line, without building it.
    this.foldPart(String(atMs));
    this.foldPart(e.object.metadata.resourceVersion);
    this.foldPart(e.type);
    this.foldPart(e.object.kind);
    this.foldPart(keyOf(e.object));
    if (this.mode === 'full') this.foldPart(JSON.stringify(e.object));
    this.endLine();
    this.ring[this.count % RING] = { atMs, event: e };
    this.count++;
  }

  /** Mix a non-store fact into the hash (e.g. log output). */
  note(text: string): void {
    this.foldPart(text);
    this.endLine();
  }

  private foldPart(text: string): void {
    let a = this.h1;
    let b = this.h2;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 16777619) >>> 0;
      b = Math.imul(b ^ c ^ (a >>> 7), 2246822519) >>> 0;
    }
    // A separator between parts, so "ab"+"c" and "a"+"bc" differ.
    this.h1 = Math.imul(a ^ 32, 16777619) >>> 0;
    this.h2 = b;
  }

  private endLine(): void {
    this.h1 = Math.imul(this.h1 ^ 10, 16777619) >>> 0;
  }

  get hash(): string {
    return `${this.h1.toString(16).padStart(8, '0')}${this.h2.toString(16).padStart(8, '0')}`;
  }

  get writes(): number {
    return this.count;
  }

  /** The most recent writes as `<virtual ms> <rv> <type> <kind> <key>` lines, oldest first. */
  recent(): readonly string[] {
    const start = this.count % RING;
    const entries = this.count <= RING ? this.ring.slice() : [...this.ring.slice(start), ...this.ring.slice(0, start)];
    return entries.map(({ atMs, event: e }) => `${atMs} ${e.object.metadata.resourceVersion} ${e.type} ${e.object.kind} ${keyOf(e.object)}`);
  }
}
