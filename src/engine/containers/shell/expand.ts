/**
 * Word expansion in POSIX order: (bash brace expansion), tilde, parameter / command / arithmetic
 * expansion, field splitting on IFS (only of unquoted expansion results), pathname expansion
 * (only of unquoted pattern characters) and quote removal. `"$@"` and `"${arr[@]}"` keep one field
 * per element; an unquoted empty expansion yields no field, a quoted one an empty field.
 */
import type { ParamExpansion, Word, WordPart } from './ast.ts';
import type { Syscall } from '../process.ts';
import { type Shell, ExpansionError } from './interpreter.ts';
import { escapePattern, hasGlob, patternRegex, removePrefix, removeSuffix, replacePattern, unescapePattern } from './pattern.ts';
import { failed } from '../fs.ts';

type Gen<T> = Generator<Syscall, T, unknown>;

interface Piece {
  text: string;
  quoted: boolean;
  /** Subject to field splitting (an unquoted expansion result). */
  split: boolean;
  /** Starts a new field (between the elements of `$@`). */
  breakBefore?: boolean;
  /** `"$@"` with no parameters: contributes no field at all. */
  vanish?: boolean;
}

interface Field {
  text: string;
  pattern: string;
  quoted: boolean;
  globbable: boolean;
}

/** Expand command words into argv fields. */
export function* expandWords(sh: Shell, words: readonly Word[]): Gen<string[]> {
  const literal = literalWords(words);
  if (literal) return literal;
  const out: string[] = [];
  for (const w of words) {
    const braced = sh.flavour === 'bash' ? braceExpand(w) : [w];
    for (const b of braced) out.push(...(yield* expandFields(sh, b)));
  }
  return out;
}

/** The fields of words that expand to themselves (a fresh array), or null (see literalArgv). */
export function literalWords(words: readonly Word[]): string[] | null {
  const literal = literalArgv(words);
  return literal && [...literal];
}

/** Per parsed command: its argv when every word is plain text, or null when some word expands. */
const literalArgvs = new WeakMap<readonly Word[], string[] | null>();

/**
 * Words made only of literal text, none unquoted with a glob, brace or tilde character, expand to
 * themselves: a loop's `echo 'SSD OK'` and `sleep 5` need no expansion machinery on every pass.
 */
function literalArgv(words: readonly Word[]): string[] | null {
  let argv = literalArgvs.get(words);
  if (argv !== undefined) return argv;
  argv = [];
  for (const w of words) {
    if (w.parts.length === 0 || !w.parts.every((p) => p.kind === 'lit' && (p.quoted || !/[*?[{~]/.test(p.text)))) {
      argv = null;
      break;
    }
    argv.push(w.parts.map((p) => (p as { text: string }).text).join(''));
  }
  literalArgvs.set(words, argv);
  return argv;
}

function* expandFields(sh: Shell, word: Word): Gen<string[]> {
  const pieces = yield* wordPieces(sh, word);
  const fields = splitFields(pieces, sh.ifs);
  const out: string[] = [];
  for (const f of fields) {
    if (f.globbable && !sh.options.noglob && hasGlob(f.pattern)) {
      const matches = glob(sh, f.pattern);
      if (matches.length > 0) {
        out.push(...matches);
        continue;
      }
    }
    out.push(f.text);
  }
  return out;
}

/** Expand a word to one string: no field splitting, no globbing (assignments, redirect targets). */
export function* expandString(sh: Shell, word: Word): Gen<string> {
  const pieces = yield* wordPieces(sh, word);
  return pieces.map((p) => (p.breakBefore ? ` ${p.text}` : p.text)).join('');
}

/** Expand a word into a pattern: quoted characters are escaped so they match literally. */
export function* expandPattern(sh: Shell, word: Word): Gen<string> {
  const pieces = yield* wordPieces(sh, word);
  return pieces.map((p) => (p.quoted ? escapePattern(p.text) : p.text)).join('');
}

function* wordPieces(sh: Shell, word: Word): Gen<Piece[]> {
  const out: Piece[] = [];
  for (let i = 0; i < word.parts.length; i++) {
    let part = word.parts[i]!;
    if (i === 0 && part.kind === 'lit' && !part.quoted && /^~(?=\/|$)/.test(part.text)) {
      part = { ...part, text: (sh.getVar('HOME') ?? '/root') + part.text.slice(1) };
    }
    out.push(...(yield* partPieces(sh, part)));
  }
  return out;
}

function* partPieces(sh: Shell, part: WordPart): Gen<Piece[]> {
  switch (part.kind) {
    case 'lit':
      return [{ text: part.text, quoted: part.quoted, split: false }];
    case 'cmdsub': {
      const text = yield* sh.commandSubstitution(part.script);
      return [{ text, quoted: part.quoted, split: !part.quoted }];
    }
    case 'arith': {
      const text = yield* expandString(sh, part.expr);
      return [{ text: String(sh.arithmetic(text)), quoted: part.quoted, split: !part.quoted }];
    }
    case 'param':
      return yield* paramPieces(sh, part.param, part.quoted);
    case 'array':
      return [{ text: '', quoted: false, split: false }];
  }
}

function* paramPieces(sh: Shell, p: ParamExpansion, quoted: boolean): Gen<Piece[]> {
  const index = p.index ? yield* expandString(sh, p.index) : undefined;
  const list = p.name === '@' || p.name === '*' || index === '@' || index === '*';
  const star = p.name === '*' || index === '*';
  if (p.length) {
    if (list) return [{ text: String(sh.listValues(p.name).length), quoted, split: !quoted }];
    return [{ text: String([...(sh.scalarValue(p.name, index) ?? '')].length), quoted, split: !quoted }];
  }
  if (list) {
    let values = sh.listValues(p.name);
    if (p.op && ['#', '##', '%', '%%', '/', '//', '/#', '/%', '^', '^^', ',', ',,'].includes(p.op)) {
      const mapped: string[] = [];
      for (const v of values) mapped.push(yield* applyStringOp(sh, p, v));
      values = mapped;
    } else if (p.op === ':-' || p.op === '-') {
      if (values.length === 0 || (p.op === ':-' && values.every((v) => v === ''))) return yield* argPieces(sh, p.arg, quoted);
    } else if (p.op === ':+' || p.op === '+') {
      return values.length > 0 ? yield* argPieces(sh, p.arg, quoted) : [];
    }
    if (quoted && star) return [{ text: values.join(sh.ifs === '' ? '' : (sh.ifs[0] ?? ' ')), quoted: true, split: false }];
    if (values.length === 0) return quoted ? [{ text: '', quoted: true, split: false, vanish: true }] : [];
    return values.map((v, i) => ({ text: v, quoted, split: !quoted, ...(i > 0 ? { breakBefore: true } : {}) }));
  }
  const value = sh.scalarValue(p.name, index);
  const name = index !== undefined ? `${p.name}[${index}]` : p.name;
  const op = p.op;
  const unsetOrNull = value === undefined || (op?.startsWith(':') && value === '');
  switch (op) {
    case undefined:
      if (value === undefined && sh.options.nounset && !['?', '#', '$', '!', '-', '0'].includes(p.name)) {
        throw new ExpansionError(sh.flavour === 'bash' ? `${name}: unbound variable` : `${name}: parameter not set`);
      }
      return [{ text: value ?? '', quoted, split: !quoted }];
    case ':-':
    case '-':
      return unsetOrNull ? yield* argPieces(sh, p.arg, quoted) : [{ text: value!, quoted, split: !quoted }];
    case ':=':
    case '=': {
      if (!unsetOrNull) return [{ text: value!, quoted, split: !quoted }];
      const text = p.arg ? yield* expandString(sh, p.arg) : '';
      sh.setVar(p.name, text);
      return [{ text, quoted, split: !quoted }];
    }
    case ':+':
    case '+':
      return unsetOrNull ? [] : yield* argPieces(sh, p.arg, quoted);
    case ':?':
    case '?': {
      if (!unsetOrNull) return [{ text: value!, quoted, split: !quoted }];
      const msg = p.arg ? yield* expandString(sh, p.arg) : '';
      throw new ExpansionError(`${name}: ${msg || (sh.flavour === 'bash' ? 'parameter null or not set' : 'parameter not set')}`, true);
    }
    default:
      return [{ text: yield* applyStringOp(sh, p, value ?? ''), quoted, split: !quoted }];
  }
}

function* argPieces(sh: Shell, arg: Word | undefined, quoted: boolean): Gen<Piece[]> {
  if (!arg) return [];
  const pieces = yield* wordPieces(sh, arg);
  return pieces.map((piece) => (quoted ? { ...piece, quoted: true, split: false } : piece.quoted ? piece : { ...piece, split: true }));
}

function* applyStringOp(sh: Shell, p: ParamExpansion, value: string): Gen<string> {
  switch (p.op) {
    case '#':
    case '##':
      return removePrefix(value, p.arg ? yield* expandPattern(sh, p.arg) : '', p.op === '##');
    case '%':
    case '%%':
      return removeSuffix(value, p.arg ? yield* expandPattern(sh, p.arg) : '', p.op === '%%');
    case '/':
    case '//':
    case '/#':
    case '/%': {
      const pattern = p.arg ? yield* expandPattern(sh, p.arg) : '';
      const rep = p.arg2 ? yield* expandString(sh, p.arg2) : '';
      return replacePattern(value, pattern, rep, p.op);
    }
    case ':': {
      const chars = [...value];
      let offset = sh.arithmetic(p.arg ? yield* expandString(sh, p.arg) : '0');
      if (offset < 0) offset = Math.max(0, chars.length + offset);
      let end = chars.length;
      if (p.arg2) {
        const len = sh.arithmetic(yield* expandString(sh, p.arg2));
        end = len < 0 ? chars.length + len : offset + len;
        if (end < offset) throw new ExpansionError(`${len}: substring expression < 0`);
      }
      return chars.slice(offset, end).join('');
    }
    case '^^':
      return value.toUpperCase();
    case ',,':
      return value.toLowerCase();
    case '^':
      return value.charAt(0).toUpperCase() + value.slice(1);
    case ',':
      return value.charAt(0).toLowerCase() + value.slice(1);
    default:
      return value;
  }
}

/** Field splitting: unquoted expansion results split on IFS; `"$@"` elements stay separate. */
function splitFields(pieces: Piece[], ifs: string): Field[] {
  const fields: Field[] = [];
  let cur: Field | undefined;
  const start = () => (cur ??= { text: '', pattern: '', quoted: false, globbable: false });
  const end = () => {
    if (cur && (cur.text !== '' || cur.quoted)) fields.push(cur);
    cur = undefined;
  };
  const white: string[] = [...ifs].filter((c) => c === ' ' || c === '\t' || c === '\n');
  const hard = [...ifs].filter((c) => !white.includes(c));
  for (const p of pieces) {
    if (p.breakBefore) {
      if (cur) fields.push(cur);
      cur = undefined;
    }
    if (p.vanish) continue;
    if (!p.split) {
      const f = start();
      f.text += p.text;
      f.pattern += p.quoted ? escapePattern(p.text) : p.text;
      if (p.quoted) f.quoted = true;
      else if (hasGlob(p.text)) f.globbable = true;
      continue;
    }
    for (const c of p.text) {
      if (white.includes(c)) end();
      else if (hard.includes(c)) {
        const f = start();
        f.quoted = true; // a hard delimiter ends a field even when it is empty
        end();
      } else {
        const f = start();
        f.text += c;
        f.pattern += c;
        if (c === '*' || c === '?' || c === '[') f.globbable = true;
      }
    }
  }
  if (cur) end();
  return fields;
}

/** Pathname expansion of a pattern against the container's filesystem; sorted matches. */
function glob(sh: Shell, pattern: string): string[] {
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  let paths: string[] = [absolute ? '' : '.'];
  for (const seg of absolute ? segments.slice(1) : segments) {
    if (seg === '') continue;
    const next: string[] = [];
    for (const base of paths) {
      const dir = base === '' ? '/' : base;
      if (!hasGlob(seg)) {
        const candidate = `${base === '.' && !absolute ? '' : `${base}/`}${unescapePattern(seg)}`;
        if (sh.fs.stat(sh.resolvePath(candidate)) !== undefined) next.push(candidate);
        continue;
      }
      const entries = sh.fs.list(sh.resolvePath(dir));
      if (failed(entries)) continue;
      const re = patternRegex(seg, true);
      for (const e of entries) {
        if (e.name.startsWith('.') && !seg.startsWith('.') && !seg.startsWith('\\.')) continue;
        if (re.test(e.name)) next.push(base === '.' && !absolute ? e.name : `${base}/${e.name}`);
      }
    }
    paths = next;
    if (paths.length === 0) return [];
  }
  return paths.sort();
}

/** bash brace expansion on unquoted literal text: `{a,b}`, `{1..5}`, `{a..e}`, `{0..10..2}`. */
export function braceExpand(word: Word): Word[] {
  for (let pi = 0; pi < word.parts.length; pi++) {
    const part = word.parts[pi]!;
    if (part.kind !== 'lit' || part.quoted) continue;
    const found = findBrace(part.text);
    if (!found) continue;
    const { start, end, alternatives } = found;
    const out: Word[] = [];
    for (const alt of alternatives) {
      const text = part.text.slice(0, start) + alt + part.text.slice(end + 1);
      const parts = [...word.parts];
      parts[pi] = { kind: 'lit', text, quoted: false };
      out.push(...braceExpand({ parts, raw: word.raw }));
    }
    return out;
  }
  return [word];
}

function findBrace(text: string): { start: number; end: number; alternatives: string[] } | undefined {
  for (let start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
    let depth = 0;
    const commas: number[] = [];
    for (let i = start; i < text.length; i++) {
      const c = text[i];
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0) {
          const body = text.slice(start + 1, i);
          if (commas.length > 0) {
            const alts: string[] = [];
            let prev = start + 1;
            for (const c2 of commas) {
              alts.push(text.slice(prev, c2));
              prev = c2 + 1;
            }
            alts.push(text.slice(prev, i));
            return { start, end: i, alternatives: alts };
          }
          const range = /^(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])(?:\.\.(-?\d+))?$/.exec(body);
          if (range) return { start, end: i, alternatives: expandRange(range[1]!, range[2]!, range[3]) };
          break;
        }
      } else if (c === ',' && depth === 1) commas.push(i);
    }
  }
  return undefined;
}

function expandRange(from: string, to: string, stepText: string | undefined): string[] {
  const numeric = /^-?\d+$/.test(from) && /^-?\d+$/.test(to);
  const a = numeric ? parseInt(from, 10) : from.charCodeAt(0);
  const b = numeric ? parseInt(to, 10) : to.charCodeAt(0);
  const step = Math.max(1, Math.abs(parseInt(stepText ?? '1', 10) || 1));
  const width = numeric && (/^-?0\d/.test(from) || /^-?0\d/.test(to)) ? Math.max(from.length, to.length) : 0;
  const out: string[] = [];
  for (let v = a; a <= b ? v <= b : v >= b; v += a <= b ? step : -step) {
    out.push(numeric ? String(v).padStart(width, '0') : String.fromCharCode(v));
    if (out.length > 100_000) break;
  }
  return out;
}
