/**
 * Object serialisation as kubectl prints it: JSON with sorted keys and 4-space indentation, YAML as
 * sigs.k8s.io/yaml (go-yaml v2) writes it — sorted keys, YAML 1.1 quoting (timestamps and "y"/"n"
 * are quoted), sequences not indented under their key.
 */
import YAML from 'yaml';

export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value as Record<string, unknown>).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export function toJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 4)}\n`;
}

export function toYaml(value: unknown): string {
  return YAML.stringify(sortKeys(value), { indentSeq: false, sortMapEntries: true, version: '1.1', lineWidth: 0 });
}

/** The List wrapper kubectl prints for several objects. */
export function asList(items: unknown[]): unknown {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}
