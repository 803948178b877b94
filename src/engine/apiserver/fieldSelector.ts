/**
 * Field selectors (`status.phase=Running,spec.nodeName!=worker-1`): each kind supports
 * metadata.name and metadata.namespace plus its own field labels, as upstream's per-kind
 * `GetAttrs`/`SelectableFields`.
 */
import type { KubeObject } from '../api/objects.ts';

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

type Getter = (obj: KubeObject) => string;

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const at =
  (...path: string[]): Getter =>
  (obj) => {
    let cur: unknown = obj;
    for (const p of path) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
    return str(cur);
  };

const FIELDS: Record<string, Record<string, Getter>> = {
  Pod: {
    'spec.nodeName': at('spec', 'nodeName'),
    'spec.restartPolicy': at('spec', 'restartPolicy'),
    'spec.schedulerName': at('spec', 'schedulerName'),
    'spec.serviceAccountName': at('spec', 'serviceAccountName'),
    'spec.hostNetwork': (o) => str((o as { spec?: { hostNetwork?: boolean } }).spec?.hostNetwork ?? false),
    'status.phase': at('status', 'phase'),
    'status.podIP': at('status', 'podIP'),
    'status.nominatedNodeName': at('status', 'nominatedNodeName'),
  },
  Node: { 'spec.unschedulable': (o) => str((o as { spec?: { unschedulable?: boolean } }).spec?.unschedulable ?? false) },
  Event: {
    'involvedObject.kind': at('involvedObject', 'kind'),
    'involvedObject.namespace': at('involvedObject', 'namespace'),
    'involvedObject.name': at('involvedObject', 'name'),
    'involvedObject.uid': at('involvedObject', 'uid'),
    'involvedObject.apiVersion': at('involvedObject', 'apiVersion'),
    'involvedObject.resourceVersion': at('involvedObject', 'resourceVersion'),
    'involvedObject.fieldPath': at('involvedObject', 'fieldPath'),
    reason: at('reason'),
    reportingComponent: at('reportingComponent'),
    source: at('source', 'component'),
    type: at('type'),
  },
  Job: { 'status.successful': (o) => str((o as { status?: { succeeded?: number } }).status?.succeeded ?? 0) },
  Namespace: { 'status.phase': at('status', 'phase') },
  Secret: { type: at('type') },
  ReplicaSet: { 'status.replicas': (o) => str((o as { status?: { replicas?: number } }).status?.replicas ?? 0) },
};

const COMMON: Record<string, Getter> = { 'metadata.name': at('metadata', 'name'), 'metadata.namespace': at('metadata', 'namespace') };

/** Parse `a=b,c!=d` (also `a==b`). Returns an Error with upstream's text for bad syntax. */
export function parseFieldSelector(text: string): FieldRequirement[] | Error {
  const out: FieldRequirement[] = [];
  for (const part of text.split(',')) {
    const p = part.trim();
    if (!p) continue;
    const m = /^([^=!]+)(!=|==|=)(.*)$/.exec(p);
    if (!m) return new Error(`invalid selector: '${text}'; can't understand '${p}'`);
    out.push({ field: m[1]!.trim(), op: m[2] === '!=' ? '!=' : '=', value: m[3]!.trim() });
  }
  return out;
}

/** The first field the kind cannot select on, if any. */
export function unsupportedField(kind: string, reqs: FieldRequirement[]): string | undefined {
  return reqs.find((r) => !(r.field in COMMON) && !(r.field in (FIELDS[kind] ?? {})))?.field;
}

export function matchesFields(obj: KubeObject, reqs: FieldRequirement[]): boolean {
  for (const r of reqs) {
    const get = COMMON[r.field] ?? FIELDS[obj.kind]?.[r.field];
    const v = get ? get(obj) : '';
    if ((v === r.value) !== (r.op === '=')) return false;
  }
  return true;
}
