/**
 * The shell interpreter: runs a parsed script as a generator over virtual time, with variables
 * and bash arrays, functions, redirections into the container's filesystem, pipelines (run one
 * after another, each element in a subshell, output buffered into the next one's input), command
 * and arithmetic substitution, `set -euo pipefail`/`-x`, traps and background jobs.
 *
 * Three dialects share it and differ where a user would notice: ash (busybox, alpine), dash
 * (Debian/Ubuntu `/bin/sh`) and bash — error message shapes, `echo` escapes, brace expansion.
 *
 * Shell work costs virtual CPU time (a few microseconds per built-in, half a millisecond per
 * program started), so a loop that never sleeps still lets the clock move.
 */
import type { Assignment, AndOr, Command, Pipeline, Redirect, Script, Word } from './ast.ts';
import { parseScript } from './parser.ts';
import { Lexer, ShellSyntaxError } from './lexer.ts';
import { ArithError, evalArithmetic } from './arith.ts';
import { expandPattern, expandString, expandWords, literalWords } from './expand.ts';
import { matchPattern } from './pattern.ts';
import { evalTest, TestError, type TestArg } from './testExpr.ts';
import { type Builtin, BASH_BUILTINS, BUILTINS, SPECIAL_BUILTINS, WAITLESS_BUILTINS } from './builtins.ts';
import { plainText } from './ast.ts';
import { type CommandGenerator, type ExecEnv, type Io, Input, sleepFor, EXIT_NOT_FOUND, EXIT_NOT_EXECUTABLE } from '../command.ts';
import type { FileSystem } from '../fs.ts';
import type { CommandHash, Job } from '../container.ts';
import { failed, normalizePath, strerror } from '../fs.ts';
import type { Syscall } from '../process.ts';

export type Flavour = 'ash' | 'dash' | 'bash';

export class ExitException {
  constructor(readonly code: number) {}
}
export class ReturnException {
  constructor(readonly code: number) {}
}
export class LoopControl {
  constructor(
    readonly kind: 'break' | 'continue',
    public levels: number,
  ) {}
}

/** The command of an and-or item that is one simple command and nothing more (not in the background, no `&&`, `|` or `!`). */
function loneSimple(item: AndOr): Extract<Command, { kind: 'simple' }> | undefined {
  const p = item.first;
  const cmd = p.commands[0]!;
  return !item.background && item.rest.length === 0 && !p.negate && p.commands.length === 1 && cmd.kind === 'simple' ? cmd : undefined;
}

/** What a loop does with an exception out of its body: true to stop (break), false to go on (continue); anything else, or control of an outer loop, goes on up. */
function loopStops(e: unknown): boolean {
  if (!(e instanceof LoopControl)) throw e;
  if (e.levels > 1) {
    e.levels--;
    throw e;
  }
  return e.kind === 'break';
}
/** A failed expansion (`${x:?}`, `set -u`, bad substitution): the command fails; `fatal` exits. */
export class ExpansionError extends Error {
  constructor(
    message: string,
    readonly fatal = false,
  ) {
    super(message);
  }
}

interface ShellVar {
  value?: string;
  array?: Map<number, string>;
  exported: boolean;
  readonly?: boolean;
}

/**
 * A shell's variables. The exported environment every program gets is remembered until a variable
 * is set or unset: a loop runs the same programs with the same environment over and over.
 */
class Variables extends Map<string, ShellVar> {
  private exportedEnv: Record<string, string> | undefined;

  override set(name: string, v: ShellVar): this {
    this.exportedEnv = undefined;
    return super.set(name, v);
  }

  override delete(name: string): boolean {
    this.exportedEnv = undefined;
    return super.delete(name);
  }

  override clear(): void {
    this.exportedEnv = undefined;
    super.clear();
  }

  /** The exported variables' values (an array's element 0). Do not mutate. */
  exported(): Readonly<Record<string, string>> {
    if (this.exportedEnv) return this.exportedEnv;
    const env: Record<string, string> = {};
    let arrays = false;
    for (const [k, v] of this) {
      if (!v.exported) continue;
      if (v.array) arrays = true;
      env[k] = (v.array ? v.array.get(0) : v.value) ?? '';
    }
    // Arrays change in place, unseen here: with one exported, the values are read every time.
    if (!arrays) this.exportedEnv = Object.freeze(env);
    return env;
  }
}

export interface ShellOptions {
  errexit: boolean;
  nounset: boolean;
  xtrace: boolean;
  pipefail: boolean;
  noglob: boolean;
}

const DECLARATION_BUILTINS = new Set(['local', 'declare', 'typeset', 'export', 'readonly']);

const MAX_FUNCTION_DEPTH = 100;

/** Virtual CPU cost of shell work, in milliseconds. */
const BUILTIN_COST_MS = 0.005;
const PROGRAM_COST_MS = 0.5;

type Gen<T> = Generator<Syscall, T, unknown>;

export class Shell {
  vars = new Variables();
  positional: string[];
  functions = new Map<string, Command>();
  traps = new Map<string, string>();
  /** Where PATH lookups found programs (a subshell starts with a copy, as after fork). */
  commandHash: CommandHash = new Map();
  options: ShellOptions = { errexit: false, nounset: false, xtrace: false, pipefail: false, noglob: false };
  lastStatus = 0;
  lastBackgroundPid: number | undefined;
  /** Background jobs of this shell, by PID (for `wait`). */
  jobs = new Map<number, Job>();
  cwd: string;
  io: Io;
  pid: number;
  private cpuMs = 0;
  private conditionDepth = 0;
  private localScopes: Map<string, ShellVar | undefined>[] = [];
  private inTrap = false;
  /** Function calls in progress, including those of parent shells (subshells inherit the count). */
  private nesting = 0;
  /** Array values of `declare`/`local` arguments like `x=(a b)`, keyed by the argument's marker. */
  declArrays = new Map<string, string[]>();

  constructor(
    readonly flavour: Flavour,
    public arg0: string,
    args: string[],
    readonly exec: ExecEnv,
  ) {
    this.positional = [...args];
    this.cwd = exec.cwd;
    this.io = exec.io;
    this.pid = exec.process ? 1 : exec.container.nextPid();
    for (const [k, v] of Object.entries(exec.env)) this.vars.set(k, { value: v, exported: true });
    if (!this.vars.has('IFS')) this.vars.set('IFS', { value: ' \t\n', exported: false });
    this.vars.set('PWD', { value: this.cwd, exported: true });
    if (flavour === 'bash') this.vars.set('HOSTNAME', { value: exec.container.hostname, exported: false });
  }

  get fs(): FileSystem {
    return this.exec.container.fs;
  }

  get ifs(): string {
    return this.getVar('IFS') ?? ' \t\n';
  }

  resolvePath(p: string): string {
    return normalizePath(p, this.cwd);
  }

  /** A copy for a subshell: same variables, functions and options, its own changes. */
  clone(io: Io = this.io): Shell {
    const s = Object.create(Shell.prototype) as Shell;
    Object.assign(s, this);
    s.vars = new Variables();
    for (const [k, v] of this.vars) s.vars.set(k, { ...v, ...(v.array ? { array: new Map(v.array) } : {}) });
    s.positional = [...this.positional];
    s.functions = new Map(this.functions);
    s.traps = new Map([...this.traps].filter(([k]) => k !== 'EXIT'));
    s.commandHash = new Map(this.commandHash);
    s.options = { ...this.options };
    s.localScopes = [];
    s.io = io;
    return s;
  }

  // ---- messages ----

  /** `sh: `, `sh: 3: ` or `bash: line 3: ` as each dialect prefixes its errors. */
  prefix(line: number): string {
    if (this.flavour === 'bash') return `${this.arg0}: line ${line}: `;
    if (this.flavour === 'dash') return `${this.arg0}: ${line}: `;
    return `${this.arg0}: `;
  }

  error(line: number, message: string): void {
    this.io.err(`${this.prefix(line)}${message}\n`);
  }

  syntaxErrorMessage(e: ShellSyntaxError): string {
    const tok = e.token === 'end of file' ? 'end of file' : e.token;
    if (this.flavour === 'bash') {
      if (e.kind === 'unterminated') return `${this.arg0}: -c: line ${e.line}: unexpected EOF while looking for matching \`${tok}'\n`;
      if (tok === 'end of file') return `${this.arg0}: -c: line ${e.line}: syntax error: unexpected end of file\n`;
      return `${this.arg0}: -c: line ${e.line}: syntax error near unexpected token \`${tok}'\n`;
    }
    if (this.flavour === 'dash') {
      if (e.kind === 'unterminated') return `${this.arg0}: ${e.line}: Syntax error: Unterminated quoted string\n`;
      return `${this.arg0}: ${e.line}: Syntax error: "${tok === 'newline' ? 'newline' : tok}" unexpected\n`;
    }
    if (e.kind === 'unterminated') return `${this.arg0}: syntax error: unterminated quoted string\n`;
    return `${this.arg0}: syntax error: unexpected ${tok === 'end of file' ? 'end of file' : tok === 'newline' ? 'newline' : `"${tok}"`}\n`;
  }

  // ---- variables ----

  getVar(name: string): string | undefined {
    const v = this.vars.get(name);
    if (!v) return undefined;
    return v.array ? v.array.get(0) : v.value;
  }

  setVar(name: string, value: string, index?: number): void {
    const v = this.vars.get(name);
    if (v?.readonly) throw new ExpansionError(`${name}: readonly variable`);
    if (index !== undefined) {
      const array = v?.array ?? new Map<number, string>(v?.value !== undefined ? [[0, v.value]] : []);
      array.set(index, value);
      this.vars.set(name, { array, exported: v?.exported ?? false });
      return;
    }
    if (v?.array) v.array.set(0, value);
    else this.vars.set(name, { value, exported: v?.exported ?? false });
  }

  setArray(name: string, values: string[], append = false): void {
    const v = this.vars.get(name);
    if (v?.readonly) throw new ExpansionError(`${name}: readonly variable`);
    // Appending mutates in place (subshells get their own copies in clone()), so `a+=(x)` in a loop stays linear.
    const array = append && v?.array ? v.array : new Map<number, string>();
    let next = 0;
    for (const k of array.keys()) if (k >= next) next = k + 1;
    if (append && !v?.array && v?.value !== undefined) array.set(next++, v.value);
    for (const value of values) array.set(next++, value);
    if (array !== v?.array) this.vars.set(name, { array, exported: v?.exported ?? false });
  }

  unsetVar(name: string): void {
    if (this.vars.get(name)?.readonly) throw new ExpansionError(`${name}: readonly variable`);
    this.vars.delete(name);
  }

  exportVar(name: string, value?: string): void {
    const v = this.vars.get(name);
    this.vars.set(name, { ...(v ?? {}), ...(value !== undefined ? { value } : {}), exported: true });
  }

  declareLocal(name: string): void {
    const scope = this.localScopes[this.localScopes.length - 1];
    if (scope && !scope.has(name)) scope.set(name, this.vars.get(name));
  }

  get inFunction(): boolean {
    return this.localScopes.length > 0;
  }

  /** The exported environment passed to programs (shared and frozen when nothing is added: do not mutate). */
  environment(extra?: Record<string, string>): Readonly<Record<string, string>> {
    return extra ? { ...this.vars.exported(), ...extra } : this.vars.exported();
  }

  /** Value of `$name` / `${name[i]}`; special parameters included. */
  scalarValue(name: string, index?: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.lastStatus);
      case '$':
        return String(this.pid);
      case '!':
        return this.lastBackgroundPid === undefined ? '' : String(this.lastBackgroundPid);
      case '#':
        return String(this.positional.length);
      case '-':
        return `${this.options.errexit ? 'e' : ''}${this.options.nounset ? 'u' : ''}${this.options.xtrace ? 'x' : ''}${this.options.noglob ? 'f' : ''}`;
      case '0':
        return this.arg0;
    }
    if (/^\d+$/.test(name)) return this.positional[Number(name) - 1];
    if (this.flavour === 'bash') {
      if (name === 'RANDOM') return String(this.exec.container.rng.int(32768));
      if (name === 'LINENO') return '1';
      if (name === 'SECONDS') return String(Math.floor(this.exec.container.now() / 1000) % 100000);
    }
    const v = this.vars.get(name);
    if (!v) return undefined;
    if (index !== undefined) {
      const i = this.arithmetic(index);
      if (v.array) return v.array.get(i);
      return i === 0 ? v.value : undefined;
    }
    return v.array ? v.array.get(0) : v.value;
  }

  /** `$@`, `$*`, `${arr[@]}`: the list of values. */
  listValues(name: string): string[] {
    if (name === '@' || name === '*') return [...this.positional];
    const v = this.vars.get(name);
    if (!v) return [];
    if (!v.array) return v.value === undefined ? [] : [v.value];
    return [...v.array.entries()].sort((a, b) => a[0] - b[0]).map(([, x]) => x);
  }

  arithmetic(text: string): number {
    try {
      return evalArithmetic(text, {
        get: (n, i) => (i === undefined ? this.scalarValue(n) : this.vars.get(n)?.array?.get(i) ?? (i === 0 ? this.getVar(n) : undefined)),
        set: (n, v, i) => this.setVar(n, v, i),
      });
    } catch (e) {
      if (e instanceof ArithError) {
        if (this.flavour === 'bash') throw new ExpansionError(`${text.trim()}: ${e.message} (error token is "${e.token}")`);
        throw new ExpansionError(`arithmetic syntax error`);
      }
      throw e;
    }
  }

  // ---- running ----

  /** Run a whole script as the shell's main program; returns the exit status. */
  *main(script: Script): CommandGenerator {
    let status: number;
    try {
      status = yield* this.runScript(script);
    } catch (e) {
      if (e instanceof ExitException) status = e.code;
      else if (e instanceof ReturnException) status = e.code;
      else if (e instanceof LoopControl) status = this.lastStatus;
      else throw e;
    }
    const onExit = this.traps.get('EXIT');
    if (onExit) {
      this.traps.delete('EXIT');
      this.lastStatus = status;
      try {
        yield* this.runText(onExit);
      } catch (e) {
        if (e instanceof ExitException) status = e.code;
        else throw e;
      }
    }
    return status;
  }

  /** Parse and run shell text (eval, traps, `sh -c`). */
  *runText(text: string, line = 1): Gen<number> {
    let script: Script;
    try {
      script = parseScript(text, line);
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        this.io.err(this.syntaxErrorMessage(e));
        this.lastStatus = 2;
        return 2;
      }
      throw e;
    }
    return yield* this.runScript(script);
  }

  *runScript(script: Script): Gen<number> {
    let status = this.lastStatus;
    for (const item of script.body) {
      // The common case, a lone simple command, goes straight to it: a loop pays for every
      // generator level on every command it runs.
      const cmd = loneSimple(item);
      if (cmd) status = this.pipelineDone(item.first, this.runWaitless(cmd) ?? (yield* this.runSimple(cmd)));
      else status = yield* this.runAndOr(item);
      if (this.exec.signals.pending.length > 0) yield* this.runPendingTraps();
    }
    return status;
  }

  /**
   * Charge virtual CPU time; true once a whole millisecond is owed, which the caller then sleeps
   * off with `payCpu` (a plain check first: most commands owe nothing yet, and a generator per
   * command is a measurable share of a loop's cost).
   */
  private charge(costMs: number): boolean {
    this.cpuMs += costMs;
    return this.cpuMs >= 1;
  }

  private *payCpu(): Gen<void> {
    const ms = Math.floor(this.cpuMs);
    this.cpuMs -= ms;
    yield* sleepFor(this.exec, ms);
  }

  private *runPendingTraps(): Gen<void> {
    if (this.inTrap) return;
    while (this.exec.signals.pending.length > 0) {
      const sig = this.exec.signals.pending.shift()!;
      const action = this.traps.get(sig);
      if (action === undefined || action === '') continue;
      this.inTrap = true;
      const saved = this.lastStatus;
      try {
        yield* this.runText(action);
      } finally {
        this.inTrap = false;
      }
      this.lastStatus = saved;
    }
  }

  private *runAndOr(item: AndOr): Gen<number> {
    if (item.background) return this.runBackground(item);
    const conditional = item.rest.length > 0;
    let status: number;
    if (conditional) this.conditionDepth++;
    try {
      const p = item.first;
      if (!p.negate && p.commands.length === 1) {
        const cmd = p.commands[0]!;
        status = this.pipelineDone(p, cmd.kind === 'simple' ? (this.runWaitless(cmd) ?? (yield* this.runSimple(cmd))) : yield* this.runCommand(cmd));
      } else status = yield* this.runPipeline(p);
      for (let i = 0; i < item.rest.length; i++) {
        const { op, pipeline } = item.rest[i]!;
        if ((op === '&&') !== (status === 0)) continue;
        const last = i === item.rest.length - 1;
        if (last) this.conditionDepth--;
        try {
          status = yield* this.runPipeline(pipeline);
        } finally {
          if (last) this.conditionDepth++;
        }
      }
    } finally {
      if (conditional) this.conditionDepth--;
    }
    this.lastStatus = status;
    return status;
  }

  private runBackground(item: AndOr): number {
    const child = this.clone();
    const job = this.exec.container.spawnJob(() => child.main({ body: [{ ...item, background: false }] }));
    this.jobs.set(job.pid, job);
    this.lastBackgroundPid = job.pid;
    this.lastStatus = 0;
    return 0;
  }

  private *runPipeline(p: Pipeline): Gen<number> {
    if (p.negate) this.conditionDepth++;
    let status: number;
    try {
      if (p.commands.length === 1) {
        status = yield* this.runCommand(p.commands[0]!);
      } else {
        status = yield* this.runPipe(p);
      }
    } finally {
      if (p.negate) this.conditionDepth--;
    }
    return this.pipelineDone(p, status);
  }

  /** A pipeline's status (`!` negates it) becomes `$?`; with `set -e`, a failure outside a condition exits. */
  private pipelineDone(p: Pipeline, status: number): number {
    if (p.negate) status = status === 0 ? 1 : 0;
    this.lastStatus = status;
    if (status !== 0 && this.options.errexit && this.conditionDepth === 0 && !p.negate) throw new ExitException(status);
    return status;
  }

  /** `a | b | c`: each element in a subshell, one after the other, output piped as input. */
  private *runPipe(p: Pipeline): Gen<number> {
    let input = this.io.stdin;
    const statuses: number[] = [];
    for (let i = 0; i < p.commands.length; i++) {
      const last = i === p.commands.length - 1;
      let buffer = '';
      const sub = this.clone({ stdin: input, out: last ? this.io.out : (t) => (buffer += t), err: this.io.err });
      sub.conditionDepth = 0;
      let status: number;
      try {
        status = yield* sub.runCommand(p.commands[i]!);
      } catch (e) {
        if (e instanceof ExitException) status = e.code;
        else if (e instanceof ReturnException || e instanceof LoopControl) status = sub.lastStatus;
        else throw e;
      }
      statuses.push(status);
      input = new Input(buffer);
    }
    if (this.options.pipefail) return [...statuses].reverse().find((s) => s !== 0) ?? 0;
    return statuses[statuses.length - 1]!;
  }

  *runCommand(cmd: Command): Gen<number> {
    if (cmd.kind === 'simple') return yield* this.runSimple(cmd);
    if (cmd.kind === 'function') {
      this.functions.set(cmd.name, cmd.body);
      return 0;
    }
    const saved = this.io;
    try {
      if (cmd.redirects.length > 0) {
        const io = yield* this.applyRedirects(cmd.redirects, cmd.line);
        if (!io) return 1;
        this.io = io;
      }
      return yield* this.runCompound(cmd);
    } catch (e) {
      if (e instanceof ExpansionError) return this.expansionFailed(e, cmd.line);
      throw e;
    } finally {
      this.io = saved;
    }
  }

  private expansionFailed(e: ExpansionError, line: number): number {
    this.error(line, e.message);
    this.lastStatus = 1;
    if (e.fatal) throw new ExitException(this.flavour === 'bash' ? 127 : 2);
    return 1;
  }

  private *runCompound(cmd: Exclude<Command, { kind: 'simple' | 'function' }>): Gen<number> {
    switch (cmd.kind) {
      case 'group':
        return yield* this.runScript(cmd.body);
      case 'subshell': {
        const sub = this.clone();
        try {
          return yield* sub.runScript(cmd.body);
        } catch (e) {
          if (e instanceof ExitException) return e.code;
          throw e;
        }
      }
      case 'if': {
        for (const clause of cmd.clauses) {
          if ((yield* this.condition(clause.cond)) === 0) return yield* this.runScript(clause.body);
        }
        return cmd.elseBody ? yield* this.runScript(cmd.elseBody) : 0;
      }
      case 'while':
        return yield* this.runWhile(cmd);
      case 'for': {
        const items = cmd.items ? yield* expandWords(this, cmd.items) : [...this.positional];
        let status = 0;
        for (const item of items) {
          this.setVar(cmd.name, item);
          const r = yield* this.loopBody(cmd.body);
          status = r.status;
          if (r.stop) break;
        }
        return status;
      }
      case 'cfor': {
        let status = 0;
        if (cmd.init.trim()) this.arithmetic(yield* this.expandArith(cmd.init, cmd.line));
        while (cmd.cond.trim() === '' || this.arithmetic(yield* this.expandArith(cmd.cond, cmd.line)) !== 0) {
          const r = yield* this.loopBody(cmd.body);
          status = r.status;
          if (r.stop) break;
          if (cmd.step.trim()) this.arithmetic(yield* this.expandArith(cmd.step, cmd.line));
        }
        return status;
      }
      case 'case': {
        const subject = yield* expandString(this, cmd.word);
        for (let i = 0; i < cmd.items.length; i++) {
          const item = cmd.items[i]!;
          let matched = false;
          for (const pw of item.patterns) {
            if (matchPattern(subject, yield* expandPattern(this, pw))) {
              matched = true;
              break;
            }
          }
          if (!matched) continue;
          let status = yield* this.runScript(item.body);
          while (cmd.items[i]?.fallthrough && i + 1 < cmd.items.length) status = yield* this.runScript(cmd.items[++i]!.body);
          return status;
        }
        return 0;
      }
      case 'test':
        return yield* this.runDoubleBracket(cmd.words, cmd.line);
      case 'arith': {
        const text = yield* expandString(this, cmd.expr);
        return this.arithmetic(text) !== 0 ? 0 : 1;
      }
    }
  }

  private *expandArith(text: string, line: number): Gen<string> {
    const lexer = new Lexer(text, (t, l) => parseScript(t, l));
    lexer.line = line;
    return yield* expandString(this, lexer.readHereText());
  }

  private *condition(script: Script): Gen<number> {
    this.conditionDepth++;
    try {
      return yield* this.runScript(script);
    } finally {
      this.conditionDepth--;
    }
  }

  /** One loop iteration; `stop` when the loop must end (break, or continue/break of outer loops). */
  private *loopBody(body: Script): Gen<{ status: number; stop: boolean }> {
    try {
      return { status: yield* this.runScript(body), stop: false };
    } catch (e) {
      return { status: 0, stop: loopStops(e) };
    }
  }

  /** `while`/`until`, with the condition and body run in place (a steady loop pays for every generator level on every pass). */
  private *runWhile(cmd: Extract<Command, { kind: 'while' }>): Gen<number> {
    let status = 0;
    for (;;) {
      let c: number;
      this.conditionDepth++;
      try {
        c = yield* this.runScript(cmd.cond);
      } finally {
        this.conditionDepth--;
      }
      if ((c === 0) === cmd.until) break;
      try {
        status = yield* this.runScript(cmd.body);
      } catch (e) {
        status = 0;
        if (loopStops(e)) break;
      }
      if (this.charge(BUILTIN_COST_MS)) yield* this.payCpu();
    }
    return status;
  }

  private *runDoubleBracket(words: Word[], line: number): Gen<number> {
    const args: TestArg[] = [];
    for (const w of words) {
      const text = yield* expandString(this, w);
      args.push({ text, pattern: yield* expandPattern(this, w) });
    }
    if (this.charge(BUILTIN_COST_MS)) yield* this.payCpu();
    try {
      return evalTest(args, { fs: this.fs, cwd: this.cwd, setRematch: (g) => this.setArray('BASH_REMATCH', g) }, true);
    } catch (e) {
      if (e instanceof TestError) {
        this.error(line, `[[: ${e.message}`);
        return 2;
      }
      throw e;
    }
  }

  // ---- simple commands ----

  /**
   * A built-in that never waits, with literal words and nothing around it (`true`, `echo 'SSD OK'`),
   * run in place: its status, or undefined when the command takes the general path (runSimple).
   */
  private runWaitless(cmd: Extract<Command, { kind: 'simple' }>): number | undefined {
    if (cmd.assigns.length > 0 || cmd.redirects.length > 0 || this.options.xtrace || this.cpuMs + BUILTIN_COST_MS >= 1) return undefined;
    const argv = literalWords(cmd.words);
    const builtin = argv && argv.length > 0 ? this.builtinFor(argv[0]!) : undefined;
    if (!builtin || !WAITLESS_BUILTINS.has(builtin)) return undefined;
    this.lastStatusFromSubst = undefined;
    this.cpuMs += BUILTIN_COST_MS;
    return builtin(this, argv!, cmd.line) as number; // WAITLESS_BUILTINS are typed to return a number
  }

  private *runSimple(cmd: Extract<Command, { kind: 'simple' }>): Gen<number> {
    let argv: string[];
    const assigned: [Assignment, string | string[]][] = [];
    try {
      this.lastStatusFromSubst = undefined;
      const first = cmd.words[0] ? plainText(cmd.words[0]) : undefined;
      if (first && DECLARATION_BUILTINS.has(first)) argv = yield* this.expandDeclaration(cmd.words);
      else argv = literalWords(cmd.words) ?? (yield* expandWords(this, cmd.words));
      for (const a of cmd.assigns) assigned.push([a, yield* this.assignmentValue(a)]);
    } catch (e) {
      if (e instanceof ExpansionError) return this.expansionFailed(e, cmd.line);
      throw e;
    }
    if (this.charge(BUILTIN_COST_MS)) yield* this.payCpu();
    if (argv.length === 0) {
      try {
        for (const [a, v] of assigned) yield* this.assign(a, v);
      } catch (e) {
        if (e instanceof ExpansionError) return this.expansionFailed(e, cmd.line);
        throw e;
      }
      if (cmd.redirects.length > 0) {
        const io = yield* this.applyRedirects(cmd.redirects, cmd.line);
        if (!io) return 1;
      }
      return this.lastStatusFromSubst ?? 0;
    }
    if (this.options.xtrace) this.io.err(`+ ${[...assigned.map(([a, v]) => `${a.name}=${String(v)}`), ...argv].join(' ')}\n`);
    // A built-in (`echo hi`, `true`) or a program (`sleep 5`) without assignments runs right from
    // here: a loop pays for every generator it creates.
    const plain = assigned.length === 0;
    const builtin = plain ? this.builtinFor(argv[0]!) : undefined;
    const saved = this.io;
    try {
      if (builtin && cmd.redirects.length === 0) {
        const done = builtin(this, argv, cmd.line);
        return typeof done === 'number' ? done : yield* done;
      }
      if (cmd.redirects.length > 0) {
        const io = yield* this.applyRedirects(cmd.redirects, cmd.line);
        if (!io) return 1;
        this.io = io;
      }
      if (plain && !builtin && !this.functions.has(argv[0]!)) return yield* this.runProgram(argv, this.environment(), cmd.line);
      return yield* this.invoke(argv, assigned, cmd.line);
    } catch (e) {
      if (e instanceof ExpansionError) return this.expansionFailed(e, cmd.line);
      throw e;
    } finally {
      this.io = saved;
    }
  }

  /** `local x=$y` / `declare -a a=(1 2)`: assignment-shaped arguments are not split; arrays kept. */
  private *expandDeclaration(words: Word[]): Gen<string[]> {
    const argv: string[] = [];
    for (const w of words) {
      const m = /^([A-Za-z_]\w*)\+?=/.exec(w.raw);
      const last = w.parts[w.parts.length - 1];
      if (m && last?.kind === 'array') {
        const marker = `${m[1]}=\u0000${this.declArrays.size}`;
        this.declArrays.set(marker, yield* expandWords(this, last.elements));
        argv.push(marker);
      } else if (m) argv.push(yield* expandString(this, w));
      else argv.push(...(yield* expandWords(this, [w])));
    }
    return argv;
  }

  /** Status of the last command substitution, for assignment-only commands (`x=$(false)`). */
  lastStatusFromSubst: number | undefined;

  private *assignmentValue(a: Assignment): Gen<string | string[]> {
    const first = a.value.parts[0];
    if (first?.kind === 'array') return yield* expandWords(this, first.elements);
    return yield* expandString(this, a.value);
  }

  private *assign(a: Assignment, value: string | string[]): Gen<void> {
    if (Array.isArray(value)) {
      this.setArray(a.name, value, a.append);
      return;
    }
    if (a.index) {
      const i = this.arithmetic(yield* expandString(this, a.index));
      this.setVar(a.name, a.append ? (this.vars.get(a.name)?.array?.get(i) ?? '') + value : value, i);
      return;
    }
    this.setVar(a.name, a.append ? (this.getVar(a.name) ?? '') + value : value);
  }

  /** The built-in `name` names: a special one, else a regular one no function of that name shadows. */
  private builtinFor(name: string): Builtin | undefined {
    const special = SPECIAL_BUILTINS.get(name);
    if (special) return special;
    if (this.functions.has(name)) return undefined;
    return BUILTINS.get(name) ?? (this.flavour === 'bash' ? BASH_BUILTINS.get(name) : undefined);
  }

  /** Run a command by name: special built-in, function, built-in, then a program on PATH. */
  *invoke(argv: string[], assigned: [Assignment, string | string[]][] = [], line = 1): Gen<number> {
    const name = argv[0]!;
    const builtin = this.builtinFor(name);
    if (builtin && assigned.length === 0) {
      const done = builtin(this, argv, line);
      return typeof done === 'number' ? done : yield* done;
    }
    if (builtin) return yield* this.builtinWithAssignments(builtin, SPECIAL_BUILTINS.has(name), argv, assigned, line);
    const fn = this.functions.get(name);
    if (fn) return yield* this.callFunction(fn, argv, assigned);
    let extra: Record<string, string> | undefined;
    for (const [a, v] of assigned) (extra ??= {})[a.name] = Array.isArray(v) ? (v[0] ?? '') : v;
    return yield* this.runProgram(argv, this.environment(extra), line);
  }

  /** `VAR=value builtin`: before a special built-in the assignments stay; before others they last as long as it runs. */
  private *builtinWithAssignments(builtin: Builtin, special: boolean, argv: string[], assigned: [Assignment, string | string[]][], line: number): Gen<number> {
    const saved = new Map<string, ShellVar | undefined>();
    for (const [a, v] of assigned) {
      if (!special) saved.set(a.name, this.vars.get(a.name));
      yield* this.assign(a, v);
    }
    try {
      const done = builtin(this, argv, line);
      return typeof done === 'number' ? done : yield* done;
    } finally {
      for (const [k, v] of saved) {
        if (v) this.vars.set(k, v);
        else this.vars.delete(k);
      }
    }
  }

  private *callFunction(body: Command, argv: string[], assigned: [Assignment, string | string[]][]): Gen<number> {
    // Real shells recurse until the stack runs out; stop well before the JavaScript stack does.
    if (this.nesting >= MAX_FUNCTION_DEPTH) {
      this.error(body.line, `${argv[0]}: maximum function nesting level exceeded (${MAX_FUNCTION_DEPTH})`);
      throw new ExitException(139);
    }
    const savedArgs = this.positional;
    const savedArg0 = this.arg0;
    this.nesting++;
    this.positional = argv.slice(1);
    const scope = new Map<string, ShellVar | undefined>();
    this.localScopes.push(scope);
    for (const [a, v] of assigned) {
      scope.set(a.name, this.vars.get(a.name));
      yield* this.assign(a, v);
      this.exportVar(a.name);
    }
    try {
      return yield* this.runCommand(body);
    } catch (e) {
      if (e instanceof ReturnException) return e.code;
      throw e;
    } finally {
      this.nesting--;
      this.positional = savedArgs;
      this.arg0 = savedArg0;
      this.localScopes.pop();
      for (const [k, v] of scope) {
        if (v) this.vars.set(k, v);
        else this.vars.delete(k);
      }
    }
  }

  /** Start a program from the image or the filesystem, as a child of this shell. */
  *runProgram(argv: string[], env: Record<string, string>, line: number, asPid1 = false): Gen<number> {
    const name = argv[0]!;
    const found = this.exec.container.resolve(argv, env, this.cwd, this.commandHash);
    if (!found.ok) {
      if (found.reason === 'denied') {
        this.error(line, this.flavour === 'bash' ? `${name}: Permission denied` : `${name}: Permission denied`);
        return EXIT_NOT_EXECUTABLE;
      }
      if (found.reason === 'isdir') {
        this.error(line, this.flavour === 'bash' ? `${name}: Is a directory` : `${name}: Permission denied`);
        return EXIT_NOT_EXECUTABLE;
      }
      if (this.flavour === 'bash') this.error(line, name.includes('/') ? `${name}: No such file or directory` : `${name}: command not found`);
      else this.error(line, `${name}: not found`);
      return EXIT_NOT_FOUND;
    }
    if (this.charge(PROGRAM_COST_MS)) yield* this.payCpu();
    const status = yield* found.impl({
      argv: found.argv,
      env,
      cwd: this.cwd,
      io: this.io,
      container: this.exec.container,
      signals: this.exec.signals,
      ...(asPid1 && this.exec.process ? { process: this.exec.process } : {}),
    });
    return status;
  }

  /** `$(...)`: run in a subshell, capture its output without trailing newlines. */
  *commandSubstitution(script: Script): Gen<string> {
    let out = '';
    const sub = this.clone({ stdin: this.io.stdin, out: (t) => (out += t), err: this.io.err });
    sub.conditionDepth = 0;
    let status: number;
    try {
      status = yield* sub.runScript(script);
    } catch (e) {
      if (e instanceof ExitException) status = e.code;
      else if (e instanceof ReturnException || e instanceof LoopControl) status = sub.lastStatus;
      else throw e;
    }
    this.lastStatus = status;
    this.lastStatusFromSubst = status;
    return out.replace(/\n+$/, '');
  }

  // ---- redirections ----

  /** The io for a command with `redirects`, or undefined (after printing why) when one fails. */
  *applyRedirects(redirects: Redirect[], line: number): Gen<Io | undefined> {
    let io: Io = { ...this.io };
    for (const r of redirects) {
      let target: string;
      if (r.heredoc) {
        target = r.heredoc.quoted ? r.heredoc.body : yield* this.expandHeredoc(r.heredoc.body, line);
        if (r.op === '<<' || r.op === '<<-') {
          io = { ...io, stdin: new Input(target) };
          continue;
        }
      }
      target = yield* expandString(this, r.target);
      const fd = r.fd ?? (r.op.startsWith('<') ? 0 : 1);
      switch (r.op) {
        case '<<<':
          io = { ...io, stdin: new Input(`${target}\n`) };
          break;
        case '<':
        case '<>': {
          if (target === '/dev/null') {
            io = { ...io, stdin: new Input('') };
            break;
          }
          const text = this.fs.read(this.resolvePath(target));
          if (failed(text)) {
            this.redirectError(line, target, text.error === 'ENOENT' ? 'nonexistent' : text.error, false);
            return undefined;
          }
          if (fd === 0) io = { ...io, stdin: new Input(text) };
          break;
        }
        case '>&':
        case '<&': {
          const writer = target === '1' ? io.out : target === '2' ? io.err : target === '-' ? () => {} : undefined;
          if (!writer) {
            const w = this.openWrite(target, false, line);
            if (!w) return undefined;
            io = { ...io, out: w, err: w };
            break;
          }
          if (fd === 1) io = { ...io, out: writer };
          else if (fd === 2) io = { ...io, err: writer };
          break;
        }
        case '&>':
        case '&>>': {
          const w = this.openWrite(target, r.op === '&>>', line);
          if (!w) return undefined;
          io = { ...io, out: w, err: w };
          break;
        }
        default: {
          const w = this.openWrite(target, r.op === '>>', line);
          if (!w) return undefined;
          if (fd === 1) io = { ...io, out: w };
          else if (fd === 2) io = { ...io, err: w };
        }
      }
    }
    return io;
  }

  private openWrite(target: string, append: boolean, line: number): ((t: string) => void) | undefined {
    if (target === '/dev/null') return () => {};
    if (target === '/dev/stdout') return this.io.out;
    if (target === '/dev/stderr') return this.io.err;
    const path = this.resolvePath(target);
    const err = this.fs.write(path, '', append);
    if (err) {
      this.redirectError(line, target, err === 'ENOENT' ? 'nonexistent' : err, true);
      return undefined;
    }
    return (t: string) => {
      this.fs.write(path, t, true);
    };
  }

  private redirectError(line: number, target: string, err: string, writing: boolean): void {
    const reason = err === 'nonexistent' ? (writing ? 'nonexistent directory' : 'No such file or directory') : strerror(err as Parameters<typeof strerror>[0]);
    if (this.flavour === 'bash') this.error(line, `${target}: ${err === 'nonexistent' ? 'No such file or directory' : reason}`);
    else if (this.flavour === 'dash') this.error(line, `cannot ${writing ? 'create' : 'open'} ${target}: ${err === 'nonexistent' ? (writing ? 'Directory nonexistent' : 'No such file') : reason}`);
    else this.error(line, `can't ${writing ? 'create' : 'open'} ${target}: ${reason}`);
  }

  private *expandHeredoc(body: string, line: number): Gen<string> {
    const lexer = new Lexer(body, (t, l) => parseScript(t, l));
    lexer.line = line;
    return yield* expandString(this, lexer.readHereText());
  }

  /** The `test` / `[` helper for built-ins (POSIX argument rules). */
  test(args: string[], line: number, name: string): number {
    try {
      return evalTest(
        args.map((text) => ({ text })),
        { fs: this.fs, cwd: this.cwd },
        false,
      );
    } catch (e) {
      if (e instanceof TestError) {
        this.error(line, `${name}: ${e.message}`);
        return 2;
      }
      throw e;
    }
  }
}

