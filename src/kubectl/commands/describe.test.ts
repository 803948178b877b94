import { describe, expect, it } from 'vitest';
import { kubectlHarness } from '../testing.ts';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  containers:
  - name: a
    image: nginx
    ports: [{containerPort: 80}]
    resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: 200m, memory: 128Mi}}
    env: [{name: A, value: x}, {name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}]
    livenessProbe: {httpGet: {path: /, port: 80}}
`;

function running() {
  const h = kubectlHarness();
  h.ok('apply -f -', { stdin: POD });
  h.sim.advance(20_000);
  return h;
}

describe('kubectl describe pod (golden, upstream layout)', () => {
  it('prints identity, containers, conditions, volumes, tolerations and events', () => {
    const h = running();
    const out = h.ok('describe pod web');
    const node = h.ok('get pod web -o jsonpath={.spec.nodeName}');
    expect(out).toContain(`Name:             web\nNamespace:        default\nPriority:         0\nService Account:  default\nNode:             ${node}/`);
    expect(out).toContain('Start Time:       Wed, 01 Jan 2025 00:00:00 +0000\nLabels:           app=web\nAnnotations:      <none>\nStatus:           Running\n');
    expect(out).toContain('    Port:           80/TCP\n    Host Port:      0/TCP\n    State:          Running\n      Started:      Wed, 01 Jan 2025 00:00:04 +0000\n    Ready:          True\n    Restart Count:  0\n');
    expect(out).toContain('    Limits:\n      cpu:     200m\n      memory:  128Mi\n    Requests:\n      cpu:     100m\n      memory:  64Mi\n');
    expect(out).toContain('    Liveness:  http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3\n');
    expect(out).toContain(`    Environment:\n      A:     x\n      NODE:  ${node} (v1:spec.nodeName)\n`);
    expect(out).toContain('Conditions:\n  Type                        Status\n  PodReadyToStartContainers   True \n');
    expect(out).toContain('QoS Class:                   Burstable\nNode-Selectors:              <none>\nTolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n');
    expect(out).toMatch(/Events:\n {2}Type {4}Reason {5}Age {3}From {15}Message\n {2}---- {4}------ {5}---- {2}---- {15}-------\n {2}Normal {2}Scheduled {2}20s {3}default-scheduler {2}Successfully assigned default\/web to worker-\d\n/);
  });

  it('matches by name prefix, reports NotFound, and hides events with --show-events=false', () => {
    const h = running();
    expect(h.ok('describe pods w')).toContain('Name:             web\n');
    expect(h.run('describe pod nope').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(h.ok('describe pod web --show-events=false')).not.toContain('Events:');
  });
});

describe('kubectl describe node', () => {
  it('prints the lease, conditions, pods with requests and allocated resources', () => {
    const h = running();
    const node = h.ok('get pod web -o jsonpath={.spec.nodeName}');
    const out = h.ok(`describe node ${node}`);
    expect(out).toContain(`Name:               ${node}\nRoles:              <none>\n`);
    expect(out).toContain(`Taints:             <none>\nUnschedulable:      false\nLease:\n  HolderIdentity:  ${node}\n  AcquireTime:     <unset>\n  RenewTime:       Wed, 01 Jan 2025 00:00:20 +0000\n`);
    expect(out).toMatch(/Conditions:\n {2}Type {13}Status {2}LastHeartbeatTime {17}LastTransitionTime {16}Reason {23}Message\n/);
    expect(out).toContain('Non-terminated Pods:          (1 in total)\n  Namespace                   Name    CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age\n');
    expect(out).toContain('  default                     web     100m (2%)     200m (5%)   64Mi (0%)        128Mi (1%)     20s\n');
    expect(out).toContain('  Resource           Requests   Limits\n  --------           --------   ------\n  cpu                100m (2%)  200m (5%)\n  memory             64Mi (0%)  128Mi (1%)\n');
  });

  it('shows taints sorted by effect and the cordon state', () => {
    const h = running();
    h.ok('cordon control-plane');
    const out = h.ok('describe node control-plane');
    expect(out).toContain('Roles:              control-plane\n');
    expect(out).toContain('Taints:             node-role.kubernetes.io/control-plane:NoSchedule\n                    node.kubernetes.io/unschedulable:NoSchedule\nUnschedulable:      true\n');
  });
});

describe('kubectl describe namespace, configmap, secret', () => {
  it('prints the upstream layouts', () => {
    const h = kubectlHarness();
    expect(h.ok('describe ns default')).toBe('Name:         default\nLabels:       kubernetes.io/metadata.name=default\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n');
    h.ok('create configmap c --from-literal=a=1');
    expect(h.ok('describe cm c')).toBe('Name:         c\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\na:\n----\n1\n\n\nBinaryData\n====\n\nEvents:  <none>\n');
    h.ok('create secret generic s --from-literal=password=hunter2');
    expect(h.ok('describe secret s')).toBe('Name:         s\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\npassword:  7 bytes\n');
  });
});
