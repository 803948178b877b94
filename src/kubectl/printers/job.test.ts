/**
 * Job and CronJob printing (printJob / printCronJob, describeJob / describeCronJob) and the
 * `kubectl create job|cronjob` generators.
 */
import { describe, expect, it } from 'vitest';
import { type Job, Simulation, utcMs } from '../../engine/index.ts';
import { simulationClient } from '../client.ts';
import { runKubectl } from '../kubectl.ts';
import { capIndexes, jobCompletions, jobDuration, jobStatus } from './job.ts';

const NOW = utcMs(2025, 1, 1, 1, 0, 0);
const cond = (type: string, status = 'True') => ({ type, status });

function job(spec: Job['spec'], status: Job['status'], deleting = false): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'j', namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: '2025-01-01T00:00:00Z', ...(deleting ? { deletionTimestamp: '2025-01-01T00:59:00Z' } : {}) },
    spec,
    status,
  };
}

describe('Job columns', () => {
  it.each([
    ['Complete wins', job({ template: {} }, { conditions: [cond('FailureTarget'), cond('Complete')] }), 'Complete'],
    ['Failed', job({ template: {} }, { conditions: [cond('FailureTarget'), cond('Failed')] }), 'Failed'],
    ['Terminating (being deleted)', job({ template: {} }, { conditions: [cond('Suspended')] }, true), 'Terminating'],
    ['Suspended', job({ template: {} }, { conditions: [cond('Suspended')] }), 'Suspended'],
    ['resumed is Running', job({ template: {} }, { conditions: [cond('Suspended', 'False')] }), 'Running'],
    ['FailureTarget', job({ template: {} }, { conditions: [cond('FailureTarget')] }), 'FailureTarget'],
    ['SuccessCriteriaMet alone is still Running', job({ template: {} }, { conditions: [cond('SuccessCriteriaMet')] }), 'Running'],
  ])('STATUS: %s', (_n, j, expected) => expect(jobStatus(j)).toBe(expected));

  it.each([
    [{ completions: 3, parallelism: 2, template: {} }, { succeeded: 2 }, '2/3'],
    [{ parallelism: 2, template: {} }, { succeeded: 1 }, '1/1 of 2'],
    [{ parallelism: 1, template: {} }, {}, '0/1'],
  ])('COMPLETIONS of %j %j is %s', (spec, status, expected) => expect(jobCompletions(job(spec, status))).toBe(expected));

  it('DURATION: empty before start, growing while unfinished (and for failed Jobs), fixed once complete', () => {
    expect(jobDuration(job({ template: {} }, {}), NOW)).toBe('');
    expect(jobDuration(job({ template: {} }, { startTime: '2025-01-01T00:00:00Z', conditions: [cond('Failed')] }), NOW)).toBe('60m');
    expect(jobDuration(job({ template: {} }, { startTime: '2025-01-01T00:00:00Z', completionTime: '2025-01-01T00:02:05Z' }), NOW)).toBe('2m5s');
  });

  it('caps long completed index lists at a comma after 50 characters', () => {
    const long = Array.from({ length: 40 }, (_, i) => String(i * 2)).join(',');
    expect(capIndexes(long)).toBe(`${long.slice(0, long.indexOf(',', 50) + 1)}...`);
    expect(capIndexes('0-4')).toBe('0-4');
    expect(capIndexes(undefined)).toBe('<none>');
  });
});

function kubectl(sim: Simulation, line: string): { out: string; err: string; code: number } {
  const r = runKubectl(line, simulationClient(sim));
  return { out: r.stdout, err: r.stderr, code: r.exitCode };
}

describe('kubectl create job / cronjob', () => {
  it('creates a Job with restartPolicy Never, the name as container name, and the command after --', () => {
    const sim = new Simulation({ seed: 1 });
    expect(kubectl(sim, 'create job work --image=busybox:1.36 -- sh -c "echo hi"')).toEqual({ out: 'job.batch/work created\n', err: '', code: 0 });
    const j = sim.api.get<Job>('Job', 'default', 'work');
    expect(j.spec?.template.spec).toMatchObject({ restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox:1.36', command: ['sh', '-c', 'echo hi'] }] });
  });

  it('prints the object for --dry-run=client -o yaml without creating it', () => {
    const sim = new Simulation({ seed: 1 });
    const r = kubectl(sim, 'create cronjob tick --image=busybox --schedule="*/1 * * * *" --dry-run=client -o yaml -- date');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^apiVersion: batch\/v1\nkind: CronJob\nmetadata:\n {2}creationTimestamp: null\n {2}name: tick\nspec:\n {2}jobTemplate:\n {4}metadata:\n {6}creationTimestamp: null\n {6}name: tick\n/);
    expect(r.out).toContain('          - command:\n            - date\n            image: busybox\n            name: tick\n            resources: {}\n          restartPolicy: OnFailure\n');
    expect(r.out).toMatch(/schedule: ["']\*\/1 \* \* \* \*["']\nstatus: \{\}\n$/);
    expect(sim.api.tryGet('CronJob', 'default', 'tick')).toBeUndefined();
  });

  it.each([
    ['create job', 'error: exactly one NAME is required, got 0\nSee \'kubectl create job -h\' for help and examples\n'],
    ['create job x', 'error: either --image or --from must be specified\n'],
    ['create job x --image=a --from=cronjob/b', 'error: either --image or --from must be specified\n'],
    ['create job x --from=cronjob/b -- date', 'error: cannot specify --from and command\n'],
    ['create job x --from=cronjob/missing', 'Error from server (NotFound): cronjobs.batch "missing" not found\n'],
    ['create cronjob x', 'error: required flag(s) "image", "schedule" not set\n'],
    ['create cronjob x --image=busybox', 'error: required flag(s) "schedule" not set\n'],
    ['create cronjob x --image=busybox --schedule=nope', 'The CronJob "x" is invalid: spec.schedule: Invalid value: "nope": expected exactly 5 fields, found 1: [nope]\n'],
  ])('%s', (line, err) => {
    const r = kubectl(new Simulation({ seed: 1 }), line);
    expect(r.err).toBe(err);
    expect(r.code).toBe(1);
  });
});

describe('kubectl get / describe for CronJobs', () => {
  it('prints the CronJob columns, wide included', () => {
    const sim = new Simulation({ seed: 1 });
    kubectl(sim, 'create cronjob tick --image=busybox:1.36 --schedule=@hourly -- date');
    expect(kubectl(sim, 'get cronjob -o wide').out).toBe(
      'NAME   SCHEDULE   TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE   CONTAINERS   IMAGES         SELECTOR\ntick   @hourly    <none>     False     0        <none>          0s    tick         busybox:1.36   <none>\n',
    );
  });
});
