/**
 * Go's text/tabwriter, which every kubectl table and `describe` output goes through: cells end at
 * tabs, a column is aligned across a block of consecutive lines that have a cell in it, and a
 * line's last (unterminated) cell is never padded. Same algorithm as the Go package, in our words.
 */

export interface TabwriterOptions {
  /** Minimal cell width, padding included. */
  minWidth: number;
  /** Spaces added to the widest cell of a column. */
  padding: number;
}

/** kubectl get (printers.GetNewTabWriter). */
export const TABLE_TABWRITER: TabwriterOptions = { minWidth: 6, padding: 3 };
/** kubectl describe (describe.go tabwriter.NewWriter(out, 0, 8, 2, ' ', 0)). */
export const DESCRIBE_TABWRITER: TabwriterOptions = { minWidth: 0, padding: 2 };

function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(ch) ? 2 : 1;
  return w;
}

/**
 * Align tab-separated text. Lines are separated by `\n`; a trailing newline is kept.
 * `remembered` carries column widths across calls (kubectl's fork of tabwriter with
 * RememberWidths, so the rows `get -w` prints later line up with the first table): a column is
 * never narrower than before, and the array is updated in place.
 */
export function tabwrite(text: string, options: TabwriterOptions, remembered?: number[]): string {
  const trailingNewline = text.endsWith('\n');
  const lines = (trailingNewline ? text.slice(0, -1) : text).split('\n').map((l) => l.split('\t'));
  const out: string[] = lines.map(() => '');
  const widths: number[] = [];

  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const cells = lines[i]!;
      let s = '';
      for (let j = 0; j < cells.length; j++) {
        const c = cells[j]!;
        s += j < widths.length && j < cells.length - 1 ? c + ' '.repeat(Math.max(0, widths[j]! - width(c))) : c;
      }
      out[i] = s;
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let start = line0;
    for (let cur = line0; cur < line1; cur++) {
      if (column >= lines[cur]!.length - 1) continue;
      writeLines(start, cur);
      start = cur;
      let w = options.minWidth;
      for (; cur < line1; cur++) {
        const cells = lines[cur]!;
        if (column >= cells.length - 1) break;
        w = Math.max(w, width(cells[column]!) + options.padding);
      }
      if (remembered) {
        w = Math.max(w, remembered[column] ?? 0);
        remembered[column] = w;
      }
      widths.push(w);
      format(start, cur);
      widths.pop();
      start = cur;
      cur--; // the for loop's increment re-examines `cur` (which ended the block)
    }
    writeLines(start, line1);
  };

  format(0, lines.length);
  return out.join('\n') + (trailingNewline ? '\n' : '');
}
