/**
 * Validation and defaulting of the core kinds (Pod, Node, Namespace, ConfigMap, Secret, Event),
 * checked against the messages of upstream's pkg/apis/core/validation as kubectl prints them.
 */
import { describe, expect, it } from 'vitest';
import type { Manifest, Pod, Secret } from '../objects.ts';
import { StatusError } from '../../apiserver/errors.ts';
import { createTestSim } from '../../testing/harness.ts';

const pod = (spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): Manifest => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', ...metadata },
  spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec },
});
const container = (extra: Record<string, unknown>) => ({ containers: [{ name: 'app', image: 'nginx', ...extra }] });

function rejection(manifest: Manifest): string {
  const sim = createTestSim();
  try {
    sim.api.create(manifest);
  } catch (e) {
    if (e instanceof StatusError) return e.kubectlMessage;
    throw e;
  }
  return 'created';
}

describe('core validation', () => {
  it.each<[string, Manifest, string]>([
    ['an owner reference without a uid', pod({}, { ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'o', uid: '' }] }), 'The Pod "p" is invalid: metadata.ownerReferences[0].uid: Invalid value: "": uid must not be empty'],
    ['two controller owners', pod({}, { ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'a', uid: '1', controller: true }, { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'b', uid: '2', controller: true }] }), 'Only one reference can have Controller set to true. Found "true" in references for ConfigMap/a and ReplicaSet/b'],
    ['a bad finalizer', pod({}, { finalizers: ['bad finalizer'] }), `The Pod "p" is invalid: metadata.finalizers[0]: Invalid value: "bad finalizer": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`],
    ['orphan and foreground together', pod({}, { finalizers: ['orphan', 'foregroundDeletion'] }), 'finalizer orphan and foregroundDeletion cannot be both set'],
    ['requests above limits', pod(container({ resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } })), 'The Pod "p" is invalid: spec.containers[0].resources.requests[cpu]: Invalid value: "2": must be less than or equal to cpu limit of 1'],
    ['an unknown resource name', pod(container({ resources: { limits: { gpu: '1' } } })), '* spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified'],
    ['a restartPolicy on an app container', pod(container({ restartPolicy: 'Always' })), 'The Pod "p" is invalid: spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers'],
    ['a sidecar restartPolicy other than Always', pod({ initContainers: [{ name: 'init', image: 'busybox', restartPolicy: 'Never' }] }), 'The Pod "p" is invalid: spec.initContainers[0].restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ['env from two sources', pod(container({ env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'metadata.name' }, configMapKeyRef: { name: 'c', key: 'k' } } }] })), 'The Pod "p" is invalid: spec.containers[0].env[0].valueFrom: Invalid value: "": may not have more than one field specified at a time'],
    ['env from a config map without a key', pod(container({ env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'c' } } }] })), 'The Pod "p" is invalid: spec.containers[0].env[0].valueFrom.configMapKeyRef.key: Required value'],
    ['env from an unknown field path', pod(container({ env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'spec.nope' } } }] })), 'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "spec.nope"'],
    ['a volume without a source', pod({ volumes: [{ name: 'data' }] }), 'The Pod "p" is invalid: spec.volumes[0]: Required value: must specify a volume type'],
    ['a volume with two sources', pod({ volumes: [{ name: 'data', emptyDir: {}, configMap: { name: 'c' } }] }), 'The Pod "p" is invalid: spec.volumes[0].configMap: Forbidden: may not specify more than 1 volume type'],
    ['a mount of a missing volume', pod(container({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })), 'The Pod "p" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "data"'],
    ['two mounts at one path', pod({ volumes: [{ name: 'a', emptyDir: {} }, { name: 'b', emptyDir: {} }], ...container({ volumeMounts: [{ name: 'a', mountPath: '/x' }, { name: 'b', mountPath: '/x' }] }) }), 'The Pod "p" is invalid: spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/x": must be unique'],
    ['a host port out of range', pod(container({ ports: [{ containerPort: 80, hostPort: 70000 }] })), 'The Pod "p" is invalid: spec.containers[0].ports[0].hostPort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    ['a toleration value with Exists', pod({ tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] }), "The Pod \"p\" is invalid: spec.tolerations[0].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'"],
    ['tolerationSeconds without NoExecute', pod({ tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 }] }), "The Pod \"p\" is invalid: spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"],
    ['a preferred affinity weight of 0', pod({ affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: {} }] } } }), 'The Pod "p" is invalid: spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100'],
    ['a pod anti-affinity without a topology key', pod({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { a: 'b' } } }] } } }), 'The Pod "p" is invalid: spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty'],
    ['duplicate taints', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: { taints: [{ key: 'k', effect: 'NoSchedule' }, { key: 'k', value: 'v', effect: 'NoSchedule' }] } }, 'The Node "n" is invalid: spec.taints[1]: Duplicate value: core.Taint{Key:"k", Value:"v", Effect:"NoSchedule", TimeAdded:<nil>}: taints must be unique by key and effect pair'],
    ['a taint without an effect', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: { taints: [{ key: 'k' }] } }, 'The Node "n" is invalid: spec.taints[0].effect: Required value'],
    ['a namespace finalizer that is not qualified', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' }, spec: { finalizers: ['custom'] } }, 'The Namespace "ns" is invalid: spec.finalizers[0]: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified'],
    ['a bad config key', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'a b': 'x' } }, `The ConfigMap "c" is invalid: data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`],
    ['a key in data and binaryData', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { k: 'x' }, binaryData: { k: 'eA==' } }, 'The ConfigMap "c" is invalid: data[k]: Invalid value: "k": duplicate of key present in binaryData'],
    ['binaryData that is not base64', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, binaryData: { k: 'abc!' } }, 'Error from server (BadRequest): ConfigMap in version "v1" cannot be handled as a ConfigMap: illegal base64 data at input byte 3'],
    ['secret data that is not base64', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { password: 'hunter2' } }, 'Error from server (BadRequest): Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4'],
    ['a TLS secret without its key', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'kubernetes.io/tls', stringData: { 'tls.crt': 'cert' } }, 'The Secret "s" is invalid: data[tls.key]: Required value'],
    ['an event in another namespace than its object', { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'x', namespace: 'kube-system' } }, 'The Event "e" is invalid: involvedObject.namespace: Invalid value: "kube-system": does not match event.namespace'],
  ])('rejects %s', (_name, manifest, expected) => {
    expect(rejection(manifest)).toContain(expected);
  });

  it('folds Secret stringData into base64 data', () => {
    const sim = createTestSim();
    const s = sim.api.create<Secret>({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { a: 'eA==' }, stringData: { user: 'admin', note: 'grüße' } });
    expect(s.type).toBe('Opaque');
    expect(s.data).toEqual({ a: 'eA==', user: 'YWRtaW4=', note: 'Z3LDvMOfZQ==' });
    expect(s.stringData).toBeUndefined();
  });

  it('freezes immutable config maps and secrets', () => {
    const sim = createTestSim();
    const cm = sim.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { k: 'v' }, immutable: true });
    expect(() => sim.api.update({ ...cm, data: { k: 'w' } })).toThrow('data: Forbidden: field is immutable when `immutable` is set');
    expect(() => sim.api.update({ ...cm, immutable: false })).toThrow('immutable: Forbidden: field is immutable when `immutable` is set');
    const s = sim.api.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'Opaque' });
    expect(() => sim.api.update({ ...s, type: 'kubernetes.io/tls' })).toThrow('type: Invalid value: "kubernetes.io/tls": field is immutable');
  });

  it('forbids pod spec changes beyond the mutable fields, including moving it to another node', () => {
    const sim = createTestSim();
    const p = sim.api.create<Pod>(pod({ nodeName: 'worker-1' }));
    expect(() => sim.api.update({ ...p, spec: { ...p.spec!, nodeName: 'worker-2' } })).toThrow('spec: Forbidden: pod updates may not change fields other than');
    const image = sim.api.update<Pod>({ ...p, spec: { ...p.spec!, containers: [{ ...p.spec!.containers[0]!, image: 'nginx:1.27' }] } });
    expect(image.spec!.containers[0]!.image).toBe('nginx:1.27');
  });
});

describe('core defaulting', () => {
  it('defaults a pod as the API server and its admission plugins do', () => {
    const sim = createTestSim();
    const p = sim.api.create<Pod>(pod({ hostNetwork: true, ...container({ ports: [{ containerPort: 8080 }], resources: { limits: { cpu: '1', memory: '1Gi' } }, livenessProbe: { httpGet: { port: 8080 } } }) }));
    const c = p.spec!.containers[0]!;
    expect(p.spec).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler', securityContext: {}, enableServiceLinks: true, serviceAccountName: 'default', serviceAccount: 'default', priority: 0, preemptionPolicy: 'PreemptLowerPriority' });
    expect(c).toMatchObject({ imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' });
    expect(c.ports).toEqual([{ containerPort: 8080, hostPort: 8080, protocol: 'TCP' }]);
    expect(c.resources).toEqual({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } });
    expect(c.livenessProbe).toEqual({ httpGet: { port: 8080, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'Guaranteed' });
    expect(p.spec!.volumes![0]!.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('gives namespaces their name label, the kubernetes finalizer and phase Active', () => {
    const sim = createTestSim();
    const ns = sim.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team' });
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.status).toEqual({ phase: 'Active' });
  });
});
