/**
 * The shell's syntax tree (POSIX sh grammar plus the bash extensions container scripts use:
 * arrays, `[[ ]]`, `(( ))`, C-style `for`, `function`). Words keep their quoting structure, because
 * expansion, field splitting and globbing all depend on what was quoted.
 */

export interface Word {
  parts: WordPart[];
  /** The source text, for keyword detection and error messages. */
  raw: string;
  /** The body, when this word is the delimiter after `<<` (read after the next newline). */
  heredoc?: HereDoc;
}

export type WordPart =
  | { kind: 'lit'; text: string; quoted: boolean }
  | { kind: 'param'; param: ParamExpansion; quoted: boolean }
  | { kind: 'cmdsub'; script: Script; quoted: boolean }
  | { kind: 'arith'; expr: Word; quoted: boolean }
  /** `name=(a b c)`: bash array literal elements. */
  | { kind: 'array'; elements: Word[] };

export type ParamOp =
  | ':-' | '-' | ':=' | '=' | ':+' | '+' | ':?' | '?'
  | '#' | '##' | '%' | '%%' | '/' | '//' | '/#' | '/%' | ':' | '^' | '^^' | ',' | ',,';

export interface ParamExpansion {
  name: string;
  /** `${arr[i]}`: the index word (`@` / `*` for all elements). */
  index?: Word;
  /** `${#name}` */
  length?: boolean;
  op?: ParamOp;
  arg?: Word;
  /** `${x/pat/rep}` replacement, `${x:off:len}` length. */
  arg2?: Word;
}

export interface Script {
  body: AndOr[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
  background: boolean;
  line: number;
}

export interface Pipeline {
  negate: boolean;
  commands: Command[];
  line: number;
}

export interface Redirect {
  fd?: number;
  op: '>' | '>>' | '<' | '<<' | '<<-' | '>&' | '<&' | '&>' | '&>>' | '>|' | '<>' | '<<<';
  target: Word;
  heredoc?: HereDoc;
}

export interface HereDoc {
  body: string;
  /** A quoted delimiter (`<<'EOF'`) turns expansion off. */
  quoted: boolean;
}

export interface Assignment {
  name: string;
  index?: Word;
  append: boolean;
  value: Word;
}

export type Command = (
  | { kind: 'simple'; assigns: Assignment[]; words: Word[] }
  | { kind: 'if'; clauses: { cond: Script; body: Script }[]; elseBody?: Script }
  | { kind: 'for'; name: string; items?: Word[]; body: Script }
  | { kind: 'cfor'; init: string; cond: string; step: string; body: Script }
  | { kind: 'while'; until: boolean; cond: Script; body: Script }
  | { kind: 'case'; word: Word; items: { patterns: Word[]; body: Script; fallthrough: boolean }[] }
  | { kind: 'group'; body: Script }
  | { kind: 'subshell'; body: Script }
  | { kind: 'function'; name: string; body: Command }
  | { kind: 'test'; words: Word[] }
  | { kind: 'arith'; expr: Word }
) & { redirects: Redirect[]; line: number };

/** A word made of one unquoted literal (keywords, `[[` operands...). */
export function plainText(word: Word): string | undefined {
  if (word.parts.length === 1) {
    const p = word.parts[0]!;
    if (p.kind === 'lit' && !p.quoted) return p.text;
  }
  return undefined;
}

export function literalWord(text: string, quoted = false): Word {
  return { parts: [{ kind: 'lit', text, quoted }], raw: text };
}
