import { describe, expect, it } from 'vitest';
import { JsonPathError, JsonPathExecError, executeJsonPath, findResults, goValue, relaxedJsonPath } from './jsonpath.ts';

const deploy = {
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 1,
    template: { spec: { containers: [{ name: 'nginx', image: 'nginx' }, { name: 'busybox', image: 'busybox' }] } },
  },
};

describe('executeJsonPath (outputs checked against kubectl 1.32)', () => {
  it.each([
    ['{.spec.template.spec.containers[*].name}', 'nginx busybox'],
    ['{.spec.template.spec.containers[-1].name}', 'busybox'],
    ['{.spec.template.spec.containers[0:1].name}', 'nginx'],
    ['{range .spec.template.spec.containers[*]}{.name}{"\\t"}{.image}{"\\n"}{end}', 'nginx\tnginx\nbusybox\tbusybox\n'],
    ['{.spec.template.spec.containers[?(@.name=="busybox")].image}', 'busybox'],
    ['{.spec.template.spec.containers[?(@.image)].name}', 'nginx busybox'],
    ['{.spec.replicas} {.kind}', '1 Deployment'],
    ['{.spec.template.spec.containers[0]}', '{"image":"nginx","name":"nginx"}'],
    ['{.metadata.labels}', '{"app":"web"}'],
    ['{.spec.nope}', ''],
    ['{.spec.template.spec.containers.name}', ''],
    ['{range .spec.template.spec.containers}{.name}{end}', ''],
    ["{.metadata.labels['app']}", 'web'],
    ['name: {.metadata.name}', 'name: web'],
  ])('%s', (template, expected) => {
    expect(executeJsonPath(template, deploy)).toBe(expected);
  });

  it('reports an index out of range as upstream does', () => {
    expect(() => executeJsonPath('{.spec.template.spec.containers[3].name}', deploy)).toThrow(new JsonPathExecError('array index out of bounds: index 3, length 2'));
    expect(() => executeJsonPath('{.spec.template.spec.containers[-3].name}', deploy)).toThrow('index -1, length 2');
  });

  it('reports parse errors', () => {
    expect(() => executeJsonPath('{.spec', deploy)).toThrow(new JsonPathError('error parsing jsonpath {.spec, unclosed action'));
    expect(() => executeJsonPath('{.a[x]}', deploy)).toThrow('invalid array index x');
    expect(() => executeJsonPath('{.x}{end}', deploy)).toThrow('not in range, nothing to end');
  });

  it('finds recursive matches', () => {
    expect(findResults('{..image}', deploy).flat()).toEqual(['nginx', 'busybox']);
  });
});

describe('helpers', () => {
  it('formats values as Go %v', () => {
    expect(goValue({ b: 1, a: 'x' })).toBe('map[a:x b:1]');
    expect(goValue(['a', 'b'])).toBe('[a b]');
    expect(goValue(null)).toBe('<nil>');
  });

  it('relaxes paths like kubectl', () => {
    expect(relaxedJsonPath('metadata.name')).toBe('{.metadata.name}');
    expect(relaxedJsonPath('.metadata.name')).toBe('{.metadata.name}');
    expect(relaxedJsonPath('{.metadata.name}')).toBe('{.metadata.name}');
    expect(() => relaxedJsonPath('{.a}.b}')).toThrow(JsonPathError);
  });
});
