import { describe, expect, it } from 'vitest';
import { simulationClient } from '../client.ts';
import { finishEdit } from '../kubectl.ts';
import { kubectlHarness, podYaml } from '../testing.ts';

describe('kubectl edit', () => {
  it('returns an editor request and applies the saved text like kubectl', () => {
    const h = kubectlHarness();
    h.ok('apply -f -', { stdin: podYaml('web') });
    const r = h.run('edit pod web');
    expect(r.exitCode).toBe(0);
    expect(r.edit?.title).toBe('pod/web');
    expect(r.edit?.yaml.startsWith("# Please edit the object below. Lines beginning with a '#' will be ignored,\n")).toBe(true);
    const client = simulationClient(h.sim);
    expect(finishEdit(client, r.edit!, r.edit!.yaml).stdout).toBe('Edit cancelled, no changes made.\n');
    expect(finishEdit(client, r.edit!, '# only comments\n').stdout).toBe('Edit cancelled, no changes made.\n');
    const edited = r.edit!.yaml.replace('  name: web\n', '  labels:\n    edited: "yes"\n  name: web\n');
    expect(finishEdit(client, r.edit!, edited).stdout).toBe('pod/web edited\n');
    expect(h.ok('get pod web -o jsonpath={.metadata.labels.edited}')).toBe('yes');
    // The object changed since the editor opened: the stale resourceVersion conflicts.
    expect(finishEdit(client, r.edit!, edited.replace('"yes"', '"again"')).stderr).toContain('Error from server (Conflict)');
  });

  it('needs a resource', () => {
    const h = kubectlHarness();
    expect(h.run('edit').stderr).toContain('You must provide one or more resources by argument or filename.');
    expect(h.run('edit pod nope').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });
});
