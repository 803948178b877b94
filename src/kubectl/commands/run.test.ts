import { describe, expect, it } from 'vitest';
import { kubectlHarness } from '../testing.ts';

describe('kubectl run', () => {
  it('creates a pod labelled run=NAME and prints the client dry run as kubectl builds it', () => {
    const h = kubectlHarness();
    expect(h.ok('run web --image=nginx --dry-run=client -o yaml')).toBe(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: web\n  name: web\nspec:\n  containers:\n  - image: nginx\n    name: web\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Always\nstatus: {}\n',
    );
    expect(h.ok('run web --image=busybox --restart=Never --env=A=1 --port=8080 --command -- sh -c "echo hi"')).toBe('pod/web created\n');
    const pod = JSON.parse(h.ok('get pod web -o json')) as { metadata: { labels: Record<string, string> }; spec: { restartPolicy: string; containers: { command: string[]; env: unknown[]; ports: unknown[] }[] } };
    expect(pod.metadata.labels).toEqual({ run: 'web' });
    expect(pod.spec.restartPolicy).toBe('Never');
    expect(pod.spec.containers[0]!.command).toEqual(['sh', '-c', 'echo hi']);
    h.sim.advance(30_000);
    expect(h.ok('logs web')).toBe('hi\n');
  });

  it('reports missing image, name and bad restart policies', () => {
    const h = kubectlHarness();
    expect(h.run('run x').stderr).toBe('error: required flag(s) "image" not set\n');
    expect(h.run('run --image=nginx').stderr).toBe("error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n");
    expect(h.run('run x --image=y --restart=foo').stderr).toBe("error: invalid restart policy: foo\nSee 'kubectl run -h' for help and examples\n");
  });
});
