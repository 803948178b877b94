/**
 * The run's trace: every store write's virtual time, resourceVersion, type, kind, namespace and name
 * (and, in full mode, the object itself), folded into a running 64-bit FNV-1a-style hash so two runs
 * can be compared in O(1) memory.
 */
import type { WatchEvent } from '../store/store.ts';

export type TraceMode = 'light' | 'full';

export class Trace {
  private h1 = 0x811c9dc5;
  private h2 = 0x01000193;
  private count = 0;

  constructor(
    private readonly mode: TraceMode,
    private readonly now: () => number,
  ) {}

  record(e: WatchEvent): void {
    const atMs = this.now();
    // Folded field by field, without building the line (or the key) for every write.
    const meta = e.object.metadata;
    this.foldNumber(atMs);
    this.foldPart(meta.resourceVersion ?? '');
    this.foldPart(e.type);
    this.foldPart(e.object.kind);
    this.foldPart(meta.namespace ?? '');
    this.foldPart(meta.name ?? '');
    if (this.mode === 'full') this.foldPart(JSON.stringify(e.object));
    this.endLine();
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

  /** A virtual time, as its two 32-bit halves. */
  private foldNumber(ms: number): void {
    this.h1 = Math.imul(this.h1 ^ (ms >>> 0), 16777619) >>> 0;
    this.h2 = Math.imul(this.h2 ^ Math.floor(ms / 2 ** 32) ^ (this.h1 >>> 7), 2246822519) >>> 0;
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

}
