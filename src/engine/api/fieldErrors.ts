/**
 * field.ErrorList from apimachinery: validation failures with a field path, rendered exactly as the
 * API server renders them inside an Invalid status (`spec.replicas: Invalid value: -1: must be
 * greater than or equal to 0`).
 */

export type FieldErrorType = 'Required' | 'Invalid' | 'NotSupported' | 'Forbidden' | 'Duplicate' | 'TooLong' | 'TooMany' | 'NotFound';

export interface FieldError {
  type: FieldErrorType;
  field: string;
  value?: unknown;
  detail?: string;
  /** field.OmitValueType: print `Invalid value: <detail>` without the value. */
  omitValue?: boolean;
}

/** A bad value already rendered in Go syntax (`%#v` of a struct such as intstr.IntOrString), printed verbatim. */
export class GoSyntax {
  constructor(readonly text: string) {}
  toJSON(): string {
    return this.text;
  }
}

/** Go's %#v-ish rendering of a bad value, as field errors print it. */
export function formatFieldValue(value: unknown): string {
  if (value instanceof GoSyntax) return value.text;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) return `[]string{${value.map((v) => JSON.stringify(v)).join(', ')}}`;
    return JSON.stringify(value);
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.every(([, v]) => typeof v === 'string')) {
      return `map[string]string{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(', ')}}`;
    }
    return JSON.stringify(value);
  }
  return String(value);
}

export function formatFieldError(e: FieldError): string {
  switch (e.type) {
    case 'Required':
      return `${e.field}: Required value${e.detail ? `: ${e.detail}` : ''}`;
    case 'Invalid':
      if (e.omitValue) return `${e.field}: Invalid value${e.detail ? `: ${e.detail}` : ''}`;
      return `${e.field}: Invalid value: ${formatFieldValue(e.value)}${e.detail ? `: ${e.detail}` : ''}`;
    case 'NotSupported':
      return `${e.field}: Unsupported value: ${formatFieldValue(e.value)}${e.detail ? `: ${e.detail}` : ''}`;
    case 'Forbidden':
      return `${e.field}: Forbidden${e.detail ? `: ${e.detail}` : ''}`;
    case 'Duplicate':
      return `${e.field}: Duplicate value: ${formatFieldValue(e.value)}`;
    case 'TooLong':
      return `${e.field}: Too long: ${e.detail ?? ''}`.trimEnd();
    case 'TooMany':
      return `${e.field}: Too many: ${e.detail ?? ''}`.trimEnd();
    case 'NotFound':
      return `${e.field}: Not found: ${formatFieldValue(e.value)}`;
  }
}

/** Builders, so validators read like upstream's (`required(path)`, `invalid(path, v, msg)`). */
export const required = (field: string, detail?: string): FieldError => ({ type: 'Required', field, ...(detail ? { detail } : {}) });
export const invalid = (field: string, value: unknown, detail?: string): FieldError => ({ type: 'Invalid', field, value, ...(detail ? { detail } : {}) });
export const invalidOmitValue = (field: string, detail: string): FieldError => ({ type: 'Invalid', field, detail, omitValue: true });
export const tooMany = (field: string, actual: number, max: number): FieldError => ({ type: 'TooMany', field, detail: `${actual}: must have at most ${max} items` });
export const forbidden = (field: string, detail: string): FieldError => ({ type: 'Forbidden', field, detail });
export const duplicate = (field: string, value: unknown): FieldError => ({ type: 'Duplicate', field, value });
export const notSupported = (field: string, value: unknown, supported: readonly string[]): FieldError => ({
  type: 'NotSupported',
  field,
  value,
  detail: `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`,
});
