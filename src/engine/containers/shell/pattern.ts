/**
 * Shell pattern matching (`case`, `[[ == ]]`, `${x#pat}`, pathname globbing): `*`, `?`, `[...]`
 * (with `!`/`^` negation) and backslash-escaped literals. Expansion marks quoted characters by
 * escaping them, so `"*"` never globs.
 */
import { memoByString } from '../../api/memo.ts';

/** Escape every pattern-special character of `text` (quoted text is literal). */
export function escapePattern(text: string): string {
  return text.replace(/[\\*?[\]]/g, (c) => `\\${c}`);
}

/** Remove the escapes `escapePattern` added. */
export function unescapePattern(pattern: string): string {
  return pattern.replace(/\\(.)/g, '$1');
}

/** Whether a pattern has an unescaped `*`, `?` or a complete `[...]` bracket expression. */
export function hasGlob(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?') return true;
    else if (c === '[' && pattern.indexOf(']', i + 2) > 0) return true;
  }
  return false;
}

function toRegexSource(pattern: string, pathname: boolean): string {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const n = pattern[++i];
      if (n !== undefined) re += n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      continue;
    }
    if (c === '*') re += pathname ? '[^/]*' : '[\\s\\S]*';
    else if (c === '?') re += pathname ? '[^/]' : '[\\s\\S]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      body = body.replace(/\\(.)/g, '$1').replace(/[\\\]^]/g, '\\$&').replace(/\[:(\w+):\]/g, (_, cls: string) => POSIX_CLASSES[cls] ?? '');
      re += `[${negate ? '^' : ''}${body}]`;
      i = close;
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return re;
}

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  xdigit: '0-9A-Fa-f',
  punct: '!-\\/:-@\\[-`{-~',
};

/** Compiled patterns, for file names (`*` and `?` stop at `/`) and for other words. */
const compiled = [false, true].map((pathname) => memoByString((pattern) => new RegExp(`^${toRegexSource(pattern, pathname)}$`), 500));

export function patternRegex(pattern: string, pathname = false): RegExp {
  return compiled[Number(pathname)]!(pattern);
}

export function matchPattern(text: string, pattern: string): boolean {
  return patternRegex(pattern).test(text);
}

/** `${x#p}` / `${x##p}`: remove the shortest / longest matching prefix. */
export function removePrefix(text: string, pattern: string, longest: boolean): string {
  const re = patternRegex(pattern);
  if (longest) {
    for (let n = text.length; n >= 0; n--) if (re.test(text.slice(0, n))) return text.slice(n);
  } else {
    for (let n = 0; n <= text.length; n++) if (re.test(text.slice(0, n))) return text.slice(n);
  }
  return text;
}

/** `${x%p}` / `${x%%p}`: remove the shortest / longest matching suffix. */
export function removeSuffix(text: string, pattern: string, longest: boolean): string {
  const re = patternRegex(pattern);
  if (longest) {
    for (let n = 0; n <= text.length; n++) if (re.test(text.slice(n))) return text.slice(0, n);
  } else {
    for (let n = text.length; n >= 0; n--) if (re.test(text.slice(n))) return text.slice(0, n);
  }
  return text;
}

/** bash `${x/p/r}` family. */
export function replacePattern(text: string, pattern: string, replacement: string, mode: '/' | '//' | '/#' | '/%'): string {
  const re = patternRegex(pattern);
  if (mode === '/#') {
    for (let n = text.length; n >= 0; n--) if (re.test(text.slice(0, n))) return replacement + text.slice(n);
    return text;
  }
  if (mode === '/%') {
    for (let n = 0; n <= text.length; n++) if (re.test(text.slice(n))) return text.slice(0, n) + replacement;
    return text;
  }
  let out = '';
  let i = 0;
  let replaced = false;
  while (i <= text.length) {
    let matched = -1;
    if (!(replaced && mode === '/') && pattern !== '') {
      for (let n = text.length; n > i; n--) {
        if (re.test(text.slice(i, n))) {
          matched = n;
          break;
        }
      }
    }
    if (matched > i) {
      out += replacement;
      i = matched;
      replaced = true;
    } else {
      if (i < text.length) out += text[i];
      i++;
    }
  }
  return out;
}
