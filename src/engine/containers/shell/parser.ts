/**
 * Recursive-descent parser for the shell grammar (POSIX XCU 2.10, plus bash's `[[ ]]`, `(( ))`,
 * C-style `for`, arrays and `function name { }`). Keywords are recognised only where the grammar
 * allows a command to start, as in a real shell (`echo fi` prints "fi").
 */
import { type AndOr, type Assignment, type Command, type Pipeline, type Redirect, type Script, type Word, plainText } from './ast.ts';
import { Lexer, ShellSyntaxError, type Token, subWord } from './lexer.ts';

const REDIRECT_OPS = new Set(['>', '>>', '<', '<<', '<<-', '>&', '<&', '&>', '&>>', '>|', '<>', '<<<']);
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', '{', '}', '!', 'in', 'function', '[[']);

export function parseScript(text: string, firstLine = 1): Script {
  return new Parser(text, firstLine).parseProgram();
}

class Parser {
  private readonly lexer: Lexer;
  private peeked: Token | undefined;
  /** Inside `[[ ]]`: whether the regex after `=~` has ended. */
  private regexDone: boolean | undefined;

  constructor(text: string, firstLine: number) {
    this.lexer = new Lexer(text, (t, line) => parseScript(t, line));
    this.lexer.line = firstLine;
  }

  parseProgram(): Script {
    const script = this.parseList(() => false);
    const t = this.peek();
    if (t.t !== 'eof') throw this.unexpected(t);
    return script;
  }

  // ---- tokens ----

  private peek(): Token {
    this.peeked ??= this.lexer.next();
    return this.peeked;
  }

  private next(): Token {
    const t = this.peek();
    this.peeked = undefined;
    return t;
  }

  private isWord(t: Token, text: string): boolean {
    return t.t === 'word' && plainText(t.word) === text;
  }

  private isOp(t: Token, op: string): boolean {
    return t.t === 'op' && t.op === op;
  }

  private unexpected(t: Token): ShellSyntaxError {
    const text = t.t === 'word' ? t.word.raw : t.t === 'op' ? t.op : t.t === 'io' ? String(t.fd) : t.t === 'nl' ? 'newline' : 'end of file';
    return new ShellSyntaxError(text, t.line);
  }

  private skipNewlines(): void {
    while (this.peek().t === 'nl') this.next();
  }

  private expectWord(text: string): void {
    this.skipNewlines();
    const t = this.next();
    if (!this.isWord(t, text)) throw this.unexpected(t);
  }

  // ---- lists ----

  /** and-or lists separated by `;`, `&` or newlines, until `stop(next token)` holds. */
  private parseList(stop: (t: Token) => boolean): Script {
    const body: AndOr[] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (t.t === 'eof' || stop(t)) return { body };
      if (t.t === 'op' && (t.op === ')' || t.op === ';;' || t.op === ';&' || t.op === ';;&')) return { body };
      const item = this.parseAndOr();
      body.push(item);
      const sep = this.peek();
      if (sep.t === 'op' && (sep.op === ';' || sep.op === '&')) {
        this.next();
        item.background = sep.op === '&';
      } else if (sep.t !== 'nl' && sep.t !== 'eof' && !stop(sep) && !(sep.t === 'op' && [')', ';;', ';&', ';;&'].includes(sep.op))) {
        throw this.unexpected(sep);
      }
    }
  }

  /** A list that must end at one of `words` (e.g. `then`, `fi`). */
  private parseListUntil(...words: string[]): Script {
    const list = this.parseList((t) => words.some((w) => this.isWord(t, w)));
    if (list.body.length === 0) throw this.unexpected(this.peek());
    return list;
  }

  private parseAndOr(): AndOr {
    const line = this.peek().line;
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const t = this.peek();
      if (t.t === 'op' && (t.op === '&&' || t.op === '||')) {
        this.next();
        this.skipNewlines();
        rest.push({ op: t.op, pipeline: this.parsePipeline() });
      } else return { first, rest, background: false, line };
    }
  }

  private parsePipeline(): Pipeline {
    const line = this.peek().line;
    let negate = false;
    if (this.isWord(this.peek(), '!')) {
      this.next();
      negate = true;
    }
    const commands = [this.parseCommand()];
    for (;;) {
      const t = this.peek();
      if (t.t === 'op' && (t.op === '|' || t.op === '|&')) {
        this.next();
        this.skipNewlines();
        const cmd = this.parseCommand();
        if (t.op === '|&') commands[commands.length - 1]!.redirects.push({ fd: 2, op: '>&', target: { parts: [{ kind: 'lit', text: '1', quoted: false }], raw: '1' } });
        commands.push(cmd);
      } else return { negate, commands, line };
    }
  }

  // ---- commands ----

  private parseCommand(): Command {
    const t = this.peek();
    const line = t.line;
    if (t.t === 'op' && t.op === '(') {
      this.next();
      const body = this.parseList((x) => this.isOp(x, ')'));
      const close = this.next();
      if (!this.isOp(close, ')')) throw this.unexpected(close);
      return this.withRedirects({ kind: 'subshell', body, redirects: [], line });
    }
    if (t.t === 'op' && t.op === '((') {
      this.next();
      const expr = subWord(this.lexer.readArithmetic(), true, (s, l) => parseScript(s, l), line);
      return this.withRedirects({ kind: 'arith', expr, redirects: [], line });
    }
    if (t.t === 'word') {
      const kw = plainText(t.word);
      switch (kw) {
        case '{': {
          this.next();
          const body = this.parseListUntil('}');
          this.next();
          return this.withRedirects({ kind: 'group', body, redirects: [], line });
        }
        case 'if':
          return this.withRedirects(this.parseIf());
        case 'while':
        case 'until':
          return this.withRedirects(this.parseWhile(kw === 'until'));
        case 'for':
          return this.withRedirects(this.parseFor());
        case 'case':
          return this.withRedirects(this.parseCase());
        case '[[':
          return this.withRedirects(this.parseDoubleBracket());
        case 'function': {
          this.next();
          const nameTok = this.next();
          const name = nameTok.t === 'word' ? plainText(nameTok.word) : undefined;
          if (!name) throw this.unexpected(nameTok);
          if (this.isOp(this.peek(), '(')) {
            this.next();
            const close = this.next();
            if (!this.isOp(close, ')')) throw this.unexpected(close);
          }
          this.skipNewlines();
          return { kind: 'function', name, body: this.parseCommand(), redirects: [], line };
        }
        case 'then':
        case 'else':
        case 'elif':
        case 'fi':
        case 'do':
        case 'done':
        case 'esac':
        case '}':
        case 'in':
          throw this.unexpected(t);
      }
    }
    return this.parseSimple();
  }

  private withRedirects(cmd: Command): Command {
    for (;;) {
      const r = this.tryRedirect();
      if (!r) return cmd;
      cmd.redirects.push(r);
    }
  }

  private tryRedirect(): Redirect | undefined {
    const t = this.peek();
    let fd: number | undefined;
    if (t.t === 'io') {
      this.next();
      fd = t.fd;
      const op = this.peek();
      if (op.t !== 'op' || !REDIRECT_OPS.has(op.op)) throw this.unexpected(op);
    } else if (!(t.t === 'op' && REDIRECT_OPS.has(t.op))) {
      return undefined;
    }
    const op = this.next() as Extract<Token, { t: 'op' }>;
    const target = this.next();
    if (target.t !== 'word') throw this.unexpected(target);
    const heredoc = target.word.heredoc;
    return { ...(fd !== undefined ? { fd } : {}), op: op.op as Redirect['op'], target: target.word, ...(heredoc ? { heredoc } : {}) };
  }

  private parseSimple(): Command {
    const line = this.peek().line;
    const assigns: Assignment[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const r = this.tryRedirect();
      if (r) {
        redirects.push(r);
        continue;
      }
      const t = this.peek();
      if (t.t !== 'word') break;
      this.next();
      if (words.length === 0) {
        const assign = asAssignment(t.word, line);
        if (assign) {
          assigns.push(assign);
          continue;
        }
        const name = plainText(t.word);
        if (name && /^[A-Za-z_][\w.-]*$/.test(name) && !RESERVED.has(name) && this.isOp(this.peek(), '(')) {
          this.next();
          const close = this.next();
          if (!this.isOp(close, ')')) throw this.unexpected(close);
          this.skipNewlines();
          return { kind: 'function', name, body: this.parseCommand(), redirects: [], line };
        }
      }
      words.push(t.word);
    }
    if (words.length === 0 && assigns.length === 0 && redirects.length === 0) throw this.unexpected(this.peek());
    return { kind: 'simple', assigns, words, redirects, line };
  }

  private parseIf(): Command {
    const line = this.next().line;
    const clauses: { cond: Script; body: Script }[] = [];
    let elseBody: Script | undefined;
    const cond = this.parseListUntil('then');
    this.next();
    clauses.push({ cond, body: this.parseListUntil('elif', 'else', 'fi') });
    for (;;) {
      const t = this.next();
      if (this.isWord(t, 'fi')) break;
      if (this.isWord(t, 'elif')) {
        const c = this.parseListUntil('then');
        this.next();
        clauses.push({ cond: c, body: this.parseListUntil('elif', 'else', 'fi') });
        continue;
      }
      if (this.isWord(t, 'else')) {
        elseBody = this.parseListUntil('fi');
        continue;
      }
      throw this.unexpected(t);
    }
    return { kind: 'if', clauses, ...(elseBody ? { elseBody } : {}), redirects: [], line };
  }

  private parseWhile(until: boolean): Command {
    const line = this.next().line;
    const cond = this.parseListUntil('do');
    this.next();
    const body = this.parseListUntil('done');
    this.next();
    return { kind: 'while', until, cond, body, redirects: [], line };
  }

  private parseDoGroup(): Script {
    this.expectWord('do');
    const body = this.parseListUntil('done');
    this.next();
    return body;
  }

  private parseFor(): Command {
    const line = this.next().line;
    if (this.isOp(this.peek(), '((')) {
      this.next();
      const parts = this.lexer.readArithmetic().split(';');
      if (parts.length !== 3) throw new ShellSyntaxError('((', line);
      if (this.isOp(this.peek(), ';')) this.next();
      const body = this.parseDoGroup();
      return { kind: 'cfor', init: parts[0]!, cond: parts[1]!, step: parts[2]!, body, redirects: [], line };
    }
    const nameTok = this.next();
    const name = nameTok.t === 'word' ? plainText(nameTok.word) : undefined;
    if (!name || !/^[A-Za-z_]\w*$/.test(name)) throw this.unexpected(nameTok);
    let items: Word[] | undefined;
    this.skipNewlines();
    if (this.isWord(this.peek(), 'in')) {
      this.next();
      items = [];
      for (;;) {
        const t = this.peek();
        if (t.t !== 'word') break;
        items.push(t.word);
        this.next();
      }
      const sep = this.next();
      if (!(sep.t === 'nl' || this.isOp(sep, ';'))) throw this.unexpected(sep);
    } else if (this.isOp(this.peek(), ';')) {
      this.next();
    }
    const body = this.parseDoGroup();
    return { kind: 'for', name, ...(items ? { items } : {}), body, redirects: [], line };
  }

  private parseCase(): Command {
    const line = this.next().line;
    const wordTok = this.next();
    if (wordTok.t !== 'word') throw this.unexpected(wordTok);
    this.expectWord('in');
    const items: { patterns: Word[]; body: Script; fallthrough: boolean }[] = [];
    for (;;) {
      this.skipNewlines();
      let t = this.next();
      if (this.isWord(t, 'esac')) break;
      if (this.isOp(t, '(')) t = this.next();
      const patterns: Word[] = [];
      for (;;) {
        if (t.t !== 'word') throw this.unexpected(t);
        patterns.push(t.word);
        const sep = this.next();
        if (this.isOp(sep, ')')) break;
        if (!this.isOp(sep, '|')) throw this.unexpected(sep);
        t = this.next();
      }
      const body = this.parseList((x) => this.isWord(x, 'esac'));
      const end = this.peek();
      let fallthrough = false;
      if (end.t === 'op' && (end.op === ';;' || end.op === ';&' || end.op === ';;&')) {
        this.next();
        fallthrough = end.op === ';&';
      } else if (!this.isWord(end, 'esac')) {
        throw this.unexpected(end);
      }
      items.push({ patterns, body, fallthrough });
    }
    return { kind: 'case', word: wordTok.word, items, redirects: [], line };
  }

  private parseDoubleBracket(): Command {
    const line = this.next().line;
    const words: Word[] = [];
    for (;;) {
      const t = this.next();
      if (t.t === 'eof' || t.t === 'nl') throw this.unexpected(t);
      if (this.isWord(t, ']]')) break;
      const w: Word = t.t === 'word' ? t.word : { parts: [{ kind: 'lit', text: t.t === 'op' ? t.op : String(t.fd), quoted: false }], raw: t.t === 'op' ? t.op : String(t.fd) };
      // The right side of =~ is one regex, parentheses and all.
      const prev = words[words.length - 1];
      const inRegex = words.length >= 2 && plainText(words[words.length - 2]!) === '=~' && prev !== undefined;
      const isConnector = t.t === 'op' && (t.op === '&&' || t.op === '||');
      if (inRegex && !isConnector && !(this.regexDone ?? false)) {
        words[words.length - 1] = { parts: [...prev.parts, ...w.parts], raw: prev.raw + w.raw };
        continue;
      }
      if (plainText(w) === '=~') this.regexDone = false;
      if (isConnector) this.regexDone = true;
      words.push(w);
    }
    this.regexDone = undefined;
    return { kind: 'test', words, redirects: [], line };
  }
}

/** `NAME=value`, `NAME+=value`, `NAME[i]=value` at the start of a simple command. */
function asAssignment(word: Word, line: number): Assignment | undefined {
  const first = word.parts[0];
  if (!first || first.kind !== 'lit' || first.quoted) return undefined;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(\[([^\]]*)\])?(\+?)=/.exec(word.raw);
  if (!m || !first.text.startsWith(m[1]!)) return undefined;
  const nested = (t: string, l: number) => parseScript(t, l);
  const last = word.parts[word.parts.length - 1]!;
  const value: Word =
    last.kind === 'array' ? { parts: [last], raw: word.raw.slice(m[0].length) } : valueWord(word.raw.slice(m[0].length), line, nested);
  return {
    name: m[1]!,
    ...(m[2] !== undefined ? { index: subWord(m[3]!, true, nested, line) } : {}),
    append: m[4] === '+',
    value,
  };
}

function valueWord(raw: string, line: number, nested: (t: string, l: number) => Script): Word {
  if (raw === '') return { parts: [], raw };
  const lexer = new Lexer(raw, nested);
  lexer.line = line;
  return lexer.readWord();
}
