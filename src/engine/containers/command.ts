/**
 * The command model every program inside a container shares: the shell's built-ins, the image's
 * tools (`cat`, `ping`, `redis-cli`, `perl`...) and the servers. A command is a generator over the
 * process syscalls (`containers/process.ts`) that gets its argv, environment, working directory,
 * standard streams and the container it runs in, and returns its exit status.
 *
 * Signals: only a container's main process receives SIGTERM (PID 1), and only a shell with a
 * `trap` asks for it to be delivered. A delivered signal arrives as the value of whatever the shell
 * was waiting on; commands note it in `signals.pending` and carry on (a foreground child keeps
 * running, as in a real shell), and the shell runs the trap when the command returns.
 */
import type { ProcessContext, SignalDelivery, Syscall } from './process.ts';
import type { Container } from './container.ts';

export type CommandGenerator = Generator<Syscall, number, unknown>;

/** Standard input: text with a read position (EOF when empty). */
export class Input {
  private pos = 0;

  /**
   * `open`: a container's stdin kept open (`stdin: true`, as `kubectl run -i` sets) with nobody
   * attached — reading past the text waits forever instead of seeing EOF.
   */
  constructor(
    private readonly text = '',
    readonly open = false,
  ) {}

  /** Everything not read yet. */
  readAll(): string {
    const rest = this.text.slice(this.pos);
    this.pos = this.text.length;
    return rest;
  }

  /** The next line without its newline, or undefined at EOF. */
  readLine(): string | undefined {
    if (this.pos >= this.text.length) return undefined;
    const nl = this.text.indexOf('\n', this.pos);
    const end = nl < 0 ? this.text.length : nl;
    const line = this.text.slice(this.pos, end);
    this.pos = nl < 0 ? this.text.length : nl + 1;
    return line;
  }

  get eof(): boolean {
    return this.pos >= this.text.length;
  }
}

export interface Io {
  stdin: Input;
  out(text: string): void;
  err(text: string): void;
}

export interface SignalBox {
  pending: SignalDelivery['signal'][];
}

/** What a running command sees. */
export interface ExecEnv {
  argv: string[];
  /** Exported variables. */
  env: Record<string, string>;
  cwd: string;
  io: Io;
  container: Container;
  signals: SignalBox;
  /**
   * Set when this command is the container's main process (PID 1): it may then choose what
   * SIGTERM does to it (`process.onTerm`), as nginx or redis-server do by handling it.
   */
  process?: ProcessContext;
}

export type CommandImpl = (env: ExecEnv) => CommandGenerator;

export function isSignal(value: unknown): value is SignalDelivery {
  return typeof value === 'object' && value !== null && 'signal' in value;
}

/**
 * Sleep `ms` of virtual time. A signal delivered meanwhile is recorded and the sleep continues,
 * unless `interruptible` (the shell's `wait` and `read`), which returns false at once.
 */
export function* sleepFor(env: ExecEnv, ms: number, interruptible = false): Generator<Syscall, boolean, unknown> {
  const until = env.container.now() + Math.max(0, ms);
  for (;;) {
    const left = until - env.container.now();
    if (left <= 0) return true;
    const r = yield { op: 'sleep', ms: left };
    if (isSignal(r)) {
      env.signals.pending.push(r.signal);
      if (interruptible) return false;
    }
  }
}

/**
 * A value that arrives later on the virtual clock (a network reply, a queue message, a process
 * exit). Waiters are called synchronously when it settles; processes wait with `awaitValue`.
 */
export class Deferred<T> {
  private settled = false;
  private value: T | undefined;
  // Typed loosely so a Deferred<Specific> can be passed where a Deferred<unknown> is expected.
  private waiters: ((value: never) => void)[] = [];

  get done(): boolean {
    return this.settled;
  }

  get result(): T | undefined {
    return this.value;
  }

  resolve(value: T): void {
    if (this.settled) return;
    this.settled = true;
    this.value = value;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) (w as (v: T) => void)(value);
  }

  subscribe(fn: (value: T) => void): () => void {
    if (this.settled) {
      fn(this.value as T);
      return () => {};
    }
    this.waiters.push(fn);
    return () => {
      this.waiters = this.waiters.filter((w) => w !== fn);
    };
  }

  static of<T>(value: T): Deferred<T> {
    const d = new Deferred<T>();
    d.resolve(value);
    return d;
  }
}

/** Wait for `d`; signals are recorded (or end the wait when `interruptible`, returning undefined). */
export function* awaitValue<T>(env: ExecEnv | undefined, d: Deferred<T>, interruptible = false): Generator<Syscall, T | undefined, unknown> {
  while (!d.done) {
    const r = yield { op: 'block', subscribe: (resume) => d.subscribe(() => resume(undefined)) };
    if (isSignal(r)) {
      env?.signals.pending.push(r.signal);
      if (interruptible) return undefined;
    }
  }
  return d.result;
}

/** Exit statuses as shells report them. */
export const EXIT_NOT_FOUND = 127;
export const EXIT_NOT_EXECUTABLE = 126;

/** Block until killed (a server's main loop, a read on a stdin nobody writes to). */
export function* waitForever(): CommandGenerator {
  for (;;) yield { op: 'block', subscribe: () => () => {} };
}
