import { describe, expect, it } from 'vitest';
import { kubectlHarness, podYaml } from '../testing.ts';
import { conditionMet, parseFor } from './wait.ts';

describe('parseFor / conditionMet', () => {
  it.each([
    ['condition=Ready', { status: { conditions: [{ type: 'Ready', status: 'True' }] } }, true],
    ['condition=ready=false', { status: { conditions: [{ type: 'Ready', status: 'False' }] } }, true],
    ['condition=Complete', { status: { conditions: [{ type: 'Failed', status: 'True' }] } }, false],
    ["jsonpath={.status.phase}=Running", { status: { phase: 'Running' } }, true],
    ["jsonpath='{.status.phase}'=Running", { status: { phase: 'Pending' } }, false],
    ['jsonpath={.status.readyReplicas}', { status: { readyReplicas: 2 } }, true],
  ])('%s', (spec, obj, expected) => {
    const cond = parseFor(spec.replace(/'/g, ''));
    expect(conditionMet(cond, { apiVersion: 'v1', kind: 'X', metadata: { name: 'x', uid: 'u', resourceVersion: '1', creationTimestamp: '' }, ...obj })).toBe(expected);
  });

  it('rejects unknown conditions as kubectl does', () => {
    expect(() => parseFor('')).toThrow('unrecognized condition: ""');
    expect(() => parseFor('foo')).toThrow('unrecognized condition: "foo"');
  });
});

describe('kubectl wait', () => {
  it('advances virtual time until the condition holds, or times out', () => {
    const h = kubectlHarness();
    h.ok('apply -f -', { stdin: podYaml('web') });
    const start = h.sim.now();
    expect(h.ok('wait --for=condition=Ready pod/web --timeout=60s')).toBe('pod/web condition met\n');
    expect(h.sim.now() - start).toBeGreaterThan(0);
    expect(h.sim.now() - start).toBeLessThan(60_000);
    const r = h.run('wait --for=condition=Ready=false pod/web --timeout=5s');
    expect(r.stderr).toBe('error: timed out waiting for the condition on pods/web\n');
    expect(r.exitCode).toBe(1);
  });

  it('waits for deletion and selects with -l', () => {
    const h = kubectlHarness();
    h.ok('apply -f -', { stdin: `${podYaml('a', { labels: { app: 'x' } })}---\n${podYaml('b', { labels: { app: 'x' } })}` });
    expect(h.ok("wait --for=jsonpath='{.status.phase}'=Running pod -l app=x --timeout=1m")).toBe('pod/a condition met\npod/b condition met\n');
    h.ok('delete pod a --wait=false');
    expect(h.ok('wait --for=delete pod/a --timeout=2m')).toBe('pod/a condition met\n');
    expect(h.run('wait --for=condition=Ready pod -l app=none').stderr).toBe('error: no matching resources found\n');
    expect(h.run('wait --for=condition=Ready pod/nope').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });
});
