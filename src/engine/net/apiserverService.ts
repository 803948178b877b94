/**
 * The `kubernetes` Service in `default`, as the API server maintains it (pkg/controlplane's
 * endpoint reconciler): ClusterIP 10.96.0.1, port 443 → the control plane's 6443, with an Endpoints
 * and an EndpointSlice of the same name written by the API server itself. The control plane node
 * answers on 6443 like an API server does to anonymous requests (403 Forbidden).
 */
import type { ApiServer } from '../apiserver/apiServer.ts';
import { httpListener, httpResponse } from './http.ts';
import type { ClusterNetwork } from './network.ts';

export const KUBERNETES_SERVICE_IP = '10.96.0.1';
export const APISERVER_PORT = 6443;

export function bootstrapKubernetesService(api: ApiServer, network: ClusterNetwork, masterIp: string | undefined): void {
  const port = { name: 'https', port: APISERVER_PORT, protocol: 'TCP' };
  api.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { clusterIP: KUBERNETES_SERVICE_IP, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: APISERVER_PORT }], sessionAffinity: 'None', type: 'ClusterIP' },
  });
  if (!masterIp) return;
  api.create({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: masterIp }], ports: [port] }],
  });
  api.create({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [masterIp], conditions: { ready: true } }],
    ports: [port],
  });
  const forbidden = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'forbidden: User "system:anonymous" cannot get path "/"', reason: 'Forbidden', details: {}, code: 403 }, null, 2);
  network.listenHost(
    masterIp,
    APISERVER_PORT,
    httpListener((req) => (req.path === '/healthz' || req.path === '/livez' || req.path === '/readyz' ? httpResponse(200, 'ok') : httpResponse(403, `${forbidden}\n`, 'application/json'))),
  );
}
