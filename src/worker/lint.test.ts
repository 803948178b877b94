import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine/index.ts';
import { simulationClient } from '../kubectl/client.ts';
import { CRONJOB_EXAMPLE, DAEMONSET_EXAMPLE, DEPLOYMENT_EXAMPLE, JOB_EXAMPLE } from '../scenarios/playground.ts';
import { fieldPath, lintManifest, locateApiErrors } from './lint.ts';

const sim = new Simulation({ seed: 1 });
const ctx = { client: simulationClient(sim), nowMs: sim.now() };
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('lintManifest', () => {
  it('accepts the examples, except the DaemonSet whose nodeSelector matches no node yet', () => {
    expect(lintManifest(JOB_EXAMPLE.text, ctx)).toEqual([]);
    expect(lintManifest(DEPLOYMENT_EXAMPLE.text, ctx)).toEqual([]);
    const ds = lintManifest(DAEMONSET_EXAMPLE.text, ctx);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ severity: 'warning', line: lineOf(DAEMONSET_EXAMPLE.text, 'nodeSelector') });
    expect(ds[0]!.message).toContain('disk=ssd');
  });

  it.each([
    ['restartPolicy: Always', JOB_EXAMPLE.text.replace('restartPolicy: Never', 'restartPolicy: Always'), 'restartPolicy', 'error'],
    ['missing restartPolicy', JOB_EXAMPLE.text.replace('      restartPolicy: Never\n', ''), '    spec:', 'error'],
    ['selector mismatch', DEPLOYMENT_EXAMPLE.text.replace('      app: nginx\n  template', '      app: web\n  template'), 'selector:', 'error'],
    ['invalid cron', CRONJOB_EXAMPLE.text.replace('"* * * * *"', '"every minute"'), 'schedule', 'error'],
  ])('%s', (_name, text, needle, severity) => {
    const d = lintManifest(text, ctx);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity, line: lineOf(text, needle) });
  });

  it('shows the next three run times of a valid schedule', () => {
    const d = lintManifest(CRONJOB_EXAMPLE.text, ctx);
    expect(d[0]!.message).toBe('Next runs (virtual time): 2025-01-01T00:01:00Z, 2025-01-01T00:02:00Z, 2025-01-01T00:03:00Z');
  });

  it('reports YAML syntax errors with their position', () => {
    const d = lintManifest('kind: Job\n  bad: [\n', ctx);
    expect(d[0]).toMatchObject({ severity: 'error', source: 'yaml' });
  });
});

describe('locateApiErrors', () => {
  it('maps each validation cause to its field, in the right document', () => {
    const text = `${DEPLOYMENT_EXAMPLE.text}---\n${JOB_EXAMPLE.text}`;
    const stderr = 'The Job "pi" is invalid: \n* spec.template.spec.restartPolicy: Unsupported value: "Always"\n* spec.template.spec.containers[0].image: Required value\n';
    const d = locateApiErrors(text, stderr);
    expect(d.map((x) => x.line)).toEqual([text.split('\n').findIndex((l, i) => i > 20 && l.includes('restartPolicy')) + 1, text.split('\n').findIndex((l, i) => i > 20 && l.includes('image: perl')) + 1]);
  });

  it('parses field paths with indexes and keys', () => {
    expect(fieldPath('spec.template.spec.containers[0].image')).toEqual(['spec', 'template', 'spec', 'containers', 0, 'image']);
    expect(fieldPath('metadata.labels[app.kubernetes.io/name]')).toEqual(['metadata', 'labels', 'app.kubernetes.io/name']);
  });
});
