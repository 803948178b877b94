/* eslint-disable require-yield -- programs are generators even when they finish without waiting */
/**
 * File and text utilities, in two dialects that differ mostly in their error messages: busybox
 * (busybox, alpine, bash images) and GNU coreutils (Debian, Ubuntu and the images built on them).
 */
import { type CommandImpl, type ExecEnv, sleepFor, waitForever } from '../command.ts';
import { basename, dirname, failed, normalizePath, strerror, type FsError } from '../fs.ts';
import type { CommandTable } from '../images/image.ts';
import { echoText, printfFormat } from './format.ts';
import { evalTest, TestError } from '../shell/testExpr.ts';

export type Dialect = 'busybox' | 'gnu';

type Gen = ReturnType<CommandImpl>;

/** Split `-abc` style flags from operands; `valued` flags take the next word. */
export function parseArgs(argv: readonly string[], valued: string[] = []): { flags: Map<string, string>; operands: string[] } {
  const flags = new Map<string, string>();
  const operands: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const key = eq < 0 ? a.slice(2) : a.slice(2, eq);
      if (eq >= 0) flags.set(key, a.slice(eq + 1));
      else if (valued.includes(key)) flags.set(key, argv[++i] ?? '');
      else flags.set(key, '');
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j]!;
        if (valued.includes(f)) {
          flags.set(f, a.slice(j + 1) || (argv[++i] ?? ''));
          break;
        }
        flags.set(f, '');
      }
      continue;
    }
    operands.push(a);
  }
  return { flags, operands };
}

function path(env: ExecEnv, p: string): string {
  return normalizePath(p, env.cwd);
}

/** Read each operand (or stdin for none / `-`); reports errors in the dialect; returns texts and status. */
function readInputs(env: ExecEnv, tool: string, files: string[], dialect: Dialect): { inputs: { name: string; text: string }[]; status: number } {
  if (files.length === 0) return { inputs: [{ name: '-', text: env.io.stdin.readAll() }], status: 0 };
  const inputs: { name: string; text: string }[] = [];
  let status = 0;
  for (const f of files) {
    if (f === '-') {
      inputs.push({ name: f, text: env.io.stdin.readAll() });
      continue;
    }
    const text = env.container.fs.read(path(env, f));
    if (failed(text)) {
      env.io.err(dialect === 'busybox' ? `${tool}: can't open '${f}': ${strerror(text.error)}\n` : `${tool}: ${f}: ${strerror(text.error)}\n`);
      status = 1;
      continue;
    }
    inputs.push({ name: f, text });
  }
  return { inputs, status };
}

function lines(text: string): string[] {
  if (text === '') return [];
  const ls = text.split('\n');
  if (ls[ls.length - 1] === '') ls.pop();
  return ls;
}

function fsError(env: ExecEnv, tool: string, target: string, err: FsError, verb: string): number {
  env.io.err(verb ? `${tool}: ${verb} '${target}': ${strerror(err)}\n` : `${tool}: ${target}: ${strerror(err)}\n`);
  return 1;
}

export function coreutils(dialect: Dialect): CommandTable {
  const cat: CommandImpl = function* (env): Gen {
    const { flags, operands } = parseArgs(env.argv);
    if (operands.length === 0 && env.io.stdin.open && env.io.stdin.eof) return yield* waitForever();
    const { inputs, status } = readInputs(env, 'cat', operands, dialect);
    for (const { text } of inputs) {
      if (flags.has('n')) env.io.out(lines(text).map((l, i) => `${String(i + 1).padStart(6)}\t${l}\n`).join(''));
      else env.io.out(text);
    }
    return status;
  };

  const rev: CommandImpl = function* (env): Gen {
    const { operands } = parseArgs(env.argv);
    const { inputs, status } = readInputs(env, 'rev', operands, dialect);
    for (const { text } of inputs) {
      const body = text.endsWith('\n') ? text.slice(0, -1) : text;
      env.io.out(`${body.split('\n').map((l) => [...l].reverse().join('')).join('\n')}${text === '' ? '' : '\n'}`);
    }
    return status;
  };

  const headTail = (tail: boolean): CommandImpl =>
    function* (env): Gen {
      const argv = env.argv.map((a) => (/^-\d+$/.test(a) ? `-n${a.slice(1)}` : a));
      const { flags, operands } = parseArgs(argv, ['n', 'c']);
      const nText = flags.get('n') ?? '10';
      const fromStart = tail && nText.startsWith('+');
      const n = Math.abs(parseInt(nText, 10) || 0);
      const tool = tail ? 'tail' : 'head';
      const { inputs, status } = readInputs(env, tool, operands, dialect);
      inputs.forEach(({ name, text }, i) => {
        if (inputs.length > 1) env.io.out(`${i > 0 ? '\n' : ''}==> ${name === '-' ? 'standard input' : name} <==\n`);
        if (flags.has('c')) {
          const c = parseInt(flags.get('c')!, 10) || 0;
          env.io.out(tail ? text.slice(Math.max(0, text.length - c)) : text.slice(0, c));
          return;
        }
        const ls = lines(text);
        const chosen = tail ? (fromStart ? ls.slice(Math.max(0, n - 1)) : ls.slice(Math.max(0, ls.length - n))) : ls.slice(0, n);
        env.io.out(chosen.map((l) => `${l}\n`).join(''));
      });
      if (tail && flags.has('f') && operands.length > 0) return yield* follow(env, operands[0]!);
      return status;
    };

  /** `tail -f`: print what is appended to the file, forever (until killed). */
  function* follow(env: ExecEnv, file: string): Gen {
    let seen = env.container.fs.read(path(env, file));
    let offset = failed(seen) ? 0 : seen.length;
    for (;;) {
      yield* sleepFor(env, 1000);
      seen = env.container.fs.read(path(env, file));
      if (failed(seen)) continue;
      if (seen.length < offset) offset = 0;
      if (seen.length > offset) {
        env.io.out(seen.slice(offset));
        offset = seen.length;
      }
    }
  }

  const wc: CommandImpl = function* (env): Gen {
    const { flags, operands } = parseArgs(env.argv);
    const which = ['l', 'w', 'c', 'm'].filter((f) => flags.has(f));
    const shown = which.length > 0 ? which : ['l', 'w', 'c'];
    const { inputs, status } = readInputs(env, 'wc', operands, dialect);
    const rows = inputs.map(({ name, text }) => ({
      name,
      counts: shown.map((f) => (f === 'l' ? (text.match(/\n/g) ?? []).length : f === 'w' ? text.split(/\s+/).filter((w) => w !== '').length : [...text].length)),
    }));
    if (rows.length > 1) rows.push({ name: 'total', counts: shown.map((_, i) => rows.reduce((n, r) => n + r.counts[i]!, 0)) });
    const single = shown.length === 1 && rows.length === 1;
    const width = dialect === 'busybox' ? (single ? 0 : 9) : single ? 0 : Math.max(operands.length === 0 ? 7 : 1, ...rows.flatMap((r) => r.counts.map((c) => String(c).length)));
    for (const r of rows) {
      const cells = r.counts.map((c) => String(c).padStart(width)).join(dialect === 'busybox' ? '' : ' ');
      env.io.out(`${cells}${r.name === '-' ? '' : ` ${r.name}`}\n`);
    }
    return status;
  };

  const grep: CommandImpl = function* (env): Gen {
    const { flags, operands } = parseArgs(env.argv, ['e', 'f', 'm', 'A', 'B', 'C']);
    const patterns = flags.has('e') ? [flags.get('e')!] : operands.splice(0, 1);
    if (patterns.length === 0) {
      env.io.err(dialect === 'busybox' ? 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n' : "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
      return 2;
    }
    const extended = flags.has('E') || env.argv[0]?.endsWith('egrep');
    const fixed = flags.has('F');
    let source = fixed ? patterns[0]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : extended ? patterns[0]! : basicToExtended(patterns[0]!);
    if (flags.has('w')) source = `\\b(?:${source})\\b`;
    if (flags.has('x')) source = `^(?:${source})$`;
    let re: RegExp;
    try {
      re = new RegExp(source, flags.has('i') ? 'i' : '');
    } catch {
      env.io.err(`grep: bad regex '${patterns[0]}'\n`);
      return 2;
    }
    const { inputs, status } = readInputs(env, 'grep', operands, dialect);
    const multi = inputs.length > 1 && !flags.has('h');
    let matched = false;
    for (const { name, text } of inputs) {
      let count = 0;
      const ls = lines(text);
      for (let i = 0; i < ls.length; i++) {
        const hit = re.test(ls[i]!) !== flags.has('v');
        if (!hit) continue;
        matched = true;
        count++;
        if (flags.has('q')) return 0;
        if (flags.has('c') || flags.has('l')) continue;
        const prefix = `${multi ? `${name === '-' ? '(standard input)' : name}:` : ''}${flags.has('n') ? `${i + 1}:` : ''}`;
        if (flags.has('o') && !flags.has('v')) {
          const g = new RegExp(re.source, `${re.flags}g`);
          for (const m of ls[i]!.matchAll(g)) env.io.out(`${prefix}${m[0]}\n`);
        } else env.io.out(`${prefix}${ls[i]}\n`);
      }
      if (flags.has('c')) env.io.out(`${multi ? `${name}:` : ''}${count}\n`);
      if (flags.has('l') && count > 0) env.io.out(`${name === '-' ? '(standard input)' : name}\n`);
    }
    if (status !== 0 && !matched) return 2;
    return matched ? 0 : 1;
  };

  const seq: CommandImpl = function* (env): Gen {
    const { flags, operands } = parseArgs(env.argv, ['s', 'f']);
    const nums = operands.map(Number);
    if (nums.length === 0 || nums.some((n) => Number.isNaN(n))) {
      const bad = operands.find((o) => Number.isNaN(Number(o)));
      env.io.err(bad !== undefined ? (dialect === 'busybox' ? `seq: invalid number '${bad}'\n` : `seq: invalid floating point argument: '${bad}'\nTry 'seq --help' for more information.\n`) : `seq: missing operand\n`);
      return 1;
    }
    const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]!] : nums.length === 2 ? [nums[0]!, 1, nums[1]!] : [nums[0]!, nums[1]!, nums[2]!];
    const sep = flags.get('s') ?? '\n';
    const out: string[] = [];
    const decimals = Math.max(...[first, step].map((n) => (String(n).split('.')[1] ?? '').length));
    const width = flags.has('w') ? Math.max(String(first).length, String(last).length) : 0;
    if (step !== 0) {
      for (let v = first; step > 0 ? v <= last + 1e-9 : v >= last - 1e-9; v += step) {
        out.push(decimals > 0 ? v.toFixed(decimals) : String(Math.round(v)).padStart(width, '0'));
        if (out.length > 1_000_000) break;
      }
    }
    if (out.length > 0) env.io.out(`${out.join(sep)}\n`);
    return 0;
  };

  const touch: CommandImpl = function* (env): Gen {
    let status = 0;
    for (const f of parseArgs(env.argv).operands) {
      const p = path(env, f);
      if (env.container.fs.stat(p)) continue;
      const err = env.container.fs.write(p, '');
      if (err) status = fsError(env, 'touch', f, err, dialect === 'gnu' ? 'cannot touch' : '');
    }
    return status;
  };

  const mkdir: CommandImpl = function* (env): Gen {
    const { flags, operands } = parseArgs(env.argv, ['m']);
    let status = 0;
    for (const d of operands) {
      const err = env.container.fs.mkdir(path(env, d), flags.has('p') || flags.has('parents'));
      if (err) {
        env.io.err(dialect === 'busybox' ? `mkdir: can't create directory '${d}': ${strerror(err)}\n` : `mkdir: cannot create directory '${d}': ${strerror(err)}\n`);
        status = 1;
      }
    }
    return status;
  };

  const ls: CommandImpl = function* (env): Gen {
    const { flags, operands } = parseArgs(env.argv);
    const targets = operands.length > 0 ? operands : ['.'];
    let status = 0;
    const fs = env.container.fs;
    const long = flags.has('l');
    const all = flags.has('a') || flags.has('A');
    const entryLine = (name: string, full: string, dir: boolean) => {
      if (!long) return `${name}\n`;
      const text = dir ? '' : fs.read(full);
      const size = dir ? 4096 : failed(text) ? 0 : new TextEncoder().encode(text).length;
      const mode = dir ? 'drwxr-xr-x' : fs.isExecutable(full) ? '-rwxr-xr-x' : '-rw-r--r--';
      return dialect === 'busybox' ? `${mode}    1 root     root     ${String(size).padStart(9)} Jan  1 00:00 ${name}\n` : `${mode} 1 root root ${size} Jan  1 00:00 ${name}\n`;
    };
    targets.forEach((t, i) => {
      const p = path(env, t);
      const kind = fs.stat(p);
      if (!kind) {
        env.io.err(dialect === 'busybox' ? `ls: ${t}: No such file or directory\n` : `ls: cannot access '${t}': No such file or directory\n`);
        status = dialect === 'busybox' ? 1 : 2;
        return;
      }
      if (kind === 'file') {
        env.io.out(entryLine(t, p, false));
        return;
      }
      const entries = fs.list(p);
      if (failed(entries)) return;
      if (targets.length > 1) env.io.out(`${i > 0 ? '\n' : ''}${t}:\n`);
      if (long && dialect === 'gnu') env.io.out(`total ${entries.length * 4}\n`);
      for (const e of entries) if (all || !e.name.startsWith('.')) env.io.out(entryLine(e.name, `${p === '/' ? '' : p}/${e.name}`, e.dir));
    });
    return status;
  };

  const rm: CommandImpl = function* (env): Gen {
    const { flags, operands } = parseArgs(env.argv);
    let status = 0;
    for (const f of operands) {
      const p = path(env, f);
      const kind = env.container.fs.stat(p);
      if (!kind) {
        if (!flags.has('f')) {
          env.io.err(dialect === 'busybox' ? `rm: can't remove '${f}': No such file or directory\n` : `rm: cannot remove '${f}': No such file or directory\n`);
          status = 1;
        }
        continue;
      }
      if (kind === 'dir' && !flags.has('r') && !flags.has('R')) {
        env.io.err(dialect === 'busybox' ? `rm: '${f}' is a directory\n` : `rm: cannot remove '${f}': Is a directory\n`);
        status = 1;
        continue;
      }
      const err = env.container.fs.remove(p, true);
      if (err) status = fsError(env, 'rm', f, err, dialect === 'gnu' ? 'cannot remove' : "can't remove");
    }
    return status;
  };

  const copy = (move: boolean): CommandImpl =>
    function* (env): Gen {
      const tool = move ? 'mv' : 'cp';
      const { operands } = parseArgs(env.argv);
      if (operands.length < 2) {
        env.io.err(`${tool}: missing file operand\n`);
        return 1;
      }
      const dest = operands.pop()!;
      const fs = env.container.fs;
      let status = 0;
      for (const src of operands) {
        const text = fs.read(path(env, src));
        if (failed(text)) {
          env.io.err(dialect === 'busybox' ? `${tool}: can't stat '${src}': ${strerror(text.error)}\n` : `${tool}: cannot stat '${src}': ${strerror(text.error)}\n`);
          status = 1;
          continue;
        }
        const target = fs.stat(path(env, dest)) === 'dir' ? `${path(env, dest)}/${basename(src)}` : path(env, dest);
        const err = fs.write(target, text);
        if (err) status = fsError(env, tool, dest, err, dialect === 'gnu' ? 'cannot create regular file' : "can't create");
        else if (move) fs.remove(path(env, src));
      }
      return status;
    };

  const chmod: CommandImpl = function* (env): Gen {
    const [modeText, ...files] = env.argv.slice(1).filter((a) => a !== '-R' && a !== '-v' && a !== '-f');
    if (!modeText || files.length === 0) {
      env.io.err('chmod: missing operand\n');
      return 1;
    }
    const executable = /^[0-7]+$/.test(modeText) ? (parseInt(modeText, 8) & 0o111) !== 0 : /\+[rw]*x/.test(modeText) ? true : /-[rw]*x/.test(modeText) ? false : undefined;
    let status = 0;
    for (const f of files) {
      const err = executable === undefined ? (env.container.fs.stat(path(env, f)) ? undefined : 'ENOENT') : env.container.fs.chmod(path(env, f), executable);
      if (err) status = fsError(env, 'chmod', f, err as FsError, dialect === 'gnu' ? 'cannot access' : '');
    }
    return status;
  };

  const tee: CommandImpl = function* (env): Gen {
    const { flags, operands } = parseArgs(env.argv);
    const text = env.io.stdin.readAll();
    env.io.out(text);
    let status = 0;
    for (const f of operands) {
      const err = env.container.fs.write(path(env, f), text, flags.has('a'));
      if (err) status = fsError(env, 'tee', f, err, '');
    }
    return status;
  };

  const sort: CommandImpl = function* (env): Gen {
    const { flags, operands } = parseArgs(env.argv, ['k', 't']);
    const { inputs, status } = readInputs(env, 'sort', operands, dialect);
    let ls = inputs.flatMap((i) => lines(i.text));
    ls = flags.has('n') ? ls.sort((a, b) => parseFloat(a) - parseFloat(b) || (a < b ? -1 : a > b ? 1 : 0)) : ls.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (flags.has('r')) ls.reverse();
    if (flags.has('u')) ls = ls.filter((l, i) => i === 0 || l !== ls[i - 1]);
    env.io.out(ls.map((l) => `${l}\n`).join(''));
    return status;
  };

  const uniq: CommandImpl = function* (env): Gen {
    const { flags, operands } = parseArgs(env.argv);
    const { inputs, status } = readInputs(env, 'uniq', operands.slice(0, 1), dialect);
    const ls = inputs.flatMap((i) => lines(i.text));
    const groups: { line: string; n: number }[] = [];
    for (const l of ls) {
      const last = groups[groups.length - 1];
      if (last && last.line === l) last.n++;
      else groups.push({ line: l, n: 1 });
    }
    for (const g of groups) {
      if (flags.has('d') && g.n < 2) continue;
      if (flags.has('u') && g.n > 1) continue;
      env.io.out(flags.has('c') ? `${String(g.n).padStart(7)} ${g.line}\n` : `${g.line}\n`);
    }
    return status;
  };

  const tr: CommandImpl = function* (env): Gen {
    const { flags, operands } = parseArgs(env.argv);
    const text = env.io.stdin.readAll();
    const set1 = expandSet(operands[0] ?? '');
    if (flags.has('d')) {
      env.io.out([...text].filter((c) => !set1.includes(c)).join(''));
      return 0;
    }
    const set2 = expandSet(operands[1] ?? '');
    let out = [...text].map((c) => {
      const i = set1.indexOf(c);
      return i < 0 ? c : (set2[Math.min(i, set2.length - 1)] ?? c);
    });
    if (flags.has('s')) out = out.filter((c, i) => i === 0 || c !== out[i - 1] || !set2.includes(c));
    env.io.out(out.join(''));
    return 0;
  };

  const cut: CommandImpl = function* (env): Gen {
    const { flags, operands } = parseArgs(env.argv, ['d', 'f', 'c']);
    const { inputs, status } = readInputs(env, 'cut', operands, dialect);
    const ranges = parseRanges(flags.get('f') ?? flags.get('c') ?? '1');
    const delim = flags.get('d') ?? '\t';
    for (const l of inputs.flatMap((i) => lines(i.text))) {
      if (flags.has('c')) env.io.out(`${[...l].filter((_, i) => ranges(i + 1)).join('')}\n`);
      else if (!l.includes(delim)) env.io.out(`${l}\n`);
      else env.io.out(`${l.split(delim).filter((_, i) => ranges(i + 1)).join(delim)}\n`);
    }
    return status;
  };

  const echo: CommandImpl = function* (env): Gen {
    env.io.out(echoText(env.argv.slice(1), dialect === 'busybox' ? 'busybox' : 'bash'));
    return 0;
  };

  const printf: CommandImpl = function* (env): Gen {
    if (env.argv.length < 2) {
      env.io.err('printf: missing operand\n');
      return 1;
    }
    const { out, errors } = printfFormat(env.argv[1]!, env.argv.slice(2));
    env.io.out(out);
    for (const e of errors) env.io.err(`printf: ${e}\n`);
    return errors.length > 0 ? 1 : 0;
  };

  const test: CommandImpl = function* (env): Gen {
    let args = env.argv.slice(1);
    if (basename(env.argv[0] ?? '') === '[') {
      if (args[args.length - 1] !== ']') {
        env.io.err('[: missing ]\n');
        return 2;
      }
      args = args.slice(0, -1);
    }
    try {
      return evalTest(
        args.map((text) => ({ text })),
        { fs: env.container.fs, cwd: env.cwd },
        false,
      );
    } catch (e) {
      if (e instanceof TestError) {
        env.io.err(`${env.argv[0]}: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
  };

  const simple = (fn: (env: ExecEnv) => number): CommandImpl =>
    function* (env): Gen {
      return fn(env);
    };

  return {
    cat,
    rev,
    head: headTail(false),
    tail: headTail(true),
    wc,
    grep,
    egrep: grep,
    seq,
    touch,
    mkdir,
    ls,
    rm,
    cp: copy(false),
    mv: copy(true),
    chmod,
    tee,
    sort,
    uniq,
    tr,
    cut,
    echo,
    printf,
    test,
    '[': test,
    true: simple(() => 0),
    false: simple(() => 1),
    pwd: simple((env) => {
      env.io.out(`${env.cwd}\n`);
      return 0;
    }),
    basename: simple((env) => {
      const [p, suffix] = parseArgs(env.argv).operands;
      let b = basename(p ?? '');
      if (suffix && b.endsWith(suffix) && b !== suffix) b = b.slice(0, -suffix.length);
      env.io.out(`${b}\n`);
      return 0;
    }),
    dirname: simple((env) => {
      env.io.out(`${dirname(parseArgs(env.argv).operands[0] ?? '.')}\n`);
      return 0;
    }),
  };
}

/** BRE → JS: `\(`, `\)`, `\{`, `\}`, `\|`, `\+`, `\?` are the operators; the bare ones are literal. */
function basicToExtended(bre: string): string {
  let out = '';
  for (let i = 0; i < bre.length; i++) {
    const c = bre[i]!;
    if (c === '\\' && i + 1 < bre.length) {
      const n = bre[++i]!;
      out += '(){}|+?'.includes(n) ? n : `\\${n}`;
    } else out += '(){}|+?'.includes(c) ? `\\${c}` : c;
  }
  return out;
}

/** tr sets: ranges `a-z`, classes `[:upper:]`, escapes. */
function expandSet(set: string): string[] {
  const classes: Record<string, string> = { upper: 'A-Z', lower: 'a-z', digit: '0-9', alpha: 'A-Za-z', alnum: 'A-Za-z0-9', space: ' \t\n\r\f\v' };
  const text = set.replace(/\[:(\w+):\]/g, (_, c: string) => classes[c] ?? '').replace(/\\n/g, '\n').replace(/\\t/g, '\t');
  const out: string[] = [];
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i + 1] === '-' && chars[i + 2] !== undefined) {
      for (let c = chars[i]!.charCodeAt(0); c <= chars[i + 2]!.charCodeAt(0); c++) out.push(String.fromCharCode(c));
      i += 2;
    } else out.push(chars[i]!);
  }
  return out;
}

/** cut's LIST: `1,3-5,7-`. */
function parseRanges(list: string): (n: number) => boolean {
  const parts = list.split(',').map((p) => {
    const [a, b] = p.split('-');
    const from = a === '' ? 1 : parseInt(a!, 10);
    const to = b === undefined ? from : b === '' ? Infinity : parseInt(b, 10);
    return [from, to] as const;
  });
  return (n) => parts.some(([a, b]) => n >= a && n <= b);
}
