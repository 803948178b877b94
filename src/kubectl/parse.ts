/**
 * Command-line parsing as a POSIX shell splits words (quotes, backslashes; no expansion) and as
 * cobra/pflag reads flags: `--flag=value`, `--flag value`, `-o json`, `-ojson`, `-o=json`,
 * grouped short booleans (`-it`), repeated flags for arrays, and `--` ending flag parsing.
 */

/** Split a command line into words. Returns an Error for an unterminated quote. */
export function splitCommandLine(line: string): string[] | Error {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return new Error('unexpected EOF while looking for matching `\'\'');
      cur += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      let closed = false;
      while (i < line.length) {
        const d = line[i]!;
        if (d === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1]!)) {
          cur += line[i + 1];
          i += 2;
        } else if (d === '"') {
          closed = true;
          i++;
          break;
        } else {
          cur += d;
          i++;
        }
      }
      if (!closed) return new Error('unexpected EOF while looking for matching `"\'');
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[i + 1];
      inWord = true;
      i += 2;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
      i++;
    } else {
      cur += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

export type FlagType = 'string' | 'bool' | 'int' | 'strings' | 'stringArray' | 'duration';

export interface FlagDef {
  name: string;
  short?: string;
  type: FlagType;
  default?: string | number | boolean | string[];
  usage: string;
  /** Omitted from `--help` (deprecated aliases). */
  hidden?: boolean;
}

export type FlagValue = string | number | boolean | string[];

export interface ParsedArgs {
  args: string[];
  flags: Record<string, FlagValue>;
  /** Names of flags given explicitly on the command line. */
  set: Set<string>;
  /** Arguments after a bare `--` (e.g. `exec pod -- cmd`). */
  dashArgs?: string[];
}

export class FlagError extends Error {}

const BOOL_WORDS: Record<string, boolean> = { true: true, false: false, '1': true, '0': false, t: true, f: false, TRUE: true, FALSE: false, True: true, False: false };

function convert(def: FlagDef, raw: string): FlagValue {
  switch (def.type) {
    case 'bool': {
      const b = BOOL_WORDS[raw];
      if (b === undefined) throw new FlagError(`invalid argument "${raw}" for "${def.short ? `-${def.short}, ` : ''}--${def.name}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
      return b;
    }
    case 'int': {
      if (!/^-?\d+$/.test(raw)) throw new FlagError(`invalid argument "${raw}" for "${def.short ? `-${def.short}, ` : ''}--${def.name}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`);
      return parseInt(raw, 10);
    }
    default:
      return raw;
  }
}

/** Parse `argv` against flag definitions (cobra's interspersed flags and arguments). */
export function parseFlags(argv: readonly string[], defs: readonly FlagDef[]): ParsedArgs {
  const byName = new Map(defs.map((d) => [d.name, d]));
  const byShort = new Map(defs.filter((d) => d.short).map((d) => [d.short!, d]));
  const flags: Record<string, FlagValue> = {};
  for (const d of defs) if (d.default !== undefined) flags[d.name] = Array.isArray(d.default) ? [...d.default] : d.default;
  const set = new Set<string>();
  const args: string[] = [];
  const assign = (def: FlagDef, raw: string) => {
    set.add(def.name);
    if (def.type === 'strings' || def.type === 'stringArray') {
      const prev = set.has(`${def.name}#seen`) ? (flags[def.name] as string[]) : [];
      const parts = def.type === 'strings' ? raw.split(',').filter((p) => p !== '') : [raw];
      flags[def.name] = [...prev, ...parts];
      set.add(`${def.name}#seen`);
    } else flags[def.name] = convert(def, raw);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      const dashArgs = argv.slice(i + 1);
      for (const s of [...set]) if (s.endsWith('#seen')) set.delete(s);
      return { args, flags, set, dashArgs };
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const def = byName.get(name);
      if (!def) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) assign(def, a.slice(eq + 1));
      else if (def.type === 'bool') assign(def, 'true');
      else {
        if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: --${name}`);
        assign(def, argv[++i]!);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && a !== '-') {
      // One or more short flags: -it, -o json, -ojson, -o=json, -n=default
      for (let j = 1; j < a.length; j++) {
        const ch = a[j]!;
        const def = byShort.get(ch);
        if (!def) throw new FlagError(`unknown shorthand flag: '${ch}' in ${a}`);
        if (def.type === 'bool') {
          if (a[j + 1] === '=') {
            assign(def, a.slice(j + 2));
            break;
          }
          assign(def, 'true');
          continue;
        }
        let rest = a.slice(j + 1);
        if (rest.startsWith('=')) rest = rest.slice(1);
        if (rest !== '') assign(def, rest);
        else {
          if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: '${ch}' in -${ch}`);
          assign(def, argv[++i]!);
        }
        break;
      }
      continue;
    }
    args.push(a);
  }
  for (const s of [...set]) if (s.endsWith('#seen')) set.delete(s);
  return { args, flags, set };
}
