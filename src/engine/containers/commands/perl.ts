/**
 * `perl`, as far as container one-liners go: `-e`/`-E` code made of `print` (strings, numbers,
 * arithmetic, `bpi(N)` with `-Mbignum=bpi`), `sleep N` and `exit N`, with `-l` (newline after
 * each print) and `-w`. `bpi(N)` is computed for real and takes the virtual time Math::BigFloat
 * needs (about 7 s for 2000 digits). Other Perl is reported as not simulated.
 */
import { type CommandImpl, sleepFor } from '../command.ts';
import { piDigits } from './pi.ts';
import type { Syscall } from '../process.ts';

/** Math::BigFloat's bpi is quadratic in the digit count; 2000 digits ≈ 7 s on a typical node. */
export function bpiCostMs(digits: number): number {
  return Math.round(60 + (digits * digits) / 580);
}

type Value = { kind: 'str'; text: string } | { kind: 'num'; value: number } | { kind: 'pi'; digits: number };

function parseArgs(argv: readonly string[]): { code?: string; newline: boolean; modules: string[]; script?: string } {
  const modules: string[] = [];
  let newline = false;
  let code: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (!a.startsWith('-') || a === '-') return { newline, modules, ...(code !== undefined ? { code } : {}), script: a };
    if (a.startsWith('-M') || a.startsWith('-m')) {
      modules.push(a.slice(2) || (argv[++i] ?? ''));
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const f = a[j]!;
      if (f === 'l') newline = true;
      else if (f === 'e' || f === 'E') {
        code = (code ? `${code}\n` : '') + (a.slice(j + 1) || (argv[++i] ?? ''));
        break;
      }
    }
  }
  return { newline, modules, ...(code !== undefined ? { code } : {}) };
}

function splitStatements(code: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  for (const c of code) {
    if (quote) {
      cur += c;
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
      cur += c;
    } else if (c === ';' || c === '\n') {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

function evalExpr(text: string, hasBpi: boolean): Value | string {
  const t = text.trim().replace(/^\((.*)\)$/s, '$1').trim();
  const bpi = /^bpi\s*\(\s*(\d+)\s*\)$/.exec(t);
  if (bpi) return hasBpi ? { kind: 'pi', digits: Number(bpi[1]) } : 'Undefined subroutine &main::bpi called at -e line 1.';
  const dq = /^"((?:[^"\\]|\\.)*)"$/s.exec(t);
  if (dq) return { kind: 'str', text: dq[1]!.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\(.)/g, '$1') };
  const sq = /^'((?:[^'\\]|\\.)*)'$/s.exec(t);
  if (sq) return { kind: 'str', text: sq[1]!.replace(/\\(['\\])/g, '$1') };
  if (/^[\d\s+\-*/%().]+$/.test(t) && /\d/.test(t)) {
    const v = arithmetic(t);
    if (v !== undefined) return { kind: 'num', value: v };
  }
  return `not simulated: ${t}`;
}

/** + - * / % ** on numbers, with parentheses (a tiny recursive-descent evaluator). */
function arithmetic(text: string): number | undefined {
  const toks = text.match(/\d+(?:\.\d+)?|\*\*|[-+*/%()]/g) ?? [];
  let i = 0;
  const expr = (): number => {
    let v = term();
    while (toks[i] === '+' || toks[i] === '-') v = toks[i++] === '+' ? v + term() : v - term();
    return v;
  };
  const term = (): number => {
    let v = power();
    while (toks[i] === '*' || toks[i] === '/' || toks[i] === '%') {
      const op = toks[i++];
      const r = power();
      v = op === '*' ? v * r : op === '/' ? v / r : v % r;
    }
    return v;
  };
  const power = (): number => {
    const b = unary();
    return toks[i] === '**' ? (i++, b ** power()) : b;
  };
  const unary = (): number => (toks[i] === '-' ? (i++, -unary()) : toks[i] === '(' ? (i++, ((v) => (i++, v))(expr())) : Number(toks[i++]));
  const v = expr();
  return i === toks.length && Number.isFinite(v) ? v : undefined;
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(15)));
}

export const perl: CommandImpl = function* (env): Generator<Syscall, number, unknown> {
  const { code, newline, modules, script } = parseArgs(env.argv);
  yield* sleepFor(env, 25);
  if (code === undefined) {
    if (script) {
      env.io.err(`Can't open perl script "${script}": No such file or directory\n`);
      return 2;
    }
    return 0;
  }
  const hasBpi = modules.some((m) => /^bignum=.*\bbpi\b/.test(m) || m === 'bigrat=bpi');
  for (const stmt of splitStatements(code)) {
    const print = /^print\s*(.*)$/s.exec(stmt);
    if (print) {
      const parts = print[1]!.trim() === '' ? [] : splitTopLevel(print[1]!);
      let out = '';
      for (const p of parts) {
        const v = evalExpr(p, hasBpi);
        if (typeof v === 'string') return notSimulated(env.io.err, v);
        if (v.kind === 'pi') {
          yield* sleepFor(env, bpiCostMs(v.digits));
          out += piDigits(v.digits);
        } else out += v.kind === 'num' ? formatNumber(v.value) : v.text;
      }
      env.io.out(newline ? `${out}\n` : out);
      continue;
    }
    const sleep = /^sleep\s*\(?\s*(\d+(?:\.\d+)?)\s*\)?$/.exec(stmt);
    if (sleep) {
      yield* sleepFor(env, Number(sleep[1]) * 1000);
      continue;
    }
    const exit = /^exit\s*\(?\s*(\d+)?\s*\)?$/.exec(stmt);
    if (exit) return Number(exit[1] ?? 0) % 256;
    return notSimulated(env.io.err, stmt);
  }
  return 0;
};

function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let cur = '';
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  if (cur.trim()) out.push(cur);
  return out;
}

function notSimulated(err: (t: string) => void, what: string): number {
  if (what.startsWith('Undefined subroutine')) {
    err(`${what}\n`);
    return 255;
  }
  err(`perl: kubesim runs print/sleep/exit one-liners and bpi(N) only; ${what}\n`);
  return 255;
}
