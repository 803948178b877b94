import { describe, expect, it } from 'vitest';
import type { Summary } from '../../worker/protocol.ts';
import { type ActionTarget, actionsFor, addNodeCommand, defaults, shellQuote } from './actions.ts';

const node = (labels: Record<string, string> = {}, summary: Partial<Extract<Summary, { kind: 'Node' }>> = {}): ActionTarget => ({
  uid: 'u1',
  kind: 'Node',
  name: 'worker-1',
  labels,
  summary: { kind: 'Node', status: 'Ready', ready: true, cordoned: false, poweredOff: false, role: '<none>', taints: [], podCapacity: 110, cpuAllocatableMilli: 4000, memAllocatableBytes: 8 << 30, ...summary },
});

function run(t: ActionTarget, id: string, values: Record<string, string | number | boolean> = {}): string {
  const a = actionsFor(t).find((x) => x.id === id);
  if (!a) throw new Error(`no action ${id}: ${actionsFor(t).map((x) => x.id).join(',')}`);
  return a.command(t, { ...defaults(a.fields?.(t) ?? []), ...values });
}

describe('actions → command lines', () => {
  it.each([
    ['cordon', node(), 'cordon', {}, 'kubectl cordon worker-1'],
    ['uncordon', node({}, { cordoned: true }), 'uncordon', {}, 'kubectl uncordon worker-1'],
    ['drain (defaults)', node(), 'drain', {}, 'kubectl drain worker-1 --ignore-daemonsets'],
    ['drain (all options)', node(), 'drain', { deleteEmptydirData: true, force: true, gracePeriod: 0 }, 'kubectl drain worker-1 --ignore-daemonsets --delete-emptydir-data --force --grace-period=0'],
    ['add label', node(), 'label', { key: 'disk', value: 'ssd' }, 'kubectl label node worker-1 disk=ssd'],
    ['edit label', node({ disk: 'ssd' }), 'label', { key: 'disk', value: 'hdd' }, 'kubectl label node worker-1 disk=hdd --overwrite'],
    ['remove label', node({ disk: 'ssd' }), 'unlabel', {}, 'kubectl label node worker-1 disk-'],
    ['add taint', node(), 'taint', { key: 'dedicated', value: 'gpu', effect: 'NoExecute' }, 'kubectl taint nodes worker-1 dedicated=gpu:NoExecute'],
    ['remove taint', node({}, { taints: ['dedicated=gpu:NoSchedule'] }), 'untaint', {}, 'kubectl taint nodes worker-1 dedicated:NoSchedule-'],
    ['fail', node(), 'fail', {}, 'sim node fail worker-1'],
    ['recover', node({}, { poweredOff: true }), 'recover', {}, 'sim node recover worker-1'],
    ['remove', node(), 'remove', {}, 'sim node remove worker-1'],
  ])('%s', (_n, t, id, values, expected) => {
    expect(run(t, id, values)).toBe(expected);
  });

  const pod: ActionTarget = { uid: 'p', kind: 'Pod', name: 'pi-abcde', namespace: 'batch', labels: {}, summary: { kind: 'Pod', status: 'Running', phase: 'Running', ready: '1/1', restarts: 0, containers: ['pi'], previous: [], cpuMilli: 0, memBytes: 0, daemon: false } };
  it('pod actions carry the namespace', () => {
    expect(run(pod, 'delete')).toBe('kubectl delete pod pi-abcde -n batch');
    expect(run(pod, 'exit', { code: 3 })).toBe('sim pod exit pi-abcde --code 3 -n batch');
    expect(run(pod, 'logs')).toBe('kubectl logs pi-abcde -n batch');
  });

  const job: ActionTarget = { uid: 'j', kind: 'Job', name: 'pi', namespace: 'default', labels: {}, summary: { kind: 'Job', succeeded: 0, completions: 3, active: 2, parallelism: 2, failed: 0, backoffLimit: 4, suspended: false, conditions: [] } };
  it('job suspend and cascade delete', () => {
    expect(run(job, 'suspend')).toBe(`kubectl patch job pi -p '{"spec":{"suspend":true}}'`);
    expect(run(job, 'delete', { cascade: 'orphan' })).toBe('kubectl delete job pi --cascade=orphan');
    expect(run({ ...job, summary: { ...job.summary, suspended: true } as Summary }, 'resume')).toBe(`kubectl patch job pi -p '{"spec":{"suspend":false}}'`);
  });

  it('scale, restart, trigger', () => {
    const dep: ActionTarget = { uid: 'd', kind: 'Deployment', name: 'web', labels: {}, summary: { kind: 'Workload', desired: 3, current: 3, ready: 3, selector: 'app=web' } };
    expect(run(dep, 'scale', { replicas: 5 })).toBe('kubectl scale deployment web --replicas=5');
    expect(run({ ...dep, kind: 'DaemonSet' }, 'restart')).toBe('kubectl rollout restart daemonset/web');
    const cj: ActionTarget = { uid: 'c', kind: 'CronJob', name: 'hello', labels: {}, summary: { kind: 'CronJob', schedule: '* * * * *', suspended: false, active: 0, nextRuns: [], nextRunsMs: [] } };
    expect(run(cj, 'trigger', { jobName: 'hello-manual-1' })).toBe('kubectl create job --from=cronjob/hello hello-manual-1');
  });

  it('every kind can be edited with kubectl edit', () => {
    expect(run(node(), 'edit')).toBe('kubectl edit node/worker-1');
    expect(run(pod, 'edit')).toBe('kubectl edit pod/pi-abcde -n batch');
  });

  it('offers Fail or Recover by the node’s power, never both', () => {
    const ids = (t: ActionTarget) => actionsFor(t).map((a) => a.id);
    expect(ids(node())).toContain('fail');
    expect(ids(node())).not.toContain('recover');
    expect(ids(node({}, { poweredOff: true }))).toContain('recover');
    expect(ids(node({}, { poweredOff: true }))).not.toContain('fail');
  });

  it('quotes what the shell would split', () => {
    expect(shellQuote('a b')).toBe(`'a b'`);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(addNodeCommand(['control-plane', 'worker-1', 'worker-2', 'worker-3'], '', 'disk=ssd')).toBe('sim node add worker-4 --label disk=ssd');
  });
});
