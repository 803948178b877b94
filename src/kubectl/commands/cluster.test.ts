import { describe, expect, it } from 'vitest';
import { kubectlHarness } from '../testing.ts';

describe('version, cluster-info, config, api-resources, options', () => {
  it('prints kubectl 1.32 shaped output', () => {
    const h = kubectlHarness();
    expect(h.ok('version')).toBe('Client Version: v1.32.0\nKustomize Version: v5.5.0\nServer Version: v1.32.0\n');
    expect(h.ok('version --client')).toBe('Client Version: v1.32.0\nKustomize Version: v5.5.0\n');
    expect(JSON.parse(h.ok('version -o json')).serverVersion.minor).toBe('32');
    expect(h.ok('cluster-info')).toBe("Kubernetes control plane is running at https://127.0.0.1:6443\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
    expect(h.ok('config current-context')).toBe('kubesim\n');
    expect(h.ok('config view')).toContain('current-context: kubesim\nkind: Config\n');
    expect(h.ok('options')).toMatch(/^The following options can be passed to any command:\n\n {4}--cluster='':\n/);
  });

  it('lists the simulated resources sorted by group', () => {
    const h = kubectlHarness();
    const lines = h.ok('api-resources').split('\n');
    expect(lines[0]).toMatch(/^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND$/);
    expect(lines.find((l) => l.startsWith('pods '))).toMatch(/^pods\s+po\s+v1\s+true\s+Pod$/);
    expect(lines.findIndex((l) => l.startsWith('deployments'))).toBeLessThan(lines.findIndex((l) => l.startsWith('jobs')));
    expect(h.ok('api-resources --namespaced=false -o name')).toBe('namespaces\nnodes\n');
    expect(h.ok('api-resources --api-group=batch -o name')).toBe('cronjobs.batch\njobs.batch\n');
  });
});
