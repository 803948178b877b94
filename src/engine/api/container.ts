/**
 * Container validation (pkg/apis/core/validation: validateContainers, validateInitContainers,
 * validateContainerPorts, ValidateEnv, ValidateVolumeMounts, ValidateResourceRequirements,
 * validateProbe), in our words with upstream's messages and field paths.
 */
import type { Container, EnvVar, EnvVarSource, Probe } from 'kubernetes-types/core/v1';
import { type FieldError, duplicate, forbidden, invalid, notSupported, required } from './fieldErrors.ts';
import { parseQuantity } from './quantity.ts';
import { validateLabelKey } from './labels.ts';
import { isDns1123Label, validateEnvVarName, validateNonNegative, validatePortName, validateQuantity } from './validation.ts';

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const CONFIG_KEY_MSG = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
const FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
const STANDARD_CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];

const PORT_RANGE = 'must be between 1 and 65535, inclusive';

function validateProbe(p: Probe | undefined, path: string, kind: 'liveness' | 'readiness' | 'startup'): FieldError[] {
  if (!p) return [];
  const errs: FieldError[] = [];
  const handlers = [p.exec, p.httpGet, p.tcpSocket, p.grpc].filter((h) => h !== undefined).length;
  if (handlers === 0) errs.push(required(path, 'must specify a handler type'));
  if (handlers > 1) errs.push(forbidden(path, 'may not specify more than 1 handler type'));
  errs.push(...validateNonNegative(p.initialDelaySeconds, `${path}.initialDelaySeconds`));
  for (const f of ['timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const) {
    const v = p[f];
    if (v !== undefined && v < 1) errs.push(invalid(`${path}.${f}`, v, 'must be greater than or equal to 1'));
  }
  if (kind !== 'readiness' && p.successThreshold !== undefined && p.successThreshold !== 1) {
    errs.push(invalid(`${path}.successThreshold`, p.successThreshold, 'must be 1'));
  }
  const port = p.httpGet?.port ?? p.tcpSocket?.port;
  if (typeof port === 'number' && (port < 1 || port > 65535)) errs.push(invalid(`${path}.${p.httpGet ? 'httpGet' : 'tcpSocket'}.port`, port, PORT_RANGE));
  if (p.exec && (!p.exec.command || p.exec.command.length === 0)) errs.push(required(`${path}.exec.command`));
  return errs;
}

function validateKeySelector(ref: { name?: string; key?: string }, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!ref.name) errs.push(required(`${path}.name`));
  if (!ref.key) errs.push(required(`${path}.key`));
  else if (!CONFIG_KEY.test(ref.key)) errs.push(invalid(`${path}.key`, ref.key, CONFIG_KEY_MSG));
  return errs;
}

function validateValueFrom(from: EnvVarSource, path: string): FieldError[] {
  const sources = [from.fieldRef, from.resourceFieldRef, from.configMapKeyRef, from.secretKeyRef].filter((s) => s !== undefined).length;
  if (sources === 0) return [invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`')];
  if (sources > 1) return [invalid(path, '', 'may not have more than one field specified at a time')];
  const errs: FieldError[] = [];
  if (from.fieldRef) {
    const fp = from.fieldRef.fieldPath;
    if (!fp) errs.push(required(`${path}.fieldRef.fieldPath`));
    else if (!FIELD_PATHS.includes(fp) && !/^metadata\.(labels|annotations)\['[^']+'\]$/.test(fp)) {
      errs.push(notSupported(`${path}.fieldRef.fieldPath`, fp, ['metadata.annotations', 'metadata.labels', ...FIELD_PATHS]));
    }
  }
  if (from.resourceFieldRef && !from.resourceFieldRef.resource) errs.push(required(`${path}.resourceFieldRef.resource`));
  if (from.configMapKeyRef) errs.push(...validateKeySelector(from.configMapKeyRef, `${path}.configMapKeyRef`));
  if (from.secretKeyRef) errs.push(...validateKeySelector(from.secretKeyRef, `${path}.secretKeyRef`));
  return errs;
}

function validateEnv(env: EnvVar[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (env ?? []).forEach((e, i) => {
    const ep = `${path}[${i}]`;
    if (!e.name) errs.push(required(`${ep}.name`));
    else errs.push(...validateEnvVarName(e.name, `${ep}.name`));
    if (e.valueFrom) {
      errs.push(...validateValueFrom(e.valueFrom, `${ep}.valueFrom`));
      if (e.value) errs.push(invalid(`${ep}.valueFrom`, '', 'may not be specified when `value` is not empty'));
    }
  });
  return errs;
}

function validateResources(c: Container, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const part of ['limits', 'requests'] as const) {
    for (const [res, q] of Object.entries(c.resources?.[part] ?? {})) {
      const field = `${path}.resources.${part}[${res}]`;
      const standard = STANDARD_CONTAINER_RESOURCES.includes(res) || res.startsWith('hugepages-');
      if (!standard && (!res.includes('/') || validateLabelKey(res))) errs.push(invalid(field, res, 'must be a standard resource type or fully qualified'));
      errs.push(...validateQuantity(q, field));
    }
  }
  const req = c.resources?.requests ?? {};
  const lim = c.resources?.limits ?? {};
  for (const res of Object.keys(req)) {
    if (lim[res] === undefined) continue;
    const r = parseQuantity(req[res]);
    const l = parseQuantity(lim[res]);
    if (r !== undefined && l !== undefined && r > l) {
      errs.push(invalid(`${path}.resources.requests[${res}]`, req[res], `must be less than or equal to ${res} limit of ${lim[res]}`));
    }
  }
  return errs;
}

/** One container of a pod spec (`path` like `spec.containers[0]`); `volumes` are the pod's volume names. */
export function validateContainer(c: Container, path: string, volumes: Set<string>, isInit: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(required(`${path}.name`));
  else {
    const msg = isDns1123Label(c.name);
    if (msg) errs.push(invalid(`${path}.name`, c.name, msg));
  }
  if (!c.image) errs.push(required(`${path}.image`));
  if (c.imagePullPolicy && !PULL_POLICIES.includes(c.imagePullPolicy)) errs.push(notSupported(`${path}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES));
  const portNames = new Set<string>();
  (c.ports ?? []).forEach((p, i) => {
    const pp = `${path}.ports[${i}]`;
    if (p.containerPort === undefined) errs.push(required(`${pp}.containerPort`));
    else if (p.containerPort < 1 || p.containerPort > 65535) errs.push(invalid(`${pp}.containerPort`, p.containerPort, PORT_RANGE));
    if (p.hostPort !== undefined && p.hostPort !== 0 && (p.hostPort < 1 || p.hostPort > 65535)) errs.push(invalid(`${pp}.hostPort`, p.hostPort, PORT_RANGE));
    if (p.name) {
      errs.push(...validatePortName(p.name, `${pp}.name`));
      if (portNames.has(p.name)) errs.push(duplicate(`${pp}.name`, p.name));
      portNames.add(p.name);
    }
    if (p.protocol && !PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${pp}.protocol`, p.protocol, PROTOCOLS));
  });
  errs.push(...validateEnv(c.env, `${path}.env`));
  const mountPaths = new Set<string>();
  (c.volumeMounts ?? []).forEach((m, i) => {
    const mp = `${path}.volumeMounts[${i}]`;
    if (!m.name) errs.push(required(`${mp}.name`));
    else if (!volumes.has(m.name)) errs.push({ type: 'NotFound', field: `${mp}.name`, value: m.name });
    if (!m.mountPath) errs.push(required(`${mp}.mountPath`));
    else if (mountPaths.has(m.mountPath)) errs.push(invalid(`${mp}.mountPath`, m.mountPath, 'must be unique'));
    if (m.mountPath) mountPaths.add(m.mountPath);
  });
  errs.push(...validateResources(c, path));
  if (isInit) {
    if (c.restartPolicy !== undefined && c.restartPolicy !== 'Always') errs.push(notSupported(`${path}.restartPolicy`, c.restartPolicy, ['Always']));
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
      if (c[probe] && c.restartPolicy !== 'Always') errs.push(forbidden(`${path}.${probe}`, 'may not be set for init containers without restartPolicy=Always'));
    }
  } else {
    if (c.restartPolicy !== undefined) errs.push(forbidden(`${path}.restartPolicy`, 'may not be set for non-init containers'));
    errs.push(...validateProbe(c.livenessProbe, `${path}.livenessProbe`, 'liveness'));
    errs.push(...validateProbe(c.readinessProbe, `${path}.readinessProbe`, 'readiness'));
    errs.push(...validateProbe(c.startupProbe, `${path}.startupProbe`, 'startup'));
  }
  return errs;
}
