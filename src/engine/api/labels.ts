/**
 * Label selectors, as apimachinery's `labels` package: the structured form (matchLabels +
 * matchExpressions) and the string form (`app=web,tier in (fe,be),!canary,env!=prod`).
 *
 * A parsed selector is a list of requirements, ANDed. `NotIn` and `!=` match when the key is absent.
 */
import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1';
import { memoByString } from './memo.ts';

export type Labels = Readonly<Record<string, string>> | undefined;

export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Equals' | 'NotEquals' | 'Gt' | 'Lt';

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

/** A selector: requirements ANDed together. `null` selects nothing, `[]` selects everything. */
export type Selector = Requirement[] | null;

export function matchesRequirement(req: Requirement, labels: Labels): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = has ? labels![req.key]! : undefined;
  switch (req.operator) {
    case 'In':
    case 'Equals':
      return has && req.values.includes(value!);
    case 'NotIn':
    case 'NotEquals':
      return !has || !req.values.includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || !/^-?\d+$/.test(value!)) return false;
      const n = parseInt(value!, 10);
      const bound = parseInt(req.values[0] ?? '', 10);
      return req.operator === 'Gt' ? n > bound : n < bound;
    }
  }
}

export function matches(selector: Selector, labels: Labels): boolean {
  if (selector === null) return false;
  for (const req of selector) if (!matchesRequirement(req, labels)) return false;
  return true;
}

/**
 * metav1.LabelSelectorAsSelector: an absent selector selects nothing, an empty one everything.
 * Invalid operators yield an Error (callers turn it into a validation message).
 */
export function fromLabelSelector(ls: LabelSelector | undefined | null): Selector | Error {
  if (!ls) return null;
  const reqs: Requirement[] = [];
  for (const key of Object.keys(ls.matchLabels ?? {}).sort()) {
    reqs.push({ key, operator: 'In', values: [ls.matchLabels![key]!] });
  }
  for (const expr of ls.matchExpressions ?? []) {
    const r = fromExpression(expr);
    if (r instanceof Error) return r;
    reqs.push(r);
  }
  return reqs;
}

function fromExpression(expr: LabelSelectorRequirement): Requirement | Error {
  const values = [...(expr.values ?? [])];
  switch (expr.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) return new Error(`values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty`);
      return { key: expr.key, operator: expr.operator, values };
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) return new Error(`values: Invalid value: ${JSON.stringify(values)}: values set must be empty for exists and does not exist`);
      return { key: expr.key, operator: expr.operator, values: [] };
    default:
      return new Error(`"${expr.operator}" is not a valid label selector operator`);
  }
}

/** Selector matching a LabelSelector (convenience: invalid selectors match nothing). */
export function labelSelectorMatches(ls: LabelSelector | undefined | null, labels: Labels): boolean {
  const sel = fromLabelSelector(ls);
  return !(sel instanceof Error) && matches(sel, labels);
}

/** The string form kubectl prints (`app=web,tier in (be,fe)`), or `<none>` for an empty selector. */
export function formatLabelSelector(ls: LabelSelector | undefined | null): string {
  if (!ls) return '<none>';
  const sel = fromLabelSelector(ls);
  if (sel instanceof Error || sel === null) return '<none>';
  if (sel.length === 0) return '<none>';
  return formatSelector(sel);
}

export function formatSelector(sel: Requirement[]): string {
  return sel
    .map((r) => {
      const vals = [...r.values].sort();
      switch (r.operator) {
        case 'In':
        case 'Equals':
          return vals.length === 1 ? `${r.key}=${vals[0]}` : `${r.key} in (${vals.join(',')})`;
        case 'NotIn':
        case 'NotEquals':
          return vals.length === 1 && r.operator === 'NotEquals' ? `${r.key}!=${vals[0]}` : `${r.key} notin (${vals.join(',')})`;
        case 'Exists':
          return r.key;
        case 'DoesNotExist':
          return `!${r.key}`;
        case 'Gt':
          return `${r.key}>${vals[0]}`;
        case 'Lt':
          return `${r.key}<${vals[0]}`;
      }
    })
    .join(',');
}

/** `k=v,k2=v2` for a map, sorted by key (kubectl's `labels.FormatLabels`), `<none>` when empty. */
export function formatLabels(labels: Labels): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/**
 * Parse the string form (`kubectl get -l ...`). Grammar as apimachinery: comma-separated
 * requirements; `k`, `!k`, `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k>n`, `k<n`.
 */
export function parseSelector(text: string): Selector | Error {
  const reqs: Requirement[] = [];
  const src = text.trim();
  if (src === '') return [];
  let i = 0;
  const skipWs = () => {
    while (i < src.length && /\s/.test(src[i]!)) i++;
  };
  const readKey = () => {
    const start = i;
    while (i < src.length && !/[\s,=!<>()]/.test(src[i]!)) i++;
    return src.slice(start, i);
  };
  const readValue = () => {
    const start = i;
    while (i < src.length && !/[\s,()]/.test(src[i]!)) i++;
    return src.slice(start, i);
  };
  while (i < src.length) {
    skipWs();
    let negated = false;
    if (src[i] === '!') {
      negated = true;
      i++;
      skipWs();
    }
    const key = readKey();
    if (!key) return new Error(`unable to parse requirement: found '${src[i] ?? ''}', expected: identifier`);
    const keyErr = validateLabelKey(key);
    if (keyErr) return new Error(`unable to parse requirement: ${keyErr}`);
    skipWs();
    if (negated) {
      reqs.push({ key, operator: 'DoesNotExist', values: [] });
    } else if (i >= src.length || src[i] === ',') {
      reqs.push({ key, operator: 'Exists', values: [] });
    } else if (src.startsWith('!=', i)) {
      i += 2;
      skipWs();
      reqs.push({ key, operator: 'NotEquals', values: [readValue()] });
    } else if (src.startsWith('==', i) || src[i] === '=') {
      i += src.startsWith('==', i) ? 2 : 1;
      skipWs();
      reqs.push({ key, operator: 'Equals', values: [readValue()] });
    } else if (src[i] === '>' || src[i] === '<') {
      const op = src[i] === '>' ? 'Gt' : 'Lt';
      i++;
      skipWs();
      const v = readValue();
      if (!/^-?\d+$/.test(v)) return new Error(`unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`);
      reqs.push({ key, operator: op, values: [v] });
    } else {
      const word = readKey();
      const op = word === 'in' ? 'In' : word === 'notin' ? 'NotIn' : undefined;
      if (!op) return new Error(`unable to parse requirement: found '${word}', expected: in, notin, =, ==, !=, gt, lt`);
      skipWs();
      if (src[i] !== '(') return new Error(`unable to parse requirement: found '${src[i] ?? ''}', expected: '('`);
      i++;
      const values: string[] = [];
      for (;;) {
        skipWs();
        values.push(readValue());
        skipWs();
        if (src[i] === ',') {
          i++;
          continue;
        }
        if (src[i] === ')') {
          i++;
          break;
        }
        return new Error(`unable to parse requirement: found '${src[i] ?? ''}', expected: ',', ')'`);
      }
      reqs.push({ key, operator: op, values: values.filter((v) => v !== '') });
    }
    skipWs();
    if (i < src.length) {
      if (src[i] !== ',') return new Error(`found '${src[i]}', expected: ',' or 'end of string'`);
      i++;
    }
  }
  return reqs;
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Validates a label key (optional DNS-subdomain prefix + `/` + qualified name). Returns an error text. */
export const validateLabelKey: (key: string) => string | undefined = memoByString(labelKeyError, 1024);

function labelKeyError(key: string): string | undefined {
  const parts = key.split('/');
  let name = key;
  if (parts.length === 2) {
    const [prefix, n] = parts as [string, string];
    if (prefix.length === 0) return `prefix part must be non-empty`;
    if (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) {
      return `prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
    }
    name = n;
  } else if (parts.length > 2) {
    return `a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`;
  }
  if (name.length === 0) return 'name part must be non-empty';
  if (name.length > 63) return 'name part must be no more than 63 characters';
  if (!QUALIFIED_NAME.test(name)) {
    return `name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`;
  }
  return undefined;
}

/** Validates a label value. Returns an error text. */
export function validateLabelValue(value: string): string | undefined {
  if (value.length > 63) return 'must be no more than 63 characters';
  if (!LABEL_VALUE.test(value)) {
    return `a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`;
  }
  return undefined;
}
