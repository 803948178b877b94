/**
 * The seeds' examples (examples/seeds): every manifest runs as written, and the outcomes the seeds
 * show are reproduced. Two layers:
 *
 * - container level: each workload's pod template, run as plain pods (with what its controller
 *   would add: the completion index of an Indexed Job...), so the programs, probes, volumes and
 *   network are checked whatever controllers the cluster has;
 * - walkthroughs: the examples' scripts as written, through the script runner, for the workloads
 *   whose controllers this build runs (Jobs, CronJobs, DaemonSets, Deployments).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { runScript } from './runner.ts';
import type { FileSource } from '../kubectl/io.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DIR = join(ROOT, 'examples/seeds');

const files: FileSource = {
  read(p) {
    try {
      const full = resolve(DIR, p);
      return statSync(full).isDirectory() ? undefined : readFileSync(full, 'utf8');
    } catch {
      return undefined;
    }
  },
  list(dir) {
    try {
      return readdirSync(resolve(DIR, dir)).filter((f) => statSync(resolve(DIR, dir, f)).isFile());
    } catch {
      return undefined;
    }
  },
};

function run(script: string, seed = 1) {
  return runScript(script, { echo: true, files, seed });
}

function example(name: string) {
  return run(readFileSync(join(DIR, name), 'utf8'));
}

/** The pod template of a workload manifest in examples/seeds, as a Pod named `name`. */
function templatePod(file: string, name: string, extra: { labels?: Record<string, string>; annotations?: Record<string, string>; spec?: Record<string, unknown>; env?: { name: string; value: string }[] } = {}): string {
  const docs = YAML.parseAllDocuments(readFileSync(join(DIR, file), 'utf8')).map((d) => d.toJS());
  const workload = docs.find((d) => d?.kind !== 'Service');
  const template = workload.spec.jobTemplate?.spec.template ?? workload.spec.template;
  const spec = { ...template.spec, ...(extra.spec ?? {}) };
  delete spec.nodeSelector;
  if (extra.env) for (const c of [...(spec.initContainers ?? []), ...spec.containers]) c.env = [...(c.env ?? []), ...extra.env];
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { ...(template.metadata?.labels ?? {}), ...(extra.labels ?? {}) }, annotations: { ...(template.metadata?.annotations ?? {}), ...(extra.annotations ?? {}) } },
    spec,
  };
  return YAML.stringify(pod);
}

function apply(...manifests: string[]): string {
  return `kubectl apply -f - <<YAML\n${manifests.join('---\n')}YAML\n`;
}

/** What `kubectl logs` printed for the command on line `command` of an echoed transcript. */
function section(output: string, command: string): string {
  const start = output.indexOf(`$ ${command}\n`);
  if (start < 0) throw new Error(`no "${command}" in:\n${output}`);
  const rest = output.slice(start + command.length + 3);
  const end = rest.indexOf('\n$ ');
  return end < 0 ? rest : rest.slice(0, end + 1);
}

const PI_2000_HEAD = '3.14159265358979323846264338327950288419716939937510';
const PI_2000_TAIL = '908658326459958133904780275901';

/** Whether this build runs the controller a workload kind needs. */
function runsController(kind: string, manifest: string): boolean {
  const r = run(`${apply(manifest)}sim advance 3s\nkubectl get pods -l probe=${kind}\n`);
  return r.output.includes('probe-');
}
const PROBE_TEMPLATE = (kind: string) => `template:\n    metadata:\n      labels: {probe: ${kind}}\n    spec:\n      restartPolicy: Never\n      containers:\n      - {name: c, image: busybox, command: [sleep, "60"]}\n`;
const hasJobs = runsController('job', `apiVersion: batch/v1\nkind: Job\nmetadata: {name: probe}\nspec:\n  ${PROBE_TEMPLATE('job')}`);
const hasDeployments = runsController('deploy', `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: probe}\nspec:\n  selector: {matchLabels: {probe: deploy}}\n  ${PROBE_TEMPLATE('deploy').replace('restartPolicy: Never', 'restartPolicy: Always')}`);
const hasDaemonSets = runsController('ds', `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: probe}\nspec:\n  selector: {matchLabels: {probe: ds}}\n  ${PROBE_TEMPLATE('ds').replace('restartPolicy: Never', 'restartPolicy: Always')}`);

describe('seed programs, as pods (container level)', () => {
  it('pi: perl prints pi to 2000 digits, computed, in a few seconds of virtual time', () => {
    const r = run(`${apply(templatePod('pi.yaml', 'pi'))}sim advance 60s\nkubectl get pod pi\nkubectl logs pi\n`);
    const digits = section(r.output, 'kubectl logs pi').trim();
    expect(digits).toHaveLength(2001);
    expect(digits.startsWith(PI_2000_HEAD)).toBe(true);
    expect(digits.endsWith(PI_2000_TAIL)).toBe(true);
    expect(section(r.output, 'kubectl get pod pi')).toMatch(/pi\s+0\/1\s+Completed\s+0\s+60s/);
  });

  it('batch-job: a start line, two minutes of work, a finish line', () => {
    const r = run(`${apply(templatePod('batch-job.yaml', 'batch'))}sim advance 2m10s\nkubectl logs batch\n`);
    expect(section(r.output, 'kubectl logs batch')).toBe('Wed Jan  1 00:00:01 UTC 2025 Batch job starting\nWed Jan  1 00:02:01 UTC 2025 Finished succesfully\n');
  });

  it('ssd-monitor: "SSD OK" every 5 seconds', () => {
    const r = run(`${apply(templatePod('ssd-monitor-daemonset.yaml', 'ssd'))}sim advance 22s\nkubectl logs ssd --timestamps\n`);
    const lines = section(r.output, 'kubectl logs ssd --timestamps').trim().split('\n');
    expect(lines.length).toBe(5);
    for (const l of lines) expect(l).toMatch(/^2025-01-01T00:00:\d\d\.\d+Z SSD OK$/);
    const seconds = lines.map((l) => Number(/:(\d\d)\./.exec(l)![1]));
    expect(seconds.slice(1).map((s, i) => s - seconds[i]!)).toEqual([5, 5, 5, 5]);
  });

  it('indexed job: init container and worker share an emptyDir; the five pods print oof rab zab xuq zyx', () => {
    const pods = [0, 1, 2, 3, 4].map((i) =>
      templatePod('indexed-job.yaml', `indexed-job-${i}`, {
        annotations: { 'batch.kubernetes.io/job-completion-index': String(i) },
        env: [{ name: 'JOB_COMPLETION_INDEX', value: String(i) }],
        spec: { hostname: `indexed-job-${i}` },
      }),
    );
    const r = run(`${apply(...pods)}sim advance 60s\n${[0, 1, 2, 3, 4].map((i) => `kubectl logs indexed-job-${i} -c worker\n`).join('')}`);
    const words = [0, 1, 2, 3, 4].map((i) => section(r.output, `kubectl logs indexed-job-${i} -c worker`).trim());
    expect(words.join(' ')).toBe('oof rab zab xuq zyx');
  });

  it('indexed job, downward API variant: the index file is the annotation', () => {
    const pods = [0, 1, 2].map((i) => templatePod('indexed-job-vol.yaml', `vol-${i}`, { annotations: { 'batch.kubernetes.io/job-completion-index': String(i + 10) } }));
    const r = run(`${apply(...pods)}sim advance 30s\nkubectl logs vol-2\n`);
    expect(section(r.output, 'kubectl logs vol-2')).toBe('21\n');
  });

  it('pod-to-pod: three pods with hostnames on a headless service ping each other and finish', () => {
    const svc = readFileSync(join(DIR, 'pod-to-pod.yaml'), 'utf8').split('---')[0]!;
    const pods = [0, 1, 2].map((i) => templatePod('pod-to-pod.yaml', `example-job-${i}-x`, { labels: { 'job-name': 'example-job' }, spec: { hostname: `example-job-${i}` } }));
    const r = run(`kubectl apply -f - <<YAML\n${svc.replace(/#.*$/gm, '')}YAML\n${apply(...pods)}sim advance 30s\nkubectl get pods\n${[0, 1, 2].map((i) => `kubectl logs example-job-${i}-x\n`).join('')}`);
    expect(section(r.output, 'kubectl get pods').match(/Completed/g)).toHaveLength(3);
    for (const i of [0, 1, 2]) {
      const log = section(r.output, `kubectl logs example-job-${i}-x`);
      expect(log.split('\n').filter((l) => l.startsWith('Successfully pinged pod: '))).toEqual(['Successfully pinged pod: example-job-0.headless-svc', 'Successfully pinged pod: example-job-1.headless-svc', 'Successfully pinged pod: example-job-2.headless-svc']);
    }
  });

  it('job-wq-1: eight worker pods each consume one RabbitMQ message', () => {
    const script = readFileSync(join(DIR, 'job-wq-1.sh'), 'utf8');
    const setup = script.slice(0, script.indexOf('kubectl apply -f job-wq-1.yaml'));
    const workers = Array.from({ length: 8 }, (_, i) => templatePod('job-wq-1.yaml', `wq1-${i}`));
    const r = run(`${setup}${apply(...workers)}sim advance 1m\nkubectl get pods\n${workers.map((_, i) => `kubectl logs wq1-${i}\n`).join('')}`);
    expect(section(r.output, 'kubectl exec temp -- nslookup rabbitmq-service')).toContain('Name:\trabbitmq-service.default.svc.cluster.local\n');
    expect(section(r.output, "kubectl exec temp -- sh -c '/usr/bin/amqp-consume --url=amqp://guest:guest@rabbitmq-service:5672 -q foo -c 1 cat && echo'")).toBe('Hello\n');
    const processed = workers.map((_, i) => section(r.output, `kubectl logs wq1-${i}`).trim());
    expect(processed.sort()).toEqual(['apple', 'banana', 'cherry', 'date', 'fig', 'grape', 'lemon', 'melon'].map((f) => `Processing ${f}`));
    expect(section(r.output, 'kubectl get pods').match(/wq1-\d\s+0\/1\s+Completed/g)).toHaveLength(8);
  });

  it('job-wq-2: two workers drain the Redis list and exit', () => {
    const script = readFileSync(join(DIR, 'job-wq-2.sh'), 'utf8');
    const setup = script.slice(0, script.indexOf('kubectl apply -f job-wq-2.yaml'));
    const r = run(`${setup}${apply(templatePod('job-wq-2.yaml', 'w1'), templatePod('job-wq-2.yaml', 'w2'))}sim advance 2m\nkubectl get pods\nkubectl logs w1\nkubectl logs w2\nkubectl exec redis-master -- redis-cli -h redis llen job2\n`);
    expect(section(r.output, 'kubectl exec -i redis-master -- redis-cli -h redis <<EOF')).toContain('1\n2\n3\n4\n5\n6\n7\n8\n9\napple\nbanana\n');
    const logs = [section(r.output, 'kubectl logs w1'), section(r.output, 'kubectl logs w2')];
    const worked = logs.flatMap((l) => l.split('\n').filter((x) => x.startsWith('Working on ')).map((x) => x.slice(11)));
    expect(worked.sort()).toEqual(['apple', 'banana', 'cherry', 'date', 'fig', 'grape', 'lemon', 'melon', 'orange']);
    for (const l of logs) {
      expect(l).toMatch(/^Worker with sessionID: [0-9a-f-]{36}\nInitial queue state: empty=False\n/);
      expect(l.endsWith('Queue empty, exiting\n')).toBe(true);
    }
    expect(section(r.output, 'kubectl exec redis-master -- redis-cli -h redis llen job2')).toBe('0\n');
    expect(section(r.output, 'kubectl get pods').match(/w\d\s+0\/1\s+Completed/g)).toHaveLength(2);
  });

  it('podFailurePolicy pods: exit 42 after 30 s, success after 90 s, ImagePullBackOff', () => {
    const r = run(
      `${apply(templatePod('job-pod-failure-policy-failjob.yaml', 'fail42'), templatePod('job-pod-failure-policy-ignore.yaml', 'ok'), templatePod('job-pod-failure-policy-config-issue.yaml', 'noimage'))}sim advance 100s\nkubectl get pods\nkubectl get pod fail42 -o jsonpath='{.status.containerStatuses[0].state.terminated.exitCode}{"\\n"}'\nkubectl logs fail42\nkubectl get pod noimage -o jsonpath='{.status.containerStatuses[0].state.waiting.reason}/{.status.phase}{"\\n"}'\n`,
    );
    const table = section(r.output, 'kubectl get pods');
    expect(table).toMatch(/fail42\s+0\/1\s+Error\s+0/);
    expect(table).toMatch(/ok\s+0\/1\s+Completed\s+0/);
    expect(table).toMatch(/noimage\s+0\/1\s+(ImagePullBackOff|ErrImagePull)\s+0/);
    expect(section(r.output, `kubectl get pod fail42 -o jsonpath='{.status.containerStatuses[0].state.terminated.exitCode}{"\\n"}'`)).toBe('42\n');
    expect(section(r.output, 'kubectl logs fail42')).toBe("Hello world! I'm going to exit with 42 to simulate a software bug.\n");
    expect(section(r.output, `kubectl get pod noimage -o jsonpath='{.status.containerStatuses[0].state.waiting.reason}/{.status.phase}{"\\n"}'`)).toMatch(/^(ImagePullBackOff|ErrImagePull)\/Pending\n$/);
  });

  it('echo, hello and the expanded job templates print their lines', () => {
    const r = run(
      `${apply(templatePod('echo-job.yaml', 'echo'), templatePod('hello-cronjob.yaml', 'hello'), templatePod('jobs/job-apple.yaml', 'apple'))}sim advance 20s\nkubectl logs echo\nkubectl logs hello\nkubectl logs apple\n`,
    );
    expect(section(r.output, 'kubectl logs echo')).toBe('this a job\n');
    expect(section(r.output, 'kubectl logs hello')).toMatch(/^Wed Jan {2}1 00:00:0\d UTC 2025\nHello from the Kubernetes cluster\n$/);
    expect(section(r.output, 'kubectl logs apple')).toBe('Processing item apple\n');
  });
});

describe('seed walkthroughs (examples/seeds/*.sh)', () => {
  it('kubia-liveness: killed with exit code 137 and restarted, RESTARTS climbing, upstream events', () => {
    const out = example('kubia-liveness.sh').output;
    expect(section(out, 'kubectl get pod kubia-liveness')).toMatch(/kubia-liveness\s+1\/1\s+Running\s+2 \(\d+s ago\)\s+4m9s/);
    const previous = section(out, 'kubectl logs kubia-liveness --previous');
    expect(previous.startsWith('Kubia server starting...\n')).toBe(true);
    expect(previous.match(/Received request from ::ffff:10\.244\.\d+\.1/g)!.length).toBeGreaterThanOrEqual(8);
    const described = section(out, 'kubectl describe pod kubia-liveness');
    expect(described).toMatch(/Last State:\s+Terminated\n\s+Reason:\s+Error\n\s+Exit Code:\s+137\n/);
    expect(described).toMatch(/Restart Count:\s+2\n/);
    expect(described).toMatch(/Liveness:\s+http-get http:\/\/:8080\/ delay=0s timeout=1s period=10s #success=1 #failure=3/);
    expect(described).toMatch(/Warning\s+Unhealthy\s+\S+ \(x6 over \S+\)\s+kubelet\s+Liveness probe failed: HTTP probe failed with statuscode: 500/);
    expect(described).toMatch(/Normal\s+Killing\s+\S+ \(x2 over \S+\)\s+kubelet\s+Container kubia failed liveness probe, will be restarted/);
  });

  it('kubia-liveness-initial-delay: the first probe waits 15 s', () => {
    const out = example('kubia-liveness-initial-delay.sh').output;
    expect(section(out, 'kubectl describe pod kubia-liveness')).toContain('delay=15s');
    expect(section(out, 'kubectl logs kubia-liveness').match(/Received request/g)).toHaveLength(1);
  });

  it.runIf(hasJobs)('pi: the Job completes and its pod printed 2000 digits', () => {
    const out = example('pi.sh').output;
    expect(section(out, 'kubectl get job pi')).toMatch(/pi\s+Complete\s+1\/1/);
    const digits = section(out, 'kubectl logs job/pi').trim();
    expect(digits).toHaveLength(2001);
    expect(digits.endsWith(PI_2000_TAIL)).toBe(true);
  });

  it.runIf(hasJobs)('indexed-job: five pods print oof rab zab xuq zyx; Completed Indexes 0-4', () => {
    const out = example('indexed-job.sh').output;
    expect(section(out, 'kubectl describe jobs/indexed-job')).toMatch(/Completed Indexes:\s+0-4\n/);
    expect(section(out, 'kubectl logs -l job-name=indexed-job')).toContain('oof\nrab\nzab\nxuq\nzyx\n');
  });

  it.runIf(hasJobs)('job-wq-1: 8 completions, each pod consumed one message', () => {
    const out = example('job-wq-1.sh').output;
    expect(section(out, 'kubectl get jobs')).toMatch(/job-wq-1\s+Complete\s+8\/8/);
    const lines = section(out, 'kubectl logs -l job-name=job-wq-1').trim().split('\n').filter((l) => l.startsWith('Processing'));
    expect(lines.sort()).toEqual(['apple', 'banana', 'cherry', 'date', 'fig', 'grape', 'lemon', 'melon'].map((f) => `Processing ${f}`));
  });

  it.runIf(hasJobs)('job-wq-2: the workers drain the list and the Job completes', () => {
    const out = example('job-wq-2.sh').output;
    expect(section(out, 'kubectl get jobs')).toMatch(/job-wq-2\s+Complete/);
    expect(section(out, 'kubectl exec redis-master -- redis-cli -h redis llen job2')).toBe('0\n');
  });

  it.runIf(hasJobs)('pod-to-pod: every pod pinged all three hostnames; the Job completes', () => {
    const out = example('pod-to-pod.sh').output;
    expect(section(out, 'kubectl get job example-job')).toMatch(/example-job\s+Complete\s+3\/3/);
    expect(section(out, 'kubectl logs -l job-name=example-job,batch.kubernetes.io/job-completion-index=0')).toMatch(
      /Successfully pinged pod: example-job-0\.headless-svc\nSuccessfully pinged pod: example-job-1\.headless-svc\nSuccessfully pinged pod: example-job-2\.headless-svc\n$/,
    );
  });

  it.runIf(hasJobs)('podFailurePolicy: exit 42 fails the Job; ImagePullBackOff keeps pods Pending', () => {
    const fail = example('pod-failure-policy-failjob.sh').output;
    expect(section(fail, 'kubectl get jobs -l job-name=job-pod-failure-policy-failjob')).toMatch(/Failed/);
    expect(fail).toMatch(/Failed: PodFailurePolicy: Container main for pod default\/job-pod-failure-policy-failjob-\w+ failed with exit code 42 matching FailJob rule at index 0/);
    const config = example('pod-failure-policy-config-issue.sh').output;
    expect(config).toMatch(/"reason":"ImagePullBackOff"\}\nPending\n/);
  });

  it.runIf(hasJobs)('batch-job, echo, expansion, hello: the seeds\' log lines', () => {
    expect(section(example('batch-job.sh').output, 'kubectl logs job/batch-job')).toBe('Wed Jan  1 00:00:01 UTC 2025 Batch job starting\nWed Jan  1 00:02:01 UTC 2025 Finished succesfully\n');
    expect(section(example('echo.sh').output, 'kubectl logs job/echo')).toBe('this a job\n');
    expect(example('job-expansion.sh').output).toContain('Processing item apple\nProcessing item banana\nProcessing item cherry\n');
  });

  it.runIf(hasDaemonSets)('ssd-monitor: a pod on the labelled node logs "SSD OK"', () => {
    const out = example('ssd-monitor.sh').output;
    expect(section(out, 'kubectl logs -l app=ssd-monitor')).toMatch(/^(SSD OK\n)+$/);
  });

  it.runIf(hasDeployments)('kubia-deployment: three pods answer, deleted pods are replaced, the mistyped selector is refused', () => {
    const out = example('kubia-deployment.sh').output;
    expect(section(out, 'kubectl exec deploy/kubia -- curl -s http://localhost:8080')).toMatch(/^You've hit kubia-\w+-\w{5}\n$/);
    expect(section(out, 'kubectl get pods').match(/ContainerCreating/g)).toHaveLength(3);
    expect(out.split('$ kubectl get pods\n')[2]!.match(/1\/1 {5}Running/g)).toHaveLength(3);
    expect(out).toContain('The Deployment "kubia" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"kubia"}: `selector` does not match template `labels`');
  });

  it('is deterministic: the same script and seed print the same transcript', () => {
    const script = readFileSync(join(DIR, 'kubia-liveness.sh'), 'utf8');
    expect(run(script, 7).output).toBe(run(script, 7).output);
    const pods = `${apply(templatePod('job-wq-2.yaml', 'w1'))}sim advance 5s\nkubectl logs w1\n`;
    expect(run(pods, 1).output).not.toBe(run(pods, 2).output);
  });

  it('bin/kubesim script runs an example end to end (the CLI path)', () => {
    const out = execFileSync(join(ROOT, 'bin/kubesim'), ['script', join(DIR, 'kubia-liveness-initial-delay.sh'), '--echo'], { encoding: 'utf8' });
    expect(out).toContain('delay=15s');
    expect(out).toBe(example('kubia-liveness-initial-delay.sh').output);
  });
});
