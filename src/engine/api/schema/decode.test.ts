import { describe, expect, it } from 'vitest';
import { decode } from './decode.ts';

const pod = (spec: unknown, metadata: unknown = { name: 'p' }) => ({ apiVersion: 'v1', kind: 'Pod', metadata, spec });

describe('decode', () => {
  it.each<[string, string, unknown, string | undefined]>([
    ['a valid pod', 'Pod', pod({ containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '100m', memory: 64 } } }] }), undefined],
    ['a string where a list belongs', 'Pod', pod({ containers: 'nginx' }), 'json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container'],
    ['a bool env value (the classic)', 'Deployment', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'i', env: [{ name: 'DEBUG', value: true }] }] } } } }, 'json: cannot unmarshal bool into Go struct field EnvVar.spec.template.spec.containers.env.value of type string'],
    ['a number label value', 'Pod', pod({ containers: [] }, { name: 'p', labels: { version: 1 } }), 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string'],
    ['a fractional replica count', 'Deployment', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 1.5 } }, 'json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['a string port', 'Pod', pod({ containers: [{ name: 'c', image: 'i', ports: [{ containerPort: '80' }] }] }), 'json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32'],
    ['a named string type', 'Pod', pod({ restartPolicy: 1, containers: [] }), 'json: cannot unmarshal number into Go struct field PodSpec.spec.restartPolicy of type v1.RestartPolicy'],
    ['a bad quantity', 'Pod', pod({ containers: [{ name: 'c', image: 'i', resources: { limits: { cpu: '2 cores' } } }] }), "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ['a requests list', 'Pod', pod({ containers: [{ name: 'c', image: 'i', resources: { requests: ['cpu'] } }] }), 'json: cannot unmarshal array into Go struct field ResourceRequirements.spec.containers.resources.requests of type v1.ResourceList'],
    ['metadata as a string', 'ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: 'x' }, 'json: cannot unmarshal string into Go struct field ConfigMap.metadata of type v1.ObjectMeta'],
    ['unknown fields (strict)', 'Deployment', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replica: 3, template: { spec: { containers: [{ name: 'c', image: 'i', imagePullPolice: 'Always' }] } } } }, 'strict decoding error: unknown field "spec.replica", unknown field "spec.template.spec.containers[0].imagePullPolice"'],
    ['the first type error wins over unknown fields', 'Pod', pod({ bogus: 1, containers: 'x' }), 'json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container'],
    ['an int-or-string port as a bool', 'Service', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPort: true }] } }, 'json: cannot unmarshal bool into Go value of type int32'],
    ['a kind without a schema', 'Widget', { anything: 1 }, undefined],
  ])('%s', (_what, kind, obj, expected) => {
    expect(decode(kind, obj)).toBe(expected);
  });

  it('treats nulls as Go does: absent fields, zero-valued elements, null times kept', () => {
    const obj = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', creationTimestamp: null, labels: { a: null } }, spec: { nodeSelector: null, containers: [null, { name: 'c', image: 'i', command: ['a', null] }] } };
    expect(decode('Pod', obj)).toBeUndefined();
    expect(obj).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', creationTimestamp: null, labels: { a: '' } }, spec: { containers: [{}, { name: 'c', image: 'i', command: ['a', ''] }] } });
  });

  it('can skip the strict unknown-field check', () => {
    expect(decode('Pod', pod({ containers: [], extra: true }), { strict: false })).toBeUndefined();
  });
});
