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
  /** Released (a no-op) once the timer fired or was cancelled, so a kept handle holds no closure. */
  fire: () => void;
}

const RELEASED = (): void => {};

/** Run a timer `takeDue` returned, letting its handle go of the callback first. */
export function fireTimer(timer: Timer): void {
  const fire = timer.fire;
  timer.fire = RELEASED;
  fire();
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
      timer.fire = RELEASED;
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

  /** Sift up: move parents down into the hole until `t` fits (no swaps). */
  private push(t: Timer): void {
    const h = this.heap;
    let i = h.length;
    h.push(t);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent]!;
      if (!VirtualClock.before(t, p)) break;
      h[i] = p;
      i = parent;
    }
    h[i] = t;
  }

  /** Take the top, then sift the last timer down from the root into the hole. */
  private pop(): Timer | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    const n = h.length;
    if (n > 0 && last) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const child = r < n && VirtualClock.before(h[r]!, h[l]!) ? r : l;
        if (!VirtualClock.before(h[child]!, last)) break;
        h[i] = h[child]!;
        i = child;
      }
      h[i] = last;
    }
    return top;
  }
}
