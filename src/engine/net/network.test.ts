import { describe, expect, it } from 'vitest';
import { createTestSim } from '../testing/harness.ts';
import type { Endpoints, EndpointSlice, Manifest, Pod, Service } from '../api/objects.ts';
import { ClusterDns } from './dns.ts';
import { serviceEnvironment } from './serviceEnv.ts';

const server = (name: string, labels: Record<string, string>, extra: Partial<NonNullable<Pod['spec']>> = {}): Manifest => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels },
  spec: { containers: [{ name: 'web', image: 'hashicorp/http-echo', args: [`-text=hello from ${name}`], ports: [{ containerPort: 5678, name: 'http' }] }], ...extra },
});

const client: Manifest = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'client' }, spec: { containers: [{ name: 'c', image: 'busybox', command: ['sleep', 'infinity'] }] } };

function cluster() {
  const sim = createTestSim();
  sim.api.create(server('echo-a', { app: 'echo' }));
  sim.api.create(server('echo-b', { app: 'echo' }));
  sim.api.create(client);
  sim.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'echo' }, spec: { selector: { app: 'echo' }, ports: [{ port: 80, targetPort: 'http' }] } });
  sim.advance(15_000);
  return sim;
}

const sh = (sim: ReturnType<typeof cluster>, script: string) => sim.exec('default', 'client', 'c', ['sh', '-c', script]);

describe('cluster network', () => {
  it('the endpoints controllers list the ready pods; the Service answers through kube-proxy', () => {
    const sim = cluster();
    const ep = sim.api.get<Endpoints>('Endpoints', 'default', 'echo');
    expect(ep.subsets![0]!.addresses!.map((a) => a.targetRef!.name).sort()).toEqual(['echo-a', 'echo-b']);
    expect(ep.subsets![0]!.ports).toEqual([{ port: 5678, protocol: 'TCP' }]);
    const slices = sim.api.list<EndpointSlice>('EndpointSlice', { namespace: 'default', labelSelector: 'kubernetes.io/service-name=echo' });
    expect(slices).toHaveLength(1);
    expect(slices[0]!.metadata.name).toMatch(/^echo-[a-z0-9]{5}$/);
    expect(slices[0]!.metadata.ownerReferences![0]).toMatchObject({ kind: 'Service', name: 'echo', controller: true });
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) seen.add(sh(sim, 'wget -qO- http://echo').stdout);
    expect([...seen].sort()).toEqual(['hello from echo-a\n', 'hello from echo-b\n']);
  });

  it('resolves svc, svc.ns, the full name, and the kubernetes service', () => {
    const sim = cluster();
    const ip = sim.api.get<Service>('Service', 'default', 'echo').spec!.clusterIP!;
    for (const name of ['echo', 'echo.default', 'echo.default.svc', 'echo.default.svc.cluster.local']) {
      expect(sim.network.dns.lookup(name, 'default')).toEqual({ fqdn: 'echo.default.svc.cluster.local', ips: [ip] });
    }
    expect(sim.network.dns.lookup('kubernetes.default', 'kube-system')!.ips).toEqual(['10.96.0.1']);
    expect(sim.network.dns.lookup('echo', 'kube-system')).toBeUndefined();
    expect(ClusterDns.candidates('a.b', 'ns')).toEqual(['a.b.ns.svc.cluster.local', 'a.b.svc.cluster.local', 'a.b.cluster.local', 'a.b']);
    expect(sh(sim, 'nslookup nope').stdout).toContain("** server can't find nope.default.svc.cluster.local: NXDOMAIN");
  });

  it('a service without ready endpoints refuses connections; an unknown address times out', () => {
    const sim = cluster();
    sim.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'empty' }, spec: { selector: { app: 'none' }, ports: [{ port: 80 }] } });
    sim.settle();
    const ip = sim.api.get<Service>('Service', 'default', 'empty').spec!.clusterIP!;
    const refused = sh(sim, 'wget -qO- http://empty');
    expect(refused.stderr).toBe(`wget: can't connect to remote host (${ip}): Connection refused\n`);
    const t0 = sim.now();
    const timedOut = sh(sim, 'wget -T 3 -qO- http://10.244.9.9');
    expect(timedOut.stderr).toBe('wget: download timed out\n');
    expect(sim.now() - t0).toBeGreaterThanOrEqual(3_000);
    expect(sh(sim, 'wget -qO- http://no-such-service').stderr).toBe("wget: bad address 'no-such-service'\n");
  });

  it('pod IPs answer ping, ClusterIPs do not (iptables mode)', () => {
    const sim = cluster();
    const podIp = sim.api.get<Pod>('Pod', 'default', 'echo-a').status!.podIP!;
    expect(sh(sim, `ping -c 1 ${podIp}`).exitCode).toBe(0);
    const svcPing = sh(sim, 'ping -c 1 -W 2 echo');
    expect(svcPing.exitCode).toBe(1);
    expect(svcPing.stdout).toContain('1 packets transmitted, 0 packets received, 100% packet loss');
  });

  it('headless services resolve to pod IPs and pod hostnames in their subdomain', () => {
    const sim = createTestSim();
    sim.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'hl' }, spec: { clusterIP: 'None', selector: { app: 'hl' } } });
    sim.api.create(server('hl-0', { app: 'hl' }, { hostname: 'web-0', subdomain: 'hl' }));
    sim.api.create(server('hl-1', { app: 'hl' }));
    sim.advance(15_000);
    const ips = ['hl-0', 'hl-1'].map((n) => sim.api.get<Pod>('Pod', 'default', n).status!.podIP!);
    expect(sim.network.dns.lookup('hl', 'default')!.ips).toEqual([...ips].sort());
    expect(sim.network.dns.lookup('web-0.hl', 'default')).toEqual({ fqdn: 'web-0.hl.default.svc.cluster.local', ips: [ips[0]] });
    expect(sim.network.dns.lookup('hl-1.hl', 'default')).toBeUndefined();
  });

  it('NodePorts answer on every node address', () => {
    const sim = cluster();
    sim.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'np' }, spec: { type: 'NodePort', selector: { app: 'echo' }, ports: [{ port: 80, targetPort: 5678, nodePort: 30080 }] } });
    sim.settle();
    const out = sh(sim, 'wget -qO- http://192.168.49.4:30080');
    expect(out.stdout).toMatch(/^hello from echo-[ab]\n$/);
  });

  it('service environment variables, as the kubelet sets them', () => {
    const services = [
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'redis-master', namespace: 'app', uid: '1', resourceVersion: '1', creationTimestamp: '' }, spec: { clusterIP: '10.96.1.2', ports: [{ port: 6379, name: 'redis' }] } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'headless', namespace: 'app', uid: '2', resourceVersion: '1', creationTimestamp: '' }, spec: { clusterIP: 'None', ports: [{ port: 80 }] } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default', uid: '3', resourceVersion: '1', creationTimestamp: '' }, spec: { clusterIP: '10.96.0.1', ports: [{ port: 443, name: 'https' }] } },
    ] as Service[];
    expect(serviceEnvironment(services, 'app', true)).toEqual({
      KUBERNETES_SERVICE_HOST: '10.96.0.1',
      KUBERNETES_SERVICE_PORT: '443',
      KUBERNETES_SERVICE_PORT_HTTPS: '443',
      KUBERNETES_PORT: 'tcp://10.96.0.1:443',
      KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
      KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
      KUBERNETES_PORT_443_TCP_PORT: '443',
      KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
      REDIS_MASTER_SERVICE_HOST: '10.96.1.2',
      REDIS_MASTER_SERVICE_PORT: '6379',
      REDIS_MASTER_SERVICE_PORT_REDIS: '6379',
      REDIS_MASTER_PORT: 'tcp://10.96.1.2:6379',
      REDIS_MASTER_PORT_6379_TCP: 'tcp://10.96.1.2:6379',
      REDIS_MASTER_PORT_6379_TCP_PROTO: 'tcp',
      REDIS_MASTER_PORT_6379_TCP_PORT: '6379',
      REDIS_MASTER_PORT_6379_TCP_ADDR: '10.96.1.2',
    });
    expect(Object.keys(serviceEnvironment(services, 'app', false))).toEqual(expect.arrayContaining(['KUBERNETES_SERVICE_HOST']));
    expect(Object.keys(serviceEnvironment(services, 'app', false)).some((k) => k.startsWith('REDIS'))).toBe(false);
  });

  it('the kubernetes Service points at the control plane and answers 403 to anonymous requests', () => {
    const sim = cluster();
    expect(sim.api.get<Endpoints>('Endpoints', 'default', 'kubernetes').subsets).toEqual([{ addresses: [{ ip: '192.168.49.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }]);
    const r = sh(sim, 'wget -qO- https://kubernetes.default');
    expect(r.stderr).toBe('wget: server returned error: HTTP/1.1 403 Forbidden\n');
  });
});

describe('Simulation.request (port-forward-like access for tests)', () => {
  it('reaches a Service by name and reports failures', () => {
    const sim = cluster();
    const r = sim.request('http://echo/');
    expect(r.ok && r.status).toBe(200);
    expect(r.ok && r.body).toMatch(/^hello from echo-[ab]\n$/);
    expect(sim.request('http://nothing-here/')).toEqual({ ok: false, error: 'resolve' });
    expect(sim.request('http://echo:81/', { timeoutMs: 2_000 })).toEqual({ ok: false, error: 'timeout' });
  });
});
