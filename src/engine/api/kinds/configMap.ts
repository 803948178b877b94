/**
 * ConfigMap and Secret: plain data, mounted as volumes and read through env
 * (pkg/apis/core/validation ValidateConfigMap / ValidateSecret, the Secret v1 conversion that folds
 * stringData into data). Keys are config keys, the total stays under 1 MiB, `immutable` freezes
 * the data, and typed Secrets carry the keys their type requires.
 */
import { type KindDef, registerKind } from '../kinds.ts';
import type { ConfigMap, Secret } from '../objects.ts';
import { type FieldError, forbidden, invalid, required } from '../fieldErrors.ts';
import { validateObjectMeta } from '../validation.ts';
import { base64Encode } from '../base64.ts';

const KEY = /^[-._a-zA-Z0-9]+$/;
const KEY_MSG = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
const MAX_BYTES = 1024 * 1024;

function validateKeys(data: Record<string, string> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of Object.keys(data ?? {})) {
    if (k.length > 253) errs.push(invalid(`${field}[${k}]`, k, 'must be no more than 253 characters'));
    else if (!KEY.test(k)) errs.push(invalid(`${field}[${k}]`, k, KEY_MSG));
    else if (k === '.' || k === '..') errs.push(invalid(`${field}[${k}]`, k, `must not be '${k}'`));
    else if (k.startsWith('..')) errs.push(invalid(`${field}[${k}]`, k, "must not start with '..'"));
  }
  return errs;
}

/** `immutable: true` freezes the data and itself (ValidateConfigMapUpdate / ValidateSecretUpdate). */
function validateImmutable(obj: { immutable?: boolean; data?: unknown; binaryData?: unknown }, old: { immutable?: boolean; data?: unknown; binaryData?: unknown }): FieldError[] {
  if (!old.immutable) return [];
  const errs: FieldError[] = [];
  if (!obj.immutable) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
  if (JSON.stringify(obj.data ?? {}) !== JSON.stringify(old.data ?? {})) errs.push(forbidden('data', 'field is immutable when `immutable` is set'));
  if (JSON.stringify(obj.binaryData ?? {}) !== JSON.stringify(old.binaryData ?? {})) errs.push(forbidden('binaryData', 'field is immutable when `immutable` is set'));
  return errs;
}

function size(data: Record<string, string> | undefined): number {
  return Object.entries(data ?? {}).reduce((n, [k, v]) => n + k.length + v.length, 0);
}

export const configMapKind: KindDef<ConfigMap> = {
  kind: 'ConfigMap',
  apiVersion: 'v1',
  group: '',
  version: 'v1',
  plural: 'configmaps',
  singular: 'configmap',
  shortNames: ['cm'],
  namespaced: true,
  hasStatus: false,
  tracksGeneration: false,
  validate(cm) {
    const errs = [...validateObjectMeta(cm.metadata, 'subdomain'), ...validateKeys(cm.data, 'data'), ...validateKeys(cm.binaryData, 'binaryData')];
    for (const k of Object.keys(cm.binaryData ?? {})) if (cm.data?.[k] !== undefined) errs.push(invalid(`data[${k}]`, k, 'duplicate of key present in binaryData'));
    const total = size(cm.data) + size(cm.binaryData);
    if (total > MAX_BYTES) errs.push({ type: 'TooLong', field: '', detail: `may not be more than ${MAX_BYTES} bytes` });
    return errs;
  },
  validateUpdate: validateImmutable,
};

/** The keys each Secret type requires (ValidateSecret). */
function validateSecretType(secret: Secret): FieldError[] {
  const has = (k: string) => secret.data?.[k] !== undefined;
  switch (secret.type) {
    case 'kubernetes.io/service-account-token':
      return secret.metadata.annotations?.['kubernetes.io/service-account.name'] ? [] : [required('metadata.annotations[kubernetes.io/service-account.name]')];
    case 'kubernetes.io/dockercfg':
      return has('.dockercfg') ? [] : [required('data[.dockercfg]')];
    case 'kubernetes.io/dockerconfigjson':
      return has('.dockerconfigjson') ? [] : [required('data[.dockerconfigjson]')];
    case 'kubernetes.io/basic-auth':
      return has('username') || has('password') ? [] : [required('data[username]'), required('data[password]')];
    case 'kubernetes.io/ssh-auth':
      return has('ssh-privatekey') ? [] : [required('data[ssh-privatekey]')];
    case 'kubernetes.io/tls':
      return [...(has('tls.crt') ? [] : [required('data[tls.crt]')]), ...(has('tls.key') ? [] : [required('data[tls.key]')])];
    default:
      return [];
  }
}

export const secretKind: KindDef<Secret> = {
  kind: 'Secret',
  apiVersion: 'v1',
  group: '',
  version: 'v1',
  plural: 'secrets',
  singular: 'secret',
  shortNames: [],
  namespaced: true,
  hasStatus: false,
  tracksGeneration: false,
  defaults(secret) {
    secret.type ??= 'Opaque';
    // The v1 conversion writes stringData over data (base64) and drops it: it is write-only.
    if (secret.stringData) {
      secret.data = { ...secret.data };
      for (const [k, v] of Object.entries(secret.stringData)) secret.data[k] = base64Encode(v);
      delete secret.stringData;
    }
  },
  validate(secret) {
    const errs = [...validateObjectMeta(secret.metadata, 'subdomain'), ...validateKeys(secret.data, 'data'), ...validateSecretType(secret)];
    if (size(secret.data) > MAX_BYTES) errs.push({ type: 'TooLong', field: 'data', detail: `may not be more than ${MAX_BYTES} bytes` });
    return errs;
  },
  validateUpdate(secret, old) {
    const errs = validateImmutable(secret, old);
    if ((secret.type ?? 'Opaque') !== (old.type ?? 'Opaque')) errs.push(invalid('type', secret.type, 'field is immutable'));
    return errs;
  },
};

registerKind(configMapKind);
registerKind(secretKind);
