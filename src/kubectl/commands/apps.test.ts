import { describe, expect, it } from 'vitest';
import { type Deployment, type KubeObject, type Pod, Simulation, StatusError } from '../../engine/index.ts';
import { simulationClient } from '../client.ts';
import { runKubectl } from '../kubectl.ts';
import { CommandError } from '../command.ts';
import { parseTaints, reorganizeTaints } from './taint.ts';
import { type DrainOptions, podDeleteStatus } from './drain.ts';
import { rolloutStatus } from './rollout.ts';
import { containerNameFor } from './createDeployment.ts';

function cluster() {
  const sim = new Simulation({ seed: 7 });
  const client = simulationClient(sim);
  const k = (line: string) => runKubectl(line, client);
  return { sim, client, k };
}

describe('kubectl taint parsing', () => {
  it.each([
    [['dedicated=special-user:NoSchedule'], [{ key: 'dedicated', value: 'special-user', effect: 'NoSchedule' }], []],
    [['bar:NoExecute'], [{ key: 'bar', effect: 'NoExecute' }], []],
    [['dedicated:NoSchedule-', 'other-'], [], [{ key: 'dedicated', effect: 'NoSchedule' }, { key: 'other', effect: '' }]],
  ])('%j', (specs, add, remove) => {
    expect(parseTaints(specs)).toEqual({ add, remove });
  });

  it.each([
    ['dedicated', 'invalid taint spec: dedicated'],
    ['a=b:Sometimes', 'invalid taint effect: Sometimes, unsupported taint effect'],
    ['a=b=c:NoSchedule', 'invalid taint spec: a=b=c:NoSchedule'],
  ])('rejects %s', (spec, message) => {
    expect(() => parseTaints([spec])).toThrow(message);
  });

  it('reorganizes: new taints first, the verb says what happened', () => {
    const current = [{ key: 'old', effect: 'NoSchedule' }];
    expect(reorganizeTaints(current, [{ key: 'k', value: 'v', effect: 'NoExecute' }], [], false)).toEqual({
      taints: [{ key: 'k', value: 'v', effect: 'NoExecute' }, { key: 'old', effect: 'NoSchedule' }],
      operation: 'tainted',
      errors: [],
    });
    expect(reorganizeTaints(current, [], [{ key: 'old', effect: '' }], false)).toMatchObject({ taints: [], operation: 'untainted' });
    expect(reorganizeTaints(current, [], [{ key: 'nope', effect: 'NoSchedule' }], false).errors).toEqual(['taint "nope:NoSchedule" not found']);
  });
});

describe('drain filters', () => {
  const base: DrainOptions = { force: false, ignoreDaemonSets: false, deleteEmptyDirData: false, skipWaitForDeleteTimeoutSeconds: 0, daemonSetExists: () => undefined, nowMs: 0 };
  const pod = (extra: Partial<Pod['metadata']> = {}, spec: Partial<NonNullable<Pod['spec']>> = {}, phase = 'Running'): Pod =>
    ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: '', ...extra }, spec: { containers: [], ...spec }, status: { phase } }) as Pod;
  const owned = (kind: string) => ({ ownerReferences: [{ apiVersion: 'apps/v1', kind, name: 'o', uid: 'o', controller: true }] });
  it.each([
    { name: 'a ReplicaSet pod is evicted', pod: pod(owned('ReplicaSet')), opts: {}, want: { delete: true, reason: 'Okay', message: '' } },
    { name: 'a DaemonSet pod is an error', pod: pod(owned('DaemonSet')), opts: {}, want: { delete: false, reason: 'Error', message: 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)' } },
    { name: 'a DaemonSet pod is skipped with --ignore-daemonsets', pod: pod(owned('DaemonSet')), opts: { ignoreDaemonSets: true }, want: { delete: false, reason: 'Warning', message: 'ignoring DaemonSet-managed Pods' } },
    // The orphaned-DaemonSet warning is overwritten by the next filter's Okay, as upstream's chain does.
    {
      name: 'an orphaned DaemonSet pod goes with --force',
      pod: pod(owned('DaemonSet')),
      opts: { force: true, daemonSetExists: () => new StatusError('NotFound', 'daemonsets.apps "o" not found') },
      want: { delete: true, reason: 'Okay', message: '' },
    },
    {
      name: 'an orphaned DaemonSet pod is an error without --force',
      pod: pod(owned('DaemonSet')),
      opts: { daemonSetExists: () => new StatusError('NotFound', 'daemonsets.apps "o" not found') },
      want: { delete: false, reason: 'Error', message: 'daemonsets.apps "o" not found' },
    },
    { name: 'a bare pod is an error', pod: pod(), opts: {}, want: { delete: false, reason: 'Error', message: 'Pods that declare no controller (use --force to override)' } },
    { name: 'a bare pod goes with --force', pod: pod(), opts: { force: true }, want: { delete: true, reason: 'Warning', message: 'deleting Pods that declare no controller' } },
    { name: 'a finished bare pod always goes', pod: pod({}, {}, 'Succeeded'), opts: {}, want: { delete: true, reason: 'Okay', message: '' } },
    { name: 'emptyDir needs --delete-emptydir-data', pod: pod(owned('ReplicaSet'), { volumes: [{ name: 'v', emptyDir: {} }] }), opts: {}, want: { delete: false, reason: 'Error', message: 'Pods with local storage (use --delete-emptydir-data to override)' } },
    // Upstream's local-storage warning is overwritten by the next filter's Okay.
    { name: 'emptyDir with the flag', pod: pod(owned('ReplicaSet'), { volumes: [{ name: 'v', emptyDir: {} }] }), opts: { deleteEmptyDirData: true }, want: { delete: true, reason: 'Okay', message: '' } },
    { name: 'mirror pods are skipped', pod: pod({ annotations: { 'kubernetes.io/config.mirror': 'x' }, ...owned('Node') }), opts: {}, want: { delete: false, reason: 'Skip', message: '' } },
  ])('$name', ({ pod: p, opts, want }) => {
    expect(podDeleteStatus(p, { ...base, ...opts })).toEqual(want);
  });
});

describe('rollout status messages', () => {
  const d = (spec: Partial<NonNullable<Deployment['spec']>>, status: Deployment['status'], generation = 1): KubeObject =>
    ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', uid: 'u', resourceVersion: '1', creationTimestamp: '', generation }, spec: { replicas: 3, selector: {}, template: {}, ...spec }, status }) as KubeObject;
  it.each([
    { status: { observedGeneration: 0 }, message: 'Waiting for deployment spec update to be observed...\n', done: false },
    { status: { observedGeneration: 1, updatedReplicas: 1, replicas: 3 }, message: 'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n', done: false },
    { status: { observedGeneration: 1, updatedReplicas: 3, replicas: 4 }, message: 'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...\n', done: false },
    { status: { observedGeneration: 1, updatedReplicas: 3, replicas: 3, availableReplicas: 2 }, message: 'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...\n', done: false },
    { status: { observedGeneration: 1, updatedReplicas: 3, replicas: 3, availableReplicas: 3 }, message: 'deployment "web" successfully rolled out\n', done: true },
  ])('$message', ({ status, message, done }) => {
    expect(rolloutStatus(d({}, status), 0)).toEqual({ message, done });
  });

  it('fails on an exceeded progress deadline', () => {
    const stuck = d({}, { observedGeneration: 1, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] });
    expect(() => rolloutStatus(stuck, 0)).toThrow(new CommandError('deployment "web" exceeded its progress deadline'));
  });
});

describe('workload commands against a cluster', () => {
  it('prints deployments, replica sets, daemon sets and controller revisions', () => {
    const { sim, k } = cluster();
    k('create deployment web --image=nginx:1.25 --replicas=2 --port=80');
    runKubectl(['apply', '-f', '-'], simulationClient(sim), {
      stdin: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels: {app: agent}\n  template:\n    metadata:\n      labels: {app: agent}\n    spec:\n      nodeSelector: {kubernetes.io/os: linux}\n      containers:\n      - name: a\n        image: busybox\n        command: [sleep, "3600"]\n',
    });
    sim.advance(20_000);
    expect(k('get deploy -o wide').stdout).toBe('NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES       SELECTOR\nweb    2/2     2            2           20s   nginx        nginx:1.25   app=web\n');
    expect(k('get rs').stdout).toMatch(/^NAME {12,}DESIRED {3}CURRENT {3}READY {3}AGE\nweb-\w+ {3,}2 {9}2 {9}2 {7}20s\n$/);
    expect(k('get ds').stdout).toBe('NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE\nagent   3         3         3       3            3           kubernetes.io/os=linux   20s\n');
    expect(k('get controllerrevisions').stdout).toMatch(/^NAME {12,}CONTROLLER {13}REVISION {3}AGE\nagent-\w+ {3}daemonset\.apps\/agent {3}1 {10}20s\n$/);
    const created = sim.api.get<Deployment>('Deployment', 'default', 'web');
    expect(created.spec!.template.spec!.containers).toMatchObject([{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }] }]);
    expect(created.metadata.labels).toEqual({ app: 'web' });
  });

  it('scales, with preconditions and usage errors as kubectl words them', () => {
    const { sim, k } = cluster();
    k('create deployment web --image=nginx');
    expect(k('scale deployment web').stderr).toBe("error: required flag(s) \"replicas\" not set\nSee 'kubectl scale -h' for help and examples\n");
    expect(k('scale deployment web --replicas=3 --current-replicas=2').stderr).toBe('error: Expected replicas to be 2, was 1\n');
    expect(k('scale deploy/web --replicas=3 --timeout=1m').stdout).toBe('deployment.apps/web scaled\n');
    expect(sim.api.get<Deployment>('Deployment', 'default', 'web').status!.replicas).toBe(3);
  });

  it('reports rollout history, undo and pause errors', () => {
    const { sim, k } = cluster();
    k('create deployment web --image=nginx:1.24');
    sim.advance(10_000);
    expect(k('rollout undo deployment web').stderr).toBe('error: no rollout history found for deployment "web"\n');
    expect(k('rollout undo deployment web --to-revision=7').stderr).toBe('error: unable to find specified revision 7 in history\n');
    expect(k('set image deployment/web nginx=nginx:1.25').stdout).toBe('deployment.apps/web image updated\n');
    expect(k('set image deployment/web nginx=nginx:1.25').stdout).toBe('');
    expect(k('set image deployment/web other=x').stderr).toBe('error: deployments.apps/web unable to find container named "other"\n');
    expect(k('rollout status deployment/web').stdout).toMatch(/deployment "web" successfully rolled out\n$/);
    expect(k('rollout pause deployment/web').stdout).toBe('deployment.apps/web paused\n');
    expect(k('rollout undo deployment/web').stderr).toBe("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n");
    expect(k('rollout restart deployment/web').stderr).toBe(`error: deployments.apps "web" can't restart paused deployment (run rollout resume first)\n`);
    expect(k('rollout resume deployment/web').stdout).toBe('deployment.apps/web resumed\n');
    expect(k('rollout resume deployment/web').stderr).toBe('error: deployments.apps "web" is not paused\n');
    expect(k('rollout undo deployment/web --to-revision=2').stdout).toBe('deployment.apps/web skipped rollback (current template already matches revision 2)\n');
    expect(k('rollout history deploy/web').stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    const rs = sim.api.list('ReplicaSet')[0]!.metadata.name;
    expect(k(`rollout status rs/${rs}`).stderr).toBe('error: no status viewer has been implemented for ReplicaSet.apps\n');
  });

  it('rolls back a DaemonSet from its ControllerRevisions', () => {
    const { sim, client, k } = cluster();
    runKubectl(['apply', '-f', '-'], client, {
      stdin: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels: {app: agent}\n  template:\n    metadata:\n      labels: {app: agent}\n    spec:\n      containers:\n      - name: a\n        image: busybox:1.36\n        command: [sleep, "3600"]\n',
    });
    sim.advance(10_000);
    expect(k('set image ds/agent a=busybox:1.37').stdout).toBe('daemonset.apps/agent image updated\n');
    expect(k('rollout status ds/agent').stdout).toMatch(/^Waiting for daemon set "agent" rollout to finish: 0 out of 3 new pods have been updated\.\.\.\n(.*\n)*daemon set "agent" successfully rolled out\n$/);
    expect(k('rollout history daemonset/agent').stdout).toBe('daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect(k('rollout undo daemonset/agent').stdout).toBe('daemonset.apps/agent rolled back\n');
    k('rollout status ds/agent');
    const images = sim.api.list<Pod>('Pod').filter((p) => !p.metadata.deletionTimestamp).map((p) => p.spec!.containers[0]!.image);
    expect(images).toEqual(['busybox:1.36', 'busybox:1.36', 'busybox:1.36']);
    expect(k('rollout history daemonset/agent').stdout).toContain('2         <none>\n3         <none>\n');
  });

  it('names containers after their image', () => {
    expect(containerNameFor('docker.io/library/nginx:1.25')).toBe('nginx');
    expect(containerNameFor('registry.k8s.io/pause@sha256:abc')).toBe('pause');
    expect(containerNameFor('quay.io/my_org/my.app:1')).toMatch(/^my-app-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
});
