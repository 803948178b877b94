/** Namespace: the `kubernetes.io/metadata.name` label and the `kubernetes` finalizer, as the API server sets them. */
import { type KindDef, registerKind } from '../kinds.ts';
import type { Namespace } from '../objects.ts';
import { validateObjectMeta } from '../validation.ts';

export const namespaceKind: KindDef<Namespace> = {
  kind: 'Namespace',
  apiVersion: 'v1',
  group: '',
  version: 'v1',
  plural: 'namespaces',
  singular: 'namespace',
  shortNames: ['ns'],
  namespaced: false,
  hasStatus: true,
  tracksGeneration: false,
  nameRule: 'label',
  defaults(ns) {
    ns.metadata.labels = { ...ns.metadata.labels, 'kubernetes.io/metadata.name': ns.metadata.name };
    ns.spec ??= {};
    ns.spec.finalizers ??= ['kubernetes'];
  },
  prepareForCreate(ns) {
    ns.status = { phase: 'Active' };
  },
  validate(ns) {
    return validateObjectMeta(ns.metadata, 'label');
  },
};

registerKind(namespaceKind);
