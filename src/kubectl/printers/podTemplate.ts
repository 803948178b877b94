/**
 * The "Pod Template:" block of `kubectl describe` for workloads (DescribePodTemplate and the
 * describeContainers / describeVolumes / printTolerationsMultiline helpers of
 * staging/src/k8s.io/kubectl/pkg/describe/describe.go, in our words): labels, annotations,
 * containers with image, ports, command, resources, probes, environment and mounts, volumes,
 * node selectors and tolerations. The container and volume writers also serve pod describers.
 */
import type { Container, ContainerStatus, PodTemplateSpec, Probe, Toleration, Volume } from 'kubernetes-types/core/v1';
import { formatLabels } from '../../engine/index.ts';
import { type DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, writeAnnotations, writeLabels } from './describe.ts';

const orNone = (s: string): string => (s === '' ? '<none>' : s);

/** `delay=0s timeout=1s period=10s #success=1 #failure=3`, prefixed by the handler. */
export function describeProbe(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const host = p.httpGet.host ?? '';
    const port = String(p.httpGet.port ?? '');
    return `http-get ${(p.httpGet.scheme ?? 'HTTP').toLowerCase()}://${host}:${port}${p.httpGet.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${String(p.tcpSocket.port)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function writeContainer(w: DescribeWriter, c: Container, status: ContainerStatus | undefined, space: string): void {
  w.write(LEVEL_1, `${space ? ' ' : ''}${c.name}:\n`);
  if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
  w.write(LEVEL_2, `Image:\t${c.image ?? ''}\n`);
  if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ''}\n`);
  const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
  const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
  w.write(LEVEL_2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${orNone(ports)}\n`);
  w.write(LEVEL_2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${orNone(hostPorts)}\n`);
  if (c.restartPolicy) w.write(LEVEL_2, `Restart Policy:\t${c.restartPolicy}\n`);
  for (const [title, list] of [
    ['Command', c.command],
    ['Args', c.args],
  ] as const) {
    if (!list || list.length === 0) continue;
    w.write(LEVEL_2, `${title}:\n`);
    for (const item of list) for (const line of item.split('\n')) w.write(LEVEL_3, `${line}\n`);
  }
  for (const part of ['limits', 'requests'] as const) {
    const values = c.resources?.[part] ?? {};
    const names = Object.keys(values).sort();
    if (names.length === 0) continue;
    w.write(LEVEL_2, `${part === 'limits' ? 'Limits' : 'Requests'}:\n`);
    for (const n of names) w.write(LEVEL_3, `${n}:\t${String(values[n])}\n`);
  }
  if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
  if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
  if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
  if ((c.envFrom ?? []).length > 0) {
    w.write(LEVEL_2, 'Environment Variables from:\n');
    for (const from of c.envFrom ?? []) {
      const [kind, ref] = from.configMapRef ? ['ConfigMap', from.configMapRef] : ['Secret', from.secretRef!];
      w.write(LEVEL_3, `${ref.name ?? ''}\t${kind}\t${from.prefix ? `with prefix '${from.prefix}'\t` : ''}Optional: ${Boolean(ref.optional)}\n`);
    }
  }
  w.write(LEVEL_2, `Environment:${(c.env ?? []).length === 0 ? '\t<none>' : ''}\n`);
  for (const e of c.env ?? []) {
    const from = e.valueFrom;
    if (!from) {
      (e.value ?? '').split('\n').forEach((line, i) => w.write(LEVEL_3, i === 0 ? `${e.name}:\t${line}\n` : `\t${line}\n`));
    } else if (from.fieldRef) {
      w.write(LEVEL_3, `${e.name}:\t (${from.fieldRef.apiVersion ?? 'v1'}:${from.fieldRef.fieldPath})\n`);
    } else if (from.resourceFieldRef) {
      w.write(LEVEL_3, `${e.name}:\t (${from.resourceFieldRef.resource})\n`);
    } else if (from.secretKeyRef) {
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${from.secretKeyRef.key}' in secret '${from.secretKeyRef.name ?? ''}'>\tOptional: ${Boolean(from.secretKeyRef.optional)}\n`);
    } else if (from.configMapKeyRef) {
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${from.configMapKeyRef.key}' of config map '${from.configMapKeyRef.name ?? ''}'>\tOptional: ${Boolean(from.configMapKeyRef.optional)}\n`);
    }
  }
  const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
  w.write(LEVEL_2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path=${JSON.stringify(m.subPath)}`] : [])];
    w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
}

/** describeContainers: `Containers:` then each container (with its status when describing a pod). */
export function writeContainers(w: DescribeWriter, label: string, containers: readonly Container[], statuses: readonly ContainerStatus[] | undefined, space: string): void {
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) writeContainer(w, c, statuses?.find((s) => s.name === c.name), space);
}

/** describeVolumes. */
export function writeVolumes(w: DescribeWriter, volumes: readonly Volume[] | undefined, space: string): void {
  if (!volumes || volumes.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(LEVEL_1, `${space ? ' ' : ''}${v.name}:\n`);
    if (v.hostPath) {
      w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type || '<none>'}\n`);
    } else if (v.emptyDir) {
      w.write(LEVEL_2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}\n`);
    } else if (v.configMap) {
      w.write(LEVEL_2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${Boolean(v.configMap.optional)}\n`);
    } else if (v.secret) {
      w.write(LEVEL_2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${Boolean(v.secret.optional)}\n`);
    } else if (v.persistentVolumeClaim) {
      w.write(LEVEL_2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${Boolean(v.persistentVolumeClaim.readOnly)}\n`);
    } else if (v.projected) {
      w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
    } else if (v.downwardAPI) {
      w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
      for (const item of v.downwardAPI.items ?? []) if (item.fieldRef) w.write(LEVEL_3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
    }
  }
}

/** printTolerationsMultilineWithIndent: `key=value:Effect op=Exists for 300s`, sorted by key. */
export function writeTolerations(w: DescribeWriter, title: string, tolerations: readonly Toleration[] | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  if (!tolerations || tolerations.length === 0) {
    w.write(LEVEL_0, '<none>\n');
    return;
  }
  const sorted = [...tolerations].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  sorted.forEach((t, i) => {
    if (i > 0) w.write(LEVEL_0, `${initialIndent}${innerIndent}`);
    let text = t.key ?? '';
    if (t.value) text += `=${t.value}`;
    if (t.effect) text += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) text += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) text += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${text}\n`);
  });
}

/** DescribePodTemplate. */
export function writePodTemplate(w: DescribeWriter, template: PodTemplateSpec | undefined): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  writeLabels(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) writeAnnotations(w, '  Annotations', template.metadata?.annotations);
  const spec = template.spec;
  if (spec?.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec?.initContainers ?? []).length > 0) writeContainers(w, 'Init Containers', spec!.initContainers!, undefined, '  ');
  writeContainers(w, 'Containers', spec?.containers ?? [], undefined, '  ');
  writeVolumes(w, spec?.volumes, '  ');
  w.write(LEVEL_1, `Node-Selectors:\t${formatLabels(spec?.nodeSelector)}\n`);
  writeTolerations(w, '  Tolerations', spec?.tolerations);
  if (spec?.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
}
