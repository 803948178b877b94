/**
 * PodSpec defaulting and validation, shared by Pods and every pod template (Job, CronJob, ReplicaSet,
 * Deployment, DaemonSet). Mirrors pkg/apis/core/v1/defaults.go (SetDefaults_PodSpec, _Container,
 * _Probe, _Volume...) and pkg/apis/core/validation/validation.go (ValidatePodSpec), in our words.
 */
import type { Container, PodSpec, Probe, Volume } from 'kubernetes-types/core/v1';
import { type FieldError, duplicate, invalid, notSupported, required } from './fieldErrors.ts';
import { validateAffinity } from './affinity.ts';
import { validateContainer } from './container.ts';
import { isDns1123Label, isDns1123Subdomain, validateLabels, validateNonNegative } from './validation.ts';

export const DEFAULT_TERMINATION_GRACE_SECONDS = 30;

/** The image tag, `latest` when none (and digests count as a tag). */
export function imageTag(image: string): string {
  if (image.includes('@')) return image.slice(image.indexOf('@') + 1);
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  return colon < 0 ? 'latest' : image.slice(colon + 1);
}

function defaultProbe(p: Probe | undefined): void {
  if (!p) return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  if (p.httpGet) {
    p.httpGet.path ??= '/';
    p.httpGet.scheme ??= 'HTTP';
  }
}

function defaultContainer(c: Container): void {
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  if (!c.imagePullPolicy && c.image) c.imagePullPolicy = imageTag(c.image) === 'latest' ? 'Always' : 'IfNotPresent';
  c.resources ??= {};
  // Limits without requests: requests default to the limits.
  if (c.resources.limits) {
    c.resources.requests ??= {};
    for (const [k, v] of Object.entries(c.resources.limits)) c.resources.requests[k] ??= v;
  }
  for (const port of c.ports ?? []) port.protocol ??= 'TCP';
  for (const env of c.env ?? []) {
    if (env.valueFrom?.fieldRef) env.valueFrom.fieldRef.apiVersion ??= 'v1';
  }
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
}

function defaultVolume(v: Volume): void {
  if (v.configMap) v.configMap.defaultMode ??= 420;
  if (v.secret) v.secret.defaultMode ??= 420;
  if (v.downwardAPI) {
    v.downwardAPI.defaultMode ??= 420;
    for (const item of v.downwardAPI.items ?? []) if (item.fieldRef) item.fieldRef.apiVersion ??= 'v1';
  }
  if (v.hostPath) v.hostPath.type ??= '';
}

/** SetDefaults_PodSpec and the nested defaulters; mutates `spec` in place. */
export function defaultPodSpec(spec: PodSpec): void {
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= DEFAULT_TERMINATION_GRACE_SECONDS;
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
  spec.enableServiceLinks ??= true;
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const c of spec.containers ?? []) defaultContainer(c);
  // On the host network a container port is a host port.
  if (spec.hostNetwork) for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) for (const p of c.ports ?? []) p.hostPort ??= p.containerPort;
  for (const v of spec.volumes ?? []) defaultVolume(v);
  for (const t of spec.tolerations ?? []) if (t.operator === undefined && t.key !== undefined) t.operator = 'Equal';
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** ValidatePodSpec with `path` as the field prefix (`spec` for a Pod, `spec.template.spec` for a Job). */
export function validatePodSpec(spec: PodSpec | undefined, path: string): FieldError[] {
  if (!spec) return [required(`${path}.containers`)];
  const errs: FieldError[] = [];
  const volumes = new Set<string>();
  (spec.volumes ?? []).forEach((v, i) => {
    if (!v.name) errs.push(required(`${path}.volumes[${i}].name`));
    else {
      const msg = isDns1123Label(v.name);
      if (msg) errs.push(invalid(`${path}.volumes[${i}].name`, v.name, msg));
      if (volumes.has(v.name)) errs.push(duplicate(`${path}.volumes[${i}].name`, v.name));
      volumes.add(v.name);
    }
    // Exactly one volume source (emptyDir, configMap, secret, hostPath, ...).
    const sources = Object.entries(v).filter(([k, value]) => k !== 'name' && value !== undefined).map(([k]) => k);
    if (sources.length === 0) errs.push(required(`${path}.volumes[${i}]`, 'must specify a volume type'));
    for (const extra of sources.slice(1)) errs.push({ type: 'Forbidden', field: `${path}.volumes[${i}].${extra}`, detail: 'may not specify more than 1 volume type' });
  });
  if (!spec.containers || spec.containers.length === 0) errs.push(required(`${path}.containers`));
  const names = new Set<string>();
  const check = (list: Container[] | undefined, field: string, isInit: boolean) =>
    (list ?? []).forEach((c, i) => {
      errs.push(...validateContainer(c, `${path}.${field}[${i}]`, volumes, isInit));
      if (c.name) {
        if (names.has(c.name)) errs.push(duplicate(`${path}.${field}[${i}].name`, c.name));
        names.add(c.name);
      }
    });
  check(spec.containers, 'containers', false);
  check(spec.initContainers, 'initContainers', true);
  if (spec.restartPolicy && !RESTART_POLICIES.includes(spec.restartPolicy)) errs.push(notSupported(`${path}.restartPolicy`, spec.restartPolicy, RESTART_POLICIES));
  if (spec.dnsPolicy && !DNS_POLICIES.includes(spec.dnsPolicy)) errs.push(notSupported(`${path}.dnsPolicy`, spec.dnsPolicy, DNS_POLICIES));
  errs.push(...validateNonNegative(spec.terminationGracePeriodSeconds, `${path}.terminationGracePeriodSeconds`));
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds <= 0) {
    errs.push(invalid(`${path}.activeDeadlineSeconds`, spec.activeDeadlineSeconds, 'must be between 1 and 2147483647, inclusive'));
  }
  errs.push(...validateLabels(spec.nodeSelector, `${path}.nodeSelector`));
  errs.push(...validateAffinity(spec.affinity, `${path}.affinity`));
  if (spec.hostname) {
    const msg = isDns1123Label(spec.hostname);
    if (msg) errs.push(invalid(`${path}.hostname`, spec.hostname, msg));
  }
  if (spec.subdomain) {
    const msg = isDns1123Label(spec.subdomain);
    if (msg) errs.push(invalid(`${path}.subdomain`, spec.subdomain, msg));
  }
  if (spec.nodeName) {
    const msg = isDns1123Subdomain(spec.nodeName);
    if (msg) errs.push(invalid(`${path}.nodeName`, spec.nodeName, msg));
  }
  (spec.tolerations ?? []).forEach((t, i) => {
    const tp = `${path}.tolerations[${i}]`;
    if (t.operator && t.operator !== 'Exists' && t.operator !== 'Equal') errs.push(notSupported(`${tp}.operator`, t.operator, ['Equal', 'Exists']));
    if (t.operator === 'Exists' && t.value) errs.push(invalid(`${tp}.operator`, t.value, 'value must be empty when `operator` is \'Exists\''));
    if (!t.key && t.operator !== 'Exists') errs.push(invalid(`${tp}.operator`, t.operator ?? '', "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
    if (t.effect && !TAINT_EFFECTS.includes(t.effect)) errs.push(notSupported(`${tp}.effect`, t.effect, TAINT_EFFECTS));
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
      errs.push(invalid(`${tp}.effect`, t.effect ?? '', 'effect must be \'NoExecute\' when `tolerationSeconds` is set'));
    }
  });
  return errs;
}
