/**
 * Simulated processes: programs are generator coroutines over virtual time. A program yields
 * syscalls (`sleep`, `block`) and returns its exit code; the runner drives it with clock timers,
 * never real ones. Signals follow Linux PID-1 rules by default: a container's main process ignores
 * SIGTERM unless it installs a handler (so `sleep 3600` waits out the grace period and dies of
 * SIGKILL with 137, exactly as on a real node), and SIGKILL always ends it.
 *
 * A process that ends for any reason has its generator unwound (`return()`), so `finally` blocks
 * run: that is how a server closes its listening sockets when it is killed.
 */
import type { VirtualClock, Timer } from '../clock/clock.ts';
import type { Rng } from '../random/rng.ts';

/** Delivered as the result of a yield when a handled signal interrupts it. */
export interface SignalDelivery {
  signal: 'TERM' | 'INT' | 'HUP';
}

export type Syscall =
  /** Sleep for virtual milliseconds. */
  | { op: 'sleep'; ms: number }
  /**
   * Block until `subscribe`'s resume callback is called (a queue item, a connection...). The
   * function returns an unsubscribe used if the process is interrupted first.
   */
  | { op: 'block'; subscribe: (resume: (value?: unknown) => void) => () => void };

export type ProgramGenerator = Generator<Syscall, number, unknown>;

/** What a running program sees of its container. */
export interface ProcessContext {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly hostname: string;
  /** This process's own random stream. */
  readonly rng: Rng;
  now(): number;
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * What SIGTERM does: `ignore` (PID-1 default), `exit` with a code (e.g. nginx: 0), or `deliver`
   * it to the program as the value of its current yield (shell `trap`).
   */
  onTerm: 'ignore' | 'deliver' | { exit: number };
  /** Services the runtime offers (files, network, queues); typed by the runtime that provides them. */
  readonly services: Readonly<Record<string, unknown>>;
}

export type Program = (ctx: ProcessContext) => ProgramGenerator;

export interface ProcessHandle {
  readonly ctx: ProcessContext;
  readonly exited: boolean;
  signal(sig: 'TERM' | 'KILL'): void;
  /** Force an exit with `code`, as if the program had returned it (the `sim pod exit` command). */
  forceExit(code: number): void;
}

/**
 * Start `program`; `onExit` is called exactly once with the exit code (137 for SIGKILL, 143 for
 * an unhandled-but-fatal SIGTERM).
 */
export function spawn(clock: VirtualClock, program: Program, ctx: ProcessContext, onExit: (code: number) => void): ProcessHandle {
  let gen: ProgramGenerator | undefined;
  let exited = false;
  let timer: Timer | undefined;
  let unblock: (() => void) | undefined;

  const clearWait = () => {
    clock.cancel(timer);
    timer = undefined;
    unblock?.();
    unblock = undefined;
  };

  const finish = (code: number) => {
    if (exited) return;
    exited = true;
    clearWait();
    unwind(gen);
    onExit(code);
  };

  const resume = (value?: unknown) => {
    if (exited || !gen) return;
    clearWait();
    let step: IteratorResult<Syscall, number>;
    try {
      step = gen.next(value);
    } catch (e) {
      ctx.stderr(`${(e as Error).message ?? String(e)}\n`);
      finish(1);
      return;
    }
    if (step.done) {
      finish(step.value ?? 0);
      return;
    }
    const call = step.value;
    if (call.op === 'sleep') {
      timer = clock.after(Math.max(0, call.ms), 'process:sleep', () => {
        timer = undefined;
        resume(undefined);
      });
    } else {
      let woken = false;
      const off = call.subscribe((v) => {
        if (woken) return;
        woken = true;
        // Wake on a fresh timer at the current instant, so the waker's own code finishes first.
        timer = clock.after(0, 'process:wake', () => {
          timer = undefined;
          resume(v);
        });
      });
      unblock = () => {
        woken = true;
        off();
      };
    }
  };

  // Start on a timer so the caller finishes its own bookkeeping (status "running") first.
  timer = clock.after(0, 'process:start', () => {
    timer = undefined;
    try {
      gen = program(ctx);
    } catch (e) {
      ctx.stderr(`${(e as Error).message}\n`);
      finish(1);
      return;
    }
    resume(undefined);
  });

  return {
    ctx,
    get exited() {
      return exited;
    },
    signal(sig) {
      if (exited) return;
      if (sig === 'KILL') {
        finish(137);
        return;
      }
      const behaviour = ctx.onTerm;
      if (behaviour === 'ignore') return;
      if (behaviour === 'deliver') {
        if (!gen) {
          finish(143);
          return;
        }
        clearWait();
        resume({ signal: 'TERM' } satisfies SignalDelivery);
        return;
      }
      finish(behaviour.exit);
    },
    forceExit(code) {
      finish(code);
    },
  };
}

/** Run a generator's `finally` blocks; a generator that is running right now unwinds on its own. */
function unwind(gen: ProgramGenerator | undefined): void {
  if (!gen) return;
  try {
    gen.return(0);
  } catch {
    // "Generator is already running" (it killed itself) or a throwing finally: nothing more to do.
  }
}

/** Yield helpers for programs: `yield* sleep(1000)`. */
export function* sleep(ms: number): Generator<Syscall, unknown, unknown> {
  return yield { op: 'sleep', ms };
}

/** Block forever (until a signal or kill): the default for long-running containers. */
export function* forever(): Generator<Syscall, unknown, unknown> {
  for (;;) {
    const r = yield { op: 'block', subscribe: () => () => {} };
    if (r && typeof r === 'object' && 'signal' in r) return r;
  }
}
