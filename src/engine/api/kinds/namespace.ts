/**
 * Namespace (pkg/registry/core/namespace/strategy.go, pkg/apis/core/validation ValidateNamespace):
 * the `kubernetes.io/metadata.name` label, and the `kubernetes` finalizer that keeps a deleted
 * namespace around until the namespace controller has emptied it. spec.finalizers change only
 * through the finalize subresource; status only through the status subresource.
 */
import { type KindDef, registerKind } from '../kinds.ts';
import type { Namespace } from '../objects.ts';
import { invalid } from '../fieldErrors.ts';
import { validateLabelKey } from '../labels.ts';
import { validateObjectMeta } from '../validation.ts';

export const FINALIZER_KUBERNETES = 'kubernetes';

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
  },
  prepareForCreate(ns) {
    // Required on create; only finalization may take it away.
    const finalizers = ns.spec?.finalizers ?? [];
    ns.spec = { ...ns.spec, finalizers: finalizers.includes(FINALIZER_KUBERNETES) ? finalizers : [...finalizers, FINALIZER_KUBERNETES] };
    ns.status = { phase: 'Active' };
  },
  prepareForUpdate(ns, old) {
    ns.spec = { ...ns.spec, finalizers: old.spec?.finalizers ?? [] };
    if (!ns.spec.finalizers!.length) delete ns.spec.finalizers;
  },
  validate(ns) {
    const errs = validateObjectMeta(ns.metadata, 'label');
    (ns.spec?.finalizers ?? []).forEach((f, i) => {
      const field = `spec.finalizers[${i}]`;
      const msg = validateLabelKey(f);
      if (msg) errs.push(invalid(field, f, msg));
      else if (!f.includes('/') && f !== FINALIZER_KUBERNETES) errs.push(invalid(field, f, 'name is neither a standard finalizer name nor is it fully qualified'));
    });
    return errs;
  },
};

registerKind(namespaceKind);
