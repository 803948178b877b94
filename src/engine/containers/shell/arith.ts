/**
 * Shell arithmetic (`$(( ))`, `(( ))`, `let`, array indexes): C integer expressions with the
 * shell's variables as operands, assignment operators, `++`/`--`, `**`, ternaries and short-circuit
 * `&&`/`||`. Values are 64-bit-ish integers (JS numbers truncated toward zero).
 */

export class ArithError extends Error {
  constructor(
    message: string,
    /** The part of the expression the shell names in its message (`error token is "..."`). */
    readonly token: string,
  ) {
    super(message);
  }
}

export interface ArithVars {
  get(name: string, index?: number): string | undefined;
  set(name: string, value: string, index?: number): void;
}

type Tok = { t: 'num'; v: number } | { t: 'name'; v: string } | { t: 'op'; v: string } | { t: 'end' };

const OPS = ['<<=', '>>=', '**', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '&=', '^=', '|=', '+', '-', '*', '/', '%', '<', '>', '&', '^', '|', '!', '~', '?', ':', '=', '(', ')', ',', '[', ']'];

function tokenize(text: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(0[xX][0-9a-fA-F]+|\d+#[0-9a-zA-Z@_]+|\d+)/.exec(text.slice(i));
    if (num) {
      toks.push({ t: 'num', v: parseNumber(num[0]) });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (name) {
      toks.push({ t: 'name', v: name[0] });
      i += name[0].length;
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (!op) throw new ArithError('syntax error: operand expected', text.slice(i));
    toks.push({ t: 'op', v: op });
    i += op.length;
  }
  toks.push({ t: 'end' });
  return toks;
}

function parseNumber(text: string): number {
  if (/^0[xX]/.test(text)) return parseInt(text.slice(2), 16);
  const based = /^(\d+)#(.+)$/.exec(text);
  if (based) return parseInt(based[2]!, Number(based[1]));
  if (text.length > 1 && text.startsWith('0')) return parseInt(text, 8);
  return parseInt(text, 10);
}

const trunc = (n: number) => (Number.isFinite(n) ? Math.trunc(n) : 0);

/** An assignable place: a variable or an array element. */
interface Place {
  name: string;
  index?: number;
}

class Evaluator {
  private i = 0;

  constructor(
    private readonly toks: Tok[],
    private readonly vars: ArithVars,
    private readonly source: string,
    private readonly depth: number,
  ) {}

  private peek(): Tok {
    return this.toks[this.i]!;
  }

  private isOp(v: string): boolean {
    const t = this.peek();
    return t.t === 'op' && t.v === v;
  }

  private take(): Tok {
    return this.toks[this.i++]!;
  }

  private expect(v: string): void {
    if (!this.isOp(v)) throw new ArithError(`syntax error: \`${v}' expected`, this.rest());
    this.i++;
  }

  private rest(): string {
    const t = this.peek();
    return t.t === 'end' ? this.source.trim() : String(t.v);
  }

  run(): number {
    if (this.peek().t === 'end') return 0;
    const v = this.comma(true);
    if (this.peek().t !== 'end') throw new ArithError('syntax error in expression', this.rest());
    return v;
  }

  private comma(ev: boolean): number {
    let v = this.assign(ev);
    while (this.isOp(',')) {
      this.i++;
      v = this.assign(ev);
    }
    return v;
  }

  private value(place: Place): number {
    const raw = this.vars.get(place.name, place.index);
    if (raw === undefined || raw.trim() === '') return 0;
    const t = raw.trim();
    if (/^-?\d+$/.test(t)) return parseInt(t, 10);
    if (this.depth > 20) throw new ArithError('expression recursion level exceeded', t);
    return evalArithmetic(t, this.vars, this.depth + 1);
  }

  private assign(ev: boolean): number {
    const start = this.i;
    const t = this.peek();
    if (t.t === 'name') {
      this.i++;
      const place = this.placeTail(t.v, ev);
      const op = this.peek();
      if (op.t === 'op' && /^(=|\*=|\/=|%=|\+=|-=|<<=|>>=|&=|\^=|\|=)$/.test(op.v)) {
        this.i++;
        const rhs = this.assign(ev);
        if (!ev) return 0;
        const v = op.v === '=' ? rhs : binary(op.v.slice(0, -1), this.value(place), rhs, this.source);
        this.vars.set(place.name, String(v), place.index);
        return v;
      }
      this.i = start;
    }
    return this.ternary(ev);
  }

  private placeTail(name: string, ev: boolean): Place {
    if (this.isOp('[')) {
      this.i++;
      const index = this.comma(ev);
      this.expect(']');
      return { name, index };
    }
    return { name };
  }

  private ternary(ev: boolean): number {
    const c = this.binaryLevel(0, ev);
    if (!this.isOp('?')) return c;
    this.i++;
    const a = this.assign(ev && c !== 0);
    this.expect(':');
    const b = this.assign(ev && c === 0);
    return c !== 0 ? a : b;
  }

  private static readonly LEVELS = [['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '<=', '>', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];

  private binaryLevel(level: number, ev: boolean): number {
    if (level >= Evaluator.LEVELS.length) return this.power(ev);
    let left = this.binaryLevel(level + 1, ev);
    for (;;) {
      const t = this.peek();
      if (t.t !== 'op' || !Evaluator.LEVELS[level]!.includes(t.v)) return left;
      this.i++;
      if (t.v === '&&') {
        const right = this.binaryLevel(level + 1, ev && left !== 0);
        left = left !== 0 && right !== 0 ? 1 : 0;
      } else if (t.v === '||') {
        const right = this.binaryLevel(level + 1, ev && left === 0);
        left = left !== 0 || right !== 0 ? 1 : 0;
      } else {
        const right = this.binaryLevel(level + 1, ev);
        left = ev ? binary(t.v, left, right, this.source) : 0;
      }
    }
  }

  private power(ev: boolean): number {
    const base = this.unary(ev);
    if (!this.isOp('**')) return base;
    this.i++;
    const exp = this.power(ev);
    if (exp < 0) throw new ArithError('exponent less than 0', String(exp));
    return trunc(base ** exp);
  }

  private unary(ev: boolean): number {
    const t = this.peek();
    if (t.t === 'op') {
      if (t.v === '++' || t.v === '--') {
        this.i++;
        const name = this.take();
        if (name.t !== 'name') throw new ArithError('syntax error: operand expected', this.rest());
        const place = this.placeTail(name.v, ev);
        if (!ev) return 0;
        const v = this.value(place) + (t.v === '++' ? 1 : -1);
        this.vars.set(place.name, String(v), place.index);
        return v;
      }
      if (t.v === '!' || t.v === '~' || t.v === '-' || t.v === '+') {
        this.i++;
        const v = this.unary(ev);
        return t.v === '!' ? (v === 0 ? 1 : 0) : t.v === '~' ? ~v : t.v === '-' ? -v : v;
      }
    }
    return this.postfix(ev);
  }

  private postfix(ev: boolean): number {
    const t = this.take();
    if (t.t === 'num') return t.v;
    if (t.t === 'op' && t.v === '(') {
      const v = this.comma(ev);
      this.expect(')');
      return v;
    }
    if (t.t === 'name') {
      const place = this.placeTail(t.v, ev);
      if (this.isOp('++') || this.isOp('--')) {
        const op = (this.take() as { v: string }).v;
        if (!ev) return 0;
        const v = this.value(place);
        this.vars.set(place.name, String(v + (op === '++' ? 1 : -1)), place.index);
        return v;
      }
      return ev ? this.value(place) : 0;
    }
    this.i--;
    throw new ArithError('syntax error: operand expected', this.rest());
  }
}

function binary(op: string, a: number, b: number, source: string): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return trunc(a * b);
    case '/':
    case '%':
      if (b === 0) throw new ArithError('division by 0', source.split(op).pop()!.trim() || '0');
      return op === '/' ? trunc(a / b) : a % b;
    case '<<':
      return a * 2 ** b;
    case '>>':
      return Math.floor(a / 2 ** b);
    case '<':
      return a < b ? 1 : 0;
    case '<=':
      return a <= b ? 1 : 0;
    case '>':
      return a > b ? 1 : 0;
    case '>=':
      return a >= b ? 1 : 0;
    case '==':
      return a === b ? 1 : 0;
    case '!=':
      return a !== b ? 1 : 0;
    case '&':
      return a & b;
    case '^':
      return a ^ b;
    case '|':
      return a | b;
    default:
      throw new ArithError(`syntax error: invalid arithmetic operator`, op);
  }
}

/** Evaluate an (already expanded) arithmetic expression. Throws ArithError. */
export function evalArithmetic(text: string, vars: ArithVars, depth = 0): number {
  return new Evaluator(tokenize(text), vars, text, depth).run();
}
