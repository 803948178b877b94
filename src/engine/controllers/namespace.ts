/**
 * Namespaces (pkg/controller/namespace, and the root-ca-cert-publisher): a deleted namespace is
 * emptied — every namespaced object in it is deleted — and then its `kubernetes` finalizer is
 * removed so it disappears. Every active namespace gets its `kube-root-ca.crt` ConfigMap.
 */
import type { Controller, ControllerContext } from '../client/controller.ts';
import { selfKey } from '../client/controller.ts';
import { type Namespace, clone } from '../api/objects.ts';
import { allKinds } from '../api/kinds.ts';
import { StatusError } from '../apiserver/errors.ts';
import { FINALIZER_KUBERNETES } from '../api/kinds/namespace.ts';

const ROOT_CA = 'kube-root-ca.crt';
const CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIBkubesimSimulatedClusterRootCAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n-----END CERTIFICATE-----\n';

export function namespaceController(ctx: ControllerContext): Controller {
  const { store, api } = ctx;
  return {
    name: 'namespace',
    watches: [
      { kind: 'Namespace', keys: selfKey },
      { kind: 'ConfigMap', keys: (e) => (e.type === 'DELETED' && e.object.metadata.name === ROOT_CA ? e.object.metadata.namespace : undefined) },
    ],
    reconcile(name) {
      const ns = store.get<Namespace>('Namespace', name);
      if (!ns) return;
      if (!ns.metadata.deletionTimestamp) {
        if (!store.get('ConfigMap', `${name}/${ROOT_CA}`)) {
          api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: ROOT_CA, namespace: name, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } }, data: { 'ca.crt': CA_PEM } });
        }
        return;
      }
      let remaining = 0;
      for (const def of allKinds()) {
        if (!def.namespaced) continue;
        for (const obj of [...store.list(def.kind)]) {
          if (obj.metadata.namespace !== name) continue;
          remaining++;
          if (obj.metadata.deletionTimestamp) continue;
          try {
            api.delete(def.kind, name, obj.metadata.name, { propagationPolicy: 'Background' });
          } catch (e) {
            if (!(e instanceof StatusError && e.reason === 'NotFound')) throw e;
          }
        }
      }
      if (remaining > 0) return { requeueAfterMs: 1000 };
      // Finalized already; other (metadata) finalizers belong to someone else.
      if (!ns.spec?.finalizers?.includes(FINALIZER_KUBERNETES)) return;
      const updated = clone(ns);
      updated.spec = { ...updated.spec, finalizers: (ns.spec?.finalizers ?? []).filter((f) => f !== FINALIZER_KUBERNETES) };
      api.update(updated, { subresource: 'finalize' });
    },
  };
}
