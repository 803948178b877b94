/**
 * The root CA publisher (pkg/controller/certificates/rootcacertpublisher/publisher.go, in our
 * words): every namespace gets a ConfigMap `kube-root-ca.crt` holding the cluster CA, which the
 * projected service-account volume of every pod mounts as `ca.crt`. Recreated if deleted.
 */
import type { Controller, ControllerContext } from '../client/controller.ts';
import type { ConfigMap, Namespace } from '../api/objects.ts';
import { StatusError } from '../apiserver/errors.ts';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';

/** A fixed, fake cluster CA (the simulation has no real TLS). */
export const CLUSTER_CA_PEM = `-----BEGIN CERTIFICATE-----
MIIDBTCCAe2gAwIBAgIIa3ViZXNpbTAwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE
AxMKa3ViZXJuZXRlczAeFw0yNTAxMDEwMDAwMDBaFw0zNTAxMDEwMDAwMDBaMBUx
EzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK
AoIBAQDSimulatedKubesimClusterCertificateAuthorityKeyMaterial000
-----END CERTIFICATE-----
`;

export function rootCaPublisher(ctx: ControllerContext): Controller {
  const { store, api } = ctx;
  return {
    name: 'root-ca-cert-publisher',
    watches: [
      { kind: 'Namespace', keys: (e) => (e.type === 'DELETED' ? undefined : e.object.metadata.name) },
      { kind: 'ConfigMap', keys: (e) => (e.object.metadata.name === ROOT_CA_CONFIGMAP ? e.object.metadata.namespace : undefined) },
    ],
    start(queue) {
      for (const ns of store.list<Namespace>('Namespace')) queue.add(ns.metadata.name);
    },
    reconcile(namespace) {
      const ns = store.get<Namespace>('Namespace', namespace);
      if (!ns || ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') return;
      const existing = store.get<ConfigMap>('ConfigMap', `${namespace}/${ROOT_CA_CONFIGMAP}`);
      if (existing?.data?.['ca.crt'] === CLUSTER_CA_PEM) return;
      try {
        if (existing) api.update({ ...existing, data: { 'ca.crt': CLUSTER_CA_PEM } });
        else api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: ROOT_CA_CONFIGMAP, namespace, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } }, data: { 'ca.crt': CLUSTER_CA_PEM } });
      } catch (e) {
        if (!(e instanceof StatusError && (e.reason === 'AlreadyExists' || e.reason === 'NotFound' || e.reason === 'Conflict' || e.reason === 'Forbidden'))) throw e;
      }
    },
  };
}
