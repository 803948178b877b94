/**
 * Test helper: run a program in a standalone simulated container (its own clock, filesystem and an
 * empty cluster network) and collect what it printed, its exit code and the virtual time it took.
 */
import { VirtualClock, fireTimer } from '../clock/clock.ts';
import { createRng } from '../random/rng.ts';
import { Store } from '../store/store.ts';
import { ClusterNetwork } from '../net/network.ts';
import { Container } from '../containers/container.ts';
import { FileSystem, Volume } from '../containers/fs.ts';
import { Input } from '../containers/command.ts';
import { type ProcessContext, spawn } from '../containers/process.ts';
import type { ImageSpec } from '../containers/images/image.ts';
import { busybox } from '../containers/images/busybox.ts';
import { bash } from '../containers/images/bash.ts';

export interface RunOptions {
  image?: ImageSpec;
  files?: Record<string, string>;
  stdin?: string;
  env?: Record<string, string>;
  /** Give up after this much virtual time (the process is killed). */
  limitMs?: number;
  /** Run as PID 1 (receives SIGTERM) and send SIGTERM at this virtual time. */
  termAtMs?: number;
}

export interface RunOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
  elapsedMs: number;
  container: Container;
}

export function runInContainer(argv: string[], options: RunOptions = {}): RunOutput {
  const image = options.image ?? busybox;
  const clock = new VirtualClock(0);
  const store = new Store();
  const network = new ClusterNetwork(store, clock, createRng('net'));
  const root = new Volume(false);
  for (const [p, t] of Object.entries({ ...image.files, ...(options.files ?? {}) })) root.put(p.replace(/^\//, ''), t);
  for (const d of ['tmp', 'root', 'etc', 'var/log']) root.addDir(d);
  const container = new Container({
    clock,
    rng: createRng('test'),
    hostname: 'test-pod',
    fs: new FileSystem(root),
    image,
    env: { ...image.env, HOSTNAME: 'test-pod', HOME: '/root', ...(options.env ?? {}) },
    cwd: image.workingDir ?? '/',
    net: { network, namespace: 'default', podUid: 'uid-test', podIp: () => '10.244.1.5', hosts: { 'test-pod': '10.244.1.5' } },
  });
  let stdout = '';
  let stderr = '';
  let exitCode: number | undefined;
  const ctx: ProcessContext = {
    argv,
    env: container.env,
    hostname: 'test-pod',
    rng: createRng('proc'),
    now: () => clock.nowMs,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    onTerm: 'ignore',
    services: {},
  };
  const found = container.resolve(argv, container.env, container.cwd);
  if (!found.ok) return { stdout, stderr: `exec: ${argv[0]}: ${found.reason}\n`, exitCode: 127, elapsedMs: 0, container };
  const signals = { pending: [] };
  const handle = spawn(
    clock,
    () =>
      found.impl({
        argv: found.argv,
        env: container.env,
        cwd: container.cwd,
        io: { stdin: new Input(options.stdin ?? ''), out: ctx.stdout, err: ctx.stderr },
        container,
        signals,
        process: ctx,
      }),
    ctx,
    (code) => {
      exitCode = code;
      container.stop();
    },
  );
  container.main = handle;
  if (options.termAtMs !== undefined) clock.at(options.termAtMs, 'test:term', () => handle.signal('TERM'));
  const limit = options.limitMs ?? 3_600_000;
  while (exitCode === undefined) {
    const due = clock.takeDue(limit);
    if (due.length === 0) {
      handle.signal('KILL');
      break;
    }
    clock.nowMs = due[0]!.dueMs;
    for (const t of due) fireTimer(t);
  }
  return { stdout, stderr, exitCode: exitCode ?? 137, elapsedMs: clock.nowMs, container };
}

/** Run a shell script (`sh -c SCRIPT`, or `bash -c` with `shell: 'bash'`). */
export function sh(script: string, options: RunOptions & { shell?: 'sh' | 'bash' } = {}): RunOutput {
  return runInContainer([options.shell ?? 'sh', '-c', script], { ...options, image: options.image ?? (options.shell === 'bash' ? bash : busybox) });
}
