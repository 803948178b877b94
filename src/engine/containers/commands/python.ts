/**
 * `python` / `python3`: the programs baked into images (the work-queue workers) run as real
 * simulations; `-c` code and small script files run through a tiny interpreter (prints, variables,
 * arithmetic and strings, f-strings, `for x in range(..)`/lists, `if`, `time.sleep`, `sys.exit`,
 * `os.environ`, `sys.stdin`). Anything else is reported as not simulated.
 *
 * Like CPython writing to a pipe, stdout is block-buffered: nothing reaches the log until 8 KiB
 * accumulate or the program exits normally (output still buffered when SIGKILL arrives is lost),
 * unless `-u` or `PYTHONUNBUFFERED` is set — the classic "why are my logs empty" of Python jobs.
 */
import { type CommandGenerator, type CommandImpl, type ExecEnv, sleepFor } from '../command.ts';
import { failed, normalizePath } from '../fs.ts';
import type { Syscall } from '../process.ts';

type Gen<T> = Generator<Syscall, T, unknown>;

export const PYTHON_VERSION = '3.13.1';

/** Run `body` with CPython's stdout buffering. */
export function* pythonStdout(env: ExecEnv, unbuffered: boolean, body: (env: ExecEnv) => CommandGenerator): CommandGenerator {
  if (unbuffered || env.env.PYTHONUNBUFFERED) return yield* body(env);
  let buffer = '';
  const out = (t: string) => {
    buffer += t;
    if (buffer.length >= 8192) {
      env.io.out(buffer);
      buffer = '';
    }
  };
  const status = yield* body({ ...env, io: { ...env.io, out } });
  if (buffer) env.io.out(buffer);
  return status;
}

/** An image's Python program (`/app/worker.py`), runnable by path or through `python`. */
export function pythonProgram(body: (env: ExecEnv) => CommandGenerator): CommandImpl {
  return function* (env) {
    return yield* pythonStdout(env, false, body);
  };
}

class PyExit {
  constructor(readonly code: number) {}
}
class PyError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}
class NotSimulated extends Error {}

type PyValue = string | number | boolean | null | PyValue[] | { module: string };

export function pythonCommand(): CommandImpl {
  return function* (env) {
    const argv = env.argv;
    let unbuffered = false;
    let code: string | undefined;
    let script: string | undefined;
    let i = 1;
    for (; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '-u') unbuffered = true;
      else if (a === '-V' || a === '--version') {
        env.io.out(`Python ${PYTHON_VERSION}\n`);
        return 0;
      } else if (a === '-c') {
        code = argv[++i] ?? '';
        i++;
        break;
      } else if (/^-[BEsSOqIP]+$/.test(a)) continue;
      else {
        script = a;
        i++;
        break;
      }
    }
    const args = argv.slice(i);
    if (code === undefined && script !== undefined) {
      const path = normalizePath(script, env.cwd);
      const known = env.container.image.paths?.[path];
      if (known) return yield* known({ ...env, argv: [path, ...args] });
      const text = env.container.fs.read(path);
      if (failed(text)) {
        env.io.err(`${argv[0]}: can't open file '${path}': [Errno 2] No such file or directory\n`);
        return 2;
      }
      code = text;
    }
    if (code === undefined) code = env.io.stdin.readAll();
    const source = code;
    const fileName = script ?? (argv.includes('-c') ? '<string>' : '<stdin>');
    return yield* pythonStdout(env, unbuffered, (e) => runPython(e, source, fileName, [script ?? (argv.includes('-c') ? '-c' : ''), ...args]));
  };
}

function* runPython(env: ExecEnv, code: string, file: string, sysArgv: string[]): CommandGenerator {
  const vars = new Map<string, PyValue>();
  const lines = code.split('\n');
  try {
    yield* runBlock(env, vars, lines.map((text, n) => ({ text, n: n + 1 })), sysArgv);
    return 0;
  } catch (e) {
    if (e instanceof PyExit) return e.code;
    if (e instanceof PyError) {
      env.io.err(`Traceback (most recent call last):\n  File "${file}", line 1, in <module>\n${e.type}: ${e.message}\n`);
      return 1;
    }
    if (e instanceof NotSimulated) {
      env.io.err(`python: kubesim simulates simple Python only (print, variables, loops, time.sleep, sys.exit); not simulated: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

type Line = { text: string; n: number };

function* runBlock(env: ExecEnv, vars: Map<string, PyValue>, lines: Line[], sysArgv: string[]): Gen<void> {
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.text;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const indent = raw.length - raw.trimStart().length;
    const header = /^(for\s+(\w+)\s+in\s+(.+)|while\s+(.+)|if\s+(.+))\s*:\s*(.*)$/.exec(trimmed);
    if (header) {
      let body: Line[];
      if (header[6]) body = [{ text: header[6], n: lines[i]!.n }];
      else {
        body = [];
        while (i + 1 < lines.length && (lines[i + 1]!.text.trim() === '' || lines[i + 1]!.text.length - lines[i + 1]!.text.trimStart().length > indent)) body.push(lines[++i]!);
      }
      let elseBody: Line[] = [];
      if (header[5] !== undefined && /^else\s*:/.test(lines[i + 1]?.text.trim() ?? '')) {
        const inline = /^else\s*:\s*(.*)$/.exec(lines[++i]!.text.trim())![1]!;
        if (inline) elseBody = [{ text: inline, n: lines[i]!.n }];
        else while (i + 1 < lines.length && lines[i + 1]!.text.length - lines[i + 1]!.text.trimStart().length > indent) elseBody.push(lines[++i]!);
      }
      const dedent = (ls: Line[]) => {
        const min = Math.min(...ls.filter((l) => l.text.trim()).map((l) => l.text.length - l.text.trimStart().length));
        return ls.map((l) => ({ ...l, text: l.text.slice(Number.isFinite(min) ? min : 0) }));
      };
      if (header[2] !== undefined) {
        const iterable = evalExpr(env, vars, header[3]!, sysArgv);
        const items = typeof iterable === 'string' ? [...iterable] : Array.isArray(iterable) ? iterable : [];
        for (const item of items) {
          vars.set(header[2], item);
          yield* runBlock(env, vars, dedent(body), sysArgv);
        }
      } else if (header[4] !== undefined) {
        let guard = 0;
        while (truthy(evalExpr(env, vars, header[4], sysArgv))) {
          yield* runBlock(env, vars, dedent(body), sysArgv);
          if (++guard % 100 === 0) yield* sleepFor(env, 1);
        }
      } else if (truthy(evalExpr(env, vars, header[5]!, sysArgv))) yield* runBlock(env, vars, dedent(body), sysArgv);
      else if (elseBody.length > 0) yield* runBlock(env, vars, dedent(elseBody), sysArgv);
      continue;
    }
    for (const stmt of splitStatements(trimmed)) yield* runStatement(env, vars, stmt, sysArgv);
  }
}

function splitStatements(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let depth = 0;
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ';' && depth === 0) {
      out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

function* runStatement(env: ExecEnv, vars: Map<string, PyValue>, stmt: string, sysArgv: string[]): Gen<void> {
  if (/^(import|from)\s/.test(stmt) || stmt === 'pass') return;
  const sleep = /^time\.sleep\((.*)\)$/.exec(stmt);
  if (sleep) {
    const s = evalExpr(env, vars, sleep[1]!, sysArgv);
    yield* sleepFor(env, Number(s) * 1000);
    return;
  }
  const exit = /^(?:sys\.exit|exit|quit)\((.*)\)$/.exec(stmt);
  if (exit) {
    const v = exit[1]!.trim() === '' ? 0 : evalExpr(env, vars, exit[1]!, sysArgv);
    if (typeof v === 'string') {
      env.io.err(`${v}\n`);
      throw new PyExit(1);
    }
    throw new PyExit(v === null ? 0 : Number(v) % 256);
  }
  const print = /^print\((.*)\)$/s.exec(stmt);
  if (print) {
    const { args, kwargs } = splitCallArgs(print[1]!);
    const values = args.map((a) => evalExpr(env, vars, a, sysArgv));
    const sep = kwargs.sep !== undefined ? String(evalExpr(env, vars, kwargs.sep, sysArgv)) : ' ';
    const end = kwargs.end !== undefined ? String(evalExpr(env, vars, kwargs.end, sysArgv)) : '\n';
    const text = values.map(pyStr).join(sep) + end;
    if (kwargs.file !== undefined && kwargs.file.trim() === 'sys.stderr') env.io.err(text);
    else env.io.out(text);
    return;
  }
  const assign = /^([A-Za-z_]\w*)\s*(\+|-|\*)?=\s*(.+)$/.exec(stmt);
  if (assign && !stmt.includes('==')) {
    let v = evalExpr(env, vars, assign[3]!, sysArgv);
    if (assign[2]) v = binary(assign[2], lookup(vars, assign[1]!), v);
    vars.set(assign[1]!, v);
    return;
  }
  evalExpr(env, vars, stmt, sysArgv);
}

function lookup(vars: Map<string, PyValue>, name: string): PyValue {
  if (vars.has(name)) return vars.get(name)!;
  throw new PyError('NameError', `name '${name}' is not defined`);
}

function truthy(v: PyValue): boolean {
  return !(v === null || v === false || v === 0 || v === '' || (Array.isArray(v) && v.length === 0));
}

function pyStr(v: PyValue): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (Array.isArray(v)) return `[${v.map((x) => (typeof x === 'string' ? `'${x}'` : pyStr(x))).join(', ')}]`;
  if (typeof v === 'object') return `<module '${v.module}'>`;
  if (typeof v === 'number' && !Number.isInteger(v)) return String(v);
  return String(v);
}

function splitCallArgs(text: string): { args: string[]; kwargs: Record<string, string> } {
  const parts = splitTop(text, ',');
  const args: string[] = [];
  const kwargs: Record<string, string> = {};
  for (const p of parts) {
    const kw = /^\s*([A-Za-z_]\w*)\s*=(?!=)\s*(.*)$/s.exec(p);
    if (kw) kwargs[kw[1]!] = kw[2]!;
    else if (p.trim()) args.push(p);
  }
  return { args, kwargs };
}

function splitTop(text: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  let quote: string | undefined;
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === sep && depth === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out;
}

function binary(op: string, a: PyValue, b: PyValue): PyValue {
  switch (op) {
    case '+':
      if (typeof a === 'string' && typeof b === 'string') return a + b;
      if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
      if (typeof a === 'string' || typeof b === 'string') throw new PyError('TypeError', `can only concatenate str (not "${typeof b === 'string' ? 'int' : 'str'}") to str`);
      return Number(a) + Number(b);
    case '-':
      return Number(a) - Number(b);
    case '*':
      if (typeof a === 'string') return a.repeat(Number(b));
      return Number(a) * Number(b);
    case '/':
      if (Number(b) === 0) throw new PyError('ZeroDivisionError', 'division by zero');
      return Number(a) / Number(b);
    case '//':
      if (Number(b) === 0) throw new PyError('ZeroDivisionError', 'integer division or modulo by zero');
      return Math.floor(Number(a) / Number(b));
    case '%':
      if (typeof a === 'string') return a.replace(/%[sd]/, pyStr(b));
      return ((Number(a) % Number(b)) + Number(b)) % Number(b);
    case '**':
      return Number(a) ** Number(b);
    case '==':
      return JSON.stringify(a) === JSON.stringify(b);
    case '!=':
      return JSON.stringify(a) !== JSON.stringify(b);
    case '<':
      return (a as number) < (b as number);
    case '>':
      return (a as number) > (b as number);
    case '<=':
      return (a as number) <= (b as number);
    case '>=':
      return (a as number) >= (b as number);
    case 'in':
      return typeof b === 'string' ? b.includes(String(a)) : Array.isArray(b) ? b.some((x) => x === a) : false;
    default:
      throw new NotSimulated(op);
  }
}

const BINARY_LEVELS: string[][] = [['or'], ['and'], ['==', '!=', '<=', '>=', '<', '>', 'in'], ['+', '-'], ['*', '//', '/', '%'], ['**']];

function evalExpr(env: ExecEnv, vars: Map<string, PyValue>, text: string, sysArgv: string[]): PyValue {
  const t = text.trim();
  if (t === '') throw new NotSimulated('empty expression');
  if (t.startsWith('not ')) return !truthy(evalExpr(env, vars, t.slice(4), sysArgv));
  for (const ops of BINARY_LEVELS) {
    const split = splitBinary(t, ops);
    if (split) {
      const [left, op, right] = split;
      if (op === 'and') return truthy(evalExpr(env, vars, left, sysArgv)) ? evalExpr(env, vars, right, sysArgv) : evalExpr(env, vars, left, sysArgv);
      if (op === 'or') return truthy(evalExpr(env, vars, left, sysArgv)) ? evalExpr(env, vars, left, sysArgv) : evalExpr(env, vars, right, sysArgv);
      return binary(op, evalExpr(env, vars, left, sysArgv), evalExpr(env, vars, right, sysArgv));
    }
  }
  return atom(env, vars, t, sysArgv);
}

/** The rightmost top-level occurrence of one of `ops` (left associativity), outside quotes/brackets. */
function splitBinary(t: string, ops: string[]): [string, string, string] | undefined {
  let depth = 0;
  let quote: string | undefined;
  let found: [number, string] | undefined;
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (depth === 0 && i > 0) {
      for (const op of ops) {
        if (!t.startsWith(op, i)) continue;
        const word = /^[a-z]+$/.test(op);
        if (word && (!/\s/.test(t[i - 1]!) || !/\s/.test(t[i + op.length] ?? ''))) continue;
        if (!word && (op === '*' || op === '/') && (t[i + 1] === op || t[i - 1] === op)) continue;
        if (!word && (op === '<' || op === '>') && t[i + 1] === '=') continue;
        if ((op === '-' || op === '+') && /[-+*/%(=<>,eE]\s*$/.test(t.slice(0, i))) continue;
        found = [i, op];
        if (op === '**') return [t.slice(0, i), op, t.slice(i + op.length)];
        break;
      }
    }
  }
  return found ? [t.slice(0, found[0]), found[1], t.slice(found[0] + found[1].length)] : undefined;
}

function stringLiteral(t: string): string | undefined {
  const m = /^([fFrRbB]?)(['"])((?:\\.|(?!\2).)*)\2$/s.exec(t);
  if (!m) return undefined;
  return m[1]!.toLowerCase() === 'r' ? m[3]! : m[3]!.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\(['"\\])/g, '$1');
}

function atom(env: ExecEnv, vars: Map<string, PyValue>, t: string, sysArgv: string[]): PyValue {
  if (/^-?\d+$/.test(t)) return parseInt(t, 10);
  if (/^-?\d*\.\d+$/.test(t)) return parseFloat(t);
  if (t === 'True') return true;
  if (t === 'False') return false;
  if (t === 'None') return null;
  if (t.startsWith('-')) return -Number(evalExpr(env, vars, t.slice(1), sysArgv));
  const fstr = /^[fF](['"])(.*)\1$/s.exec(t);
  if (fstr) return fstr[2]!.replace(/\{([^}]+)\}/g, (_, e: string) => pyStr(evalExpr(env, vars, e, sysArgv)));
  const str = stringLiteral(t);
  if (str !== undefined) return str;
  if (t.startsWith('(') && t.endsWith(')')) return evalExpr(env, vars, t.slice(1, -1), sysArgv);
  if (t.startsWith('[') && t.endsWith(']')) return splitTop(t.slice(1, -1), ',').filter((x) => x.trim()).map((x) => evalExpr(env, vars, x, sysArgv));
  const env_ = /^os\.(?:environ\.get|getenv)\((.+?)(?:,\s*(.+))?\)$/.exec(t) ?? /^os\.environ\[(.+)\]$/.exec(t);
  if (env_) {
    const name = String(evalExpr(env, vars, env_[1]!, sysArgv));
    if (name in env.env) return env.env[name]!;
    if (t.startsWith('os.environ[')) throw new PyError('KeyError', `'${name}'`);
    return env_[2] !== undefined ? evalExpr(env, vars, env_[2], sysArgv) : null;
  }
  if (t === 'sys.stdin.read()') return env.io.stdin.readAll();
  if (t === 'sys.stdin.readline()') return `${env.io.stdin.readLine() ?? ''}${env.io.stdin.eof ? '' : '\n'}`;
  if (t === 'sys.stdin.readlines()') return env.io.stdin.readAll().split(/(?<=\n)/).filter((l) => l !== '');
  if (t === 'sys.argv') return sysArgv;
  if (t === 'time.time()') return env.container.now() / 1000;
  if (t === 'socket.gethostname()' || t === 'platform.node()') return env.container.hostname;
  const index = /^(.+)\[([^[\]]+)\]$/.exec(t);
  if (index) {
    const base = evalExpr(env, vars, index[1]!, sysArgv);
    const i = Number(evalExpr(env, vars, index[2]!, sysArgv));
    if (typeof base === 'string' || Array.isArray(base)) {
      const v = base[i < 0 ? base.length + i : i];
      if (v === undefined) throw new PyError('IndexError', `${typeof base === 'string' ? 'string' : 'list'} index out of range`);
      return v;
    }
  }
  const method = /^(.+)\.(upper|lower|strip|split|title|join|decode|encode)\((.*)\)$/.exec(t);
  if (method) {
    const base = evalExpr(env, vars, method[1]!, sysArgv);
    const arg = method[3]!.trim() ? evalExpr(env, vars, method[3]!, sysArgv) : undefined;
    const s = String(base);
    switch (method[2]) {
      case 'upper':
        return s.toUpperCase();
      case 'lower':
        return s.toLowerCase();
      case 'strip':
        return s.trim();
      case 'title':
        return s.replace(/\b\w/g, (c) => c.toUpperCase());
      case 'split':
        return arg === undefined ? s.split(/\s+/).filter((x) => x) : s.split(String(arg));
      case 'join':
        return Array.isArray(arg) ? arg.map(pyStr).join(s) : s;
      default:
        return s;
    }
  }
  const call = /^([A-Za-z_][\w.]*)\((.*)\)$/s.exec(t);
  if (call) {
    const args = splitCallArgs(call[2]!).args.map((a) => evalExpr(env, vars, a, sysArgv));
    switch (call[1]) {
      case 'str':
        return pyStr(args[0] ?? '');
      case 'int': {
        const n = typeof args[0] === 'string' ? Number(args[0].trim()) : Number(args[0] ?? 0);
        if (!Number.isFinite(n)) throw new PyError('ValueError', `invalid literal for int() with base 10: '${pyStr(args[0] ?? '')}'`);
        return Math.trunc(n);
      }
      case 'float':
        return Number(args[0] ?? 0);
      case 'len':
        return typeof args[0] === 'string' || Array.isArray(args[0]) ? args[0].length : 0;
      case 'abs':
        return Math.abs(Number(args[0]));
      case 'range': {
        const [a, b, s] = args.length === 1 ? [0, Number(args[0]), 1] : [Number(args[0]), Number(args[1]), Number(args[2] ?? 1)];
        const out: number[] = [];
        for (let v = a; s > 0 ? v < b : v > b; v += s) if (out.push(v) > 1_000_000) break;
        return out;
      }
      case 'sum':
        return (args[0] as number[]).reduce((x, y) => x + y, 0);
      case 'max':
      case 'min': {
        const xs = (args.length === 1 && Array.isArray(args[0]) ? args[0] : args) as number[];
        return call[1] === 'max' ? Math.max(...xs) : Math.min(...xs);
      }
      case 'sorted':
        return [...(args[0] as PyValue[])].sort();
      case 'print':
        env.io.out(`${args.map(pyStr).join(' ')}\n`);
        return null;
    }
  }
  if (/^[A-Za-z_]\w*$/.test(t)) return lookup(vars, t);
  throw new NotSimulated(t);
}
