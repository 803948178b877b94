/**
 * `echo` and `printf` formatting, shared by the shell built-ins and the standalone programs:
 * printf's format reuse, conversions (%s %b %c %d %i %u %o %x %X %e %f %g %%), flags, width and
 * precision, and backslash escapes; echo's dialects (bash/busybox need -e, dash always escapes).
 */

/** Interpret `\n`, `\t`, `\\`, `\0NNN`, `\xHH`... ; `\c` stops all output (returns stop=true). */
export function backslashEscapes(text: string, octalNeedsZero: boolean): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const n = text[++i]!;
    switch (n) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'a':
        out += '\x07';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'v':
        out += '\v';
        break;
      case 'e':
        out += '\x1b';
        break;
      case '\\':
        out += '\\';
        break;
      case 'c':
        return { text: out, stop: true };
      case 'x': {
        const m = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 1));
        if (m) {
          out += String.fromCharCode(parseInt(m[0], 16));
          i += m[0].length;
        } else out += '\\x';
        break;
      }
      default:
        if (octalNeedsZero ? n === '0' : /[0-7]/.test(n)) {
          const start = octalNeedsZero ? i + 1 : i;
          const digits = /^[0-7]{1,3}/.exec(text.slice(start))?.[0] ?? '';
          out += String.fromCharCode(parseInt(digits || '0', 8));
          i = start + digits.length - 1;
        } else out += `\\${n}`;
    }
  }
  return { text: out, stop: false };
}

export type EchoDialect = 'bash' | 'busybox' | 'dash';

/** echo's output for `args` (after the command name). */
export function echoText(args: string[], dialect: EchoDialect): string {
  let newline = true;
  let escapes = dialect === 'dash';
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (!/^-[neE]+$/.test(a) || (dialect === 'dash' && a !== '-n')) break;
    for (const f of a.slice(1)) {
      if (f === 'n') newline = false;
      else if (f === 'e') escapes = true;
      else if (f === 'E') escapes = false;
    }
  }
  let text = args.slice(i).join(' ');
  if (escapes) {
    const r = backslashEscapes(text, true);
    if (r.stop) return r.text;
    text = r.text;
  }
  return newline ? `${text}\n` : text;
}

/** printf: returns the output and an error for a bad number (printf still prints, status 1). */
export function printfFormat(format: string, args: string[]): { out: string; errors: string[] } {
  const errors: string[] = [];
  let out = '';
  let argi = 0;
  const next = () => args[argi++];
  for (;;) {
    const consumedBefore = argi;
    let stop = false;
    for (let i = 0; i < format.length && !stop; i++) {
      const c = format[i]!;
      if (c === '\\') {
        const m = /^\\([0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/.exec(format.slice(i));
        const seq = m ? m[0] : '\\';
        const one = backslashEscapes(seq, false);
        out += one.text;
        if (one.stop) stop = true;
        i += seq.length - 1;
        continue;
      }
      if (c !== '%') {
        out += c;
        continue;
      }
      const spec = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([a-zA-Z%])/.exec(format.slice(i));
      if (!spec) {
        out += c;
        continue;
      }
      i += spec[0].length - 1;
      const flags = spec[1]!;
      const width = spec[2] === '*' ? Number(next() ?? 0) : spec[2] !== undefined ? Number(spec[2]) : undefined;
      const precision = spec[3] === '*' ? Number(next() ?? 0) : spec[3] !== undefined ? Number(spec[3]) : undefined;
      const conv = spec[4]!;
      if (conv === '%') {
        out += '%';
        continue;
      }
      const arg = next();
      let body: string;
      switch (conv) {
        case 's':
          body = arg ?? '';
          if (precision !== undefined) body = body.slice(0, precision);
          break;
        case 'b': {
          const r = backslashEscapes(arg ?? '', true);
          body = r.text;
          if (r.stop) stop = true;
          break;
        }
        case 'c':
          body = (arg ?? '').charAt(0);
          break;
        case 'd':
        case 'i':
        case 'u':
        case 'o':
        case 'x':
        case 'X': {
          const n = toInteger(arg, errors);
          let digits = conv === 'o' ? Math.abs(n).toString(8) : conv === 'x' ? Math.abs(n).toString(16) : conv === 'X' ? Math.abs(n).toString(16).toUpperCase() : String(Math.abs(n));
          if (precision !== undefined) digits = digits.padStart(precision, '0');
          if (flags.includes('#') && n !== 0 && (conv === 'x' || conv === 'X')) digits = `0${conv}${digits}`;
          const sign = n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
          body = sign + digits;
          if (flags.includes('0') && !flags.includes('-') && width !== undefined && precision === undefined) body = sign + digits.padStart(width - sign.length, '0');
          break;
        }
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G': {
          const n = toFloat(arg, errors);
          const p = precision ?? 6;
          body = conv === 'f' || conv === 'F' ? n.toFixed(p) : conv === 'e' || conv === 'E' ? cExponent(n.toExponential(p)) : String(Number(n.toPrecision(p || 1)));
          if (conv === 'E' || conv === 'G') body = body.toUpperCase();
          if (n >= 0 && flags.includes('+')) body = `+${body}`;
          if (flags.includes('0') && !flags.includes('-') && width !== undefined) body = body.padStart(width, '0');
          break;
        }
        default:
          body = '';
      }
      if (width !== undefined && body.length < width) body = flags.includes('-') ? body.padEnd(width) : body.padStart(width);
      out += body;
    }
    if (stop || argi >= args.length || argi === consumedBefore) break;
  }
  return { out, errors };
}

/** C's `%e` writes at least two exponent digits: 1.5e+00. */
function cExponent(text: string): string {
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

function toInteger(arg: string | undefined, errors: string[]): number {
  if (arg === undefined || arg === '') return 0;
  const t = arg.trim();
  if (/^[+-]?\d+$/.test(t)) return parseInt(t, 10);
  if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(t)) return parseInt(t, 16);
  if (/^['"]./.test(t)) return t.charCodeAt(1);
  errors.push(`${arg}: invalid number`);
  const lead = /^[+-]?\d+/.exec(t);
  return lead ? parseInt(lead[0], 10) : 0;
}

function toFloat(arg: string | undefined, errors: string[]): number {
  if (arg === undefined || arg === '') return 0;
  const n = Number(arg.trim());
  if (Number.isNaN(n)) {
    errors.push(`${arg}: invalid number`);
    return 0;
  }
  return n;
}
