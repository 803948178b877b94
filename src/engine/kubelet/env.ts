/**
 * Container environment as the kubelet builds it (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables):
 * envFrom first, then env in order with `$(VAR)` references expanded against what came before;
 * fieldRef / resourceFieldRef from the downward API; configMapKeyRef / secretKeyRef from the store.
 * A missing config map or key (not optional) is a CreateContainerConfigError.
 */
import type { Container, EnvVar } from 'kubernetes-types/core/v1';
import type { ConfigMap, Pod, Secret } from '../api/objects.ts';
import { parseQuantity } from '../api/quantity.ts';
import { base64Decode } from '../api/base64.ts';

export type Lookup = (kind: 'ConfigMap' | 'Secret', namespace: string, name: string) => ConfigMap | Secret | undefined;

export class EnvError extends Error {}

/** Expand `$(VAR)` references (with `$$` escaping), leaving unknown references as written. */
export function expandReferences(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name: string | undefined) => {
    if (m === '$$') return '$';
    return name !== undefined && name in vars ? vars[name]! : m;
  });
}

/** Value of a downward-API field path (`metadata.labels['x']`, `status.podIP`, ...). */
export function fieldPathValue(pod: Pod, path: string): string | undefined {
  const bracket = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (bracket) return (bracket[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[bracket[2]!] ?? '';
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name;
    case 'metadata.namespace':
      return pod.metadata.namespace;
    case 'metadata.uid':
      return pod.metadata.uid;
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP':
      return pod.status?.hostIP ?? '';
    case 'status.hostIPs':
      return (pod.status?.hostIPs ?? []).map((i) => i.ip).join(',');
    case 'status.podIP':
      return pod.status?.podIP ?? '';
    case 'status.podIPs':
      return (pod.status?.podIPs ?? []).map((i) => i.ip).join(',');
    case 'metadata.labels':
      return Object.entries(pod.metadata.labels ?? {}).map(([k, v]) => `${k}="${v}"`).join('\n');
    case 'metadata.annotations':
      return Object.entries(pod.metadata.annotations ?? {}).map(([k, v]) => `${k}="${v}"`).join('\n');
    default:
      return undefined;
  }
}

function resourceValue(container: Container, resource: string, divisor: string | undefined, nodeAllocatable: Record<string, string>): string {
  const [part, name] = resource.split('.') as ['limits' | 'requests', string];
  const raw = container.resources?.[part]?.[name] ?? (part === 'limits' ? nodeAllocatable[name] : undefined) ?? '0';
  const value = parseQuantity(raw) ?? 0;
  const div = parseQuantity(divisor ?? '1') || 1;
  return String(Math.ceil(value / div));
}

function decode(secret: Secret, key: string): string | undefined {
  const v = secret.data?.[key];
  if (v !== undefined) return base64Decode(v);
  return secret.stringData?.[key];
}

/** The environment of `container`, or an EnvError with the kubelet's message. */
export function buildEnv(pod: Pod, container: Container, lookup: Lookup, nodeAllocatable: Record<string, string>): Record<string, string> {
  const ns = pod.metadata.namespace ?? 'default';
  const env: Record<string, string> = {};
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const cm = lookup('ConfigMap', ns, from.configMapRef.name ?? '') as ConfigMap | undefined;
      if (!cm) {
        if (from.configMapRef.optional) continue;
        throw new EnvError(`configmap "${from.configMapRef.name}" not found`);
      }
      for (const [k, v] of Object.entries(cm.data ?? {})) env[prefix + k] = v;
    }
    if (from.secretRef) {
      const s = lookup('Secret', ns, from.secretRef.name ?? '') as Secret | undefined;
      if (!s) {
        if (from.secretRef.optional) continue;
        throw new EnvError(`secret "${from.secretRef.name}" not found`);
      }
      for (const k of Object.keys({ ...(s.data ?? {}), ...(s.stringData ?? {}) })) env[prefix + k] = decode(s, k) ?? '';
    }
  }
  for (const e of container.env ?? []) {
    const v = envValue(pod, container, e, env, lookup, nodeAllocatable);
    if (v !== undefined) env[e.name] = v;
  }
  return env;
}

function envValue(pod: Pod, container: Container, e: EnvVar, env: Record<string, string>, lookup: Lookup, alloc: Record<string, string>): string | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  if (e.value !== undefined) return expandReferences(e.value, env);
  const from = e.valueFrom;
  if (!from) return '';
  if (from.fieldRef) return fieldPathValue(pod, from.fieldRef.fieldPath) ?? '';
  if (from.resourceFieldRef) return resourceValue(container, from.resourceFieldRef.resource, from.resourceFieldRef.divisor as string | undefined, alloc);
  if (from.configMapKeyRef) {
    const ref = from.configMapKeyRef;
    const cm = lookup('ConfigMap', ns, ref.name ?? '') as ConfigMap | undefined;
    if (!cm) {
      if (ref.optional) return undefined;
      throw new EnvError(`configmap "${ref.name}" not found`);
    }
    const v = cm.data?.[ref.key];
    if (v === undefined && !ref.optional) throw new EnvError(`couldn't find key ${ref.key} in ConfigMap ${ns}/${ref.name}`);
    return v;
  }
  if (from.secretKeyRef) {
    const ref = from.secretKeyRef;
    const s = lookup('Secret', ns, ref.name ?? '') as Secret | undefined;
    if (!s) {
      if (ref.optional) return undefined;
      throw new EnvError(`secret "${ref.name}" not found`);
    }
    const v = decode(s, ref.key);
    if (v === undefined && !ref.optional) throw new EnvError(`couldn't find key ${ref.key} in Secret ${ns}/${ref.name}`);
    return v;
  }
  return '';
}
