/**
 * Property: any command line — real commands with random flags, resource words, quoting and
 * garbage — returns a result with an exit code, never throws, and explains every failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kubectlHarness, podYaml } from './testing.ts';

const WORDS = [
  'get', 'describe', 'delete', 'apply', 'create', 'logs', 'label', 'annotate', 'patch', 'edit', 'wait', 'run', 'explain', 'cordon', 'uncordon',
  'api-resources', 'version', 'cluster-info', 'config', 'view', 'options', 'configmap', 'namespace', 'secret', 'generic',
  'pods', 'po', 'pod/web', 'nodes', 'no', 'ns', 'ev', 'events', 'all', 'jobs', 'deploy', 'svc', 'cm', 'web', 'worker-1', 'nope', 'jobz', 'pod,node',
  '-o', 'json', 'yaml', 'wide', 'name', '-ojsonpath={.items[*].metadata.name}', '-o=custom-columns=N:.metadata.name', '-ojsonpath={.items[', '--sort-by=.metadata.name',
  '-l', 'app=web', 'app!=x', '-A', '-n', 'default', 'kube-system', '--field-selector', 'status.phase=Running', '--show-labels', '-L', 'app', '--no-headers',
  '-w', '--watch-only', '-f', '-', 'missing.yaml', '--dry-run=client', '--dry-run=server', '--cascade=orphan', '--grace-period=0', '--force', '--now',
  '--for=condition=Ready', '--for=delete', "--for=jsonpath='{.status.phase}'=Running", '--timeout=5s', '-p', '{"metadata":{"labels":{"a":"b"}}}', '--type=json',
  '--subresource=status', '--image=nginx', '--restart=Never', '--', 'sh', '-c', 'echo hi', 'x=y', 'x-', '--overwrite', '--tail=2', '--previous', '-c',
  '--recursive', 'pod.spec.containers', '--help', '-h', '--foo', '-Z', '"', "'", '\\', '=', '--', '{', '}', '[', ']',
];

describe('runKubectl never throws', () => {
  it('always ends with an exit code, and a message when it fails', () => {
    const h = kubectlHarness();
    h.ok('apply -f -', { stdin: podYaml('web', { labels: { app: 'web' } }) });
    h.sim.advance(5_000);
    const line = fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 6 })), { minLength: 0, maxLength: 7 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(line, fc.option(fc.constantFrom(podYaml('other'), 'kind: Nope', '{{{', ''), { nil: undefined }), (text, stdin) => {
        const r = h.run(text, stdin !== undefined ? { stdin } : {});
        r.stream?.stop();
        expect(Number.isInteger(r.exitCode)).toBe(true);
        if (r.exitCode !== 0) expect(r.stderr.trim().length).toBeGreaterThan(0);
        expect(r.stderr).not.toContain('internal error');
      }),
      { numRuns: 400, seed: 20250101 },
    );
  });
});
