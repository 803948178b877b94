/**
 * The seeds' Job and CronJob walkthroughs (examples/jobs/*.sh: the seeds' own manifests and programs),
 * replayed through the script runner: each assertion is something the seeds show (counts,
 * conditions, events, columns, and what the programs print).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from './runner.ts';

const EXAMPLES = resolve(import.meta.dirname, '../../examples/jobs');

/** Run an example; returns the output of each command, keyed by its line (`$ kubectl get job pi`). */
function run(name: string): { all: string; after(command: string, nth?: number): string } {
  const { output, exitCode } = runScript(readFileSync(`${EXAMPLES}/${name}.sh`, 'utf8'), { echo: true });
  expect(exitCode).toBe(0);
  const blocks = output.split(/^(?=\$ )/m);
  return {
    all: output,
    after(command, nth = 0) {
      const found = blocks.filter((b) => b.startsWith(`$ ${command}\n`) || b.startsWith(`$ ${command} <<`));
      if (!found[nth]) throw new Error(`no output for "${command}" #${nth}`);
      return found[nth]!;
    },
  };
}

/** Rows of a table output after its `$ command` and header lines, as cells (2+ spaces separate cells). */
function rows(block: string): string[][] {
  return block
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((l) => l.trim().split(/\s{2,}/));
}

describe('seed Job examples', () => {
  it('pi: 3 completions, 2 at a time', () => {
    const r = run('pi');
    expect(rows(r.after('kubectl get pods -o wide')).map((c) => c[2])).toEqual(['ContainerCreating', 'ContainerCreating']);
    const middle = rows(r.after('kubectl get pods'));
    expect(middle.filter((c) => c[2] === 'Completed')).toHaveLength(2);
    expect(middle.filter((c) => c[2] === 'Running')).toHaveLength(1);
    expect(r.after('kubectl get job -o wide')).toMatch(/^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR\npi\s+Running\s+2\/3\s+\S+\s+\S+\s+pi\s+perl\s+batch\.kubernetes\.io\/controller-uid=/m);
    expect(rows(r.after('kubectl get pods', 1)).map((c) => c[2])).toEqual(['Completed', 'Completed', 'Completed']);
    expect(r.after('kubectl get job pi')).toMatch(/^pi\s+Complete\s+3\/3\s/m);
    const describe = r.after('kubectl describe job pi');
    expect(describe).toContain('Pods Statuses:    0 Active (0 Ready) / 3 Succeeded / 0 Failed');
    expect(describe.match(/SuccessfulCreate\s.*Created pod: pi-/g)).toHaveLength(3);
    expect(describe).toMatch(/Normal\s+Completed\s+\S+\s+job-controller\s+Job completed/);
    // perl's bpi(2000): the seed's 2000 digits.
    const digits = r.after('kubectl logs job/pi').split('\n')[1]!;
    expect(digits).toHaveLength(2001);
    expect(digits.startsWith('3.14159265358979323846264338327950288419716939937510')).toBe(true);
    expect(digits.endsWith('908658326459958133904780275901')).toBe(true);
  });

  it('pi-timeout: DeadlineExceeded after 100 s, pods Terminating then counted as failed', () => {
    const r = run('pi-timeout');
    expect(r.after('kubectl get job -o wide')).toMatch(/^pi-timeout\s+FailureTarget\s+0\/3\s+109s\s+109s\s+pi\s+perl/m);
    expect(rows(r.after('kubectl get pods')).map((c) => c[2])).toEqual(['Terminating', 'Terminating']);
    expect(r.after('kubectl get job pi-timeout')).toMatch(/^pi-timeout\s+Failed\s+0\/3\s/m);
    expect(r.after('kubectl get pods', 1)).toContain('No resources found in default namespace.');
    const describe = r.after('kubectl describe job pi-timeout');
    expect(describe).toContain('Active Deadline Seconds:  100s');
    expect(describe).toContain('Pods Statuses:            0 Active (0 Ready) / 0 Succeeded / 2 Failed');
    expect(describe.match(/Normal\s+SuccessfulDelete\s.*Deleted pod: pi-timeout-/g)).toHaveLength(2);
    expect(describe).toMatch(/Warning\s+DeadlineExceeded\s+\S+\s+job-controller\s+Job was active longer than specified deadline/);
    const yaml = r.after('kubectl get job pi-timeout -o yaml');
    expect(yaml).toMatch(/reason: DeadlineExceeded\n\s+status: "True"\n\s+type: FailureTarget/);
    expect(yaml).toMatch(/reason: DeadlineExceeded\n\s+status: "True"\n\s+type: Failed/);
    expect(yaml).toContain('  failed: 2\n');
    expect(yaml).not.toContain('completionTime');
  });

  it('pi-with-ttl: the finished Job and its pods go 100 s later', () => {
    const r = run('pi-with-ttl');
    expect(r.after('kubectl get job pi-with-ttl')).toMatch(/Complete\s+1\/1/);
    expect(rows(r.after('kubectl get pods'))).toHaveLength(1);
    expect(r.after('kubectl get jobs')).toContain('No resources found');
    expect(r.after('kubectl get pods', 1)).toContain('No resources found');
  });

  it('cascade=false: pods outlive their Job and are adopted by a Job that selects them', () => {
    const r = run('cascade-false');
    expect(r.after('kubectl delete jobs/old --cascade=false')).toContain('warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\njob.batch "old" deleted\n');
    expect(r.after('kubectl get jobs')).toContain('No resources found');
    expect(r.after('kubectl get pods --show-labels')).toMatch(/^old-\S+\s+1\/1\s+Running/m);
    expect(rows(r.after('kubectl get pods'))).toHaveLength(1);
    expect(r.after('kubectl get job new')).toMatch(/^new\s+Complete\s+1\/1/m);
    const describe = r.after('kubectl describe job new');
    expect(describe).not.toContain('SuccessfulCreate');
    expect(describe).toContain('1 Succeeded / 0 Failed');
  });

  it('restart policy: Always is refused; OnFailure restarts count towards backoffLimit', () => {
    const r = run('restart-policy');
    expect(r.all).toContain('The Job "no-policy" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
    expect(r.after('kubectl get job on-failure')).toMatch(/^on-failure\s+(FailureTarget|Failed)\s+0\/1/m);
  });

  it('batch-job (Kubernetes in Action): one pod, then five completions two at a time', () => {
    const r = run('batch-job');
    expect(r.after('kubectl get jobs')).toMatch(/^batch-job\s+Running\s+0\/1\s+5s\s+5s/m);
    expect(r.after('kubectl get pods')).toMatch(/^batch-job-\S+\s+1\/1\s+Running\s+0\s+5s/m);
    expect(r.after('kubectl get pods', 1)).toMatch(/^batch-job-\S+\s+0\/1\s+Completed/m);
    expect(r.after('kubectl get jobs', 1)).toMatch(/^batch-job\s+Complete\s+1\/1\s+2m\d+s/m);
    expect(rows(r.after('kubectl get pods -l job-name=multi-completion-parallel-batch-job')).map((c) => c[2])).toEqual(['Running', 'Running']);
    expect(r.after('kubectl get jobs', 2)).toMatch(/^multi-completion-parallel-batch-job\s+Complete\s+5\/5/m);
    expect(r.after('kubectl logs job/batch-job')).toBe('$ kubectl logs job/batch-job\nWed Jan  1 00:00:01 UTC 2025 Batch job starting\nWed Jan  1 00:02:01 UTC 2025 Finished succesfully\n');
  });

  it('echo: the seed manifest as written, and its log', () => {
    const r = run('echo');
    expect(r.after('kubectl get job')).toMatch(/^echo\s+Complete\s+1\/1/m);
    expect(r.after('kubectl get pods')).toMatch(/^echo-\S+\s+0\/1\s+Completed/m);
    expect(r.after('kubectl logs job/echo')).toContain('this a job');
  });

  it('job-wq-1: 8 completions, 2 at a time; describe as in the seed', () => {
    const r = run('job-wq-1');
    const describe = r.after('kubectl describe jobs/job-wq-1');
    expect(describe).toContain('Parallelism:      2\nCompletions:      8\nCompletion Mode:  NonIndexed\nSuspend:          false\nBackoff Limit:    6\n');
    expect(describe).toContain('Pods Statuses:    0 Active (0 Ready) / 8 Succeeded / 0 Failed');
    expect(describe).toContain('    Environment:\n      BROKER_URL:  amqp://guest:guest@rabbitmq-service:5672\n      QUEUE:       job1\n    Mounts:        <none>\n  Volumes:         <none>\n  Node-Selectors:  <none>\n  Tolerations:     <none>\n');
    expect(describe.match(/SuccessfulCreate\s+\S+\s+job-controller\s+Created pod: job-wq-1-/g)).toHaveLength(8);
    expect(describe).toMatch(/Normal\s+Completed\s+\S+\s+job-controller\s+Job completed\n$/);
    // Each of the 8 pods consumed one RabbitMQ message.
    const processed = r.after('kubectl logs -l job-name=job-wq-1').split('\n').filter((l) => l.startsWith('Processing '));
    expect(processed.sort()).toEqual(['apple', 'banana', 'cherry', 'date', 'fig', 'grape', 'lemon', 'melon'].map((f) => `Processing ${f}`));
  });

  it('job-wq-2: a work queue Job, done once a pod succeeded and all finished', () => {
    const r = run('job-wq-2');
    expect(r.after('kubectl get job job-wq-2')).toMatch(/^job-wq-2\s+Running\s+0\/1 of 2/m);
    expect(r.after('kubectl describe jobs/job-wq-2')).toContain('Completions:      <unset>');
    expect(r.after('kubectl get job job-wq-2', 1)).toMatch(/^job-wq-2\s+Complete\s+2\/1 of 2/m);
    expect(rows(r.after('kubectl get pods -l job-name=job-wq-2')).map((c) => c[2])).toEqual(['Completed', 'Completed']);
    // The two workers drained the list between them, and each exited on an empty queue.
    const logs = r.after('kubectl logs -l job-name=job-wq-2');
    expect(logs.match(/^Queue empty, exiting$/gm)).toHaveLength(2);
    expect(r.after('kubectl exec redis-master -- redis-cli -h redis llen job2')).toContain('\n0\n');
  });

  it('indexed-job: pods named by index, Completed Indexes 0-4, JOB_COMPLETION_INDEX', () => {
    const r = run('indexed-job');
    expect(rows(r.after('kubectl get pods')).map((c) => c[0]!.replace(/-[a-z0-9]{5}$/, ''))).toEqual(['indexed-job-0', 'indexed-job-1', 'indexed-job-2']);
    expect(r.after('kubectl wait --for=condition=complete --timeout=300s job/indexed-job')).toContain('job.batch/indexed-job condition met');
    expect(rows(r.after('kubectl get pods', 1)).map((c) => `${c[0]!.replace(/-[a-z0-9]{5}$/, '')} ${c[2]}`)).toEqual([0, 1, 2, 3, 4].map((i) => `indexed-job-${i} Completed`));
    const describe = r.after('kubectl describe jobs/indexed-job');
    expect(describe).toContain('Completion Mode:    Indexed');
    expect(describe).toContain('Pods Statuses:      0 Active (0 Ready) / 5 Succeeded / 0 Failed\nCompleted Indexes:  0-4\n');
    // The seed's words, reversed by the worker of each index.
    expect(r.after('kubectl logs -l job-name=indexed-job')).toMatch(/\noof\nrab\nzab\nxuq\nzyx\n$/);
  });

  it('job template expansion: one Job per item, selected by label', () => {
    const r = run('job-template-expansion');
    expect(r.all).toContain('job.batch/process-item-apple created\njob.batch/process-item-banana created\njob.batch/process-item-cherry created\n');
    expect(rows(r.after('kubectl get jobs -l jobgroup=jobexample')).map((c) => `${c[0]} ${c[2]}`)).toEqual(['process-item-apple 1/1', 'process-item-banana 1/1', 'process-item-cherry 1/1']);
    expect(r.after('kubectl logs job/process-item-apple')).toContain('Processing item apple');
    expect(r.after('kubectl get pods -l jobgroup=jobexample', 1)).toContain('No resources found');
  });
});

describe('seed podFailurePolicy walkthroughs', () => {
  it('FailJob: exit code 42 fails the Job at once with the upstream message', () => {
    const r = run('pod-failure-policy-failjob');
    const yaml = r.after('kubectl get jobs -l job-name=job-pod-failure-policy-failjob -o yaml');
    const message = /message: Container main for pod default\/job-pod-failure-policy-failjob-[a-z0-9]{5} failed with exit code 42 matching FailJob rule at index 0\n\s+reason: PodFailurePolicy\n\s+status: "True"\n\s+type: /;
    expect(yaml).toMatch(new RegExp(message.source + 'FailureTarget'));
    expect(yaml).toMatch(new RegExp(message.source + 'Failed'));
    expect(yaml).toContain('    failed: 2\n    ready: 0\n');
    expect(yaml).toContain('    terminating: 0\n    uncountedTerminatedPods: {}\n');
    expect(r.after('kubectl get job job-pod-failure-policy-failjob')).toMatch(/Failed\s+0\/8/);
  });

  it('FailJob on a custom pod condition: ConfigIssue set on a pod stuck in ImagePullBackOff', () => {
    const r = run('pod-failure-policy-config-issue');
    expect(rows(r.after('kubectl get pods -l job-name=job-pod-failure-policy-config-issue')).map((c) => c[2])).toEqual(['ImagePullBackOff', 'ImagePullBackOff']);
    expect(r.all).toContain('pod/job-pod-failure-policy-config-issue-hb98f patched');
    const yaml = r.after('kubectl get jobs -l job-name=job-pod-failure-policy-config-issue -o yaml');
    const message = /message: Pod default\/job-pod-failure-policy-config-issue-hb98f has condition ConfigIssue matching FailJob rule at index 0\n\s+reason: PodFailurePolicy\n\s+status: "True"\n\s+type: /;
    expect(yaml).toMatch(new RegExp(message.source + 'FailureTarget'));
    expect(yaml).toMatch(new RegExp(message.source + 'Failed'));
  });

  it('Ignore: a disrupted pod does not count towards backoffLimit 0; the Job completes', () => {
    const r = run('pod-failure-policy-ignore');
    expect(r.after('kubectl get job job-pod-failure-policy-ignore')).toMatch(/Running\s+0\/4/);
    expect(r.after('kubectl get job job-pod-failure-policy-ignore', 1)).toMatch(/Complete\s+4\/4/);
    const yaml = r.after('kubectl get job job-pod-failure-policy-ignore -o yaml');
    expect(yaml).not.toMatch(/^\s+failed:/m);
    expect(yaml).toContain('  succeeded: 4\n');
  });
});

describe('seed CronJob examples', () => {
  it('hello: a Job every minute, named by its schedule time; three kept', () => {
    const r = run('cronjob-hello');
    expect(r.after('kubectl get cronjob hello')).toMatch(/^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE\nhello\s+\* \* \* \* \*\s+<none>\s+False\s+0\s+<none>\s+10s/m);
    // `get jobs --watch` as in the seed: created without a start time, then started, then 1/1.
    const watched = r.after('sim advance 55s');
    expect(watched).toMatch(/^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE\nhello-28928161\s+Running\s+0\/1\s+0s\nhello-28928161\s+Running\s+0\/1\s+0s\s+0s\n/m);
    expect(watched).toMatch(/^hello-28928161\s+Complete\s+1\/1\s+\d+s\s+\d+s\n$/m);
    expect(r.after('kubectl get cronjob hello', 1)).toMatch(/^hello\s+\* \* \* \* \*\s+<none>\s+False\s+0\s+5s\s+65s/m);
    // jsonpath prints no newline, so the next prompt follows the pod name as in a terminal.
    expect(r.all).toContain('--output=jsonpath={.items..metadata.name}\nhello-28928161-qflvv$ kubectl logs hello-28928161-qflvv\nWed Jan  1 00:01:01 UTC 2025\nHello from the Kubernetes cluster\n');
    expect(rows(r.after('kubectl get jobs')).map((c) => c[0])).toEqual(['hello-28928164', 'hello-28928165', 'hello-28928166']);
    const describe = r.after('kubectl describe cronjob hello');
    expect(describe).toContain('Successful Job History Limit:  3\nFailed Job History Limit:      1\nStarting Deadline Seconds:     <unset>\n');
    expect(describe).toContain('Last Schedule Time:  Wed, 01 Jan 2025 00:06:00 +0000\nActive Jobs:         <none>\n');
    expect(describe).toMatch(/SawCompletedJob\s+\S+\s+cronjob-controller\s+Saw completed job: hello-28928161, status: Complete/);
    expect(describe).toMatch(/SuccessfulDelete\s+\S+\s+cronjob-controller\s+Deleted job hello-28928161/);
    expect(r.after('kubectl get jobs', 1)).toContain('No resources found');
  });

  it('every fifteen minutes: batch/v1beta1 is no longer served; batch/v1 runs at :15', () => {
    const r = run('cronjob-every-fifteen-minutes');
    expect(r.all).toContain('error: resource mapping not found for name: "batch-job-every-fifteen-minutes" namespace: "" from "STDIN": no matches for kind "CronJob" in version "batch/v1beta1"');
    expect(r.after('kubectl get cronjobs')).toMatch(/^batch-job-every-fifteen-minutes\s+0,15,30,45 \* \* \* \*\s+<none>\s+False\s+0\s+<none>\s+8s/m);
    expect(r.after('kubectl get cronjobs', 1)).toMatch(/False\s+1\s+8s\s+15m/);
    expect(r.after('kubectl get jobs')).toMatch(/^batch-job-every-fifteen-minutes-28928175\s+Running/m);
  });

  it('create cronjob and create job --from=cronjob', () => {
    const r = run('create-job-from-cronjob');
    expect(r.after('kubectl create cronjob hello --image=busybox:1.36 --schedule="*/5 * * * *" -- sh -c "echo hello; sleep 5"')).toContain('cronjob.batch/hello created');
    const yaml = r.after('kubectl get job hello-manual -o yaml');
    expect(yaml).toContain('  annotations:\n    cronjob.kubernetes.io/instantiate: manual\n');
    expect(yaml).toMatch(/ownerReferences:\n {2}- apiVersion: batch\/v1\n {4}controller: true\n {4}kind: CronJob\n {4}name: hello\n/);
    expect(r.after('kubectl get jobs')).toMatch(/^hello-manual\s+Complete\s+1\/1/m);
    expect(r.after('kubectl logs job/once')).toContain('once');
  });
});
