/** Help-text pieces shared by `--help` and `kubectl options`, in kubectl's layout. */
import type { FlagDef } from './parse.ts';

function flagDefault(f: FlagDef): string {
  if (Array.isArray(f.default)) return `[${f.default.join(',')}]`;
  if (typeof f.default === 'string') return `'${f.default}'`;
  return String(f.default ?? (f.type === 'bool' ? false : ''));
}

/** The `Options:` block: one `-s, --name=default:` line and a tab-indented usage per flag, sorted. */
export function optionsText(flags: readonly FlagDef[]): string {
  const lines: string[] = [];
  for (const f of [...flags].filter((f) => !f.hidden).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    lines.push(`    ${f.short ? `-${f.short}, ` : ''}--${f.name}=${flagDefault(f)}:`, `\t${f.usage}`, '');
  }
  return lines.join('\n');
}

