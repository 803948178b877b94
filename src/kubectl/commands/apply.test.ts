import { describe, expect, it } from 'vitest';
import { kubectlHarness, podYaml } from '../testing.ts';

const CM = (value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  key: "${value}"\n`;

describe('kubectl apply', () => {
  it('creates, configures and leaves unchanged objects (no write when unchanged)', () => {
    const h = kubectlHarness();
    expect(h.ok('apply -f -', { stdin: CM('1') })).toBe('configmap/cfg created\n');
    const rv = h.ok('get cm cfg -o jsonpath={.metadata.resourceVersion}');
    expect(h.ok('apply -f -', { stdin: CM('1') })).toBe('configmap/cfg unchanged\n');
    expect(h.ok('get cm cfg -o jsonpath={.metadata.resourceVersion}')).toBe(rv);
    expect(h.ok('apply -f -', { stdin: CM('2') })).toBe('configmap/cfg configured\n');
    expect(h.ok('get cm cfg -o jsonpath={.data.key}')).toBe('2');
  });

  it('supports dry runs and -o', () => {
    const h = kubectlHarness();
    expect(h.ok('apply -f - --dry-run=client', { stdin: CM('1') })).toBe('configmap/cfg created (dry run)\n');
    expect(h.ok('apply -f - --dry-run=server', { stdin: CM('1') })).toBe('configmap/cfg created (server dry run)\n');
    expect(h.run('get cm cfg').exitCode).toBe(1);
    h.ok('apply -f -', { stdin: CM('1') });
    expect(h.ok('apply -f - --dry-run=server', { stdin: CM('3') })).toBe('configmap/cfg configured (server dry run)\n');
    expect(h.ok('apply -f - --dry-run=client -o jsonpath={.data.key}', { stdin: CM('4') })).toBe('4');
    expect(h.ok('get cm cfg -o jsonpath={.data.key}')).toBe('1');
    expect(h.ok('apply -f - -o name', { stdin: CM('5') })).toBe('configmap/cfg\n');
  });

  it('reads multi-document files, directories (with -R) and reports each failure', () => {
    const h = kubectlHarness();
    h.files.set('app/a.yaml', `${podYaml('a')}---\n${podYaml('b')}`);
    h.files.set('app/notes.txt', 'ignored');
    h.files.set('app/sub/c.yaml', podYaml('c'));
    expect(h.ok('apply -f app')).toBe('pod/a created\npod/b created\n');
    expect(h.ok('apply -R -f app')).toBe('pod/a unchanged\npod/b unchanged\npod/c created\n');
    const bad = h.run('apply -f -', { stdin: `${podYaml('d')}---\napiVersion: v1\nkind: Nope\nmetadata:\n  name: x\n` });
    expect(bad.stdout).toBe('pod/d created\n');
    expect(bad.stderr).toBe('error: resource mapping not found for name: "x" namespace: "" from "STDIN": no matches for kind "Nope" in version "v1"\nensure CRDs are installed first\n');
    expect(bad.exitCode).toBe(1);
    expect(h.run('apply -f missing.yaml').stderr).toBe('error: the path "missing.yaml" does not exist\n');
    expect(h.run('apply').stderr).toBe("error: must specify one of -f and -k\nSee 'kubectl apply -h' for help and examples\n");
  });
});

describe('kubectl delete', () => {
  it('deletes by name, selector and --all with kubectl messages', () => {
    const h = kubectlHarness();
    h.ok('apply -f -', { stdin: `${podYaml('a', { labels: { app: 'x' } })}---\n${podYaml('b', { labels: { app: 'x' } })}---\n${podYaml('c')}` });
    expect(h.ok('delete pod a --dry-run=client')).toBe('pod "a" deleted (dry run)\n');
    expect(h.ok('delete pod a --dry-run=server')).toBe('pod "a" deleted (server dry run)\n');
    expect(h.ok('get pod a -o name')).toBe('pod/a\n');
    expect(h.ok('delete pods -l app=x')).toBe('pod "a" deleted\npod "b" deleted\n');
    expect(h.ok('delete pod c -o name --wait=false')).toBe('pod/c\n');
    expect(h.run('delete pods').stderr).toBe('error: resource(s) were provided, but no name was specified\n');
    expect(h.run('delete pod nope').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(h.run('delete pods -l app=none').stderr).toBe('No resources found\n');
    expect(h.run('delete pod x --cascade=sideways').stderr).toBe('error: invalid cascade value (sideways). Must be "background", "foreground", or "orphan".\n');
  });

  it('accepts the deprecated boolean --cascade with kubectl\'s warning', () => {
    const h = kubectlHarness();
    h.ok('apply -f -', { stdin: podYaml('a') });
    const orphan = h.run('delete pod a --cascade=false');
    expect(orphan.stderr).toBe('warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n');
    expect(orphan.stdout).toBe('pod "a" deleted\n');
    h.ok('apply -f -', { stdin: podYaml('b') });
    expect(h.run('delete pod b --cascade=1').stderr).toBe('warning: --cascade=1 is deprecated (boolean value) and can be replaced with --cascade=background.\n');
  });

  it('force deletes immediately with a warning', () => {
    const h = kubectlHarness();
    h.ok('apply -f -', { stdin: podYaml('a') });
    h.sim.advance(10_000);
    const r = h.run('delete pod a --force --grace-period=0');
    expect(r.stderr).toContain('Warning: Immediate deletion does not wait for confirmation');
    expect(r.stdout).toBe('pod "a" force deleted\n');
    expect(h.run('get pod a').exitCode).toBe(1);
  });
});
