/**
 * resource.Quantity, enough for scheduling and printing: `500m`, `2`, `1.5`, `128Mi`, `2Gi`, `1e3`,
 * `100M`. Values are held as plain numbers (cpu in cores, memory in bytes); callers convert to
 * milli-units where upstream compares milli-values.
 */
import { memoByString } from './memo.ts';

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

/** The numeric value of a quantity string, or undefined when it does not parse. */
export function parseQuantity(text: string | number | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'number') return text;
  return parsedQuantity(text);
}

function parseQuantityText(text: string): number | undefined {
  const m = QUANTITY.exec(text.trim());
  if (!m) return undefined;
  const base = parseFloat(m[1]!);
  if (m[3] !== undefined) return base * 10 ** parseInt(m[3], 10);
  const suffix = m[2] ?? '';
  return base * (BINARY[suffix] ?? DECIMAL[suffix]!);
}

/** The same few strings ("100m", "64Mi", "4") are parsed over and over. */
const parsedQuantity = memoByString(parseQuantityText, 4096);

/** The apiserver's error text for a bad quantity. */
export const QUANTITY_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** Milli-units, rounded up as upstream's MilliValue does. */
export function milli(text: string | number | undefined): number {
  const v = parseQuantity(text);
  return v === undefined ? 0 : Math.ceil(Math.round(v * 1e6) / 1e3);
}

/** Format cpu cores the way `kubectl describe node` does: `250m`, `2`. */
export function formatCpu(cores: number): string {
  const m = Math.round(cores * 1000);
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

/** Format bytes with the largest exact binary suffix: `128Mi`, `8Gi`, `1536Ki`, `1000`. */
export function formatMemory(bytes: number): string {
  for (const suffix of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) {
    const unit = BINARY[suffix]!;
    if (bytes >= unit && bytes % unit === 0) return `${bytes / unit}${suffix}`;
  }
  return String(bytes);
}
