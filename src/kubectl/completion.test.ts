import { describe, expect, it } from 'vitest';
import { simulationClient } from './client.ts';
import { completeKubectl } from './completion.ts';
import { kubectlHarness, podYaml } from './testing.ts';

describe('completeKubectl', () => {
  const h = kubectlHarness();
  h.ok('apply -f -', { stdin: `${podYaml('web')}---\n${podYaml('worker')}` });
  h.ok('create namespace team');
  const client = simulationClient(h.sim);
  const c = (line: string) => completeKubectl(line, client);

  it('completes commands and subcommands', () => {
    expect(c('kubectl ge')).toEqual({ from: 8, candidates: ['get'] });
    expect(c('kubectl c').candidates).toEqual(['cluster-info', 'config', 'cordon', 'create']);
    expect(c('kubectl create ').candidates).toEqual(['configmap', 'cronjob', 'deployment', 'job', 'namespace', 'secret']);
    expect(c('kub').candidates).toEqual(['kubectl']);
  });

  it('completes resource types, names and type/name forms', () => {
    expect(c('kubectl get po').candidates).toEqual(['po', 'pod', 'poddisruptionbudget', 'poddisruptionbudgets', 'pods']);
    expect(c('kubectl get pods w')).toEqual({ from: 17, candidates: ['web', 'worker'] });
    expect(c('kubectl describe pod/we').candidates).toEqual(['pod/web']);
    expect(c('kubectl logs w').candidates).toEqual(['web', 'worker']);
    expect(c('kubectl cordon worker-').candidates).toEqual(['worker-1', 'worker-2', 'worker-3']);
    expect(c('kubectl get pods -n team ').candidates).toEqual([]);
  });

  it('completes flags and flag values', () => {
    expect(c('kubectl get pods --sh').candidates).toEqual(['--show-kind', '--show-labels']);
    expect(c('kubectl get pods -o ').candidates).toContain('jsonpath=');
    expect(c('kubectl get pods --output=ya')).toEqual({ from: 26, candidates: ['yaml'] });
    expect(c('kubectl get pods -n t').candidates).toEqual(['team']);
    expect(c('kubectl delete pod web --cascade=o').candidates).toEqual(['orphan']);
  });
});
