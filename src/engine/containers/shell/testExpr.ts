/**
 * Conditional expressions: `test` / `[` (POSIX, with `-a`, `-o`, `!`, parentheses) and bash's
 * `[[ ]]` (`&&`, `||`, pattern `==`, regex `=~`). Returns the exit status: 0 true, 1 false,
 * 2 on a usage error (with the message the shell prints).
 */
import type { FileSystem } from '../fs.ts';
import { normalizePath } from '../fs.ts';
import { matchPattern } from './pattern.ts';

export interface TestArg {
  text: string;
  /** For `[[ ]]`: the operand as a pattern (quoted characters escaped). */
  pattern?: string;
}

export interface TestContext {
  fs: FileSystem;
  cwd: string;
  /** `[[ x =~ re ]]` captures. */
  setRematch?(groups: string[]): void;
}

export class TestError extends Error {}

const UNARY = new Set(['-z', '-n', '-e', '-f', '-d', '-r', '-w', '-x', '-s', '-L', '-h', '-b', '-c', '-p', '-S', '-t', '-a', '-v']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef', '=~']);

export function evalTest(args: TestArg[], ctx: TestContext, dbracket: boolean): number {
  const p = new TestParser(args, ctx, dbracket);
  if (args.length === 0) return 1;
  const v = p.expr();
  if (!p.atEnd()) throw new TestError(`${p.current()?.text ?? ''}: unexpected operator`);
  return v ? 0 : 1;
}

class TestParser {
  private i = 0;

  constructor(
    private readonly args: TestArg[],
    private readonly ctx: TestContext,
    private readonly dbracket: boolean,
  ) {}

  atEnd(): boolean {
    return this.i >= this.args.length;
  }

  current(): TestArg | undefined {
    return this.args[this.i];
  }

  private peekText(offset = 0): string | undefined {
    return this.args[this.i + offset]?.text;
  }

  /** An operator must be unquoted inside `[[ ]]`; `test` cannot tell. */
  private isOp(text: string, offset = 0): boolean {
    const a = this.args[this.i + offset];
    if (!a || a.text !== text) return false;
    return !this.dbracket || a.pattern === undefined || a.pattern === a.text;
  }

  expr(): boolean {
    let v = this.and();
    while (this.isOp(this.dbracket ? '||' : '-o') && this.i + 1 < this.args.length) {
      this.i++;
      const r = this.and();
      v = v || r;
    }
    return v;
  }

  private and(): boolean {
    let v = this.not();
    while (this.isOp(this.dbracket ? '&&' : '-a') && this.i + 1 < this.args.length) {
      this.i++;
      const r = this.not();
      v = v && r;
    }
    return v;
  }

  private not(): boolean {
    if (this.isOp('!') && this.i + 1 < this.args.length) {
      this.i++;
      return !this.not();
    }
    return this.primary();
  }

  private primary(): boolean {
    const a = this.args[this.i];
    if (!a) throw new TestError('argument expected');
    if (this.isOp('(') && this.i + 1 < this.args.length) {
      // `( x )` grouping, unless `(` is the left side of a binary operator
      if (!(this.peekText(1) !== undefined && BINARY.has(this.peekText(1)!) && this.i + 2 < this.args.length)) {
        this.i++;
        const v = this.expr();
        if (!this.isOp(')')) throw new TestError("')' expected");
        this.i++;
        return v;
      }
    }
    const op = this.peekText(1);
    if (op !== undefined && BINARY.has(op) && this.args[this.i + 2] !== undefined) {
      const left = a;
      const right = this.args[this.i + 2]!;
      this.i += 3;
      return this.binary(left, op, right);
    }
    if (UNARY.has(a.text) && this.i + 1 < this.args.length) {
      const operand = this.args[this.i + 1]!.text;
      this.i += 2;
      return this.unary(a.text, operand);
    }
    this.i++;
    return a.text !== '';
  }

  private path(p: string): string {
    return normalizePath(p, this.ctx.cwd);
  }

  private unary(op: string, x: string): boolean {
    const fs = this.ctx.fs;
    switch (op) {
      case '-z':
        return x === '';
      case '-n':
        return x !== '';
      case '-e':
      case '-a':
        return fs.stat(this.path(x)) !== undefined;
      case '-f':
        return fs.stat(this.path(x)) === 'file';
      case '-d':
        return fs.stat(this.path(x)) === 'dir';
      case '-r':
      case '-w':
        return fs.stat(this.path(x)) !== undefined;
      case '-x':
        return fs.stat(this.path(x)) === 'dir' || /\/(s?bin)\//.test(this.path(x));
      case '-s': {
        const text = fs.read(this.path(x));
        return typeof text === 'string' ? text.length > 0 : fs.stat(this.path(x)) === 'dir';
      }
      case '-t':
        return false;
      default:
        return false;
    }
  }

  private int(text: string): number {
    const t = text.trim();
    if (!/^[-+]?\d+$/.test(t)) throw new TestError(`${text}: integer expression expected`);
    return parseInt(t, 10);
  }

  private binary(left: TestArg, op: string, right: TestArg): boolean {
    switch (op) {
      case '=':
      case '==':
        return this.dbracket && right.pattern !== undefined ? matchPattern(left.text, right.pattern) : left.text === right.text;
      case '!=':
        return this.dbracket && right.pattern !== undefined ? !matchPattern(left.text, right.pattern) : left.text !== right.text;
      case '<':
        return left.text < right.text;
      case '>':
        return left.text > right.text;
      case '=~': {
        let re: RegExp;
        try {
          re = new RegExp(right.text);
        } catch {
          throw new TestError(`${right.text}: invalid regular expression`);
        }
        const m = re.exec(left.text);
        this.ctx.setRematch?.(m ? [...m].map((g) => g ?? '') : []);
        return m !== null;
      }
      case '-eq':
        return this.int(left.text) === this.int(right.text);
      case '-ne':
        return this.int(left.text) !== this.int(right.text);
      case '-lt':
        return this.int(left.text) < this.int(right.text);
      case '-le':
        return this.int(left.text) <= this.int(right.text);
      case '-gt':
        return this.int(left.text) > this.int(right.text);
      case '-ge':
        return this.int(left.text) >= this.int(right.text);
      default:
        return false;
    }
  }
}
