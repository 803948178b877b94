/**
 * One running container instance, as its processes see it: the filesystem (image layer + pod
 * volumes), the environment, the image's programs (plus what `apt-get install` added), the pod's
 * network namespace, and its processes — PID 1 plus background jobs and `kubectl exec` sessions,
 * which all die with PID 1, as in a real PID namespace.
 */
import type { VirtualClock } from '../clock/clock.ts';
import type { Rng } from '../random/rng.ts';
import { type ProcessContext, type ProcessHandle, spawn } from './process.ts';
import { type CommandGenerator, type CommandImpl, Deferred } from './command.ts';
import { type FileSystem, basename, dirname, failed, normalizePath } from './fs.ts';
import type { CommandTable, ImageSpec } from './images/image.ts';
import type { ClusterNetwork, Listener } from '../net/network.ts';
import type { DnsAnswer } from '../net/dns.ts';

export const BIN_DIRS = new Set(['/bin', '/usr/bin', '/usr/local/bin', '/sbin', '/usr/sbin', '/usr/local/sbin']);

export type Resolved = { ok: true; impl: CommandImpl; argv: string[]; path: string; script?: true } | { ok: false; reason: 'missing' | 'denied' | 'isdir' };

/** A table's own program `name` (a program named `constructor` is not Object.prototype's). */
const ownCommand = (table: CommandTable | undefined, name: string): CommandImpl | undefined => (table && Object.hasOwn(table, name) ? table[name] : undefined);

/** What a command hash may remember of a lookup: the program, unless a script was found. */
const programOf = (found: Resolved): CommandImpl | undefined => (found.ok && !found.script ? found.impl : undefined);

export interface Job {
  pid: number;
  exit: Deferred<number>;
}

/** The pod's network namespace, as the container's programs reach it. */
export interface PodNet {
  readonly network: ClusterNetwork;
  readonly namespace: string;
  readonly podUid: string;
  podIp(): string;
  /** /etc/hosts entries (the kubelet writes the pod's own names there). */
  readonly hosts: Readonly<Record<string, string>>;
}

export interface ContainerOptions {
  clock: VirtualClock;
  rng: Rng;
  hostname: string;
  fs: FileSystem;
  image: ImageSpec;
  /** The environment PID 1 and `kubectl exec` sessions start with. */
  env: Record<string, string>;
  cwd: string;
  net: PodNet;
}

/**
 * A shell's remembered PATH lookups (dash and bash `hash`): name → where it was found, on which
 * PATH. While the filesystem has not changed, a program (not a script) found there is that program again.
 */
export type CommandHash = Map<string, { path: string; searchPath: string; cwd: string; fsChanges: number; program: CommandImpl | undefined }>;

export class Container {
  readonly fs: FileSystem;
  readonly hostname: string;
  readonly rng: Rng;
  readonly image: ImageSpec;
  readonly env: Record<string, string>;
  readonly cwd: string;
  readonly net: PodNet;
  /** Debian packages installed with apt-get since the container started. */
  readonly installed: string[] = [];
  /** PID 1, once started. */
  main: ProcessHandle | undefined;
  private readonly clock: VirtualClock;
  private lastPid = 1;
  // Created on first use: most containers never start a background process or close anything.
  private children: Map<number, ProcessHandle> | undefined;
  private closers: Set<() => void> | undefined;
  private stopped = false;

  constructor(options: ContainerOptions) {
    this.clock = options.clock;
    this.rng = options.rng;
    this.hostname = options.hostname;
    this.fs = options.fs;
    this.image = options.image;
    this.env = options.env;
    this.cwd = options.cwd;
    this.net = options.net;
  }

  now(): number {
    return this.clock.nowMs;
  }

  get alive(): boolean {
    return !this.stopped;
  }

  /** Call `fn` after `ms` of virtual time (unless the container stopped); returns a cancel function. */
  timer(ms: number, fn: () => void): () => void {
    const t = this.clock.after(ms, 'container:timer', () => {
      if (!this.stopped) fn();
    });
    return () => this.clock.cancel(t);
  }

  /** A new process ID (PID 1 is the container's main process). */
  nextPid(): number {
    return ++this.lastPid;
  }

  /** Programs on the PATH: the image's, plus installed packages'. */
  private command(name: string): CommandImpl | undefined {
    const own = ownCommand(this.image.commands, name);
    if (own) return own;
    for (const pkg of this.installed) {
      const c = ownCommand(this.image.packages?.[pkg], name);
      if (c) return c;
    }
    return undefined;
  }

  /** Find the program `argv[0]` names, as execve + PATH lookup would (scripts via their `#!`). */
  resolve(argv: readonly string[], env: Readonly<Record<string, string>>, cwd: string, hash?: CommandHash): Resolved {
    const name = argv[0] ?? '';
    if (name === '') return { ok: false, reason: 'missing' };
    if (name.includes('/')) return this.resolveAt(normalizePath(name, cwd), argv, true) ?? { ok: false, reason: 'missing' };
    const searchPath = env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
    // A shell's command hash table: where a name was last found on this PATH is tried first.
    const hashed = hash?.get(name);
    if (hashed && hashed.searchPath === searchPath && hashed.cwd === cwd) {
      const fsChanges = this.fs.changes;
      if (hashed.program && hashed.fsChanges === fsChanges) return { ok: true, impl: hashed.program, argv: [...argv], path: hashed.path };
      const found = this.resolveAt(hashed.path, argv, false);
      if (found) {
        hashed.fsChanges = fsChanges;
        hashed.program = programOf(found);
        return found;
      }
      hash!.delete(name);
    }
    for (const dir of searchPath.split(':')) {
      if (!dir) continue;
      const base = normalizePath(dir, cwd);
      const path = base === '/' ? `/${name}` : `${base}/${name}`;
      const found = this.resolveAt(path, argv, false);
      if (found) {
        hash?.set(name, { path, searchPath, cwd, fsChanges: this.fs.changes, program: programOf(found) });
        return found;
      }
    }
    return { ok: false, reason: 'missing' };
  }

  /** What runs for `argv` when its program is `path` (undefined: nothing there, try the next place). */
  private resolveAt(path: string, argv: readonly string[], byPath: boolean): Resolved | undefined {
    const exact = this.image.paths?.[path];
    if (exact) return { ok: true, impl: exact, argv: [...argv], path };
    const kind = this.fs.stat(path);
    if (kind === 'file') return this.script(path, argv);
    if (kind === 'dir' && byPath) return { ok: false, reason: 'isdir' };
    if (BIN_DIRS.has(dirname(path))) {
      const impl = this.command(basename(path));
      if (impl) return { ok: true, impl, argv: [...argv], path };
    }
    return undefined;
  }

  /** A text file executed as a program: its `#!` line names the interpreter. */
  private script(path: string, argv: readonly string[]): Resolved {
    if (!this.fs.isExecutable(path)) return { ok: false, reason: 'denied' };
    const text = this.fs.read(path);
    if (failed(text)) return { ok: false, reason: 'missing' };
    const shebang = /^#!\s*(\S+)(?:[ \t]+(.*))?/.exec(text.split('\n', 1)[0] ?? '');
    const interpreter = shebang ? [shebang[1]!, ...(shebang[2] ? [shebang[2].trim()] : [])] : ['/bin/sh'];
    const found = this.resolve(interpreter, this.env, '/');
    if (!found.ok) return found;
    return { ok: true, impl: found.impl, argv: [...interpreter, path, ...argv.slice(1)], path, script: true };
  }

  /** Start `body` as another process in this container (a background job or an exec session). */
  spawnJob(body: () => CommandGenerator): Job {
    const pid = this.nextPid();
    const exit = new Deferred<number>();
    if (this.stopped) {
      exit.resolve(137);
      return { pid, exit };
    }
    const ctx: ProcessContext = {
      argv: [],
      env: this.env,
      hostname: this.hostname,
      rng: this.rng.fork(`pid/${pid}`),
      now: () => this.clock.nowMs,
      stdout: () => {},
      stderr: () => {},
      // Not PID 1: SIGTERM's default action ends the process.
      onTerm: { exit: 143 },
      services: {},
    };
    const handle = spawn(this.clock, () => body(), ctx, (code) => {
      this.children?.delete(pid);
      exit.resolve(code);
    });
    if (!handle.exited) (this.children ??= new Map()).set(pid, handle);
    return { pid, exit };
  }

  /** `kill`: signal a process of this container. Returns whether it exists. */
  signal(pid: number, sig: 'TERM' | 'KILL', probeOnly = false): boolean {
    const target = pid === 1 ? this.main : this.children?.get(pid);
    if (!target || target.exited) return false;
    if (!probeOnly) target.signal(sig);
    return true;
  }

  /** Listen on a port of the pod's network namespace until the container stops. */
  listen(port: number, listener: Listener): () => void {
    const close = this.net.network.listen(this.net.podUid, port, listener);
    (this.closers ??= new Set()).add(close);
    return () => {
      close();
      this.closers?.delete(close);
    };
  }

  /** Run `fn` when the container stops (close connections, release leases). */
  onStop(fn: () => void): () => void {
    if (this.stopped) {
      fn();
      return () => {};
    }
    (this.closers ??= new Set()).add(fn);
    return () => this.closers?.delete(fn);
  }

  /** Resolve a host name: /etc/hosts, then cluster DNS with the pod's search path. */
  lookup(name: string): DnsAnswer | undefined {
    const host = this.net.hosts[name];
    if (host) return { fqdn: name, ips: [host] };
    if (name === 'localhost') return { fqdn: 'localhost', ips: ['127.0.0.1'] };
    return this.net.network.dns.lookup(name, this.net.namespace);
  }

  /** PID 1 exited: every other process dies and the network namespace's sockets close. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.children) for (const child of [...this.children.values()]) child.signal('KILL');
    if (this.closers) for (const close of [...this.closers]) close();
    this.closers = undefined;
  }
}
