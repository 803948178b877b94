/**
 * Table output as kubectl's printers render it: a registry of per-kind column printers (the
 * `pkg/printers/internalversion/printers.go` handlers) and Go tabwriter layout (3 spaces of
 * padding, minimum cell width 6, the last column unpadded).
 */
import { type KubeObject, age } from '../../engine/index.ts';
import { TABLE_TABWRITER, tabwrite } from './tabwriter.ts';

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
  /** For kinds whose `-o wide` reorders columns (events): the whole wide column list; rows give `wideCells`. */
  wideColumns?: string[];
  row(obj: KubeObject, ctx: RowContext): { cells: string[]; wide?: string[]; wideCells?: string[] };
}

/** Header and cells of one object's row, default or `-o wide`. */
export function tableRow(printer: TablePrinter, obj: KubeObject, ctx: RowContext, wide: boolean): string[] {
  const r = printer.row(obj, ctx);
  if (wide && printer.wideColumns && r.wideCells) return r.wideCells;
  return [...r.cells, ...(wide ? (r.wide ?? []) : [])];
}

export function tableHeader(printer: TablePrinter, wide: boolean): string[] {
  if (wide && printer.wideColumns) return printer.wideColumns;
  return [...printer.columns, ...(wide ? (printer.wide ?? []) : [])];
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

/** Lay out rows like kubectl's table printer (Go tabwriter: padding 3, minimum width 6). */
export function renderTable(rows: string[][], rememberedWidths?: number[]): string {
  return tabwrite(rows.map((r) => `${r.join('\t')}\n`).join(''), TABLE_TABWRITER, rememberedWidths);
}

/** `<none>` for empty values, as printers do. */
export function orNone(value: string | undefined | null): string {
  return value === undefined || value === null || value === '' ? '<none>' : value;
}
