/**
 * A controller's work queue, as client-go's: keys only, deduplicated while waiting, FIFO, with
 * delayed adds on the virtual clock (the earliest pending delay for a key wins).
 */
import type { Timer, VirtualClock } from '../clock/clock.ts';

export class WorkQueue {
  private items: string[] = [];
  private head = 0;
  private readonly queued = new Set<string>();
  private readonly waiting = new Map<string, Timer>();

  constructor(
    private readonly clock: VirtualClock,
    readonly name: string,
  ) {}

  get length(): number {
    return this.items.length - this.head;
  }

  add(key: string): void {
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.items.push(key);
  }

  /** Add `key` after `delayMs` of virtual time; an earlier pending add for the key wins. */
  addAfter(key: string, delayMs: number): void {
    if (delayMs <= 0) {
      this.add(key);
      return;
    }
    const due = this.clock.nowMs + delayMs;
    const pending = this.waiting.get(key);
    if (pending && !pending.cancelled && pending.dueMs <= due) return;
    this.clock.cancel(pending);
    this.waiting.set(
      key,
      this.clock.at(due, `${this.name}:${key}`, () => {
        this.waiting.delete(key);
        this.add(key);
      }),
    );
  }

  /** Add at an absolute virtual time. */
  addAt(key: string, dueMs: number): void {
    this.addAfter(key, dueMs - this.clock.nowMs);
  }

  pop(): string | undefined {
    if (this.head >= this.items.length) return undefined;
    const key = this.items[this.head++]!;
    this.queued.delete(key);
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return key;
  }

  /** Forget any delayed add of `key` (e.g. the object was deleted). */
  forget(key: string): void {
    const pending = this.waiting.get(key);
    if (pending) {
      this.clock.cancel(pending);
      this.waiting.delete(key);
    }
  }
}
