/**
 * The `Pod Template:` section of `kubectl describe` for workloads (DescribePodTemplate and the
 * container/volume/toleration helpers of staging/src/k8s.io/kubectl/pkg/describe/describe.go, in our
 * words): labels, annotations, init containers and containers (image, ports, command, args,
 * resources, probes, environment, mounts), volumes, node selectors and tolerations.
 */
import type { Container, PodTemplateSpec, Probe, Toleration, Volume } from 'kubernetes-types/core/v1';
import { type DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, writeAnnotations, writeLabels } from './describe.ts';

const orNone = (s: string) => (s === '' ? '<none>' : s);

function writeContainerPorts(w: DescribeWriter, c: Container): void {
  const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
  const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
  w.write(LEVEL_2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${orNone(ports)}\n`);
  w.write(LEVEL_2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${orNone(hostPorts)}\n`);
}

function writeLines(w: DescribeWriter, title: string, values: readonly string[] | undefined): void {
  if (!values || values.length === 0) return;
  w.write(LEVEL_2, `${title}:\n`);
  for (const v of values) for (const line of v.split('\n')) w.write(LEVEL_3, `${line}\n`);
}

/** A resource list's names, sorted as SortedResourceNames does (alphabetically). */
function writeResources(w: DescribeWriter, c: Container): void {
  for (const part of ['limits', 'requests'] as const) {
    const list = c.resources?.[part];
    if (!list || Object.keys(list).length === 0) continue;
    w.write(LEVEL_2, `${part === 'limits' ? 'Limits' : 'Requests'}:\n`);
    for (const name of Object.keys(list).sort()) w.write(LEVEL_3, `${name}:\t${String(list[name])}\n`);
  }
}

/** DescribeProbe: `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function describeProbe(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) return `http-get ${(p.httpGet.scheme ?? 'HTTP').toLowerCase()}://${p.httpGet.host ?? ''}:${p.httpGet.port}${p.httpGet.path ?? ''} ${attrs}`;
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function writeEnv(w: DescribeWriter, c: Container): void {
  if ((c.envFrom ?? []).length > 0) {
    w.write(LEVEL_2, 'Environment Variables from:\n');
    for (const e of c.envFrom!) {
      const from = e.configMapRef ? 'ConfigMap' : 'Secret';
      const ref = e.configMapRef ?? e.secretRef;
      const optional = ref?.optional === true;
      w.write(LEVEL_3, e.prefix ? `${ref?.name ?? ''}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n` : `${ref?.name ?? ''}\t${from}\tOptional: ${optional}\n`);
    }
  }
  const env = c.env ?? [];
  w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const from = e.valueFrom;
    if (!from) {
      (e.value ?? '').split('\n').forEach((line, i) => w.write(LEVEL_3, i === 0 ? `${e.name}:\t${line}\n` : `\t${line}\n`));
    } else if (from.fieldRef) {
      w.write(LEVEL_3, `${e.name}:\t (${from.fieldRef.apiVersion ?? 'v1'}:${from.fieldRef.fieldPath})\n`);
    } else if (from.resourceFieldRef) {
      w.write(LEVEL_3, `${e.name}:\tnode allocatable (${from.resourceFieldRef.resource})\n`);
    } else if (from.secretKeyRef) {
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${from.secretKeyRef.key}' in secret '${from.secretKeyRef.name ?? ''}'>\tOptional: ${from.secretKeyRef.optional === true}\n`);
    } else if (from.configMapKeyRef) {
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${from.configMapKeyRef.key}' of config map '${from.configMapKeyRef.name ?? ''}'>\tOptional: ${from.configMapKeyRef.optional === true}\n`);
    }
  }
}

function writeMounts(w: DescribeWriter, c: Container): void {
  const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
  w.write(LEVEL_2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path=${JSON.stringify(m.subPath)}`] : [])];
    w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
}

/** describeContainers for a template (no statuses): `space` indents the section title. */
export function describeContainers(w: DescribeWriter, label: string, containers: readonly Container[], space: string): void {
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    w.write(LEVEL_1, `${space ? ' ' : ''}${c.name}:\n`);
    w.write(LEVEL_2, `Image:\t${c.image ?? ''}\n`);
    writeContainerPorts(w, c);
    writeLines(w, 'Command', c.command);
    writeLines(w, 'Args', c.args);
    writeResources(w, c);
    if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    writeEnv(w, c);
    writeMounts(w, c);
  }
}

function writeVolumeSource(w: DescribeWriter, v: Volume): void {
  if (v.hostPath) {
    w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type ?? '<none>'}\n`);
  } else if (v.emptyDir) {
    const size = v.emptyDir.sizeLimit !== undefined && String(v.emptyDir.sizeLimit) !== '0' ? String(v.emptyDir.sizeLimit) : '<unset>';
    w.write(LEVEL_2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${size}\n`);
  } else if (v.secret) {
    w.write(LEVEL_2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${v.secret.optional === true}\n`);
  } else if (v.configMap) {
    w.write(LEVEL_2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${v.configMap.optional === true}\n`);
  } else if (v.persistentVolumeClaim) {
    w.write(LEVEL_2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`);
  } else if (v.downwardAPI) {
    w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
    for (const item of v.downwardAPI.items ?? []) {
      if (item.fieldRef) w.write(LEVEL_3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
      if (item.resourceFieldRef) w.write(LEVEL_3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
    }
  } else if (v.projected) {
    w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
    for (const s of v.projected.sources ?? []) {
      if (s.secret) w.write(LEVEL_2, `SecretName:\t${s.secret.name ?? ''}\n    Optional:\t${s.secret.optional === true}\n`);
      else if (s.downwardAPI) w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
      else if (s.configMap) w.write(LEVEL_2, `ConfigMapName:\t${s.configMap.name ?? ''}\n    Optional:\t${s.configMap.optional === true}\n`);
      else if (s.serviceAccountToken) w.write(LEVEL_2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3607}\n`);
    }
  } else {
    w.write(LEVEL_1, '<unknown>\n');
  }
}

export function describeVolumes(w: DescribeWriter, volumes: readonly Volume[] | undefined, space: string): void {
  if (!volumes || volumes.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(LEVEL_1, `${space ? ' ' : ''}${v.name}:\n`);
    writeVolumeSource(w, v);
  }
}

/** `Tolerations:  key=value:Effect op=Exists for 300s`, sorted by key; `<none>` when empty. */
export function writeTolerations(w: DescribeWriter, title: string, tolerations: readonly Toleration[] | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const list = [...(tolerations ?? [])].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  if (list.length === 0) {
    w.write(LEVEL_0, '<none>\n');
    return;
  }
  list.forEach((t, i) => {
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
export function describePodTemplate(w: DescribeWriter, template: PodTemplateSpec | undefined): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const spec = template.spec ?? { containers: [] };
  writeLabels(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) writeAnnotations(w, '  Annotations', template.metadata?.annotations);
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec.initContainers ?? []).length > 0) describeContainers(w, 'Init Containers', spec.initContainers!, '  ');
  describeContainers(w, 'Containers', spec.containers ?? [], '  ');
  describeVolumes(w, spec.volumes, '  ');
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  writeLabels(w, '  Node-Selectors', spec.nodeSelector);
  writeTolerations(w, '  Tolerations', spec.tolerations);
}
