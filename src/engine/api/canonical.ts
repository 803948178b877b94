/**
 * Canonical JSON: object keys sorted at every level, so two semantically equal objects (same
 * fields, any key order) give the same text. Used where upstream compares with
 * apiequality.Semantic.DeepEqual or hashes an object (pod-template-hash, ControllerRevision data).
 */

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** Equal JSON values in the same key order — identity first, as status writes share metadata with the previous version. */
export function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
