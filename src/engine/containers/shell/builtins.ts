/* eslint-disable require-yield -- programs and built-ins are generators even when they finish without waiting */
/**
 * Shell built-ins: the POSIX special built-ins (exit, export, set, trap, eval, exec, ...) and the
 * regular ones every shell has (cd, read, wait, echo, printf, test, local, ...). They act on the
 * shell's own state, which is why they cannot be programs.
 */
import type { Syscall } from '../process.ts';
import { type Shell, ExitException, LoopControl, ReturnException } from './interpreter.ts';
import { echoText, printfFormat } from '../commands/format.ts';
import { awaitValue } from '../command.ts';
import { failed } from '../fs.ts';

type Gen<T> = Generator<Syscall, T, unknown>;
/**
 * A built-in command: a generator when it may wait (read, wait, sleeping sources), or a plain
 * function returning the status when it never does (echo, true): a loop runs those constantly and
 * a generator per call is a measurable part of the cost.
 */
export type Builtin = (sh: Shell, argv: string[], line: number) => Gen<number> | number;
/** A built-in that always returns its status at once: the shell may run it without a generator. */
type WaitlessBuiltin = (sh: Shell, argv: string[], line: number) => number;

const SIGNALS: Record<string, string> = { '0': 'EXIT', '1': 'HUP', '2': 'INT', '3': 'QUIT', '9': 'KILL', '10': 'USR1', '12': 'USR2', '15': 'TERM' };

function signalName(s: string): string | undefined {
  const up = s.toUpperCase().replace(/^SIG/, '');
  if (SIGNALS[up]) return SIGNALS[up];
  return Object.values(SIGNALS).includes(up) ? up : undefined;
}

function noop(): number {
  return 0;
}

function exitCode(sh: Shell, arg: string | undefined, name: string, line: number): number {
  if (arg === undefined) return sh.lastStatus;
  if (!/^-?\d+$/.test(arg)) {
    sh.error(line, sh.flavour === 'bash' ? `${name}: ${arg}: numeric argument required` : `${name}: Illegal number: ${arg}`);
    return 2;
  }
  return ((parseInt(arg, 10) % 256) + 256) % 256;
}

const exit: Builtin = function* (sh, argv, line) {
  throw new ExitException(exitCode(sh, argv[1], 'exit', line));
};

const ret: Builtin = function* (sh, argv, line) {
  const code = exitCode(sh, argv[1], 'return', line);
  if (!sh.inFunction && sh.flavour === 'bash') {
    sh.error(line, "return: can only `return' from a function or sourced script");
    return 1;
  }
  if (!sh.inFunction) throw new ExitException(code);
  throw new ReturnException(code);
};

function loopControl(kind: 'break' | 'continue'): Builtin {
  return function* (sh, argv, line) {
    const n = argv[1] === undefined ? 1 : Number(argv[1]);
    if (!Number.isInteger(n) || n < 1) {
      sh.error(line, `${kind}: ${argv[1]}: loop count out of range`);
      return 1;
    }
    throw new LoopControl(kind, n);
  };
}

const exportBuiltin: Builtin = function* (sh, argv) {
  const names = argv.slice(1).filter((a) => a !== '-p' && a !== '-n');
  if (names.length === 0) {
    const env = sh.environment();
    for (const k of Object.keys(env).sort()) sh.io.out(sh.flavour === 'bash' ? `declare -x ${k}="${env[k]}"\n` : `export ${k}='${env[k]}'\n`);
    return 0;
  }
  for (const a of names) {
    const eq = a.indexOf('=');
    if (eq < 0) sh.exportVar(a);
    else sh.exportVar(a.slice(0, eq), a.slice(eq + 1));
  }
  return 0;
};

const readonlyBuiltin: Builtin = function* (sh, argv) {
  for (const a of argv.slice(1).filter((x) => !x.startsWith('-'))) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (eq >= 0) sh.setVar(name, a.slice(eq + 1));
    const v = sh.vars.get(name) ?? { value: '', exported: false };
    sh.vars.set(name, { ...v, readonly: true });
  }
  return 0;
};

const unset: Builtin = function* (sh, argv) {
  let functions = false;
  for (const a of argv.slice(1)) {
    if (a === '-f') functions = true;
    else if (a === '-v') functions = false;
    else if (functions) sh.functions.delete(a);
    else {
      const m = /^([A-Za-z_]\w*)\[(.+)\]$/.exec(a);
      if (m) sh.vars.get(m[1]!)?.array?.delete(sh.arithmetic(m[2]!));
      else sh.unsetVar(a);
    }
  }
  return 0;
};

const set: Builtin = function* (sh, argv, line) {
  const args = argv.slice(1);
  if (args.length === 0) {
    for (const [k, v] of [...sh.vars].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (v.value !== undefined) sh.io.out(`${k}='${v.value}'\n`);
    return 0;
  }
  const LONG: Record<string, keyof Shell['options']> = { errexit: 'errexit', nounset: 'nounset', xtrace: 'xtrace', pipefail: 'pipefail', noglob: 'noglob' };
  const SHORT: Record<string, keyof Shell['options']> = { e: 'errexit', u: 'nounset', x: 'xtrace', f: 'noglob' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      sh.positional = args.slice(i + 1);
      return 0;
    }
    if ((a === '-o' || a === '+o') && args[i + 1] !== undefined) {
      const opt = LONG[args[++i]!];
      if (!opt) {
        sh.error(line, `set: ${args[i]}: invalid option name`);
        return 1;
      }
      sh.options[opt] = a === '-o';
      continue;
    }
    if (/^[-+][a-zA-Z]+$/.test(a)) {
      for (const f of a.slice(1)) {
        const opt = SHORT[f];
        if (opt) sh.options[opt] = a[0] === '-';
      }
      continue;
    }
    sh.positional = args.slice(i);
    return 0;
  }
  return 0;
};

const shift: Builtin = function* (sh, argv, line) {
  const n = argv[1] === undefined ? 1 : Number(argv[1]);
  if (!Number.isInteger(n) || n < 0 || n > sh.positional.length) {
    if (sh.flavour !== 'bash') sh.error(line, `shift: can't shift that many`);
    return 1;
  }
  sh.positional = sh.positional.slice(n);
  return 0;
};

const trap: Builtin = function* (sh, argv, line) {
  const args = argv.slice(1).filter((a) => a !== '--');
  if (args.length === 0 || args[0] === '-p') {
    for (const [sig, action] of sh.traps) sh.io.out(`trap -- '${action}' ${sig}\n`);
    return 0;
  }
  const [action, ...sigs] = signalName(args[0]!) && args.length === 1 ? ['-', args[0]!] : args;
  for (const s of sigs) {
    const name = signalName(s);
    if (!name) {
      sh.error(line, `trap: ${s}: invalid signal specification`);
      return 1;
    }
    if (action === '-') sh.traps.delete(name);
    else sh.traps.set(name, action!);
    // A trapped TERM makes PID 1 receive the kubelet's SIGTERM instead of ignoring it.
    if (name === 'TERM' && sh.exec.process) sh.exec.process.onTerm = action && action !== '-' ? 'deliver' : 'ignore';
  }
  return 0;
};

const evalBuiltin: Builtin = function* (sh, argv, line) {
  return yield* sh.runText(argv.slice(1).join(' '), line);
};

const source: Builtin = function* (sh, argv, line) {
  const file = argv[1];
  if (!file) {
    sh.error(line, `${argv[0]}: filename argument required`);
    return 2;
  }
  const text = sh.fs.read(sh.resolvePath(file));
  if (failed(text)) {
    sh.error(line, sh.flavour === 'bash' ? `${file}: No such file or directory` : `${argv[0]}: can't open '${file}'`);
    return sh.flavour === 'bash' ? 1 : 2;
  }
  const saved = sh.positional;
  if (argv.length > 2) sh.positional = argv.slice(2);
  try {
    return yield* sh.runText(text);
  } catch (e) {
    if (e instanceof ReturnException) return e.code;
    throw e;
  } finally {
    sh.positional = saved;
  }
};

const execBuiltin: Builtin = function* (sh, argv, line) {
  if (argv.length < 2) return 0;
  const status = yield* sh.runProgram(argv.slice(1), sh.environment(), line, true);
  throw new ExitException(status);
};

const cd: Builtin = function* (sh, argv, line) {
  let dir = argv[1] ?? sh.getVar('HOME') ?? '/';
  if (dir === '-') dir = sh.getVar('OLDPWD') ?? sh.cwd;
  const path = sh.resolvePath(dir);
  const kind = sh.fs.stat(path);
  if (kind !== 'dir') {
    const reason = kind === 'file' ? 'Not a directory' : 'No such file or directory';
    if (sh.flavour === 'bash') sh.error(line, `cd: ${dir}: ${reason}`);
    else if (sh.flavour === 'dash') sh.error(line, `cd: can't cd to ${dir}`);
    else sh.error(line, `cd: can't cd to ${dir}: ${reason}`);
    return sh.flavour === 'ash' ? 1 : sh.flavour === 'dash' ? 2 : 1;
  }
  sh.setVar('OLDPWD', sh.cwd);
  sh.cwd = path;
  sh.exportVar('PWD', path);
  return 0;
};

const read: Builtin = function* (sh, argv) {
  let raw = false;
  let arrayName: string | undefined;
  const names: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-r') raw = true;
    else if (a === '-a') arrayName = argv[++i];
    else if (a === '-p' || a === '-t' || a === '-u' || a === '-n' || a === '-d') i++;
    else if (a.startsWith('-') && a.length > 1) {
      if (a.includes('r')) raw = true;
    } else names.push(a);
  }
  let text = sh.io.stdin.readLine();
  const eof = text === undefined;
  text ??= '';
  if (!raw) {
    while (text.endsWith('\\') && !sh.io.stdin.eof) text = text.slice(0, -1) + (sh.io.stdin.readLine() ?? '');
    text = text.replace(/\\(.)/g, '$1');
  }
  const ifs = sh.ifs;
  const isIfs = (c: string) => ifs.includes(c);
  const trimmed = [...text];
  while (trimmed.length > 0 && isIfs(trimmed[0]!) && /\s/.test(trimmed[0]!)) trimmed.shift();
  while (trimmed.length > 0 && isIfs(trimmed[trimmed.length - 1]!) && /\s/.test(trimmed[trimmed.length - 1]!)) trimmed.pop();
  const value = trimmed.join('');
  if (arrayName) {
    sh.setArray(arrayName, value.split(new RegExp(`[${escapeClass(ifs)}]+`)).filter((f) => f !== ''));
    return eof ? 1 : 0;
  }
  const targets = names.length > 0 ? names : ['REPLY'];
  let rest = targets.length === 1 && names.length === 0 ? text : value;
  for (let i = 0; i < targets.length; i++) {
    if (i === targets.length - 1) {
      sh.setVar(targets[i]!, rest);
      break;
    }
    const m = new RegExp(`^([^${escapeClass(ifs)}]*)[${escapeClass(ifs)}]*`).exec(rest)!;
    sh.setVar(targets[i]!, m[1]!);
    rest = rest.slice(m[0].length);
  }
  return eof ? 1 : 0;
};

function escapeClass(s: string): string {
  return s.replace(/[\\\]^-]/g, '\\$&').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
}

const wait: Builtin = function* (sh, argv) {
  const pids = argv.slice(1).map(Number).filter((n) => Number.isInteger(n));
  const jobs = pids.length > 0 ? pids.map((p) => sh.jobs.get(p)).filter((j) => j !== undefined) : [...sh.jobs.values()];
  let status = 0;
  for (const job of jobs) {
    const exit = job!.exit;
    const r = yield* awaitValue(sh.exec, exit, true);
    if (r === undefined && !exit.done) return 128 + 15;
    status = r ?? 0;
  }
  if (pids.length > 0 && jobs.length === 0) return 127;
  return status;
};

const local: Builtin = function* (sh, argv, line) {
  if (!sh.inFunction) {
    sh.error(line, `local: can only be used in a function`);
    return 1;
  }
  return yield* declare(sh, argv, line);
};

const declare: Builtin = function* (sh, argv) {
  let exported = false;
  let readonly = false;
  let array = false;
  for (const a of argv.slice(1)) {
    if (/^[-+][a-zA-Z]+$/.test(a)) {
      if (a.includes('x')) exported = a[0] === '-';
      if (a.includes('r')) readonly = true;
      if (a.includes('a')) array = true;
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (sh.inFunction && argv[0] !== 'export') sh.declareLocal(name);
    const values = sh.declArrays.get(a);
    if (values) sh.setArray(name, values);
    else if (eq >= 0) sh.setVar(name, a.slice(eq + 1));
    else if (array && !sh.vars.get(name)?.array) sh.setArray(name, []);
    else if (!sh.vars.has(name) && sh.inFunction) sh.vars.delete(name);
    if (exported) sh.exportVar(name);
    if (readonly) sh.vars.set(name, { ...(sh.vars.get(name) ?? { exported: false }), readonly: true });
  }
  sh.declArrays.clear();
  return 0;
};

const echo: WaitlessBuiltin = (sh, argv) => {
  // `echo 'text'`: one argument, no option, nothing to unescape (a loop's usual line).
  const only = argv.length === 2 ? argv[1]! : undefined;
  if (only !== undefined && only[0] !== '-' && (sh.flavour !== 'dash' || !only.includes('\\'))) {
    sh.io.out(`${only}\n`);
    return 0;
  }
  sh.io.out(echoText(argv.slice(1), sh.flavour === 'bash' ? 'bash' : sh.flavour === 'dash' ? 'dash' : 'busybox'));
  return 0;
};

const printf: Builtin = function* (sh, argv, line) {
  let args = argv.slice(1);
  let target: string | undefined;
  if (args[0] === '-v' && sh.flavour === 'bash') {
    target = args[1];
    args = args.slice(2);
  }
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0) {
    sh.error(line, sh.flavour === 'bash' ? 'printf: usage: printf [-v var] format [arguments]' : 'printf: usage: printf format [arg ...]');
    return 2;
  }
  const { out, errors } = printfFormat(args[0]!, args.slice(1));
  if (target) sh.setVar(target, out);
  else sh.io.out(out);
  for (const e of errors) sh.error(line, `printf: ${e}`);
  return errors.length > 0 ? 1 : 0;
};

const test: Builtin = function* (sh, argv, line) {
  let args = argv.slice(1);
  if (argv[0] === '[') {
    if (args[args.length - 1] !== ']') {
      sh.error(line, sh.flavour === 'bash' ? "[: missing `]'" : '[: missing ]');
      return 2;
    }
    args = args.slice(0, -1);
  }
  return sh.test(args, line, argv[0]!);
};

const type: Builtin = function* (sh, argv, line) {
  let status = 0;
  const short = argv[0] === 'command';
  for (const name of argv.slice(1).filter((a) => !a.startsWith('-'))) {
    if (SPECIAL_BUILTINS.has(name) || BUILTINS.has(name)) sh.io.out(short ? `${name}\n` : `${name} is a shell builtin\n`);
    else if (sh.functions.has(name)) sh.io.out(short ? `${name}\n` : `${name} is a function\n`);
    else {
      const found = sh.exec.container.resolve([name], sh.environment(), sh.cwd);
      if (found.ok) sh.io.out(short ? `${found.path}\n` : `${name} is ${found.path}\n`);
      else {
        if (!short) sh.error(line, sh.flavour === 'bash' ? `type: ${name}: not found` : `${name}: not found`);
        status = 1;
      }
    }
  }
  return status;
};

const command: Builtin = function* (sh, argv, line) {
  const args = argv.slice(1);
  if (args[0] === '-v' || args[0] === '-V') return yield* type(sh, ['command', ...args.slice(1)], line);
  if (args.length === 0) return 0;
  const b = SPECIAL_BUILTINS.get(args[0]!) ?? BUILTINS.get(args[0]!);
  if (b) {
    const done = b(sh, args, line);
    return typeof done === 'number' ? done : yield* done;
  }
  return yield* sh.runProgram(args, sh.environment(), line);
};

const letBuiltin: Builtin = function* (sh, argv) {
  let v = 0;
  for (const expr of argv.slice(1)) v = sh.arithmetic(expr);
  return v !== 0 ? 0 : 1;
};

const kill: Builtin = function* (sh, argv, line) {
  let sig = 'TERM';
  const targets: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-s') sig = signalName(argv[++i] ?? '') ?? sig;
    else if (a === '-l') {
      sh.io.out(`${Object.values(SIGNALS).slice(1).join(' ')}\n`);
      return 0;
    } else if (/^-\w+$/.test(a)) sig = signalName(a.slice(1)) ?? sig;
    else targets.push(a);
  }
  let status = 0;
  for (const t of targets) {
    const pid = Number(t.replace(/^%/, ''));
    if (!sh.exec.container.signal(pid, sig === 'KILL' ? 'KILL' : 'TERM', sig === '0')) {
      sh.error(line, sh.flavour === 'bash' ? `kill: (${t}) - No such process` : `kill: can't kill pid ${t}: No such process`);
      status = 1;
    }
  }
  return status;
};

const colon: Builtin = noop;

const falseBuiltin: WaitlessBuiltin = () => 1;

const pwd: WaitlessBuiltin = (sh) => {
  sh.io.out(`${sh.cwd}\n`);
  return 0;
};

// Maps, not objects: a command named `constructor` or `toString` must not find Object.prototype's.
export const SPECIAL_BUILTINS: ReadonlyMap<string, Builtin> = new Map(Object.entries({
  ':': colon,
  '.': source,
  break: loopControl('break'),
  continue: loopControl('continue'),
  eval: evalBuiltin,
  exec: execBuiltin,
  exit,
  export: exportBuiltin,
  readonly: readonlyBuiltin,
  return: ret,
  set,
  shift,
  trap,
  unset,
  times: noop,
}));

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map(Object.entries({
  source,
  cd,
  read,
  wait,
  local,
  echo,
  printf,
  test,
  '[': test,
  true: noop,
  false: falseBuiltin,
  pwd,
  type,
  command,
  kill,
  umask: noop,
  ulimit: noop,
  hash: noop,
  alias: noop,
  unalias: noop,
  jobs: noop,
}));

/** Built-ins the shell may run in place: typed to return a status, and none of them expands anything. */
export const WAITLESS_BUILTINS: ReadonlySet<Builtin> = new Set<WaitlessBuiltin>([noop, echo, falseBuiltin, pwd]);

/** bash-only built-ins. */
export const BASH_BUILTINS: ReadonlyMap<string, Builtin> = new Map(Object.entries({
  declare,
  typeset: declare,
  let: letBuiltin,
}));

