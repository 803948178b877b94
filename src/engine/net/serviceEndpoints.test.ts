import { describe, expect, it } from 'vitest';
import type { Pod, Service } from '../api/objects.ts';
import { planSlices, planSubsets, targetPortOf } from './serviceEndpoints.ts';

function svc(spec: Partial<NonNullable<Service['spec']>>, name = 'web'): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', uid: `svc-${name}`, resourceVersion: '1', creationTimestamp: '2025-01-01T00:00:00Z' }, spec: { selector: { app: 'web' }, ...spec } };
}

interface PodOpts {
  ip?: string;
  ready?: boolean;
  phase?: string;
  deleting?: boolean;
  labels?: Record<string, string>;
  namespace?: string;
  ports?: { name: string; containerPort: number }[];
  hostname?: string;
  subdomain?: string;
}

function pod(name: string, o: PodOpts = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: o.namespace ?? 'default', uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: '2025-01-01T00:00:00Z', labels: o.labels ?? { app: 'web' }, ...(o.deleting ? { deletionTimestamp: '2025-01-01T00:01:00Z' } : {}) },
    spec: { nodeName: 'worker-1', containers: [{ name: 'c', ports: o.ports ?? [] }], ...(o.hostname ? { hostname: o.hostname } : {}), ...(o.subdomain ? { subdomain: o.subdomain } : {}) },
    status: { phase: o.phase ?? 'Running', ...(o.ip !== undefined ? { podIP: o.ip } : {}), conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
  };
}

describe('Endpoints subsets (endpoints controller plan)', () => {
  const ports = [{ port: 80, targetPort: 8080, protocol: 'TCP' }];
  it.each([
    ['no pods', svc({ ports }), [], []],
    ['ready and unready pods, sorted by IP', svc({ ports }), [pod('b', { ip: '10.244.1.9' }), pod('a', { ip: '10.244.1.10' }), pod('c', { ip: '10.244.2.3', ready: false })], [{ addresses: ['10.244.1.9', '10.244.1.10'], notReady: ['10.244.2.3'], ports: [8080] }]],
    ['pods without an IP, finished or terminating are left out', svc({ ports }), [pod('a'), pod('b', { ip: '10.244.1.2', phase: 'Succeeded' }), pod('c', { ip: '10.244.1.3', deleting: true }), pod('d', { ip: '10.244.1.4' })], [{ addresses: ['10.244.1.4'], notReady: [], ports: [8080] }]],
    ['other labels and namespaces are not selected', svc({ ports }), [pod('a', { ip: '10.0.0.1', labels: { app: 'db' } }), pod('b', { ip: '10.0.0.2', namespace: 'other' })], []],
    ['publishNotReadyAddresses lists unready pods as ready', svc({ ports, publishNotReadyAddresses: true }), [pod('a', { ip: '10.0.0.1', ready: false })], [{ addresses: ['10.0.0.1'], notReady: [], ports: [8080] }]],
    ['headless without ports: addresses only', svc({ clusterIP: 'None' }), [pod('a', { ip: '10.0.0.1' })], [{ addresses: ['10.0.0.1'], notReady: [], ports: [] }]],
  ])('%s', (_name, service, pods, expected) => {
    const subsets = planSubsets(service, pods);
    expect(subsets.map((s) => ({ addresses: (s.addresses ?? []).map((a) => a.ip), notReady: (s.notReadyAddresses ?? []).map((a) => a.ip), ports: (s.ports ?? []).map((p) => p.port) }))).toEqual(expected);
  });

  it('groups pods by port mapping when a named targetPort differs', () => {
    const service = svc({ ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }] });
    const subsets = planSubsets(service, [pod('a', { ip: '10.0.0.1', ports: [{ name: 'http', containerPort: 8080 }] }), pod('b', { ip: '10.0.0.2', ports: [{ name: 'http', containerPort: 9090 }] }), pod('c', { ip: '10.0.0.3' })]);
    expect(subsets.map((s) => [s.ports![0]!.port, s.addresses!.map((a) => a.ip)])).toEqual([
      [8080, ['10.0.0.1']],
      [9090, ['10.0.0.2']],
    ]);
  });
});

describe('EndpointSlices (EndpointSlice controller plan)', () => {
  it('carries conditions, hostname for the subdomain service, node and targetRef', () => {
    const service = svc({ clusterIP: 'None' }, 'headless-svc');
    service.spec!.selector = { job: 'x' };
    const pods = [
      pod('x-0', { ip: '10.244.1.5', labels: { job: 'x' }, hostname: 'x-0', subdomain: 'headless-svc' }),
      pod('x-1', { ip: '10.244.1.4', labels: { job: 'x' }, hostname: 'x-1', subdomain: 'other', ready: false }),
      pod('x-2', { ip: '10.244.1.6', labels: { job: 'x' }, deleting: true }),
    ];
    const [slice] = planSlices(service, pods);
    expect(slice!.ports).toEqual([]);
    expect(slice!.endpoints.map((e) => [e.addresses[0], e.conditions, e.hostname ?? null, e.targetRef?.name])).toEqual([
      ['10.244.1.4', { ready: false, serving: false, terminating: false }, null, 'x-1'],
      ['10.244.1.5', { ready: true, serving: true, terminating: false }, 'x-0', 'x-0'],
      ['10.244.1.6', { ready: false, serving: true, terminating: true }, null, 'x-2'],
    ]);
  });

  it('keeps a placeholder slice when nothing is selected', () => {
    expect(planSlices(svc({ ports: [{ port: 80 }] }), [])).toEqual([{ ports: [], endpoints: [] }]);
  });

  it('resolves targetPort by number, numeric string, or container port name', () => {
    const p = pod('a', { ports: [{ name: 'web', containerPort: 3000 }] });
    expect(targetPortOf({ port: 80 }, p)).toBe(80);
    expect(targetPortOf({ port: 80, targetPort: 8080 }, p)).toBe(8080);
    expect(targetPortOf({ port: 80, targetPort: '9000' }, p)).toBe(9000);
    expect(targetPortOf({ port: 80, targetPort: 'web' }, p)).toBe(3000);
    expect(targetPortOf({ port: 80, targetPort: 'nope' }, p)).toBeUndefined();
  });
});
