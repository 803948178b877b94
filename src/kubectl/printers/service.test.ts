import { describe, expect, it } from 'vitest';
import { kubectlHarness } from '../testing.ts';
import { formatEndpoints, servicePorts } from './service.ts';
import type { Endpoints } from '../../engine/index.ts';

const MANIFESTS = `apiVersion: v1
kind: Pod
metadata: {name: web-1, labels: {app: web}}
spec:
  containers: [{name: nginx, image: nginx, ports: [{containerPort: 80, name: http}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web, labels: {tier: front}}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http, nodePort: 30080}, {name: metrics, port: 9113, targetPort: 9113, nodePort: 30288}]
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  clusterIP: None
  selector: {app: db}
`;

function cluster() {
  const h = kubectlHarness();
  h.ok('apply -f -', { stdin: MANIFESTS });
  h.sim.advance(10_000);
  return h;
}

describe('service printers', () => {
  it('get svc (wide adds SELECTOR)', () => {
    const h = cluster();
    const ip = h.ok('get svc web -o jsonpath={.spec.clusterIP}');
    expect(h.ok('get svc -o wide')).toBe(
      [
        'NAME         TYPE        CLUSTER-IP      EXTERNAL-IP   PORT(S)                       AGE   SELECTOR',
        'db           ClusterIP   None            <none>        <none>                        10s   app=db',
        'kubernetes   ClusterIP   10.96.0.1       <none>        443/TCP                       10s   <none>',
        `web          NodePort    ${ip.padEnd(13)}   <none>        80:30080/TCP,9113:30288/TCP   10s   app=web`,
        '',
      ].join('\n'),
    );
  });

  it('get endpoints and endpointslices', () => {
    const h = cluster();
    const podIp = h.ok('get pod web-1 -o jsonpath={.status.podIP}');
    expect(h.ok('get endpoints')).toBe(`NAME         ENDPOINTS                       AGE\ndb           <none>                          10s\nkubernetes   192.168.49.2:6443               10s\nweb          ${podIp}:80,${podIp}:9113   10s\n`);
    const slices = h.ok('get endpointslices');
    expect(slices).toMatch(/^NAME {9}ADDRESSTYPE {3}PORTS {5}ENDPOINTS {6}AGE\n/);
    expect(slices).toMatch(/\ndb-\w{5} {5}IPv4 {10}<unset> {3}<unset> {8}10s\n/);
    expect(slices).toContain(`   IPv4          80,9113   ${podIp}     10s\n`);
  });

  it('describe svc lists each port with its endpoints', () => {
    const h = cluster();
    const podIp = h.ok('get pod web-1 -o jsonpath={.status.podIP}');
    const out = h.ok('describe svc web');
    expect(out).toContain(`Port:                     http  80/TCP\nTargetPort:               http/TCP\nNodePort:                 http  30080/TCP\nEndpoints:                ${podIp}:80\n`);
    expect(out).toContain(`Port:                     metrics  9113/TCP\nTargetPort:               9113/TCP\nNodePort:                 metrics  30288/TCP\nEndpoints:                ${podIp}:9113\nSession Affinity:         None\nExternal Traffic Policy:  Cluster\nInternal Traffic Policy:  Cluster\nEvents:                   <none>\n`);
  });

  it('describe endpoints and endpointslice', () => {
    const h = cluster();
    const podIp = h.ok('get pod web-1 -o jsonpath={.status.podIP}');
    expect(h.ok('describe endpoints web')).toContain(`Subsets:\n  Addresses:          ${podIp}\n  NotReadyAddresses:  <none>\n  Ports:\n    Name     Port  Protocol\n    ----     ----  --------\n    http     80    TCP\n    metrics  9113  TCP\n\nEvents:  <none>\n`);
    const slice = h.ok('describe endpointslices -l kubernetes.io/service-name=web');
    expect(slice).toContain('AddressType:  IPv4\nPorts:\n  Name     Port  Protocol\n  ----     ----  --------\n  http     80    TCP\n  metrics  9113  TCP\nEndpoints:\n');
    expect(slice).toContain(`  - Addresses:  ${podIp}\n    Conditions:\n      Ready:    true\n    Hostname:   <unset>\n    TargetRef:  Pod/web-1\n    NodeName:   worker-1\n    Zone:       <unset>\n`);
  });

  it('cuts long lists at three with "+ N more..."', () => {
    const ep = { subsets: [{ addresses: ['1.1.1.1', '1.1.1.2', '1.1.1.3', '1.1.1.4'].map((ip) => ({ ip })), ports: [{ port: 80 }] }] } as unknown as Endpoints;
    expect(formatEndpoints(ep)).toBe('1.1.1.1:80,1.1.1.2:80,1.1.1.3:80 + 1 more...');
    expect(servicePorts([{ port: 53, protocol: 'UDP' }, { port: 53 }])).toBe('53/UDP,53/TCP');
    expect(servicePorts([])).toBe('<none>');
  });
});
