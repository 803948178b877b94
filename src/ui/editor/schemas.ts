/**
 * Kubernetes JSON Schemas for the editor, bundled (never fetched): every `*.json` under src/schema
 * (generated there from upstream OpenAPI data by the kubectl work). Each schema is registered under
 * its own in-memory URI, and one dispatch schema picks the right one by `kind` (and apiVersion),
 * so multi-document files validate each document against its own kind.
 */

export interface RegisteredSchema {
  uri: string;
  fileMatch?: string[];
  schema: object;
}

type Gvk = { group?: string; version?: string; kind?: string };
type SchemaJson = { properties?: { kind?: { enum?: string[]; const?: string } }; 'x-kubernetes-group-version-kind'?: Gvk[] };

const modules = import.meta.glob<{ default: unknown }>('../../schema/**/*.json');

/** The kinds a schema describes (from x-kubernetes-group-version-kind, else properties.kind). */
export function kindsOf(schema: unknown): { kind: string; apiVersion?: string }[] {
  const s = schema as SchemaJson;
  const gvks = s['x-kubernetes-group-version-kind'];
  if (Array.isArray(gvks) && gvks.length > 0) {
    return gvks.filter((g) => g.kind).map((g) => ({ kind: g.kind!, apiVersion: g.group ? `${g.group}/${g.version}` : g.version }));
  }
  const k = s.properties?.kind;
  const names = k?.const ? [k.const] : (k?.enum ?? []);
  return names.map((kind) => ({ kind }));
}

export function dispatchSchema(entries: { uri: string; schema: unknown }[]): RegisteredSchema[] {
  const out: RegisteredSchema[] = [];
  const branches: object[] = [];
  for (const { uri, schema } of entries) {
    const kinds = kindsOf(schema);
    if (kinds.length === 0) continue;
    out.push({ uri, schema: schema as object });
    for (const { kind, apiVersion } of kinds) {
      const when = { properties: { kind: { const: kind }, ...(apiVersion ? { apiVersion: { const: apiVersion } } : {}) }, required: ['kind'] };
      branches.push({ if: when, then: { $ref: uri } });
    }
  }
  if (branches.length === 0) return [];
  out.push({ uri: 'inmemory://kubesim/kubernetes.json', fileMatch: ['*'], schema: { type: 'object', allOf: branches } });
  return out;
}

export async function loadSchemas(): Promise<RegisteredSchema[]> {
  const entries = await Promise.all(
    Object.entries(modules).map(async ([path, load]) => ({ uri: `inmemory://kubesim/${path.replace(/^.*schema\//, '')}`, schema: (await load()).default })),
  );
  return dispatchSchema(entries);
}
