/**
 * The virtual clock: a min-heap of timers with a total order (due time, then creation sequence), as
 * in @sinonjs/fake-timers. Nothing here reads real time; the simulation loop decides when to move
 * `nowMs` forward, always to the due time of the next timer.
 */

export interface Timer {
  readonly dueMs: number;
  readonly seq: number;
  readonly label: string;
  cancelled: boolean;
  readonly fire: () => void;
}

export class VirtualClock {
  private heap: Timer[] = [];
  private seq = 0;
  private live = 0;

  constructor(public nowMs: number) {}

  /** Run `fire` at virtual time `dueMs` (whole milliseconds, clamped to now). Returns a handle to cancel it. */
  at(dueMs: number, label: string, fire: () => void): Timer {
    const timer: Timer = { dueMs: Math.max(Math.round(dueMs), this.nowMs), seq: this.seq++, label, cancelled: false, fire };
    this.push(timer);
    this.live++;
    return timer;
  }

  /** Run `fire` after `delayMs` of virtual time. */
  after(delayMs: number, label: string, fire: () => void): Timer {
    return this.at(this.nowMs + Math.max(0, delayMs), label, fire);
  }

  cancel(timer: Timer | undefined): void {
    if (timer && !timer.cancelled) {
      timer.cancelled = true;
      this.live--;
    }
  }

  /** Due time of the earliest live timer, or undefined when nothing is scheduled. */
  nextDueMs(): number | undefined {
    this.dropCancelled();
    return this.heap[0]?.dueMs;
  }

  /** Number of live timers (for tests and the idle check). */
  get pending(): number {
    return this.live;
  }

  /** Remove and return every live timer due at exactly the earliest due time, in (due, seq) order. */
  takeDue(upToMs: number): Timer[] {
    this.dropCancelled();
    const first = this.heap[0];
    if (!first || first.dueMs > upToMs) return [];
    const due: Timer[] = [];
    while (this.heap.length > 0 && this.heap[0]!.dueMs === first.dueMs) {
      const t = this.pop()!;
      if (!t.cancelled) {
        due.push(t);
        t.cancelled = true; // a fired timer can no longer be cancelled
        this.live--;
      }
    }
    return due;
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.pop();
  }

  private static before(a: Timer, b: Timer): boolean {
    return a.dueMs < b.dueMs || (a.dueMs === b.dueMs && a.seq < b.seq);
  }

  private push(t: Timer): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!VirtualClock.before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  private pop(): Timer | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && VirtualClock.before(h[l]!, h[m]!)) m = l;
        if (r < h.length && VirtualClock.before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}
