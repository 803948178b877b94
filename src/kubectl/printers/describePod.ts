/**
 * `kubectl describe pod` and the pieces workload describers share — containers, volumes,
 * tolerations, the Pod Template block (describePod, describeContainers, describeVolumes,
 * printPodTolerationsMultiline and DescribePodTemplate in staging/src/k8s.io/kubectl/pkg/describe/
 * describe.go, in our words). Every line goes through DescribeWriter, so alignment is Go
 * tabwriter's.
 */
import type { Container, ContainerState, ContainerStatus, PodTemplateSpec, Probe, Toleration, Volume } from 'kubernetes-types/core/v1';
import { type Pod, controllerRef, formatDescribeTime, humanDuration, parseTime } from '../../engine/index.ts';
import { type DescribeContext, DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, eventsFor, registerDescriber, writeAnnotations, writeEvents, writeLabels } from './describe.ts';

const time = (t: string | undefined | null): string => {
  const ms = parseTime(t ?? undefined);
  return ms === undefined ? '<unset>' : formatDescribeTime(ms);
};

const orNone = (s: string): string => (s === '' ? '<none>' : s);

/** `delay=0s timeout=1s period=10s #success=1 #failure=3` after the handler (DescribeProbe). */
export function describeProbe(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const scheme = (p.httpGet.scheme ?? 'HTTP').toLowerCase();
    const port = String(p.httpGet.port ?? '');
    const host = port ? `${p.httpGet.host ?? ''}:${port}` : (p.httpGet.host ?? '');
    return `http-get ${scheme}://${host}${p.httpGet.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${String(p.tcpSocket.port)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function writeState(w: DescribeWriter, title: string, state: ContainerState | undefined): void {
  if (state?.running) {
    w.line(LEVEL_2, `${title}:\tRunning`);
    w.line(LEVEL_3, `Started:\t${time(state.running.startedAt)}`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.line(LEVEL_2, `${title}:\tTerminated`);
    if (t.reason) w.line(LEVEL_3, `Reason:\t${t.reason}`);
    if (t.message) w.line(LEVEL_3, `Message:\t${t.message}`);
    w.line(LEVEL_3, `Exit Code:\t${t.exitCode}`);
    if ((t.signal ?? 0) > 0) w.line(LEVEL_3, `Signal:\t${t.signal}`);
    w.line(LEVEL_3, `Started:\t${time(t.startedAt)}`);
    w.line(LEVEL_3, `Finished:\t${time(t.finishedAt)}`);
  } else {
    w.line(LEVEL_2, `${title}:\tWaiting`);
    if (state?.waiting?.reason) w.line(LEVEL_3, `Reason:\t${state.waiting.reason}`);
  }
}

function writeResources(w: DescribeWriter, resources: Container['resources'], level: number): void {
  for (const [title, list] of [['Limits', resources?.limits], ['Requests', resources?.requests]] as const) {
    const names = Object.keys(list ?? {}).sort();
    if (names.length === 0) continue;
    w.line(level, `${title}:`);
    for (const n of names) w.line(level + 1, `${n}:\t${String(list![n])}`);
  }
}

function writeEnv(w: DescribeWriter, c: Container, pod: Pod | undefined): void {
  if ((c.envFrom ?? []).length > 0) {
    w.line(LEVEL_2, 'Environment Variables from:');
    for (const e of c.envFrom!) {
      const [from, ref] = e.configMapRef ? ['ConfigMap', e.configMapRef] : ['Secret', e.secretRef];
      const name = ref?.name ?? '';
      const optional = ref?.optional === true;
      w.line(LEVEL_3, e.prefix ? `${name}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}` : `${name}\t${from}\tOptional: ${optional}`);
    }
  }
  const env = c.env ?? [];
  w.line(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}`);
  for (const e of env) {
    const from = e.valueFrom;
    if (!from) {
      (e.value ?? '').split('\n').forEach((s, i) => w.line(LEVEL_3, i === 0 ? `${e.name}:\t${s}` : `\t${s}`));
    } else if (from.fieldRef) {
      w.line(LEVEL_3, `${e.name}:\t${fieldValue(pod, from.fieldRef.fieldPath)} (${from.fieldRef.apiVersion ?? 'v1'}:${from.fieldRef.fieldPath})`);
    } else if (from.resourceFieldRef) {
      w.line(LEVEL_3, `${e.name}:\t${resourceFieldValue(c, from.resourceFieldRef.resource)} (${from.resourceFieldRef.resource})`);
    } else if (from.secretKeyRef) {
      w.line(LEVEL_3, `${e.name}:\t<set to the key '${from.secretKeyRef.key}' in secret '${from.secretKeyRef.name ?? ''}'>\tOptional: ${from.secretKeyRef.optional === true}`);
    } else if (from.configMapKeyRef) {
      w.line(LEVEL_3, `${e.name}:\t<set to the key '${from.configMapKeyRef.key}' of config map '${from.configMapKeyRef.name ?? ''}'>\tOptional: ${from.configMapKeyRef.optional === true}`);
    }
  }
}

/** The value a downward-API field resolves to for a pod (empty in templates). */
function fieldValue(pod: Pod | undefined, path: string): string {
  if (!pod) return '';
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return pod.metadata[m[1] as 'labels' | 'annotations']?.[m[2]!] ?? '';
  const values: Record<string, string | undefined> = {
    'metadata.name': pod.metadata.name,
    'metadata.namespace': pod.metadata.namespace,
    'metadata.uid': pod.metadata.uid,
    'spec.nodeName': pod.spec?.nodeName,
    'spec.serviceAccountName': pod.spec?.serviceAccountName,
    'status.hostIP': pod.status?.hostIP,
    'status.podIP': pod.status?.podIP,
  };
  return values[path] ?? '';
}

function resourceFieldValue(c: Container, resource: string): string {
  const [kind, name] = resource.split('.') as ['limits' | 'requests', string];
  const v = c.resources?.[kind]?.[name];
  if (v === undefined) return kind === 'limits' && (name === 'cpu' || name === 'memory') ? 'node allocatable' : '0';
  return String(v);
}

function writeMounts(w: DescribeWriter, c: Container): void {
  const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
  w.line(LEVEL_2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}`);
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path=${JSON.stringify(m.subPath)}`] : [])];
    w.line(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(',')})`);
  }
}

/** `Containers:` / `Init Containers:` with each container's image, ports, command, state, probes, env and mounts. */
export function writeContainers(w: DescribeWriter, label: string, containers: readonly Container[], statuses: readonly ContainerStatus[] | undefined, pod: Pod | undefined, space = ''): void {
  w.line(LEVEL_0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}`);
  for (const c of containers) {
    const status = statuses?.find((s) => s.name === c.name);
    w.line(LEVEL_1, `${space ? ' ' : ''}${c.name}:`);
    if (status) w.line(LEVEL_2, `Container ID:\t${status.containerID ?? ''}`);
    w.line(LEVEL_2, `Image:\t${c.image ?? ''}`);
    if (status) w.line(LEVEL_2, `Image ID:\t${status.imageID ?? ''}`);
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
    w.line(LEVEL_2, ports.includes(',') ? `Ports:\t${ports}` : `Port:\t${orNone(ports)}`);
    w.line(LEVEL_2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}` : `Host Port:\t${orNone(hostPorts)}`);
    for (const [title, words] of [['Command', c.command], ['Args', c.args]] as const) {
      if (!words || words.length === 0) continue;
      w.line(LEVEL_2, `${title}:`);
      for (const word of words) for (const s of word.split('\n')) w.line(LEVEL_3, s);
    }
    if (status) {
      writeState(w, 'State', status.state);
      if (status.lastState?.terminated) writeState(w, 'Last State', status.lastState);
      w.line(LEVEL_2, `Ready:\t${status.ready ? 'True' : 'False'}`);
      w.line(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}`);
    }
    writeResources(w, c.resources, LEVEL_2);
    if (c.livenessProbe) w.line(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}`);
    if (c.readinessProbe) w.line(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}`);
    if (c.startupProbe) w.line(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}`);
    writeEnv(w, c, pod);
    writeMounts(w, c);
  }
}

/** `Volumes:` with one block per volume source kind the simulation uses. */
export function writeVolumes(w: DescribeWriter, volumes: readonly Volume[] | undefined, space = ''): void {
  if (!volumes || volumes.length === 0) {
    w.line(LEVEL_0, `${space}Volumes:\t<none>`);
    return;
  }
  w.line(LEVEL_0, `${space}Volumes:`);
  for (const v of volumes) {
    w.line(LEVEL_1, `${space ? ' ' : ''}${v.name}:`);
    if (v.hostPath) {
      w.line(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type || '<none>'}`);
    } else if (v.emptyDir) {
      w.line(LEVEL_2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}`);
    } else if (v.secret) {
      w.line(LEVEL_2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${v.secret.optional === true}`);
    } else if (v.configMap) {
      w.line(LEVEL_2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${v.configMap.optional === true}`);
    } else if (v.persistentVolumeClaim) {
      w.line(LEVEL_2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}`);
    } else if (v.downwardAPI) {
      w.line(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:');
      for (const item of v.downwardAPI.items ?? []) {
        if (item.fieldRef) w.line(LEVEL_3, `${item.fieldRef.fieldPath} -> ${item.path}`);
        if (item.resourceFieldRef) w.line(LEVEL_3, `${item.resourceFieldRef.resource} -> ${item.path}`);
      }
    } else if (v.projected) {
      w.line(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)');
      for (const s of v.projected.sources ?? []) {
        if (s.secret) w.line(LEVEL_2, `SecretName:\t${s.secret.name ?? ''}\n    Optional:\t${s.secret.optional === true}`);
        else if (s.downwardAPI) w.line(LEVEL_2, 'DownwardAPI:\ttrue');
        else if (s.configMap) w.line(LEVEL_2, `ConfigMapName:\t${s.configMap.name ?? ''}\n    Optional:\t${s.configMap.optional === true}`);
        else if (s.serviceAccountToken) w.line(LEVEL_2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3607}`);
      }
    } else {
      w.line(LEVEL_1, '<unknown>');
    }
  }
}

/** One toleration as describe prints it: `key=value:Effect op=Exists for 300s`. */
export function formatToleration(t: Toleration): string {
  let s = t.key ?? '';
  if (t.value) s += `=${t.value}`;
  if (t.effect) s += `:${t.effect}`;
  if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
  if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
  return s;
}

/** A title followed by one value per line, aligned (tolerations, taints). */
export function writeMultiline(w: DescribeWriter, title: string, values: readonly string[], initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  if (values.length === 0) {
    w.write(LEVEL_0, '<none>\n');
    return;
  }
  values.forEach((v, i) => w.write(LEVEL_0, `${i > 0 ? initialIndent + innerIndent : ''}${v}\n`));
}

export function writeTolerations(w: DescribeWriter, title: string, tolerations: readonly Toleration[] | undefined, initialIndent = ''): void {
  const sorted = [...(tolerations ?? [])].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  writeMultiline(w, title, sorted.map(formatToleration), initialIndent);
}

/** The `Pod Template:` block of workload describers (DescribePodTemplate). */
export function writePodTemplate(w: DescribeWriter, template: PodTemplateSpec | undefined): void {
  w.line(LEVEL_0, 'Pod Template:');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  writeLabels(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) writeAnnotations(w, '  Annotations', template.metadata?.annotations);
  const spec = template.spec;
  if (spec?.serviceAccountName) w.line(LEVEL_1, `Service Account:\t${spec.serviceAccountName}`);
  if ((spec?.initContainers ?? []).length > 0) writeContainers(w, 'Init Containers', spec!.initContainers!, undefined, undefined, '  ');
  writeContainers(w, 'Containers', spec?.containers ?? [], undefined, undefined, '  ');
  writeVolumes(w, spec?.volumes, '  ');
  if (spec?.priorityClassName) w.line(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}`);
  writeLabels(w, '  Node-Selectors', spec?.nodeSelector);
  writeTolerations(w, '  Tolerations', spec?.tolerations);
}

/** The QoS class kubelet would assign (used when status.qosClass is not yet set). */
function qosClass(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  const any = containers.some((c) => Object.keys(c.resources?.requests ?? {}).length + Object.keys(c.resources?.limits ?? {}).length > 0);
  if (!any) return 'BestEffort';
  const guaranteed = containers.every((c) => {
    const l = c.resources?.limits ?? {};
    const r = c.resources?.requests ?? {};
    return ['cpu', 'memory'].every((k) => l[k] !== undefined && (r[k] === undefined || String(r[k]) === String(l[k])));
  });
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export function describePod(obj: Pod, ctx: DescribeContext): string {
  const pod = obj;
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  const w = new DescribeWriter();
  w.line(LEVEL_0, `Name:\t${pod.metadata.name}`);
  w.line(LEVEL_0, `Namespace:\t${pod.metadata.namespace ?? ''}`);
  if (spec.priority !== undefined) w.line(LEVEL_0, `Priority:\t${spec.priority}`);
  if (spec.priorityClassName) w.line(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}`);
  if (spec.runtimeClassName) w.line(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}`);
  if (spec.serviceAccountName) w.line(LEVEL_0, `Service Account:\t${spec.serviceAccountName}`);
  w.line(LEVEL_0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}` : 'Node:\t<none>');
  if (status.startTime) w.line(LEVEL_0, `Start Time:\t${time(status.startTime)}`);
  writeLabels(w, 'Labels', pod.metadata.labels);
  writeAnnotations(w, 'Annotations', pod.metadata.annotations);
  const deletion = parseTime(pod.metadata.deletionTimestamp);
  if (deletion !== undefined && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.line(LEVEL_0, `Status:\tTerminating (lasts ${humanDuration(ctx.nowMs - deletion)})`);
    w.line(LEVEL_0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s`);
  } else {
    w.line(LEVEL_0, `Status:\t${status.phase ?? ''}`);
  }
  if (status.reason) w.line(LEVEL_0, `Reason:\t${status.reason}`);
  if (status.message) w.line(LEVEL_0, `Message:\t${status.message}`);
  w.line(LEVEL_0, `IP:\t${status.podIP ?? ''}`);
  if ((status.podIPs ?? []).length === 0) w.line(LEVEL_0, 'IPs:\t<none>');
  else {
    w.line(LEVEL_0, 'IPs:');
    for (const ip of status.podIPs!) w.line(LEVEL_1, `IP:\t${ip.ip}`);
  }
  const owner = controllerRef(pod);
  if (owner) w.line(LEVEL_0, `Controlled By:\t${owner.kind}/${owner.name}`);
  if (status.nominatedNodeName) w.line(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}`);
  if ((spec.initContainers ?? []).length > 0) writeContainers(w, 'Init Containers', spec.initContainers!, status.initContainerStatuses, pod);
  writeContainers(w, 'Containers', spec.containers ?? [], status.containerStatuses, pod);
  if ((spec.readinessGates ?? []).length > 0) {
    w.line(LEVEL_0, 'Readiness Gates:\n  Type\tStatus');
    for (const g of spec.readinessGates!) w.line(LEVEL_1, `${g.conditionType} \t${status.conditions?.find((c) => c.type === g.conditionType)?.status ?? '<none>'} `);
  }
  if ((status.conditions ?? []).length > 0) {
    w.line(LEVEL_0, 'Conditions:\n  Type\tStatus');
    for (const c of status.conditions!) w.line(LEVEL_1, `${c.type} \t${c.status} `);
  }
  writeVolumes(w, spec.volumes);
  w.line(LEVEL_0, `QoS Class:\t${qosClass(pod)}`);
  writeLabels(w, 'Node-Selectors', spec.nodeSelector);
  writeTolerations(w, 'Tolerations', spec.tolerations);
  if (ctx.showEvents) writeEvents(w, eventsFor(ctx.client, pod), ctx.nowMs);
  return w.toString();
}

registerDescriber('Pod', (obj, ctx) => describePod(obj as unknown as Pod, ctx));
