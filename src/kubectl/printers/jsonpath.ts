/**
 * kubectl's JSONPath templates (k8s.io/client-go/util/jsonpath, in our words): literal text with
 * `{...}` actions — `.a.b`, `['a.b']`, `[0]`, `[-1]`, `[1:3]`, `[*]`, `..name` (recursive),
 * `[?(@.x=="y")]` filters, `{range EXPR}...{end}`, `{"\n"}` string literals. Missing keys print
 * nothing (kubectl allows them); an index out of range is an error, as upstream.
 */

export class JsonPathError extends Error {}
/** A failure while executing a parsed template (kubectl adds the template and object to these). */
export class JsonPathExecError extends JsonPathError {}

type Step =
  | { op: 'field'; name: string }
  | { op: 'recursive'; name: string }
  | { op: 'wildcard' }
  | { op: 'index'; index: number }
  | { op: 'slice'; start?: number; end?: number; step?: number }
  | { op: 'keys'; names: string[] }
  | { op: 'filter'; left: Step[]; cmp?: string; right?: Operand };

type Operand = { path: Step[] } | { literal: string | number | boolean | null };

type Node =
  | { type: 'text'; text: string }
  | { type: 'path'; steps: Step[] }
  | { type: 'range'; steps: Step[]; body: Node[] };

/** Parse a template; throws JsonPathError with upstream's wording. */
export function parseJsonPath(template: string): Node[] {
  const parts: ({ text: string } | { action: string })[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      parts.push({ text: template.slice(i) });
      break;
    }
    if (open > i) parts.push({ text: template.slice(i, open) });
    const close = findClose(template, open);
    if (close < 0) throw new JsonPathError(`error parsing jsonpath ${template}, unclosed action`);
    parts.push({ action: template.slice(open + 1, close).trim() });
    i = close + 1;
  }
  const root: Node[] = [];
  const stack: Node[][] = [root];
  for (const p of parts) {
    const cur = stack[stack.length - 1]!;
    if ('text' in p) {
      cur.push({ type: 'text', text: p.text });
      continue;
    }
    const a = p.action;
    if (a === 'end') {
      if (stack.length === 1) throw new JsonPathExecError('not in range, nothing to end');
      stack.pop();
    } else if (/^range\s/.test(a)) {
      const node: Node = { type: 'range', steps: parsePath(a.slice(5).trim(), template), body: [] };
      cur.push(node);
      stack.push(node.body);
    } else if (/^"(?:[^"\\]|\\.)*"$/.test(a)) {
      cur.push({ type: 'text', text: unquote(a) });
    } else {
      cur.push({ type: 'path', steps: parsePath(a, template) });
    }
  }
  return root;
}

function findClose(s: string, open: number): number {
  let quote = '';
  for (let i = open + 1; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '}') return i;
  }
  return -1;
}

function unquote(q: string): string {
  return q.slice(1, -1).replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"' })[c] ?? c);
}

/** `.a.b[0]..c[?(@.x=="y")]` (leading `@` or `$` allowed). */
function parsePath(text: string, template: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  if (text[0] === '@' || text[0] === '$') i = 1;
  const fail = (why: string): never => {
    throw new JsonPathError(`error parsing jsonpath ${template}, ${why}`);
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '.') {
      const recursive = text[i + 1] === '.';
      i += recursive ? 2 : 1;
      let name = '';
      while (i < text.length && text[i] !== '.' && text[i] !== '[') {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        name += text[i++];
      }
      if (name === '*') steps.push({ op: 'wildcard' });
      else if (recursive) steps.push({ op: 'recursive', name });
      else if (name !== '') steps.push({ op: 'field', name });
    } else if (c === '[') {
      const close = findBracket(text, i);
      if (close < 0) fail('unterminated array');
      steps.push(parseBracket(text.slice(i + 1, close).trim(), fail, template));
      i = close + 1;
    } else if (/\s/.test(c)) {
      i++;
    } else {
      // A bare word: kubectl treats `{name}` like `{.name}` only in relaxed contexts; here it is a field.
      let name = '';
      while (i < text.length && text[i] !== '.' && text[i] !== '[') name += text[i++];
      steps.push({ op: 'field', name: name.trim() });
    }
  }
  return steps;
}

function findBracket(s: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let i = open; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  return -1;
}

function parseBracket(inner: string, fail: (why: string) => never, template: string): Step {
  if (inner === '*') return { op: 'wildcard' };
  if (inner.startsWith('?(') && inner.endsWith(')')) return parseFilter(inner.slice(2, -1).trim(), fail, template);
  if (/^'.*'$|^".*"$/.test(inner) || inner.includes("','")) {
    return { op: 'keys', names: inner.split(',').map((s) => s.trim().replace(/^['"]|['"]$/g, '')) };
  }
  if (inner.includes(':')) {
    const [a, b, c] = inner.split(':').map((s) => s.trim());
    const num = (s: string | undefined) => {
      if (s === undefined || s === '') return undefined;
      if (!/^-?\d+$/.test(s)) fail(`invalid array index ${s}`);
      return parseInt(s, 10);
    };
    const step: Step = { op: 'slice' };
    const start = num(a);
    const end = num(b);
    const by = num(c);
    if (start !== undefined) step.start = start;
    if (end !== undefined) step.end = end;
    if (by !== undefined) step.step = by;
    return step;
  }
  if (!/^-?\d+$/.test(inner)) fail(`invalid array index ${inner}`);
  return { op: 'index', index: parseInt(inner, 10) };
}

function parseFilter(expr: string, fail: (why: string) => never, template: string): Step {
  const m = /^(.*?)\s*(==|!=|<=|>=|<|>|=~)\s*(.*)$/.exec(expr);
  if (!m) return { op: 'filter', left: parsePath(expr, template) };
  const operand = (s: string): Operand => {
    if (/^'.*'$|^".*"$/.test(s)) return { literal: s.slice(1, -1) };
    if (/^-?\d+(\.\d+)?$/.test(s)) return { literal: Number(s) };
    if (s === 'true' || s === 'false') return { literal: s === 'true' };
    if (s === 'nil' || s === 'null') return { literal: null };
    if (s.startsWith('@') || s.startsWith('$') || s.startsWith('.')) return { path: parsePath(s, template) };
    return fail(`unrecognized character in action: ${s}`);
  };
  return { op: 'filter', left: parsePath(m[1]!.trim(), template), cmp: m[2]!, right: operand(m[3]!.trim()) };
}

// ---- evaluation ----

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function sortedKeys(m: Record<string, unknown>): string[] {
  return Object.keys(m).sort();
}

function applyStep(values: unknown[], step: Step, root: unknown): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    switch (step.op) {
      case 'field':
        if (isMap(v) && step.name in v && v[step.name] !== undefined) out.push(v[step.name]);
        break;
      case 'keys':
        if (isMap(v)) for (const k of step.names) if (k in v) out.push(v[k]);
        break;
      case 'wildcard':
        if (Array.isArray(v)) out.push(...v);
        else if (isMap(v)) for (const k of sortedKeys(v)) out.push(v[k]);
        break;
      case 'index': {
        if (!Array.isArray(v)) break;
        const idx = step.index < 0 ? v.length + step.index : step.index;
        if (idx < 0 || idx >= v.length) throw new JsonPathExecError(`array index out of bounds: index ${idx}, length ${v.length}`);
        out.push(v[idx]);
        break;
      }
      case 'slice': {
        if (!Array.isArray(v)) break;
        const clamp = (n: number) => Math.min(Math.max(n < 0 ? v.length + n : n, 0), v.length);
        const start = clamp(step.start ?? 0);
        const end = clamp(step.end ?? v.length);
        for (let i = start; i < end; i += Math.max(1, step.step ?? 1)) out.push(v[i]);
        break;
      }
      case 'recursive':
        collect(v, step.name, out);
        break;
      case 'filter': {
        const items = Array.isArray(v) ? v : [v];
        for (const item of items) if (filterMatches(item, step, root)) out.push(item);
        break;
      }
    }
  }
  return out;
}

/** `..name`: every value under a key `name`, depth first, keys in sorted order. */
function collect(v: unknown, name: string, out: unknown[]): void {
  if (Array.isArray(v)) {
    for (const x of v) collect(x, name, out);
  } else if (isMap(v)) {
    if (name in v) out.push(v[name]);
    for (const k of sortedKeys(v)) if (k !== name || isMap(v[k]) || Array.isArray(v[k])) collect(v[k], name, out);
  }
}

function filterMatches(item: unknown, step: Extract<Step, { op: 'filter' }>, root: unknown): boolean {
  const left = evaluate(step.left, item, root);
  if (!step.cmp || !step.right) return left.length > 0;
  const rights = 'literal' in step.right ? [step.right.literal] : evaluate(step.right.path, item, root);
  for (const l of left) {
    for (const r of rights) {
      if (compare(l, step.cmp, r)) return true;
    }
  }
  return false;
}

function compare(l: unknown, cmp: string, r: unknown): boolean {
  switch (cmp) {
    case '==':
      return l === r || String(l) === String(r);
    case '!=':
      return !(l === r || String(l) === String(r));
    case '<':
      return Number(l) < Number(r);
    case '>':
      return Number(l) > Number(r);
    case '<=':
      return Number(l) <= Number(r);
    case '>=':
      return Number(l) >= Number(r);
    case '=~':
      try {
        return new RegExp(String(r)).test(String(l));
      } catch {
        return false;
      }
    default:
      return false;
  }
}

function evaluate(steps: Step[], current: unknown, root: unknown): unknown[] {
  let values = [current];
  for (const s of steps) values = applyStep(values, s, root);
  return values;
}

/** Every value each action selects, in order (for `jsonpath-as-json` and custom columns). */
export function findResults(template: string | Node[], data: unknown): unknown[][] {
  const nodes = typeof template === 'string' ? parseJsonPath(template) : template;
  const results: unknown[][] = [];
  const walk = (list: Node[], current: unknown) => {
    for (const n of list) {
      if (n.type === 'text') continue;
      if (n.type === 'path') results.push(evaluate(n.steps, current, data));
      else for (const item of evaluate(n.steps, current, data)) walk(n.body, item);
    }
  };
  walk(nodes, data);
  return results;
}

/** Text as `-o jsonpath=` prints it: strings raw, other values as compact JSON, several joined by spaces. */
export function executeJsonPath(template: string | Node[], data: unknown): string {
  const nodes = typeof template === 'string' ? parseJsonPath(template) : template;
  let out = '';
  const walk = (list: Node[], current: unknown) => {
    for (const n of list) {
      if (n.type === 'text') out += n.text;
      else if (n.type === 'path') out += evaluate(n.steps, current, data).map(printValue).join(' ');
      else for (const item of evaluate(n.steps, current, data)) walk(n.body, item);
    }
  };
  walk(nodes, data);
  return out;
}

function printValue(v: unknown): string {
  if (typeof v === 'string') return v;
  return compactJson(v);
}

/** JSON with sorted map keys, as Go's encoding/json writes a map. */
export function compactJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(compactJson).join(',')}]`;
  if (isMap(v)) return `{${sortedKeys(v).filter((k) => v[k] !== undefined).map((k) => `${JSON.stringify(k)}:${compactJson(v[k])}`).join(',')}}`;
  return v === undefined ? 'null' : JSON.stringify(v);
}

/** Go's `%v` of a decoded JSON value (custom-columns cells): `map[a:b]`, `[x y]`, `<nil>`. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (isMap(v)) return `map[${sortedKeys(v).map((k) => `${k}:${goValue(v[k])}`).join(' ')}]`;
  return String(v);
}

/** Go's `%#v` of a decoded JSON value, for the "object given to jsonpath engine was" dump. */
export function goSyntax(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSyntax).join(', ')}}`;
  if (isMap(v)) return `map[string]interface {}{${sortedKeys(v).map((k) => `${JSON.stringify(k)}:${goSyntax(v[k])}`).join(', ')}}`;
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/**
 * kubectl's RelaxedJSONPathExpression (custom-columns, --sort-by): `a.b`, `.a.b`, `{a.b}` and
 * `{.a.b}` all mean `{.a.b}`.
 */
export function relaxedJsonPath(expr: string): string {
  if (expr.trim() === '') return expr;
  const m = /^\{?(\.?[^{}]*)\}?$/.exec(expr);
  if (!m) throw new JsonPathError(`unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'`);
  const inner = m[1]!;
  return `{${inner.startsWith('.') || inner.startsWith('[') ? inner : `.${inner}`}}`;
}
