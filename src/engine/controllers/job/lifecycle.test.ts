/**
 * Job behaviour over time, on a whole simulated cluster (scheduler, kubelets, garbage collector):
 * the failure back-off schedule, replacement of deleted pods, suspension, work queues, evictions,
 * custom pod conditions, deletion and adoption, Indexed pods, per-index back-off.
 */
import { describe, expect, it } from 'vitest';
import type { JobSpec } from 'kubernetes-types/batch/v1';
import { createTestSim } from '../../testing/harness.ts';
import type { Simulation } from '../../sim/simulation.ts';
import { type Event, type Job, type Pod, clone } from '../../api/objects.ts';
import { parseTime, SECOND_MS } from '../../api/time.ts';
import { JOB_ANNOTATIONS, JOB_TRACKING_FINALIZER } from '../../api/kinds/job.ts';

function createJob(sim: Simulation, name: string, spec: Partial<JobSpec> | Record<string, unknown>, command: string[] = ['sh', '-c', 'sleep 10']): Job {
  return sim.api.create<Job>({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command }] } }, ...spec },
  });
}

const job = (sim: Simulation, name: string) => sim.api.get<Job>('Job', 'default', name);
const podsOf = (sim: Simulation, name: string) => [...sim.store.list<Pod>('Pod')].filter((p) => p.metadata.labels?.['job-name'] === name);
const conditions = (j: Job) => (j.status?.conditions ?? []).map((c) => `${c.type}=${c.status}/${c.reason ?? ''}`);
const finished = (sim: Simulation, name: string) => () => (job(sim, name).status?.conditions ?? []).some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
const eventsOf = (sim: Simulation, obj: { metadata: { uid: string } }) =>
  [...sim.store.list<Event>('Event')].filter((e) => e.involvedObject.uid === obj.metadata.uid).map((e) => ({ reason: e.reason!, message: e.message!, at: parseTime(e.firstTimestamp)! }));

describe('Job lifecycle', () => {
  it('recreates failed pods after 10 s, 20 s, 40 s and fails with BackoffLimitExceeded after backoffLimit + 1 pods', () => {
    const sim = createTestSim();
    const created: { at: number; name: string }[] = [];
    const finishedAt = new Map<string, number>();
    sim.store.watch('Pod', (e) => {
      const p = e.object as Pod;
      if (e.type === 'ADDED') created.push({ at: sim.now(), name: p.metadata.name });
      const t = parseTime(p.status?.containerStatuses?.[0]?.state?.terminated?.finishedAt);
      if (t !== undefined) finishedAt.set(p.metadata.name, t);
    });
    createJob(sim, 'fail', { backoffLimit: 3 }, ['sh', '-c', 'exit 1']);
    expect(sim.runUntil(finished(sim, 'fail'), 10 * 60 * SECOND_MS)).toBe(true);
    expect(created).toHaveLength(4);
    const gaps = created.slice(1).map((c, i) => c.at - finishedAt.get(created[i]!.name)!);
    [10, 20, 40].forEach((expected, i) => {
      expect(gaps[i]).toBeGreaterThanOrEqual(expected * SECOND_MS);
      expect(gaps[i]).toBeLessThanOrEqual((expected + 2) * SECOND_MS);
    });
    const j = job(sim, 'fail');
    expect(j.status?.failed).toBe(4);
    expect(conditions(j)).toEqual(['FailureTarget=True/BackoffLimitExceeded', 'Failed=True/BackoffLimitExceeded']);
    expect(eventsOf(sim, j).map((e) => e.reason)).toEqual(['SuccessfulCreate', 'SuccessfulCreate', 'SuccessfulCreate', 'SuccessfulCreate', 'BackoffLimitExceeded']);
    expect(sim.controllerErrors).toEqual([]);
  });

  it('counts a deleted running pod as failed and replaces it while it still terminates (TerminatingOrFailed), after the back-off', () => {
    const sim = createTestSim();
    createJob(sim, 'del', {}, ['sh', '-c', 'sleep 300']);
    sim.advance(5 * SECOND_MS);
    const [victim] = podsOf(sim, 'del');
    sim.api.delete('Pod', 'default', victim!.metadata.name);
    sim.advance(2 * SECOND_MS);
    // The deletion is a failure: counted at once, and the replacement waits for the 10 s back-off.
    expect(podsOf(sim, 'del')).toHaveLength(1);
    expect(job(sim, 'del').status).toMatchObject({ failed: 1, terminating: 1 });
    sim.advance(10 * SECOND_MS);
    const pods = podsOf(sim, 'del');
    expect(pods).toHaveLength(2);
    expect(pods.find((p) => p.metadata.uid === victim!.metadata.uid)?.metadata.deletionTimestamp).toBeDefined();
    expect(job(sim, 'del').status).toMatchObject({ active: 1, failed: 1, terminating: 1 });
  });

  it('with podReplacementPolicy Failed, replaces a deleted pod only once it has terminated', () => {
    const sim = createTestSim();
    createJob(sim, 'late', { podReplacementPolicy: 'Failed' }, ['sh', '-c', 'sleep 300']);
    sim.advance(5 * SECOND_MS);
    const [victim] = podsOf(sim, 'late');
    sim.api.delete('Pod', 'default', victim!.metadata.name);
    sim.advance(10 * SECOND_MS);
    expect(podsOf(sim, 'late')).toHaveLength(1);
    expect(job(sim, 'late').status).toMatchObject({ terminating: 1 });
    // `sleep` ignores SIGTERM: the kubelet kills it when the 30 s grace period ends.
    sim.advance(30 * SECOND_MS);
    const pods = podsOf(sim, 'late');
    expect(pods).toHaveLength(1);
    expect(pods[0]!.metadata.uid).not.toBe(victim!.metadata.uid);
    expect(job(sim, 'late').status).toMatchObject({ failed: 1, active: 1, terminating: 0 });
  });

  it('suspends (pods deleted, not failed) and resumes (new pods, start time reset)', () => {
    const sim = createTestSim();
    createJob(sim, 'sus', { parallelism: 2, completions: 4 }, ['sh', '-c', 'sleep 300']);
    sim.advance(5 * SECOND_MS);
    const j = job(sim, 'sus');
    const firstStart = j.status?.startTime;
    sim.api.update({ ...clone(j), spec: { ...clone(j.spec!), suspend: true } });
    sim.settle();
    expect(job(sim, 'sus').status).toMatchObject({ ready: 0, terminating: 2 });
    expect(job(sim, 'sus').status?.active).toBeUndefined();
    expect(conditions(job(sim, 'sus'))).toEqual(['Suspended=True/JobSuspended']);
    sim.advance(40 * SECOND_MS);
    expect(podsOf(sim, 'sus')).toHaveLength(0);
    expect(job(sim, 'sus').status).toMatchObject({ terminating: 0 });
    expect(job(sim, 'sus').status?.failed).toBeUndefined();
    const suspended = job(sim, 'sus');
    sim.api.update({ ...clone(suspended), spec: { ...clone(suspended.spec!), suspend: false } });
    sim.settle();
    const resumed = job(sim, 'sus');
    expect(podsOf(sim, 'sus')).toHaveLength(2);
    expect(conditions(resumed)).toEqual(['Suspended=False/JobResumed']);
    expect(resumed.status?.startTime).not.toBe(firstStart);
    expect(eventsOf(sim, resumed).map((e) => e.reason)).toEqual(['SuccessfulCreate', 'SuccessfulCreate', 'SuccessfulDelete', 'SuccessfulDelete', 'Suspended', 'SuccessfulCreate', 'SuccessfulCreate', 'Resumed']);
  });

  it('work queue: after the first success no new pod starts; done when all have finished', () => {
    const sim = createTestSim();
    createJob(sim, 'wq', { parallelism: 3 }, ['sh', '-c', 'sleep 100']);
    sim.advance(5 * SECOND_MS);
    const [first] = podsOf(sim, 'wq');
    expect(sim.exitContainer('default', first!.metadata.name, 0)).toBe(true);
    sim.advance(5 * SECOND_MS);
    expect(podsOf(sim, 'wq')).toHaveLength(3);
    expect(job(sim, 'wq').status).toMatchObject({ active: 2, succeeded: 1 });
    expect(sim.runUntil(finished(sim, 'wq'), 5 * 60 * SECOND_MS)).toBe(true);
    expect(podsOf(sim, 'wq')).toHaveLength(3);
    expect(job(sim, 'wq').status).toMatchObject({ succeeded: 3 });
    expect(conditions(job(sim, 'wq'))).toEqual(['SuccessCriteriaMet=True/CompletionsReached', 'Complete=True/CompletionsReached']);
  });

  it('an evicted pod (DisruptionTarget) is ignored by an Ignore rule and replaced', () => {
    const sim = createTestSim();
    createJob(sim, 'ev', { backoffLimit: 0, podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } }, ['sh', '-c', 'sleep 60']);
    sim.advance(5 * SECOND_MS);
    const [victim] = podsOf(sim, 'ev');
    sim.api.evict('default', victim!.metadata.name);
    expect(sim.runUntil(finished(sim, 'ev'), 5 * 60 * SECOND_MS)).toBe(true);
    const j = job(sim, 'ev');
    expect(conditions(j)).toEqual(['SuccessCriteriaMet=True/CompletionsReached', 'Complete=True/CompletionsReached']);
    expect(j.status?.failed).toBeUndefined();
    expect(j.status?.succeeded).toBe(1);
  });

  it('fails the Job on a custom pod condition (the config-issue walkthrough)', () => {
    const sim = createTestSim();
    // A non-existing image: the pods sit in ImagePullBackOff.
    const policy = { rules: [{ action: 'FailJob', onPodConditions: [{ type: 'ConfigIssue' }] }] };
    createJob(sim, 'cfg', { completions: 8, parallelism: 2, backoffLimit: 6, podFailurePolicy: policy, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'non-existing-repo/non-existing-image:example' }] } } });
    sim.advance(30 * SECOND_MS);
    const pods = podsOf(sim, 'cfg').filter((p) => !p.metadata.deletionTimestamp);
    expect(pods).toHaveLength(2);
    expect(pods[0]!.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ImagePullBackOff');
    const target = pods[0]!;
    sim.api.updateStatus({ ...clone(target), status: { ...clone(target.status!), conditions: [...(target.status?.conditions ?? []), { type: 'ConfigIssue', status: 'True', reason: 'NonExistingImage', lastTransitionTime: '2025-01-01T00:00:30Z' }] } });
    sim.api.delete('Pod', 'default', target.metadata.name);
    sim.advance(5 * SECOND_MS);
    const j = job(sim, 'cfg');
    expect(conditions(j)).toEqual(['FailureTarget=True/PodFailurePolicy', 'Failed=True/PodFailurePolicy']);
    expect(j.status?.conditions?.[1]?.message).toBe(`Pod default/${target.metadata.name} has condition ConfigIssue matching FailJob rule at index 0`);
  });

  it('background deletion: running pods terminate and go, their tracking finalizers removed', () => {
    const sim = createTestSim();
    createJob(sim, 'bg', { parallelism: 2, completions: 2 }, ['sh', '-c', 'sleep 300']);
    sim.advance(5 * SECOND_MS);
    sim.api.delete('Job', 'default', 'bg', { propagationPolicy: 'Background' });
    sim.settle();
    expect(sim.api.tryGet('Job', 'default', 'bg')).toBeUndefined();
    const terminating = podsOf(sim, 'bg');
    expect(terminating).toHaveLength(2);
    for (const p of terminating) {
      expect(p.metadata.deletionTimestamp).toBeDefined();
      expect(p.metadata.finalizers ?? []).not.toContain(JOB_TRACKING_FINALIZER);
    }
    sim.advance(40 * SECOND_MS);
    expect(podsOf(sim, 'bg')).toHaveLength(0);
  });

  it('orphaning deletion: pods keep running without owner or finalizer', () => {
    const sim = createTestSim();
    createJob(sim, 'orph', {}, ['sh', '-c', 'sleep 300']);
    sim.advance(5 * SECOND_MS);
    sim.api.delete('Job', 'default', 'orph', { propagationPolicy: 'Orphan' });
    sim.settle();
    const [p] = podsOf(sim, 'orph');
    expect(p!.metadata.ownerReferences).toBeUndefined();
    expect(p!.metadata.finalizers).toBeUndefined();
    expect(p!.status?.phase).toBe('Running');
  });

  it('foreground deletion (as the TTL controller deletes): the Job waits for its pods', () => {
    const sim = createTestSim();
    createJob(sim, 'fg', {}, ['sh', '-c', 'sleep 300']);
    sim.advance(5 * SECOND_MS);
    sim.api.delete('Job', 'default', 'fg', { propagationPolicy: 'Foreground' });
    sim.settle();
    expect(job(sim, 'fg').metadata.deletionTimestamp).toBeDefined();
    sim.advance(40 * SECOND_MS);
    expect(sim.api.tryGet('Job', 'default', 'fg')).toBeUndefined();
    expect(podsOf(sim, 'fg')).toHaveLength(0);
  });

  it('ttlSecondsAfterFinished 0 deletes the Job as soon as it finished', () => {
    const sim = createTestSim();
    createJob(sim, 'ttl0', { ttlSecondsAfterFinished: 0 }, ['sh', '-c', 'exit 0']);
    expect(sim.runUntil(() => !sim.api.tryGet('Job', 'default', 'ttl0'), 60 * SECOND_MS)).toBe(true);
    expect(podsOf(sim, 'ttl0')).toHaveLength(0);
  });

  it('gives Indexed pods their index: name, annotation, label, hostname and JOB_COMPLETION_INDEX', () => {
    const sim = createTestSim();
    createJob(sim, 'idx', { completions: 3, parallelism: 3, completionMode: 'Indexed', template: { spec: { subdomain: 'svc', restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 30'] }] } } });
    sim.settle();
    const pods = podsOf(sim, 'idx').sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    expect(pods.map((p) => p.metadata.name.replace(/[a-z0-9]{5}$/, ''))).toEqual(['idx-0-', 'idx-1-', 'idx-2-']);
    pods.forEach((p, i) => {
      expect(p.metadata.annotations?.[JOB_ANNOTATIONS.completionIndex]).toBe(String(i));
      expect(p.metadata.labels?.['batch.kubernetes.io/job-completion-index']).toBe(String(i));
      expect(p.spec?.hostname).toBe(`idx-${i}`);
      expect(p.spec?.subdomain).toBe('svc');
      expect(p.spec?.containers[0]!.env).toEqual([{ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']" } } }]);
    });
  });

  it('backoffLimitPerIndex: failing indexes retry once each, then the Job fails with FailedIndexes', () => {
    const sim = createTestSim();
    // Index i exits with code i: index 0 succeeds, 1-3 always fail.
    createJob(sim, 'per', { completions: 4, parallelism: 2, completionMode: 'Indexed', backoffLimitPerIndex: 1 }, ['sh', '-c', 'exit $(JOB_COMPLETION_INDEX)']);
    expect(sim.runUntil(finished(sim, 'per'), 10 * 60 * SECOND_MS)).toBe(true);
    const j = job(sim, 'per');
    expect(j.spec?.backoffLimit).toBe(2147483647);
    expect(j.status).toMatchObject({ completedIndexes: '0', failedIndexes: '1-3', succeeded: 1, failed: 6 });
    expect(conditions(j)).toEqual(['FailureTarget=True/FailedIndexes', 'Failed=True/FailedIndexes']);
    const counts = podsOf(sim, 'per').map((p) => `${p.metadata.annotations?.[JOB_ANNOTATIONS.completionIndex]}:${p.metadata.annotations?.[JOB_ANNOTATIONS.indexFailureCount]}`);
    expect(counts.sort()).toEqual(['0:0', '1:0', '1:1', '2:0', '2:1', '3:0', '3:1']);
  });

  it('a Job with manualSelector adopts matching orphans and adds the tracking finalizer', () => {
    const sim = createTestSim();
    sim.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', labels: { app: 'x' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 20'] }] } });
    sim.settle();
    createJob(sim, 'adopter', { manualSelector: true, selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] } } });
    sim.settle();
    const stray = sim.api.get<Pod>('Pod', 'default', 'stray');
    expect(stray.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Job', name: 'adopter', controller: true });
    expect(stray.metadata.finalizers).toContain(JOB_TRACKING_FINALIZER);
    expect(sim.runUntil(finished(sim, 'adopter'), 60 * SECOND_MS)).toBe(true);
    expect([...sim.store.list<Pod>('Pod')]).toHaveLength(1);
  });

  it('releases its pods, running or finished, once their labels no longer match the selector', () => {
    const sim = createTestSim();
    createJob(sim, 'rel', { completions: 2, parallelism: 1 }, ['sh', '-c', 'sleep 10']);
    expect(sim.runUntil(() => (job(sim, 'rel').status?.succeeded ?? 0) === 1, 60 * SECOND_MS)).toBe(true);
    const [done] = podsOf(sim, 'rel').filter((p) => p.status?.phase === 'Succeeded');
    const unlabel = (p: Pod) => {
      const current = sim.api.get<Pod>('Pod', 'default', p.metadata.name);
      const { 'controller-uid': _a, 'batch.kubernetes.io/controller-uid': _b, ...labels } = current.metadata.labels ?? {};
      sim.api.update({ ...current, metadata: { ...current.metadata, labels } });
    };
    unlabel(done!);
    sim.advance(2 * SECOND_MS); // pod events reach the Job after the 1 s batching period
    expect(sim.api.get<Pod>('Pod', 'default', done!.metadata.name).metadata.ownerReferences).toBeUndefined();
    const [running] = podsOf(sim, 'rel').filter((p) => p.status?.phase !== 'Succeeded' && p.metadata.ownerReferences);
    unlabel(running!);
    sim.advance(2 * SECOND_MS);
    const released = sim.api.get<Pod>('Pod', 'default', running!.metadata.name);
    expect(released.metadata.ownerReferences).toBeUndefined();
    // The running pod no longer counts: the Job starts another one for the second completion.
    expect(podsOf(sim, 'rel').filter((p) => p.metadata.ownerReferences && !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded')).toHaveLength(1);
    expect(job(sim, 'rel').status?.succeeded).toBe(1);
  });
});
