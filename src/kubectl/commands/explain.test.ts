import { describe, expect, it } from 'vitest';
import { kubectlHarness } from '../testing.ts';
import { typeGuess } from './explain.ts';

describe('kubectl explain (OpenAPI v3 plaintext layout)', () => {
  const h = kubectlHarness();

  it('explains a kind: header, wrapped description, fields with types', () => {
    const out = h.ok('explain pods');
    expect(out.startsWith('KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n    Pod is a collection of containers that can run on a host. This resource is\n    created by clients and scheduled onto hosts.\n    \nFIELDS:\n  apiVersion\t<string>\n')).toBe(true);
    expect(out).toContain('  spec\t<PodSpec>\n    Specification of the desired behavior of the pod. More info:\n');
    expect(h.ok('explain jobs').startsWith('GROUP:      batch\nKIND:       Job\nVERSION:    v1\n\n')).toBe(true);
  });

  it('explains a field with its enum and required markers', () => {
    const out = h.ok('explain pod.spec.restartPolicy');
    expect(out).toContain('FIELD: restartPolicy <string>\nENUM:\n    Always\n    Never\n    OnFailure\n\nDESCRIPTION:\n    Restart policy for all containers within the pod.');
    expect(h.ok('explain po.spec')).toContain('  containers\t<[]Container> -required-\n');
    expect(h.ok('explain pod.spec.containers')).toContain('FIELD: containers <[]Container>\n\n\nDESCRIPTION:\n');
    expect(h.ok('explain deploy.spec.template.spec.containers.resources')).toContain('  limits\t<map[string]Quantity>\n');
    expect(h.ok('explain pod.spec.containers.ports')).toContain('  protocol\t<string>\n  enum: SCTP, TCP, UDP\n');
  });

  it('prints the field tree with --recursive', () => {
    const out = h.ok('explain cronjob.spec --recursive');
    expect(out).toContain('FIELDS:\n  concurrencyPolicy\t<string>\n  enum: Allow, Forbid, Replace\n');
    expect(out).toMatch(/\n {2}jobTemplate\t<JobTemplateSpec> -required-\n {4}metadata\t<ObjectMeta>\n/);
  });

  it('reports unknown resources and fields', () => {
    expect(h.run('explain foo').stderr).toBe('error: the server doesn\'t have a resource type "foo"\n');
    expect(h.run('explain pod.spec.foo').stderr).toBe('error: field "foo" does not exist\n');
  });

  it('guesses types as kubectl does', () => {
    expect(typeGuess({ type: 'object' })).toBe('Object');
    expect(typeGuess({ type: 'array', items: { type: 'string' } })).toBe('[]string');
    expect(typeGuess({ allOf: [{ $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Time' }] })).toBe('string');
    expect(typeGuess({ $ref: '#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString' })).toBe('IntOrString');
  });
});
