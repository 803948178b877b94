/**
 * Capability probes for tests that depend on work landing in parallel (controllers, the container
 * runtime, kubectl commands). Each probe asks the real engine a concrete question through the
 * public surface — "does a Job get a pod and complete?", "does perl print pi?" — so a lesson test
 * runs as soon as what it needs exists, and is skipped (and listed) until then. Test-only.
 */
import { ScenarioSession } from '../session.ts';

export type Capability =
  | 'jobs'
  | 'cronJobs'
  | 'ttlAfterFinished'
  | 'podFailurePolicy'
  | 'indexedJobs'
  | 'replicaSets'
  | 'deployments'
  | 'daemonSets'
  | 'nodeEviction'
  | 'perl'
  | 'demoImages'
  | 'livenessProbes'
  | 'services'
  | 'shellAndVolumes'
  | 'podDns'
  | 'exec'
  | 'redisQueue'
  | 'rabbitmqQueue'
  | 'kubectlCreateJob'
  | 'kubectlPatch'
  | 'kubectlScale'
  | 'kubectlDrain'
  | 'kubectlRun'
  | 'kubectlExec';

interface Obj {
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string>; deletionTimestamp?: string };
  spec?: { nodeName?: string };
  status?: { conditions?: { type: string; status: string; reason?: string }[]; phase?: string; containerStatuses?: { restartCount: number }[] };
}

function session(manifest?: string): ScenarioSession {
  const s = new ScenarioSession({ seed: 'capability-probe' });
  if (manifest) s.run('kubectl apply -f -', manifest);
  return s;
}

const objects = (s: ScenarioSession, kind: string) => s.sim.api.list(kind) as unknown as Obj[];
const condition = (o: Obj | undefined, type: string) => o?.status?.conditions?.find((c) => c.type === type && c.status === 'True');

function waitFor(s: ScenarioSession, ms: number, predicate: () => boolean): boolean {
  for (let t = 0; t <= ms; t += 1000) {
    if (predicate()) return true;
    s.advance(1000);
  }
  return false;
}

function podLogs(s: ScenarioSession, pod: Obj, container: string): string {
  return (s.sim.kubelets.logs('default', pod.metadata.name, container, false) ?? []).map((l) => l.text).join('\n');
}

const job = (name: string, spec: string, container = 'main', command = '["sh", "-c", "exit 0"]') => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
${spec}
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: ${container}
        image: busybox
        command: ${command}
`;

const pod = (name: string, image: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    app: ${name}
spec:
  containers:
  - name: main
    image: ${image}
${extra}`;

function kubectlHas(words: string): boolean {
  const r = session().run(`kubectl ${words} --help`);
  return r.exitCode === 0 && !/unknown command/.test(r.output);
}

const PROBES: Record<Capability, () => boolean> = {
  jobs: () => {
    const s = session(job('probe', '  completions: 1'));
    return waitFor(s, 30_000, () => condition(objects(s, 'Job')[0], 'Complete') !== undefined);
  },
  cronJobs: () => {
    const s = session('apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: probe\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n          - name: main\n            image: busybox\n            command: ["true"]\n');
    return waitFor(s, 120_000, () => objects(s, 'Job').length > 0);
  },
  ttlAfterFinished: () => {
    const s = session(job('probe', '  ttlSecondsAfterFinished: 0'));
    return waitFor(s, 30_000, () => objects(s, 'Job').length === 0) && objects(s, 'Pod').length === 0;
  },
  podFailurePolicy: () => {
    const spec = '  backoffLimit: 6\n  podFailurePolicy:\n    rules:\n    - action: FailJob\n      onExitCodes:\n        containerName: main\n        operator: In\n        values: [42]';
    const s = session(job('probe', spec, 'main', '["sh", "-c", "exit 42"]'));
    return waitFor(s, 60_000, () => condition(objects(s, 'Job')[0], 'Failed')?.reason === 'PodFailurePolicy');
  },
  indexedJobs: () => {
    const s = session(job('probe', '  completions: 2\n  parallelism: 2\n  completionMode: Indexed'));
    return waitFor(s, 10_000, () => objects(s, 'Pod').some((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'] === '1'));
  },
  replicaSets: () => {
    const s = session('apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: probe\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: probe\n  template:\n    metadata:\n      labels:\n        app: probe\n    spec:\n      containers:\n      - name: main\n        image: nginx\n');
    return waitFor(s, 10_000, () => objects(s, 'Pod').length === 2);
  },
  deployments: () => {
    const s = session('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: probe\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: probe\n  template:\n    metadata:\n      labels:\n        app: probe\n    spec:\n      containers:\n      - name: main\n        image: nginx\n');
    return waitFor(s, 30_000, () => objects(s, 'Pod').filter((p) => p.status?.phase === 'Running').length === 2);
  },
  daemonSets: () => {
    const s = session('apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: probe\nspec:\n  selector:\n    matchLabels:\n      app: probe\n  template:\n    metadata:\n      labels:\n        app: probe\n    spec:\n      containers:\n      - name: main\n        image: nginx\n');
    return waitFor(s, 30_000, () => objects(s, 'Pod').length === 3);
  },
  nodeEviction: () => {
    // A bare pod on a dead node is marked for deletion after the default 300 s toleration.
    const s = session(pod('probe', 'nginx'));
    waitFor(s, 10_000, () => objects(s, 'Pod')[0]?.spec?.nodeName !== undefined);
    s.run(`sim node fail ${objects(s, 'Pod')[0]?.spec?.nodeName ?? 'worker-1'}`);
    return waitFor(s, 420_000, () => objects(s, 'Pod')[0]?.metadata.deletionTimestamp !== undefined);
  },
  perl: () => {
    const s = session(pod('probe', 'perl', '    command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(20)"]\n  restartPolicy: Never\n'));
    return waitFor(s, 120_000, () => objects(s, 'Pod')[0]?.status?.phase === 'Succeeded') && podLogs(s, objects(s, 'Pod')[0]!, 'main').startsWith('3.14159265358979');
  },
  demoImages: () => {
    const s = session(pod('probe', 'idealism/ssd-monitor'));
    return waitFor(s, 30_000, () => podLogs(s, objects(s, 'Pod')[0]!, 'main').includes('SSD OK'));
  },
  livenessProbes: () => {
    const probe = '    livenessProbe:\n      exec:\n        command: ["false"]\n      periodSeconds: 1\n      failureThreshold: 1\n';
    const s = session(pod('probe', 'busybox', `    command: ["sleep", "3600"]\n${probe}`));
    return waitFor(s, 60_000, () => (objects(s, 'Pod')[0]?.status?.containerStatuses?.[0]?.restartCount ?? 0) > 0);
  },
  services: () => {
    const s = session('apiVersion: v1\nkind: Service\nmetadata:\n  name: probe\nspec:\n  selector:\n    app: probe\n  ports:\n  - port: 80\n');
    s.run('kubectl apply -f -', pod('probe', 'nginx'));
    return waitFor(s, 30_000, () => objects(s, 'Endpoints').some((e) => e.metadata.name === 'probe' && JSON.stringify(e).includes('"ip"')));
  },
  shellAndVolumes: () => {
    // The indexed-job seed's mechanism: a bash array in an init container, a file on an emptyDir, rev.
    const init = `  initContainers:\n  - name: input\n    image: bash\n    command: ["bash", "-c", "items=(foo bar); echo \${items[1]} > /input/data.txt"]\n    volumeMounts:\n    - {mountPath: /input, name: input}\n`;
    const main = `    command: ["rev", "/input/data.txt"]\n    volumeMounts:\n    - {mountPath: /input, name: input}\n  volumes:\n  - {name: input, emptyDir: {}}\n  restartPolicy: Never\n${init}`;
    const s = session(pod('probe', 'busybox', main));
    return waitFor(s, 30_000, () => objects(s, 'Pod')[0]?.status?.phase === 'Succeeded') && podLogs(s, objects(s, 'Pod')[0]!, 'main') === 'rab';
  },
  podDns: () => {
    // An Indexed Job's pod reaches itself as <job>-<index>.<headless service>, as the pod-to-pod seed needs.
    const s = session('apiVersion: v1\nkind: Service\nmetadata:\n  name: probe-svc\nspec:\n  clusterIP: None\n  selector:\n    job-name: probe\n');
    s.run(
      'kubectl apply -f -',
      'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: probe\nspec:\n  completions: 1\n  completionMode: Indexed\n  template:\n    spec:\n      subdomain: probe-svc\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: bash\n        command: ["bash", "-c", "sleep 5; ping -c 1 probe-0.probe-svc"]\n',
    );
    return waitFor(s, 60_000, () => condition(objects(s, 'Job')[0], 'Complete') !== undefined);
  },
  exec: () => typeof (session().sim as unknown as { exec?: unknown }).exec === 'function',
  redisQueue: () => {
    const s = session(pod('probe', 'redis'));
    waitFor(s, 30_000, () => objects(s, 'Pod')[0]?.status?.phase === 'Running');
    // Without a terminal, redis-cli prints the bare reply.
    return s.run('kubectl exec probe -- redis-cli rpush q a').output === '1\n';
  },
  rabbitmqQueue: () => {
    // The coarse work-queue seed's mechanism: amqp-tools installed in ubuntu, a queue declared on the broker.
    const s = session(pod('broker', 'rabbitmq'));
    s.run('kubectl apply -f -', pod('temp', 'ubuntu:22.04', '    command: ["sleep", "infinity"]\n'));
    waitFor(s, 30_000, () => objects(s, 'Pod').every((p) => p.status?.phase === 'Running'));
    waitFor(s, 30_000, () => podLogs(s, objects(s, 'Pod').find((p) => p.metadata.name === 'broker')!, 'main').includes('Server startup complete'));
    const ip = (objects(s, 'Pod').find((p) => p.metadata.name === 'broker') as { status?: { podIP?: string } } | undefined)?.status?.podIP;
    s.run('kubectl exec temp -- sh -c "apt-get update && apt-get install -y amqp-tools"');
    return s.run(`kubectl exec temp -- /usr/bin/amqp-declare-queue --url=amqp://guest:guest@${ip}:5672 -q q -d`).output === 'q\n';
  },
  kubectlCreateJob: () => session().run('kubectl create job probe --image=busybox').output === 'job.batch/probe created\n',
  kubectlPatch: () => kubectlHas('patch'),
  kubectlScale: () => kubectlHas('scale'),
  kubectlDrain: () => kubectlHas('drain'),
  kubectlRun: () => kubectlHas('run'),
  kubectlExec: () => kubectlHas('exec'),
};

const cache = new Map<Capability, boolean>();

function has(capability: Capability): boolean {
  let known = cache.get(capability);
  if (known === undefined) {
    try {
      known = PROBES[capability]();
    } catch {
      known = false;
    }
    cache.set(capability, known);
  }
  return known;
}

/** The capabilities among `needed` that the engine does not have yet (empty: all there). */
export function missing(...needed: Capability[]): Capability[] {
  return needed.filter((c) => !has(c));
}
