/**
 * The shell's tokenizer. Produces words (with their quoting structure: literal, single- and
 * double-quoted text, `$name`, `${...}`, `$(...)`, backquotes, `$((...))`), operators, newlines
 * and here-document bodies, on demand for the parser. Command substitutions are parsed when they
 * are read, so a syntax error inside `$(...)` is reported like any other.
 */
import type { HereDoc, ParamExpansion, ParamOp, Script, Word, WordPart } from './ast.ts';

export class ShellSyntaxError extends Error {
  constructor(
    /** The offending token as the shell quotes it (`fi`, `newline`, `end of file`). */
    readonly token: string,
    readonly line: number,
    /** Unterminated quotes and the like are reported differently from an unexpected token. */
    readonly kind: 'unexpected' | 'unterminated' = 'unexpected',
  ) {
    super(kind === 'unexpected' ? `syntax error near unexpected token \`${token}'` : `unexpected EOF while looking for matching \`${token}'`);
  }
}

export type Token =
  | { t: 'word'; word: Word; line: number }
  | { t: 'op'; op: string; line: number }
  | { t: 'io'; fd: number; line: number }
  | { t: 'nl'; line: number }
  | { t: 'eof'; line: number };

const OPERATORS = ['&>>', ';;&', '<<<', '<<-', '&&', '||', ';;', ';&', '|&', '<<', '>>', '>&', '<&', '<>', '>|', '&>', '((', '(', ')', '|', '&', ';', '<', '>'];
const META = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);
const SPECIAL_PARAMS = new Set(['@', '*', '#', '?', '-', '$', '!', '0']);
const PARAM_OPS: ParamOp[] = [':-', ':=', ':+', ':?', '##', '%%', '//', '/#', '/%', '^^', ',,', '-', '=', '+', '?', '#', '%', '/', ':', '^', ','];

const isNameStart = (c: string | undefined) => c !== undefined && /[A-Za-z_]/.test(c);
const isNameChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);

export type NestedParser = (text: string, line: number) => Script;

export class Lexer {
  private pos = 0;
  line = 1;
  private pendingHeredocs: { delimiter: string; strip: boolean; doc: HereDoc }[] = [];
  private lastOp: string | undefined;

  constructor(
    private readonly src: string,
    private readonly parseNested: NestedParser,
  ) {}

  /** The next token (here-document bodies are consumed after the newline that follows them). */
  next(): Token {
    this.skipBlanksAndComments();
    const line = this.line;
    if (this.pos >= this.src.length) {
      if (this.pendingHeredocs.length > 0) this.readHeredocBodies();
      return { t: 'eof', line };
    }
    const c = this.src[this.pos]!;
    if (c === '\n') {
      this.pos++;
      this.line++;
      if (this.pendingHeredocs.length > 0) this.readHeredocBodies();
      this.lastOp = undefined;
      return { t: 'nl', line };
    }
    const io = /^\d+(?=[<>])/.exec(this.src.slice(this.pos, this.pos + 4));
    if (io) {
      this.pos += io[0].length;
      return { t: 'io', fd: Number(io[0]), line };
    }
    for (const op of OPERATORS) {
      if (this.src.startsWith(op, this.pos)) {
        this.pos += op.length;
        this.lastOp = op;
        return { t: 'op', op, line };
      }
    }
    const heredocOp = this.lastOp === '<<' || this.lastOp === '<<-' ? this.lastOp : undefined;
    this.lastOp = undefined;
    const word = this.readWord();
    if (heredocOp) this.registerHeredoc(word, heredocOp === '<<-');
    return { t: 'word', word, line };
  }

  /** Raw text up to the matching `))` (for `(( expr ))` and `for ((;;))`), after the opening `((`. */
  readArithmetic(): string {
    const start = this.pos;
    let depth = 0;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (c === '\n') this.line++;
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0 && this.src[this.pos + 1] === ')') {
          const text = this.src.slice(start, this.pos);
          this.pos += 2;
          return text;
        }
        depth--;
      }
      this.pos++;
    }
    throw new ShellSyntaxError('((', this.line, 'unterminated');
  }

  /** The here-documents whose bodies have not been read yet (a missing body is an error at EOF). */
  get unreadHeredocs(): number {
    return this.pendingHeredocs.length;
  }

  private skipBlanksAndComments(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') {
        this.pos += 2;
        this.line++;
      } else if (c === '#') {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  private registerHeredoc(word: Word, strip: boolean): void {
    const quoted = word.parts.some((p) => p.kind === 'lit' && p.quoted);
    const delimiter = word.parts.map((p) => (p.kind === 'lit' ? p.text : '')).join('');
    const doc: HereDoc = { body: '', quoted };
    this.pendingHeredocs.push({ delimiter, strip, doc });
    word.heredoc = doc;
  }

  private readHeredocBodies(): void {
    for (const pending of this.pendingHeredocs) {
      const lines: string[] = [];
      let closed = false;
      while (this.pos < this.src.length) {
        const end = this.src.indexOf('\n', this.pos);
        const raw = this.src.slice(this.pos, end < 0 ? this.src.length : end);
        this.pos = end < 0 ? this.src.length : end + 1;
        this.line++;
        const text = pending.strip ? raw.replace(/^\t+/, '') : raw;
        if (text === pending.delimiter) {
          closed = true;
          break;
        }
        lines.push(text);
      }
      pending.doc.body = lines.length > 0 ? `${lines.join('\n')}\n` : '';
      if (!closed && lines.length === 0 && this.pos >= this.src.length) pending.doc.body = '';
    }
    this.pendingHeredocs = [];
  }

  // ---- words ----

  /**
   * A here-document body (or other text) where only `$`, backquotes and backslash before `$`,
   * backquote, backslash or newline are special; quotes are ordinary characters.
   */
  readHereText(): Word {
    const parts: WordPart[] = [];
    let lit = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (c === '\\' && /[$`\\\n]/.test(this.src[this.pos + 1] ?? '')) {
        if (this.src[this.pos + 1] !== '\n') lit += this.src[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (c === '$' || c === '`') {
        const part = this.readDollarOrBackquote(true);
        if (part) {
          if (lit !== '') parts.push({ kind: 'lit', text: lit, quoted: true });
          lit = '';
          parts.push(part);
          continue;
        }
      }
      lit += c;
      this.pos++;
    }
    if (lit !== '') parts.push({ kind: 'lit', text: lit, quoted: true });
    return { parts, raw: this.src };
  }

  /** One word; with `whole`, the entire remaining input is one word (metacharacters are literal). */
  readWord(whole = false): Word {
    const start = this.pos;
    const parts: WordPart[] = [];
    let lit = '';
    const flush = () => {
      if (lit !== '') parts.push({ kind: 'lit', text: lit, quoted: false });
      lit = '';
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (c === '(' && !whole && lit !== '' && parts.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=$/.test(lit)) {
        flush();
        this.pos++;
        parts.push({ kind: 'array', elements: this.readArrayElements() });
        continue;
      }
      if (!whole && META.has(c)) break;
      if (c === '\\') {
        const n = this.src[this.pos + 1];
        this.pos += 2;
        if (n === '\n') {
          this.line++;
          continue;
        }
        flush();
        if (n !== undefined) parts.push({ kind: 'lit', text: n, quoted: true });
        continue;
      }
      if (c === "'") {
        flush();
        parts.push({ kind: 'lit', text: this.readSingleQuoted(), quoted: true });
        continue;
      }
      if (c === '"') {
        flush();
        this.pos++;
        parts.push(...this.readDoubleQuoted());
        continue;
      }
      if (c === '$' || c === '`') {
        const part = this.readDollarOrBackquote(false);
        if (part) {
          flush();
          parts.push(part);
          continue;
        }
        lit += c;
        this.pos++;
        continue;
      }
      lit += c;
      this.pos++;
    }
    flush();
    return { parts, raw: this.src.slice(start, this.pos) };
  }

  private readArrayElements(): Word[] {
    const elements: Word[] = [];
    for (;;) {
      while (this.pos < this.src.length && /[ \t\n]/.test(this.src[this.pos]!)) {
        if (this.src[this.pos] === '\n') this.line++;
        this.pos++;
      }
      if (this.pos >= this.src.length) throw new ShellSyntaxError('(', this.line, 'unterminated');
      if (this.src[this.pos] === ')') {
        this.pos++;
        return elements;
      }
      if (this.src[this.pos] === '#') {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
        continue;
      }
      const w = this.readWord();
      if (w.parts.length === 0) throw new ShellSyntaxError(this.src[this.pos] ?? 'newline', this.line);
      elements.push(w);
    }
  }

  private readSingleQuoted(): string {
    const end = this.src.indexOf("'", this.pos + 1);
    if (end < 0) throw new ShellSyntaxError("'", this.line, 'unterminated');
    const text = this.src.slice(this.pos + 1, end);
    this.line += text.split('\n').length - 1;
    this.pos = end + 1;
    return text;
  }

  /** After the opening `"`: parts up to the closing quote, all marked quoted. */
  private readDoubleQuoted(): WordPart[] {
    const parts: WordPart[] = [];
    let lit = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (c === '"') {
        this.pos++;
        if (lit !== '' || parts.length === 0) parts.push({ kind: 'lit', text: lit, quoted: true });
        return parts;
      }
      if (c === '\\') {
        const n = this.src[this.pos + 1];
        if (n === '\n') {
          this.pos += 2;
          this.line++;
          continue;
        }
        if (n === '$' || n === '`' || n === '"' || n === '\\') {
          lit += n;
          this.pos += 2;
          continue;
        }
        lit += c;
        this.pos++;
        continue;
      }
      if (c === '$' || c === '`') {
        const part = this.readDollarOrBackquote(true);
        if (part) {
          if (lit !== '') parts.push({ kind: 'lit', text: lit, quoted: true });
          lit = '';
          parts.push(part);
          continue;
        }
      }
      if (c === '\n') this.line++;
      lit += c;
      this.pos++;
    }
    throw new ShellSyntaxError('"', this.line, 'unterminated');
  }

  /** At `$` or a backquote: the expansion part, or undefined when `$` is literal. */
  private readDollarOrBackquote(quoted: boolean): WordPart | undefined {
    const c = this.src[this.pos]!;
    if (c === '`') {
      const line = this.line;
      this.pos++;
      let text = '';
      while (this.pos < this.src.length && this.src[this.pos] !== '`') {
        const ch = this.src[this.pos]!;
        if (ch === '\\' && /[$`\\]/.test(this.src[this.pos + 1] ?? '')) {
          text += this.src[this.pos + 1];
          this.pos += 2;
          continue;
        }
        if (ch === '\n') this.line++;
        text += ch;
        this.pos++;
      }
      if (this.pos >= this.src.length) throw new ShellSyntaxError('`', line, 'unterminated');
      this.pos++;
      return { kind: 'cmdsub', script: this.parseNested(text, line), quoted };
    }
    const n = this.src[this.pos + 1];
    if (n === '(' && this.src[this.pos + 2] === '(') {
      const save = this.pos;
      this.pos += 3;
      const text = this.captureBalanced('(', ')', 2);
      if (text !== undefined && text.endsWith(')')) {
        return { kind: 'arith', expr: subWord(text.slice(0, -1), true, this.parseNested, this.line), quoted };
      }
      this.pos = save; // `$( (...) )`: a command substitution starting with a subshell
    }
    if (n === '(') {
      const line = this.line;
      this.pos += 2;
      const text = this.captureBalanced('(', ')', 1);
      if (text === undefined) throw new ShellSyntaxError('(', line, 'unterminated');
      return { kind: 'cmdsub', script: this.parseNested(text, line), quoted };
    }
    if (n === '{') {
      this.pos += 2;
      const text = this.captureBalanced('{', '}', 1);
      if (text === undefined) throw new ShellSyntaxError('{', this.line, 'unterminated');
      return { kind: 'param', param: parseBraceParam(text, quoted, this.parseNested, this.line), quoted };
    }
    if (n === "'" && !quoted) {
      this.pos++;
      return { kind: 'lit', text: ansiC(this.readSingleQuoted()), quoted: true };
    }
    if (isNameStart(n)) {
      let end = this.pos + 1;
      while (isNameChar(this.src[end])) end++;
      const name = this.src.slice(this.pos + 1, end);
      this.pos = end;
      return { kind: 'param', param: { name }, quoted };
    }
    if (n !== undefined && (/[0-9]/.test(n) || SPECIAL_PARAMS.has(n))) {
      this.pos += 2;
      return { kind: 'param', param: { name: n }, quoted };
    }
    return undefined;
  }

  /**
   * Text up to the close that balances `depth` already-open brackets, skipping quoted text.
   * Returns the text without the final close, or undefined at end of input.
   */
  private captureBalanced(open: string, close: string, depth: number): string | undefined {
    const start = this.pos;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (c === '\\') {
        this.pos += 2;
        continue;
      }
      if (c === "'" && open !== '{') {
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) return undefined;
        this.pos = end + 1;
        continue;
      }
      if (c === '"') {
        this.pos++;
        while (this.pos < this.src.length && this.src[this.pos] !== '"') this.pos += this.src[this.pos] === '\\' ? 2 : 1;
        this.pos++;
        continue;
      }
      if (c === '\n') this.line++;
      if (c === open) depth++;
      else if (c === close) {
        depth--;
        if (depth === 0) {
          const text = this.src.slice(start, this.pos);
          this.pos++;
          return text;
        }
      }
      this.pos++;
    }
    return undefined;
  }
}

/** `${...}` contents → a parameter expansion. */
function parseBraceParam(text: string, quoted: boolean, parseNested: NestedParser, line: number): ParamExpansion {
  let i = 0;
  let length = false;
  if (text[0] === '#' && text.length > 1 && !PARAM_OPS.some((op) => text.slice(1).startsWith(op) && text.length === 1 + op.length)) {
    length = true;
    i = 1;
  }
  let name: string;
  if (isNameStart(text[i])) {
    let end = i + 1;
    while (isNameChar(text[end])) end++;
    name = text.slice(i, end);
    i = end;
  } else if (/[0-9]/.test(text[i] ?? '')) {
    let end = i + 1;
    while (/[0-9]/.test(text[end] ?? '')) end++;
    name = text.slice(i, end);
    i = end;
  } else if (text[i] !== undefined && SPECIAL_PARAMS.has(text[i]!)) {
    name = text[i]!;
    i++;
  } else {
    throw new ShellSyntaxError(`\${${text}}`, line);
  }
  const param: ParamExpansion = { name, ...(length ? { length } : {}) };
  if (text[i] === '[') {
    const close = text.indexOf(']', i);
    if (close < 0) throw new ShellSyntaxError(`\${${text}}`, line);
    param.index = subWord(text.slice(i + 1, close), quoted, parseNested, line);
    i = close + 1;
  }
  if (i >= text.length) return param;
  if (length) throw new ShellSyntaxError(`\${${text}}`, line);
  const op = PARAM_OPS.find((o) => text.startsWith(o, i));
  if (!op) throw new ShellSyntaxError(`\${${text}}`, line);
  param.op = op;
  const rest = text.slice(i + op.length);
  if (op === '/' || op === '//' || op === '/#' || op === '/%') {
    const slash = findUnescaped(rest, '/');
    param.arg = subWord(slash < 0 ? rest : rest.slice(0, slash), quoted, parseNested, line);
    param.arg2 = subWord(slash < 0 ? '' : rest.slice(slash + 1), quoted, parseNested, line);
  } else if (op === ':') {
    const colon = findUnescaped(rest, ':');
    param.arg = subWord(colon < 0 ? rest : rest.slice(0, colon), true, parseNested, line);
    if (colon >= 0) param.arg2 = subWord(rest.slice(colon + 1), true, parseNested, line);
  } else {
    param.arg = subWord(rest, quoted, parseNested, line);
  }
  return param;
}

function findUnescaped(text: string, ch: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === ch) return i;
  }
  return -1;
}

/** Parse `text` as the inside of one word (spaces included), e.g. a `${x:-default}` argument. */
export function subWord(text: string, quoted: boolean, parseNested: NestedParser, line: number): Word {
  const lexer = new Lexer(text, parseNested);
  lexer.line = line;
  const word = lexer.readWord(true);
  // Inside double quotes the whole argument is quoted: no field splitting, no globbing.
  if (quoted) word.parts = word.parts.map((p) => (p.kind === 'array' ? p : { ...p, quoted: true }));
  return word;
}

/** bash `$'...'` escapes. */
function ansiC(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_, e: string) => {
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return ({ n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v', "'": "'", '"': '"', '\\': '\\' } as Record<string, string>)[e] ?? `\\${e}`;
  });
}
