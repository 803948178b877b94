import { describe, expect, it } from 'vitest';
import { kubectlHarness, podYaml } from '../testing.ts';

describe('kubectl label / annotate', () => {
  const setup = () => {
    const h = kubectlHarness();
    h.ok('apply -f -', { stdin: `${podYaml('a', { labels: { app: 'x' } })}---\n${podYaml('b', { labels: { app: 'x' } })}` });
    return h;
  };

  it('sets, overwrites and removes labels (seed 001: kubectl label pod ... app=foo --overwrite)', () => {
    const h = setup();
    expect(h.ok('label pod a type=special')).toBe('pod/a labeled\n');
    expect(h.run('label pod a app=foo').stderr).toBe("error: 'app' already has a value (x), and --overwrite is false\n");
    expect(h.ok('label pod a app=foo --overwrite')).toBe('pod/a labeled\n');
    expect(h.ok('label pod a type-')).toBe('pod/a unlabeled\n');
    expect(h.ok('label pod a app=foo')).toBe('pod/a not labeled\n');
    expect(h.ok('get pod a --show-labels --no-headers')).toMatch(/app=foo$/m);
  });

  it('labels nodes and many objects with --all or -l', () => {
    const h = setup();
    expect(h.ok('label node worker-3 disk=ssd')).toBe('node/worker-3 labeled\n');
    expect(h.ok('label pods --all tier=web')).toBe('pod/a labeled\npod/b labeled\n');
    expect(h.ok('annotate pods -l app=x note=hi')).toBe('pod/a annotated\npod/b annotated\n');
    expect(h.ok('label pod a --list')).toBe('app=x\ntier=web\n');
  });

  it('validates keys and needs a resource', () => {
    const h = setup();
    expect(h.run('label pod a').stderr).toBe("error: at least one label update is required\nSee 'kubectl label -h' for help and examples\n");
    expect(h.run('label pods x=y').stderr).toBe('error: resource(s) were provided, but no name was specified\n');
    expect(h.run('label pod a bad_key!=v').exitCode).toBe(1);
  });
});

describe('kubectl cordon / uncordon', () => {
  it('marks nodes unschedulable and back, idempotently', () => {
    const h = kubectlHarness();
    expect(h.ok('cordon worker-1')).toBe('node/worker-1 cordoned\n');
    expect(h.ok('cordon worker-1')).toBe('node/worker-1 already cordoned\n');
    expect(h.ok('get node worker-1 --no-headers')).toMatch(/^worker-1\s+Ready,SchedulingDisabled\s/);
    expect(h.ok('uncordon nodes/worker-1')).toBe('node/worker-1 uncordoned\n');
    expect(h.run('cordon nope').stderr).toBe('Error from server (NotFound): nodes "nope" not found\n');
  });
});
