import { describe, expect, it } from 'vitest';
import { kubectlHarness, podYaml } from '../testing.ts';

describe('kubectl patch', () => {
  const setup = () => {
    const h = kubectlHarness();
    h.ok('apply -f -', { stdin: podYaml('web', { labels: { app: 'web' } }) });
    return h;
  };

  it('applies strategic, merge and JSON patches and reports no-op patches', () => {
    const h = setup();
    expect(h.ok(`patch pod web -p '{"metadata":{"labels":{"x":"y"}}}'`)).toBe('pod/web patched\n');
    expect(h.ok(`patch pod web -p '{"metadata":{"labels":{"x":"y"}}}'`)).toBe('pod/web patched (no change)\n');
    expect(h.ok(`patch pod/web --type=merge -p 'metadata: {labels: {x: z}}'`)).toBe('pod/web patched\n');
    expect(h.ok(`patch pod web --type=json -p '[{"op":"remove","path":"/metadata/labels/x"}]'`)).toBe('pod/web patched\n');
    expect(h.ok('get pod web -o jsonpath={.metadata.labels}')).toBe('{"app":"web"}');
    expect(h.ok(`patch pod web -p '{"metadata":{"labels":{"d":"r"}}}' --dry-run=client`)).toBe('pod/web patched (dry run)\n');
  });

  it('patches the status subresource and reads --patch-file', () => {
    const h = setup();
    h.files.set('patch.yaml', 'status:\n  conditions:\n  - type: Custom\n    status: "True"\n');
    expect(h.ok('patch pod web --subresource=status --type=merge --patch-file=patch.yaml')).toBe('pod/web patched\n');
    expect(h.ok("get pod web -o jsonpath='{.status.conditions[?(@.type==\"Custom\")].status}'")).toBe('True');
  });

  it('reports usage errors word for word', () => {
    const h = setup();
    expect(h.run('patch pod web').stderr).toBe('error: must specify --patch or --patch-file containing the contents of the patch\n');
    expect(h.run(`patch pod web -p '{}' --type=foo`).stderr).toBe('error: --type must be one of [json merge strategic], not "foo"\n');
    expect(h.run(`patch pod web -p '{}' --subresource=x`).stderr).toBe('error: invalid subresource value: "x". Must be one of [status scale]\n');
    expect(h.run(`patch pod nope -p '{}'`).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(h.run(`patch pod web -p '{"spec":{"containers":[{"name":"main","image":""}]}}'`).stderr).toContain('The Pod "web" is invalid');
  });
});
