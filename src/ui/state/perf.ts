/**
 * Performance marks the browser benchmarks read (bench/browser/*.ts). Cheap enough to stay in the
 * product: a handful of `performance.mark`s at boot, and paint timestamps only while a benchmark
 * is waiting for one.
 *
 * "Interactive" is the moment all three hold, each measured after the browser painted it:
 *   - `engine-ready`   the worker booted the cluster and its snapshot is in the store;
 *   - `graph-painted`  the graph's cards are on screen (React Flow nodes visible, not just laid out);
 *   - `terminal-ready` xterm is open and its input can take focus.
 */

const PREFIX = 'kubesim:';
const BOOT_MARKS = ['engine-ready', 'graph-painted', 'terminal-ready'] as const;
export type BootMark = (typeof BOOT_MARKS)[number];

/** Run `cb` with the time of the next paint: the rAF callback runs before it, a posted task after. */
export function afterPaint(cb: (paintedAtMs: number) => void): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      cb(performance.now());
    };
    channel.port2.postMessage(null);
  });
}

const interactiveListeners: (() => void)[] = [];

/**
 * Resolves once the app is interactive (or after `fallbackMs`, should a milestone never come, e.g.
 * a collapsed panel): heavy extras such as Monaco wait for it instead of competing with the boot.
 */
export function whenInteractive(fallbackMs = 2500): Promise<void> {
  if (marked('interactive')) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, fallbackMs);
    interactiveListeners.push(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function marked(name: string): boolean {
  return performance.getEntriesByName(PREFIX + name, 'mark').length > 0;
}

/** Mark a boot milestone once, after it is painted; marks `interactive` when the last one lands. */
export function markBoot(name: BootMark): void {
  if (marked(name)) return;
  afterPaint((at) => {
    if (marked(name)) return;
    performance.mark(PREFIX + name, { startTime: at });
    if (!marked('interactive') && BOOT_MARKS.every(marked)) {
      performance.mark(`${PREFIX}interactive`, { startTime: at });
      for (const l of interactiveListeners.splice(0)) l();
    }
  });
}

interface PaintWaiter {
  /** Only a commit rendering a snapshot newer than this one counts (0: any commit). */
  afterSnapshotMs: number;
  resolve(at: number): void;
}
let graphPaintWaiters: PaintWaiter[] = [];
let lastSnapshotAtMs = 0;

/** The graph committed new cards: resolve whoever waits for the paint. */
export function graphCommitted(): void {
  if (graphPaintWaiters.length === 0) return;
  const due = graphPaintWaiters.filter((w) => lastSnapshotAtMs > w.afterSnapshotMs);
  if (due.length === 0) return;
  graphPaintWaiters = graphPaintWaiters.filter((w) => !due.includes(w));
  afterPaint((at) => due.forEach((w) => w.resolve(at)));
}

/** A snapshot (`ready`) message arrived; `eventTimeMs` is the MessageEvent's timestamp. */
export function snapshotReceived(eventTimeMs: number): void {
  lastSnapshotAtMs = eventTimeMs;
}

/** The hooks the benchmarks call through `page.evaluate`. */
export interface PerfProbe {
  /** Resolves with the time of the first paint after the graph's next commit. */
  nextGraphPaint(): Promise<number>;
  /** Resolves with the time the graph first painted a snapshot that arrives after this call. */
  nextSnapshotPaint(): Promise<number>;
  lastSnapshotAtMs(): number;
}

const probe: PerfProbe = {
  nextGraphPaint: () => new Promise((resolve) => graphPaintWaiters.push({ afterSnapshotMs: -1, resolve })),
  nextSnapshotPaint: () => new Promise((resolve) => graphPaintWaiters.push({ afterSnapshotMs: lastSnapshotAtMs, resolve })),
  lastSnapshotAtMs: () => lastSnapshotAtMs,
};

if (typeof window !== 'undefined') (window as unknown as { __kubesimPerf?: PerfProbe }).__kubesimPerf = probe;
