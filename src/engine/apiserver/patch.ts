/**
 * The three patch types the API server accepts:
 * - JSON merge patch (RFC 7386): objects merge recursively, `null` deletes, lists are replaced;
 * - JSON patch (RFC 6902): add / remove / replace / move / copy / test on JSON pointers;
 * - strategic merge patch: like merge, but lists with a merge key (containers by `name`, env by
 *   `name`, volumeMounts by `mountPath`, ...) merge element-wise, and `$patch: delete|replace`
 *   directives work — the subset of apimachinery's strategicpatch that users of these kinds touch.
 *   Lists without a merge key (tolerations, args, command) are replaced, as upstream.
 */
import { badRequest } from './errors.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** Merge keys of list fields, by field name (the patchMergeKey tags of the core/apps/batch types). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  conditions: 'type',
  ownerReferences: 'uid',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
  readinessGates: 'conditionType',
  taints: 'key',
};
/** Lists of scalars that merge as sets. */
const MERGED_SCALAR_LISTS = new Set(['finalizers']);

function portKey(parent: string | undefined): string {
  // Container ports merge by containerPort; service ports by port.
  return parent === 'spec' ? 'port' : 'containerPort';
}

export function strategicMergePatch(target: unknown, patch: unknown, field?: string, parent?: string): unknown {
  if (Array.isArray(patch)) return mergeList(target, patch, field, parent);
  if (!isObject(patch)) return patch;
  if (patch['$patch'] === 'replace') {
    const { $patch: _, ...rest } = patch;
    return rest;
  }
  if (patch['$patch'] === 'delete') return undefined;
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$setElementOrder/') || k === '$retainKeys') continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const list = k.slice('$deleteFromPrimitiveList/'.length);
      if (Array.isArray(out[list]) && Array.isArray(v)) out[list] = (out[list] as unknown[]).filter((x) => !(v as unknown[]).includes(x as Json));
      continue;
    }
    if (v === null) delete out[k];
    else {
      const merged = strategicMergePatch(out[k], v, k, field);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    }
  }
  return out;
}

function mergeList(target: unknown, patch: Json[], field: string | undefined, parent: string | undefined): unknown {
  const current = Array.isArray(target) ? target : [];
  if (field && MERGED_SCALAR_LISTS.has(field)) {
    const out = [...current];
    for (const v of patch) if (!out.includes(v)) out.push(v);
    return out;
  }
  const key = field === 'ports' ? portKey(parent) : field ? MERGE_KEYS[field] : undefined;
  if (!key) return patch;
  if (patch.some((p) => isObject(p) && p['$patch'] === 'replace')) return patch.filter((p) => !(isObject(p) && p['$patch'] === 'replace'));
  const out: unknown[] = current.map((x) => x);
  for (const item of patch) {
    if (!isObject(item)) continue;
    const id = item[key];
    const at = out.findIndex((x) => isObject(x) && x[key] === id);
    if (item['$patch'] === 'delete') {
      if (at >= 0) out.splice(at, 1);
    } else if (at >= 0) {
      out[at] = strategicMergePatch(out[at], item, undefined, field);
    } else {
      out.push(strategicMergePatch(undefined, item, undefined, field));
    }
  }
  return out;
}

interface JsonPatchOp {
  op: string;
  path: string;
  value?: unknown;
  from?: string;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw badRequest(`the server rejected our request due to an error in our request`);
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function walk(doc: unknown, tokens: string[]): { parent: Record<string, unknown> | unknown[]; last: string } {
  let cur = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (isObject(cur)) cur = cur[t];
    else cur = undefined;
    if (cur === undefined) throw badRequest(`jsonpatch: doc is missing path: "/${tokens.join('/')}": missing value`);
  }
  if (!Array.isArray(cur) && !isObject(cur)) throw badRequest(`jsonpatch: doc is missing path: "/${tokens.join('/')}": missing value`);
  return { parent: cur as Record<string, unknown> | unknown[], last: tokens[tokens.length - 1]! };
}

function readAt(doc: unknown, path: string): unknown {
  let cur = doc;
  for (const t of pointer(path)) {
    cur = Array.isArray(cur) ? cur[t === '-' ? cur.length - 1 : Number(t)] : isObject(cur) ? cur[t] : undefined;
    if (cur === undefined) throw badRequest(`jsonpatch: doc is missing path: "${path}": missing value`);
  }
  return cur;
}

function addAt(doc: unknown, path: string, value: unknown, replace: boolean): unknown {
  const tokens = pointer(path);
  if (tokens.length === 0) return value;
  const { parent, last } = walk(doc, tokens);
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(i) || i < 0 || i > parent.length || (replace && i >= parent.length)) {
      throw badRequest(`jsonpatch: index out of range: "${path}"`);
    }
    parent.splice(i, replace ? 1 : 0, value);
  } else {
    if (replace && !(last in parent)) throw badRequest(`jsonpatch replace operation does not apply: doc is missing key: ${path}: missing value`);
    parent[last] = value;
  }
  return doc;
}

function removeAt(doc: unknown, path: string): unknown {
  const tokens = pointer(path);
  const { parent, last } = walk(doc, tokens);
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (!(i >= 0 && i < parent.length)) throw badRequest(`jsonpatch remove operation does not apply: doc is missing path: "${path}": missing value`);
    parent.splice(i, 1);
  } else {
    if (!(last in parent)) throw badRequest(`jsonpatch remove operation does not apply: doc is missing path: "${path}": missing value`);
    delete parent[last];
  }
  return doc;
}

export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = JSON.parse(JSON.stringify(target)) as unknown;
  for (const raw of ops as JsonPatchOp[]) {
    const copy = () => JSON.parse(JSON.stringify(raw.value ?? null)) as unknown;
    switch (raw.op) {
      case 'add':
        doc = addAt(doc, raw.path, copy(), false);
        break;
      case 'replace':
        doc = addAt(doc, raw.path, copy(), true);
        break;
      case 'remove':
        doc = removeAt(doc, raw.path);
        break;
      case 'move': {
        const v = readAt(doc, raw.from ?? '');
        doc = removeAt(doc, raw.from ?? '');
        doc = addAt(doc, raw.path, v, false);
        break;
      }
      case 'copy':
        doc = addAt(doc, raw.path, JSON.parse(JSON.stringify(readAt(doc, raw.from ?? ''))), false);
        break;
      case 'test':
        if (JSON.stringify(readAt(doc, raw.path)) !== JSON.stringify(raw.value)) throw badRequest(`testing value ${raw.path} failed: test failed`);
        break;
      default:
        throw badRequest(`Unexpected kind: ${raw.op}`);
    }
  }
  return doc;
}

export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

export function applyPatch(type: PatchType, target: unknown, patch: unknown): unknown {
  switch (type) {
    case 'merge':
      return mergePatch(target, patch);
    case 'json':
      return jsonPatch(target, patch);
    case 'strategic':
    case 'apply':
      return strategicMergePatch(target, patch);
  }
}
