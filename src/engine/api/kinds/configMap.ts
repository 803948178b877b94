/** ConfigMap and Secret: plain data, mounted as volumes and read through env. */
import { type KindDef, registerKind } from '../kinds.ts';
import type { ConfigMap, Secret } from '../objects.ts';
import { invalid } from '../fieldErrors.ts';
import { validateObjectMeta } from '../validation.ts';

const KEY = /^[-._a-zA-Z0-9]+$/;

function validateKeys(data: Record<string, string> | undefined, field: string) {
  return Object.keys(data ?? {})
    .filter((k) => !KEY.test(k) || k.length > 253)
    .map((k) => invalid(field, k, "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"));
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
    return [...validateObjectMeta(cm.metadata, 'subdomain'), ...validateKeys(cm.data, 'data')];
  },
};

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
  },
  validate(secret) {
    return [...validateObjectMeta(secret.metadata, 'subdomain'), ...validateKeys(secret.data, 'data')];
  },
};

registerKind(configMapKind);
registerKind(secretKind);
