/**
 * Arbitrary manifests for robustness tests: a valid base object of a kind, then a few fields
 * replaced by random values — of the right JSON type (to reach defaulting and validation with
 * empty strings, negative numbers, odd names, missing pieces) or of any type at all (to reach the
 * decoder). Paths are random walks down the generated API schema, so every field is fair game.
 */
import fc from 'fast-check';
import { API_SCHEMA } from '../api/schema/generated.ts';
import type { FieldType } from '../api/schema/types.ts';
import type { Manifest } from '../api/objects.ts';

const container = { name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'] };
const podSpec = { containers: [container] };
const template = { metadata: { labels: { app: 'x' } }, spec: podSpec };

/** One valid manifest per kind the fuzzer exercises. */
export const BASES: Record<string, Manifest> = {
  Pod: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x', labels: { app: 'x' } }, spec: podSpec },
  Node: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'x' }, spec: {} },
  Namespace: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } },
  ConfigMap: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { key: 'value' } },
  Secret: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' }, stringData: { key: 'value' } },
  Event: { apiVersion: 'v1', kind: 'Event', metadata: { name: 'x' }, involvedObject: { kind: 'Pod', name: 'x', namespace: 'default' }, reason: 'Test', message: 'm' },
  Service: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { selector: { app: 'x' }, ports: [{ port: 80 }] } },
  Job: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'x' }, spec: { template: { spec: { ...podSpec, restartPolicy: 'Never' } } } },
  CronJob: { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'x' }, spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { spec: { ...podSpec, restartPolicy: 'OnFailure' } } } } } },
  ReplicaSet: { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'x' }, spec: { replicas: 2, selector: { matchLabels: { app: 'x' } }, template } },
  Deployment: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { replicas: 2, selector: { matchLabels: { app: 'x' } }, template } },
  DaemonSet: { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'x' }, spec: { selector: { matchLabels: { app: 'x' } }, template } },
};

const strings = fc.oneof(
  fc.constantFrom('', 'x', 'app', 'Always', 'Never', 'OnFailure', 'NoSchedule', 'NoExecute', 'Exists', 'In', 'TCP', 'default', 'kube-system', '100m', '1Gi', '*/1 * * * *', 'a/b', 'UPPER', '-lead', 'a'.repeat(300), 'x=y', 'spec'),
  fc.string({ maxLength: 12 }),
);
const ints = fc.oneof(fc.constantFrom(0, 1, -1, 2, 30, 65536, 2 ** 31 - 1), fc.integer({ min: -5, max: 100 }));

/** A value of field type `t`, `depth` levels of structure at most. */
export function valueOf(t: FieldType, depth: number): fc.Arbitrary<unknown> {
  if (Array.isArray(t)) {
    const elem = depth > 0 ? valueOf(t[1], depth - 1) : fc.constant(null);
    return t[0] === 'list' ? fc.array(elem, { maxLength: 3 }) : fc.dictionary(strings, elem, { maxKeys: 3 });
  }
  switch (t) {
    case 'bool':
      return fc.boolean();
    case 'int32':
    case 'int64':
      return ints;
    case 'quantity':
      return fc.oneof(fc.constantFrom('1', '0', '-1', '100m', '1Gi', '0.5', '1e3'), ints);
    case 'intOrString':
      return fc.oneof(ints, strings);
    case 'time':
      return fc.constantFrom('2025-01-01T00:00:00Z', null);
    case 'any':
      return fc.constant({});
  }
  if (!t.includes('/')) return strings;
  const fields = Object.entries(API_SCHEMA.structs[t]!.fields);
  if (depth <= 0 || fields.length === 0) return fc.constant({});
  return fc.dictionary(fc.constantFrom(...fields.map(([k]) => k)), fc.constant(null), { maxKeys: 3 }).chain((keys) =>
    fc.record(Object.fromEntries(Object.keys(keys).map((k) => [k, valueOf(API_SCHEMA.structs[t]!.fields[k]!, depth - 1)]))),
  );
}

/** A random field path from the kind's root struct, with its type (list steps pick index 0). */
function pathArb(kind: string): fc.Arbitrary<{ path: (string | number)[]; type: FieldType }> {
  const walk = (t: FieldType, path: (string | number)[], budget: number): fc.Arbitrary<{ path: (string | number)[]; type: FieldType }> => {
    const here = fc.constant({ path, type: t });
    if (budget === 0) return here;
    if (Array.isArray(t)) return fc.oneof(here, walk(t[1], [...path, t[0] === 'list' ? 0 : 'key'], budget - 1));
    if (!t.includes('/')) return here;
    const fields = Object.entries(API_SCHEMA.structs[t]!.fields);
    if (fields.length === 0) return here;
    return fc.oneof({ weight: 1, arbitrary: here }, { weight: 4, arbitrary: fc.constantFrom(...fields).chain(([k, ft]) => walk(ft, [...path, k], budget - 1)) });
  };
  return walk(API_SCHEMA.roots[kind]!, [], 7);
}

function setAt(obj: Record<string, unknown>, path: (string | number)[], value: unknown): void {
  let cur: Record<string | number, unknown> = obj;
  for (const [i, key] of path.entries()) {
    if (i === path.length - 1) {
      cur[key] = value;
      return;
    }
    const next = cur[key];
    if (next === null || typeof next !== 'object') cur[key] = typeof path[i + 1] === 'number' ? [] : {};
    cur = cur[key] as Record<string | number, unknown>;
  }
}

/** A base manifest of `kind` with 1–3 fields replaced (mostly type-correct values, sometimes anything). */
export function mutatedManifestArb(kind: string): fc.Arbitrary<Manifest> {
  const mutation = pathArb(kind).chain(({ path, type }) =>
    fc.tuple(fc.constant(path), fc.oneof({ weight: 5, arbitrary: valueOf(type, 2) }, { weight: 1, arbitrary: fc.anything({ maxDepth: 1 }) }, { weight: 1, arbitrary: fc.constant(undefined) })),
  );
  return fc.array(mutation, { minLength: 1, maxLength: 3 }).map((mutations) => {
    const m = JSON.parse(JSON.stringify(BASES[kind])) as Record<string, unknown>;
    for (const [path, value] of mutations) if (path.length > 0 && path[0] !== 'apiVersion' && path[0] !== 'kind') setAt(m, path, value);
    clampWorkloadSizes(m);
    return m as Manifest;
  });
}

/**
 * A huge replica or completion count is valid input whose only cost is its size (2^31-1 pods take
 * the controllers forever to create, as they would upstream), so the bad-input properties keep sizes
 * small and leave scale to the benchmarks.
 */
function clampWorkloadSizes(m: Record<string, unknown>): void {
  const specs = [m.spec, ((m.spec as Record<string, unknown> | undefined)?.jobTemplate as Record<string, unknown> | undefined)?.spec];
  for (const spec of specs) {
    if (!spec || typeof spec !== 'object') continue;
    const fields = spec as Record<string, unknown>;
    for (const field of ['replicas', 'parallelism', 'completions']) {
      const n = fields[field];
      if (typeof n === 'number' && n > 50) fields[field] = 50;
    }
  }
}
