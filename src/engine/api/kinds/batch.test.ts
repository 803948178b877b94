/**
 * Job and CronJob defaulting and validation: the API server's exact messages (pkg/apis/batch/validation).
 */
import { describe, expect, it } from 'vitest';
import { createTestSim } from '../../testing/harness.ts';
import { StatusError } from '../../apiserver/errors.ts';
import type { CronJob, Job, Manifest } from '../objects.ts';
import { clone } from '../objects.ts';
import { parseSchedule, validateSchedule } from '../cron.ts';

const container = { name: 'main', image: 'busybox' };

function job(spec: Record<string, unknown>, name = 'pi'): Manifest {
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name }, spec: { template: { spec: { restartPolicy: 'Never', containers: [container] } }, ...spec } };
}

function cron(spec: Record<string, unknown>, name = 'hello'): Manifest {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [container] } } } }, ...spec },
  };
}

function createError(m: Manifest): string {
  const sim = createTestSim();
  try {
    sim.api.create(m);
  } catch (e) {
    if (e instanceof StatusError) return e.kubectlMessage;
    throw e;
  }
  return '';
}

describe('Job defaults', () => {
  it('defaults parallelism/completions, backoffLimit, completionMode, suspend, podReplacementPolicy; generates the selector', () => {
    const sim = createTestSim();
    const j = sim.api.create<Job>(job({}));
    const uid = j.metadata.uid;
    expect(j.spec).toMatchObject({ parallelism: 1, completions: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed' });
    expect(j.spec?.manualSelector).toBeUndefined();
    expect(j.spec?.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    const labels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' };
    expect(j.spec?.template.metadata?.labels).toEqual(labels);
    expect(j.metadata.labels).toEqual(labels);
    expect(j.status).toEqual({});
  });

  it('leaves completions unset for a work queue (parallelism given)', () => {
    const j = createTestSim().api.create<Job>(job({ parallelism: 3 }));
    expect(j.spec?.completions).toBeUndefined();
  });

  it('uses MaxInt32 as backoffLimit with backoffLimitPerIndex, Failed replacement with a podFailurePolicy', () => {
    const sim = createTestSim();
    const a = sim.api.create<Job>(job({ completions: 2, completionMode: 'Indexed', backoffLimitPerIndex: 1 }, 'a'));
    expect(a.spec?.backoffLimit).toBe(2147483647);
    const b = sim.api.create<Job>(job({ podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } }, 'b'));
    expect(b.spec?.podReplacementPolicy).toBe('Failed');
    expect(b.spec?.podFailurePolicy?.rules[0]?.onPodConditions?.[0]?.status).toBe('True');
  });

  it('keeps the Job labels the user gave', () => {
    const j = createTestSim().api.create<Job>({ ...job({}), metadata: { name: 'pi', labels: { jobgroup: 'x' } } });
    expect(j.metadata.labels).toEqual({ jobgroup: 'x' });
  });
});

describe('Job validation', () => {
  it.each([
    ['restartPolicy left out (defaults to Always)', { template: { spec: { containers: [container] } } }, 'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
    ['restartPolicy Always', { template: { spec: { restartPolicy: 'Always', containers: [container] } } }, 'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
    ['negative parallelism', { parallelism: -1 }, 'spec.parallelism: Invalid value: -1: must be greater than or equal to 0'],
    ['negative backoffLimit', { backoffLimit: -1 }, 'spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0'],
    ['negative activeDeadlineSeconds', { activeDeadlineSeconds: -5 }, 'spec.activeDeadlineSeconds: Invalid value: -5: must be greater than or equal to 0'],
    ['Indexed without completions', { parallelism: 2, completionMode: 'Indexed' }, 'spec.completions: Required value: when completion mode is Indexed'],
    ['unknown completion mode', { completionMode: 'Random' }, 'spec.completionMode: Unsupported value: "Random": supported values: "NonIndexed", "Indexed"'],
    ['backoffLimitPerIndex without Indexed', { backoffLimitPerIndex: 1 }, 'spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode'],
    ['maxFailedIndexes without backoffLimitPerIndex', { completions: 3, completionMode: 'Indexed', maxFailedIndexes: 1 }, 'spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified'],
    ['maxFailedIndexes above completions', { completions: 3, completionMode: 'Indexed', backoffLimitPerIndex: 1, maxFailedIndexes: 4 }, 'spec.maxFailedIndexes: Invalid value: 4: must be less than or equal to completions'],
    [
      'podFailurePolicy with OnFailure',
      { podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [1] } }] }, template: { spec: { restartPolicy: 'OnFailure', containers: [container] } } },
      'spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified',
    ],
    ['exit code 0 with In', { podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [0] } }] } }, 'spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator'],
    ['unknown container name', { podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { containerName: 'x', operator: 'In', values: [1] } }] } }, 'spec.podFailurePolicy.rules[0].onExitCodes.containerName: Invalid value: "x": must be one of the container or initContainer names in the pod template'],
    ['a rule with neither requirement', { podFailurePolicy: { rules: [{ action: 'Ignore' }] } }, 'spec.podFailurePolicy.rules[0]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required'],
    ['FailIndex without backoffLimitPerIndex', { podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [1] } }] } }, 'spec.podFailurePolicy.rules[0].action: Invalid value: "FailIndex": requires the backoffLimitPerIndex to be set'],
    ['unknown action', { podFailurePolicy: { rules: [{ action: 'Retry', onExitCodes: { operator: 'In', values: [1] } }] } }, 'spec.podFailurePolicy.rules[0].action: Unsupported value: "Retry": supported values: "Count", "FailIndex", "FailJob", "Ignore"'],
    ['unordered exit codes', { podFailurePolicy: { rules: [{ action: 'Count', onExitCodes: { operator: 'In', values: [3, 2] } }] } }, 'spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: [3,2]: must be ordered'],
    ['successPolicy without Indexed', { successPolicy: { rules: [{ succeededCount: 1 }] } }, 'spec.successPolicy: Invalid value: {"rules":[{"succeededCount":1}]}: requires indexed completion mode'],
    ['successPolicy index out of range', { completions: 3, completionMode: 'Indexed', successPolicy: { rules: [{ succeededIndexes: '0-3' }] } }, 'spec.successPolicy.rules[0].succeededIndexes: Invalid value: "0-3": error parsing succeededIndexes: too large index: "3"'],
    ['successPolicy count above completions', { completions: 3, completionMode: 'Indexed', successPolicy: { rules: [{ succeededCount: 4 }] } }, 'spec.successPolicy.rules[0].succeededCount: Invalid value: 4: must be less than or equal to 3 (the number of specified completions)'],
    ['a user selector without manualSelector', { selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } }, spec: { restartPolicy: 'Never', containers: [container] } } }, 'spec.selector: Invalid value: {"matchLabels":{"app":"x","batch.kubernetes.io/controller-uid":'],
    ['manualSelector not matching the template', { manualSelector: true, selector: { matchLabels: { app: 'x' } } }, 'spec.template.metadata.labels: Invalid value: map[string]string{}: `selector` does not match template `labels`'],
    ['a template label contradicting the generated ones', { template: { metadata: { labels: { 'job-name': 'other' } }, spec: { restartPolicy: 'Never', containers: [container] } } }, 'spec.template.metadata.labels[job-name]: Invalid value: map[string]string{'],
  ])('%s', (_name, spec, message) => {
    const err = createError(job(spec));
    expect(err.startsWith('The Job "pi" is invalid: ')).toBe(true);
    expect(err).toContain(message);
  });

  it('refuses an Indexed Job whose pod hostnames would not be DNS labels', () => {
    expect(createError(job({ completions: 10, completionMode: 'Indexed' }, 'a'.repeat(62)))).toContain('will not able to create pod with invalid DNS label: ' + 'a'.repeat(62) + '-9');
  });

  it('keeps the template, selector and completion mode immutable; completions move only with parallelism for Indexed Jobs', () => {
    const sim = createTestSim();
    const j = sim.api.create<Job>(job({ completions: 2, parallelism: 2, completionMode: 'Indexed' }));
    const change = (mutate: (x: Job) => void): string => {
      const copy = clone(sim.api.get<Job>('Job', 'default', 'pi'));
      mutate(copy);
      try {
        sim.api.update(copy);
        return '';
      } catch (e) {
        return (e as StatusError).kubectlMessage;
      }
    };
    expect(change((x) => (x.spec!.template.spec!.containers[0]!.image = 'nginx'))).toMatch(/^The Job "pi" is invalid: spec.template: Invalid value: .*: field is immutable$/);
    expect(change((x) => (x.spec!.completionMode = 'NonIndexed'))).toContain('spec.completionMode: Invalid value: "NonIndexed": field is immutable');
    expect(change((x) => (x.spec!.completions = 3))).toContain('spec.completions: Invalid value: 3: can only be modified in tandem with spec.parallelism');
    expect(change((x) => ((x.spec!.completions = 3), (x.spec!.parallelism = 3)))).toBe('');
    expect(change((x) => (x.spec!.suspend = true))).toBe('');
    expect(j.metadata.generation).toBe(1);
    expect(sim.api.get<Job>('Job', 'default', 'pi').metadata.generation).toBe(3);
  });

  it('lets a suspended, never started Job change its scheduling directives', () => {
    const sim = createTestSim();
    const j = sim.api.create<Job>(job({ suspend: true }));
    const copy = clone(j);
    copy.spec!.template.spec!.nodeSelector = { disk: 'ssd' };
    expect(() => sim.api.update(copy)).not.toThrow();
  });
});

describe('CronJob validation', () => {
  it('defaults the policies and history limits, not the job template', () => {
    const c = createTestSim().api.create<CronJob>(cron({}));
    expect(c.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(c.spec?.jobTemplate.spec?.backoffLimit).toBeUndefined();
    expect(c.spec?.jobTemplate.spec?.completions).toBeUndefined();
  });

  it.each([
    ['an unparseable schedule', { schedule: 'foo' }, 'spec.schedule: Invalid value: "foo": expected exactly 5 fields, found 1: [foo]'],
    ['a minute out of range', { schedule: '61 * * * *' }, 'spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61'],
    ['a zero step', { schedule: '*/0 * * * *' }, 'spec.schedule: Invalid value: "*/0 * * * *": step of range should be a positive number: */0'],
    ['not a number', { schedule: 'a * * * *' }, 'spec.schedule: Invalid value: "a * * * *": failed to parse int from a: strconv.Atoi: parsing "a": invalid syntax'],
    ['a reversed range', { schedule: '5-1 * * * *' }, 'spec.schedule: Invalid value: "5-1 * * * *": beginning of range (5) beyond end of range (1): 5-1'],
    ['an unknown descriptor', { schedule: '@sometimes' }, 'spec.schedule: Invalid value: "@sometimes": unrecognized descriptor: @sometimes'],
    ['TZ in the schedule', { schedule: 'TZ=UTC * * * * *' }, 'spec.schedule: Invalid value: "TZ=UTC * * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead'],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus'],
    ['Local as time zone', { timeZone: 'Local' }, 'spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'],
    ['an unknown concurrency policy', { concurrencyPolicy: 'Never' }, 'spec.concurrencyPolicy: Unsupported value: "Never": supported values: "Allow", "Forbid", "Replace"'],
    ['a negative history limit', { successfulJobsHistoryLimit: -1 }, 'spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0'],
    ['a selector in the job template', { jobTemplate: { spec: { selector: { matchLabels: { a: 'b' } }, template: { spec: { restartPolicy: 'Never', containers: [container] } } } } }, 'spec.jobTemplate.spec.selector: Invalid value: {"matchLabels":{"a":"b"}}: `selector` will be auto-generated'],
    ['restartPolicy Always in the job template', { jobTemplate: { spec: { template: { spec: { restartPolicy: 'Always', containers: [container] } } } } }, 'spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
  ])('%s', (_name, spec, message) => {
    const err = createError(cron(spec));
    expect(err).toBe(`The CronJob "hello" is invalid: ${message}`);
  });

  it('limits the name to 52 characters on create only', () => {
    expect(createError(cron({}, 'x'.repeat(53)))).toBe(`The CronJob "${'x'.repeat(53)}" is invalid: metadata.name: Invalid value: "${'x'.repeat(53)}": must be no more than 52 characters`);
    expect(createError(cron({}, 'x'.repeat(52)))).toBe('');
  });
});

describe('cron schedules', () => {
  const T = (iso: string) => Date.parse(iso);
  it.each([
    ['* * * * *', '2025-01-01T00:00:00Z', '2025-01-01T00:01:00Z'],
    ['*/15 * * * *', '2025-01-01T00:00:30Z', '2025-01-01T00:15:00Z'],
    ['0,15,30,45 * * * *', '2025-01-01T00:44:59Z', '2025-01-01T00:45:00Z'],
    ['@hourly', '2025-01-01T00:00:00Z', '2025-01-01T01:00:00Z'],
    ['@daily', '2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z'],
    ['@weekly', '2025-01-01T00:00:00Z', '2025-01-05T00:00:00Z'],
    ['@monthly', '2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z'],
    ['0 9 * * MON-FRI', '2025-01-03T10:00:00Z', '2025-01-06T09:00:00Z'],
    ['0 0 1 JAN ?', '2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z'],
    ['@every 90m', '2025-01-01T00:00:00Z', '2025-01-01T01:30:00Z'],
  ])('%s after %s is %s', (schedule, after, next) => {
    const s = parseSchedule(schedule);
    expect(s).not.toBeInstanceOf(Error);
    expect(new Date((s as { next(t: number): number }).next(T(after))).toISOString().replace('.000', '')).toBe(next);
  });

  it('reports the first error robfig/cron would', () => {
    expect(validateSchedule('1-70 * * * *', undefined)?.detail).toBe('end of range (70) above maximum (59): 1-70');
    expect(validateSchedule('* * * * 7', undefined)?.detail).toBe('end of range (7) above maximum (6): 7');
    expect(validateSchedule('* * * 13 *', undefined)?.detail).toBe('end of range (13) above maximum (12): 13');
    expect(validateSchedule('* * 0 * *', undefined)?.detail).toBe('beginning of range (0) below minimum (1): 0');
    expect(validateSchedule('@every x', undefined)?.detail).toBe('failed to parse duration @every x: time: invalid duration "x"');
  });
});
