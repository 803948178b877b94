/**
 * Service and Endpoints. The API server allocates the ClusterIP (10.96.0.0/12) and NodePorts
 * (30000–32767) at create time; `clusterIP: None` makes a headless service.
 */
import type { ServicePort } from 'kubernetes-types/core/v1';
import { type KindDef, registerKind } from '../kinds.ts';
import type { Endpoints, Service } from '../objects.ts';
import { invalid, notSupported, required } from '../fieldErrors.ts';
import { validateObjectMeta } from '../validation.ts';

const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];

function defaultPort(p: ServicePort): void {
  p.protocol ??= 'TCP';
  p.targetPort ??= p.port;
}

export const serviceKind: KindDef<Service> = {
  kind: 'Service',
  apiVersion: 'v1',
  group: '',
  version: 'v1',
  plural: 'services',
  singular: 'service',
  shortNames: ['svc'],
  namespaced: true,
  categories: ['all'],
  hasStatus: true,
  tracksGeneration: false,
  nameRule: 'label',
  defaults(svc) {
    svc.spec ??= {};
    const spec = svc.spec;
    spec.type ??= 'ClusterIP';
    spec.sessionAffinity ??= 'None';
    if (spec.type !== 'ExternalName') {
      spec.internalTrafficPolicy ??= 'Cluster';
      spec.ipFamilies ??= ['IPv4'];
      spec.ipFamilyPolicy ??= 'SingleStack';
    }
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster';
    for (const p of spec.ports ?? []) defaultPort(p);
  },
  prepareForCreate(svc, ctx) {
    const spec = svc.spec!;
    if (spec.type !== 'ExternalName' && spec.clusterIP === undefined) {
      spec.clusterIP = `10.${96 + ctx.rng.int(16)}.${ctx.rng.int(256)}.${1 + ctx.rng.int(254)}`;
    }
    if (spec.clusterIP) spec.clusterIPs ??= [spec.clusterIP];
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
      for (const p of spec.ports ?? []) p.nodePort ??= 30000 + ctx.rng.int(2768);
    }
    svc.status = { loadBalancer: {} };
  },
  validate(svc) {
    const errs = validateObjectMeta(svc.metadata, 'label');
    const spec = svc.spec ?? {};
    if (spec.type && !SERVICE_TYPES.includes(spec.type)) errs.push(notSupported('spec.type', spec.type, SERVICE_TYPES));
    if (spec.type !== 'ExternalName' && spec.clusterIP !== 'None' && (spec.ports ?? []).length === 0) errs.push(required('spec.ports'));
    (spec.ports ?? []).forEach((p, i) => {
      if (p.port === undefined || p.port < 1 || p.port > 65535) errs.push(invalid(`spec.ports[${i}].port`, p.port ?? 0, 'must be between 1 and 65535, inclusive'));
      if ((spec.ports ?? []).length > 1 && !p.name) errs.push(required(`spec.ports[${i}].name`));
    });
    return errs;
  },
};

export const endpointsKind: KindDef<Endpoints> = {
  kind: 'Endpoints',
  apiVersion: 'v1',
  group: '',
  version: 'v1',
  plural: 'endpoints',
  singular: 'endpoints',
  shortNames: ['ep'],
  namespaced: true,
  hasStatus: false,
  tracksGeneration: false,
  validate(ep) {
    return validateObjectMeta(ep.metadata, 'subdomain');
  },
};

registerKind(serviceKind);
registerKind(endpointsKind);
