/**
 * Table output as kubectl's printers render it: a registry of per-kind column printers (the
 * `pkg/printers/internalversion/printers.go` handlers) and Go tabwriter layout (3 spaces of
 * padding, minimum cell width 6, the last column unpadded).
 */
import { type KubeObject, age } from '../../engine/index.ts';

export interface RowContext {
  nowMs: number;
  /** Objects of other kinds a printer may need (e.g. a node's pods). */
  list?: (kind: string) => KubeObject[];
}

export interface TablePrinter {
  /** Default columns (NAME first). */
  columns: string[];
  /** Extra columns for `-o wide`, appended. */
  wide?: string[];
  row(obj: KubeObject, ctx: RowContext): { cells: string[]; wide?: string[] };
}

const printers = new Map<string, TablePrinter>();

export function registerTablePrinter(kind: string, printer: TablePrinter): void {
  printers.set(kind, printer);
}

/** The printer for a kind; kinds without one print NAME and AGE, as for CRDs without columns. */
export function tablePrinter(kind: string): TablePrinter {
  return (
    printers.get(kind) ?? {
      columns: ['NAME', 'AGE'],
      row: (obj, ctx) => ({ cells: [obj.metadata.name, age(obj.metadata.creationTimestamp, ctx.nowMs)] }),
    }
  );
}

const MIN_WIDTH = 6;
const PADDING = 3;

/** Lay out rows like Go's tabwriter with kubectl's settings. */
export function renderTable(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      if (i < row.length - 1) widths[i] = Math.max(widths[i] ?? 0, Math.max(MIN_WIDTH, displayWidth(cell) + PADDING));
    });
  }
  return rows
    .map((row) => row.map((cell, i) => (i < row.length - 1 ? cell + ' '.repeat(widths[i]! - displayWidth(cell)) : cell)).join(''))
    .map((line) => `${line}\n`)
    .join('');
}

function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(ch) ? 2 : 1;
  return w;
}

/** `<none>` for empty values, as printers do. */
export function orNone(value: string | undefined | null): string {
  return value === undefined || value === null || value === '' ? '<none>' : value;
}
