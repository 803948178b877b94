/**
 * Table-driven tests of one Job sync, in the style of upstream's TestControllerSyncJob: a Job and
 * pods in given states, one reconcile, then the pods created / deleted and the Job status.
 */
import { describe, expect, it } from 'vitest';
import type { JobSpec, JobStatus } from 'kubernetes-types/batch/v1';
import type { PodCondition } from 'kubernetes-types/core/v1';
import { controllerHarness } from '../../testing/controllerHarness.ts';
import { type Event, type Job, type Pod, keyOf, ownerRefTo } from '../../api/objects.ts';
import { formatTime, SECOND_MS } from '../../api/time.ts';
import { JOB_ANNOTATIONS, JOB_LABELS, JOB_TRACKING_FINALIZER } from '../../api/kinds/job.ts';
import { jobController } from './index.ts';
import { completionIndex } from './indexed.ts';

type Phase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

interface PodSetup {
  phase: Phase;
  index?: number;
  /** Ready condition (Running pods are ready unless false). */
  ready?: boolean;
  /** Seconds since the pod finished (default: an hour, so no back-off applies). */
  finishedAgo?: number;
  exitCode?: number;
  restarts?: number;
  conditions?: PodCondition[];
  annotations?: Record<string, string>;
  noFinalizer?: boolean;
  unscheduled?: boolean;
}

interface Case {
  name: string;
  spec: Partial<JobSpec>;
  status?: Partial<JobStatus>;
  /** The Job is being deleted (foreground). */
  deleting?: boolean;
  pods?: PodSetup[];
  expect: {
    creations?: number;
    deletions?: number;
    createdIndexes?: number[];
    active?: number;
    ready?: number;
    terminating?: number;
    succeeded?: number;
    failed?: number;
    completedIndexes?: string;
    failedIndexes?: string;
    /** `Type=Status/Reason`, in order. */
    conditions?: string[];
    startTime?: boolean;
    events?: string[];
    requeueAfterMs?: number;
  };
}

const pod = (phase: Phase, more: Omit<PodSetup, 'phase'> = {}): PodSetup => ({ phase, ...more });
const pods = (n: number, phase: Phase, more: Omit<PodSetup, 'phase'> = {}): PodSetup[] => Array.from({ length: n }, () => pod(phase, more));

type Harness = ReturnType<typeof controllerHarness>;

function createJob(h: Harness, c: Case): Job {
  const job = h.api.create<Job>({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'foobar' },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] } }, ...c.spec },
  });
  if (!c.status) return job;
  return h.api.updateStatus<Job>({ ...job, status: { ...job.status, ...c.status } });
}

function addPod(h: Harness, job: Job, p: PodSetup): Pod {
  const now = h.clock.nowMs;
  const template = job.spec!.template;
  const indexed: Record<string, string> = p.index !== undefined ? { [JOB_ANNOTATIONS.completionIndex]: String(p.index) } : {};
  const created = h.api.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: p.index !== undefined ? `foobar-${p.index}-` : 'foobar-',
      labels: { ...template.metadata!.labels, ...(p.index !== undefined ? { [JOB_LABELS.completionIndex]: String(p.index) } : ({} as Record<string, string>)) },
      annotations: { ...indexed, ...p.annotations },
      ...(p.noFinalizer ? {} : { finalizers: [JOB_TRACKING_FINALIZER] }),
      ownerReferences: [ownerRefTo(job)],
    },
    spec: { ...template.spec!, ...(p.unscheduled ? {} : { nodeName: 'node-1' }) },
  });
  const finishedAt = formatTime(now - (p.finishedAgo ?? 3600) * SECOND_MS);
  const startedAt = formatTime(now - 7200 * SECOND_MS);
  const terminal = p.phase === 'Succeeded' || p.phase === 'Failed';
  const ready = p.phase === 'Running' && p.ready !== false;
  const state = terminal
    ? { terminated: { exitCode: p.exitCode ?? (p.phase === 'Succeeded' ? 0 : 1), reason: p.phase === 'Succeeded' ? 'Completed' : 'Error', startedAt, finishedAt } }
    : p.phase === 'Running'
      ? { running: { startedAt } }
      : { waiting: { reason: 'ContainerCreating' } };
  return h.api.updateStatus<Pod>({
    ...created,
    status: {
      phase: p.phase,
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: terminal ? finishedAt : startedAt }, ...(p.conditions ?? [])],
      containerStatuses: [{ name: 'main', image: 'busybox', imageID: '', ready, restartCount: p.restarts ?? 0, state }],
    },
  });
}

function conditionsOf(job: Job): string[] {
  return (job.status?.conditions ?? []).map((c) => `${c.type}=${c.status}/${c.reason ?? ''}`);
}

const CASES: Case[] = [
  { name: 'job start', spec: { parallelism: 2, completions: 5 }, expect: { creations: 2, active: 2, ready: 0, startTime: true, events: ['SuccessfulCreate', 'SuccessfulCreate'] } },
  { name: 'work queue job start', spec: { parallelism: 2 }, expect: { creations: 2, active: 2 } },
  { name: 'pending pods', spec: { parallelism: 2, completions: 5 }, pods: pods(2, 'Pending'), expect: { creations: 0, active: 2, ready: 0 } },
  { name: 'correct # of pods', spec: { parallelism: 2, completions: 5 }, pods: pods(2, 'Running'), expect: { creations: 0, active: 2, ready: 2 } },
  {
    name: 'too few active pods',
    spec: { parallelism: 2, completions: 5 },
    pods: [pod('Running'), pod('Succeeded')],
    expect: { creations: 1, active: 2, succeeded: 1, ready: 1 },
  },
  {
    name: 'too few active pods while the failure back-off holds (upstream reports active 0)',
    spec: { parallelism: 2, completions: 5 },
    pods: [pod('Running'), pod('Failed', { finishedAgo: 3 })],
    expect: { creations: 0, active: 0, failed: 1, requeueAfterMs: 7 * SECOND_MS },
  },
  { name: 'too many active pods', spec: { parallelism: 2, completions: 5 }, pods: pods(3, 'Running'), expect: { deletions: 1, active: 2, events: ['SuccessfulDelete'] } },
  {
    name: 'failed and succeeded pods: the success resets the back-off',
    spec: { parallelism: 2, completions: 5 },
    pods: [pod('Running'), pod('Succeeded', { finishedAgo: 1 }), pod('Failed', { finishedAgo: 2 })],
    expect: { creations: 1, active: 2, succeeded: 1, failed: 1 },
  },
  { name: 'new failed pod', spec: { parallelism: 2, completions: 5 }, pods: [pod('Running'), pod('Failed')], expect: { creations: 1, active: 2, failed: 1 } },
  {
    name: 'job finish',
    spec: { parallelism: 2, completions: 5 },
    pods: pods(5, 'Succeeded'),
    expect: { creations: 0, succeeded: 5, conditions: ['SuccessCriteriaMet=True/CompletionsReached', 'Complete=True/CompletionsReached'], events: ['Completed: Job completed'] },
  },
  { name: 'work queue job finishing', spec: { parallelism: 2 }, pods: [pod('Running'), pod('Succeeded')], expect: { creations: 0, active: 1, succeeded: 1, conditions: [] } },
  { name: 'work queue job all finished', spec: { parallelism: 2 }, pods: pods(2, 'Succeeded'), expect: { succeeded: 2, conditions: ['SuccessCriteriaMet=True/CompletionsReached', 'Complete=True/CompletionsReached'] } },
  {
    name: 'work queue job all finished despite one failure',
    spec: { parallelism: 2 },
    pods: [pod('Succeeded'), pod('Failed')],
    expect: { succeeded: 1, failed: 1, conditions: ['SuccessCriteriaMet=True/CompletionsReached', 'Complete=True/CompletionsReached'] },
  },
  { name: 'more active pods than parallelism', spec: { parallelism: 2, completions: 5 }, pods: pods(10, 'Running'), expect: { deletions: 8, active: 2 } },
  {
    name: 'more active pods than remaining completions',
    spec: { parallelism: 3, completions: 4 },
    pods: [...pods(3, 'Running'), ...pods(2, 'Succeeded')],
    expect: { deletions: 1, active: 2, succeeded: 2 },
  },
  { name: 'status change', spec: { parallelism: 2, completions: 5 }, pods: [...pods(2, 'Running'), ...pods(2, 'Succeeded')], expect: { creations: 0, active: 2, succeeded: 2 } },
  {
    name: 'deleting job: no new pods',
    spec: { parallelism: 2, completions: 5 },
    deleting: true,
    pods: [pod('Pending'), pod('Running'), pod('Succeeded')],
    expect: { creations: 0, active: 2, succeeded: 1 },
  },
  {
    name: 'too many job failures',
    spec: { parallelism: 2, completions: 5, backoffLimit: 0 },
    pods: [pod('Failed')],
    expect: {
      creations: 0,
      failed: 1,
      conditions: ['FailureTarget=True/BackoffLimitExceeded', 'Failed=True/BackoffLimitExceeded'],
      events: ['BackoffLimitExceeded: Job has reached the specified backoff limit'],
    },
  },
  {
    name: 'backoff limit exceeded while pods run: they are deleted and counted as failed',
    spec: { parallelism: 2, completions: 5, backoffLimit: 1 },
    pods: [...pods(2, 'Failed'), pod('Running')],
    expect: { deletions: 1, active: 0, terminating: 1, failed: 3, conditions: ['FailureTarget=True/BackoffLimitExceeded'] },
  },
  {
    name: 'restartPolicy OnFailure: container restarts count towards the backoff limit',
    spec: { parallelism: 1, completions: 1, backoffLimit: 1, template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'main', image: 'busybox' }] } } },
    pods: [pod('Running', { restarts: 1 })],
    expect: { deletions: 1, active: 0, failed: 1, conditions: ['FailureTarget=True/BackoffLimitExceeded'] },
  },
  {
    name: 'restartPolicy OnFailure with backoffLimit 0: any restart fails the Job',
    spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'main', image: 'busybox' }] } } },
    pods: [pod('Pending', { restarts: 1 })],
    expect: { deletions: 1, failed: 1, conditions: ['FailureTarget=True/BackoffLimitExceeded'] },
  },
  {
    name: 'active deadline exceeded',
    spec: { parallelism: 1, completions: 1, activeDeadlineSeconds: 10 },
    status: { startTime: formatTime(Date.UTC(2024, 11, 31, 23, 59, 40)) },
    pods: [pod('Running')],
    expect: { deletions: 1, active: 0, failed: 1, terminating: 1, conditions: ['FailureTarget=True/DeadlineExceeded'] },
  },
  {
    name: 'active deadline pending: requeue for the rest',
    spec: { activeDeadlineSeconds: 100 },
    status: { startTime: formatTime(Date.UTC(2024, 11, 31, 23, 59, 40)) },
    pods: [pod('Running')],
    expect: { active: 1, requeueAfterMs: 80 * SECOND_MS },
  },
  {
    name: 'suspending a job',
    spec: { parallelism: 2, completions: 4, suspend: true },
    status: { startTime: formatTime(Date.UTC(2024, 11, 31, 23, 0)) },
    pods: pods(2, 'Running'),
    expect: { deletions: 2, active: 0, terminating: 2, ready: 0, conditions: ['Suspended=True/JobSuspended'], events: ['SuccessfulDelete', 'SuccessfulDelete', 'Suspended: Job suspended'] },
  },
  { name: 'suspended at creation: no pods, no start time', spec: { parallelism: 2, completions: 4, suspend: true }, expect: { creations: 0, active: 0, startTime: false, conditions: ['Suspended=True/JobSuspended'] } },
  {
    name: 'resuming a suspended job',
    spec: { parallelism: 2, completions: 4, suspend: false },
    status: { conditions: [{ type: 'Suspended', status: 'True', reason: 'JobSuspended', message: 'Job suspended', lastProbeTime: '2024-12-31T23:00:00Z', lastTransitionTime: '2024-12-31T23:00:00Z' }] },
    expect: { creations: 2, active: 2, startTime: true, conditions: ['Suspended=False/JobResumed'], events: ['SuccessfulCreate', 'SuccessfulCreate', 'Resumed: Job resumed'] },
  },
  { name: 'indexed job start', spec: { parallelism: 2, completions: 5, completionMode: 'Indexed' }, expect: { creations: 2, createdIndexes: [0, 1], active: 2 } },
  {
    name: 'indexed job completed',
    spec: { parallelism: 2, completions: 3, completionMode: 'Indexed' },
    pods: [pod('Succeeded', { index: 0 }), pod('Succeeded', { index: 1 }), pod('Failed', { index: 1 }), pod('Succeeded', { index: 2 })],
    expect: { succeeded: 3, failed: 1, completedIndexes: '0-2', conditions: ['SuccessCriteriaMet=True/CompletionsReached', 'Complete=True/CompletionsReached'] },
  },
  {
    name: 'indexed job repeated completed index',
    spec: { parallelism: 2, completions: 3, completionMode: 'Indexed' },
    pods: [pod('Succeeded', { index: 0 }), pod('Succeeded', { index: 1 }), pod('Succeeded', { index: 1 })],
    expect: { creations: 1, createdIndexes: [2], succeeded: 2, completedIndexes: '0,1', active: 1 },
  },
  {
    name: 'indexed job some running and completed pods',
    spec: { parallelism: 8, completions: 20, completionMode: 'Indexed' },
    pods: [
      pod('Running', { index: 0 }),
      pod('Succeeded', { index: 2 }),
      pod('Succeeded', { index: 3 }),
      pod('Succeeded', { index: 4 }),
      pod('Succeeded', { index: 5 }),
      pod('Pending', { index: 7 }),
      pod('Pending', { index: 8 }),
      pod('Succeeded', { index: 9 }),
      pod('Running', { index: 10 }),
      pod('Succeeded', { index: 11 }),
    ],
    expect: { creations: 4, createdIndexes: [1, 6, 12, 13], active: 8, succeeded: 6, completedIndexes: '2-5,9,11' },
  },
  {
    name: 'indexed job: pods without index, repeated or out-of-range indexes are removed first',
    spec: { parallelism: 2, completions: 5, completionMode: 'Indexed' },
    pods: [pod('Running'), pod('Running', { index: 0 }), pod('Running', { index: 0 }), pod('Running', { index: 6 })],
    expect: { deletions: 3, creations: 0, active: 1 },
  },
  {
    name: 'backoffLimitPerIndex: an index out of retries fails, the others go on',
    spec: { parallelism: 2, completions: 4, completionMode: 'Indexed', backoffLimitPerIndex: 1 },
    pods: [pod('Succeeded', { index: 0 }), pod('Failed', { index: 1, annotations: { [JOB_ANNOTATIONS.indexFailureCount]: '1' } })],
    expect: { creations: 2, createdIndexes: [2, 3], completedIndexes: '0', failedIndexes: '1', failed: 1, succeeded: 1, conditions: [] },
  },
  {
    name: 'backoffLimitPerIndex: all indexes finished with one failed',
    spec: { parallelism: 2, completions: 2, completionMode: 'Indexed', backoffLimitPerIndex: 0 },
    pods: [pod('Succeeded', { index: 0 }), pod('Failed', { index: 1, annotations: { [JOB_ANNOTATIONS.indexFailureCount]: '0' } })],
    expect: { failedIndexes: '1', completedIndexes: '0', conditions: ['FailureTarget=True/FailedIndexes', 'Failed=True/FailedIndexes'], events: ['FailedIndexes: Job has failed indexes'] },
  },
  {
    name: 'maxFailedIndexes exceeded',
    spec: { parallelism: 2, completions: 4, completionMode: 'Indexed', backoffLimitPerIndex: 0, maxFailedIndexes: 0 },
    pods: [pod('Failed', { index: 0, annotations: { [JOB_ANNOTATIONS.indexFailureCount]: '0' } }), pod('Running', { index: 1 })],
    expect: { deletions: 1, failedIndexes: '0', failed: 2, conditions: ['FailureTarget=True/MaxFailedIndexesExceeded'] },
  },
  {
    name: 'podFailurePolicy FailJob on an exit code',
    spec: { parallelism: 1, completions: 1, podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42] } }] } },
    pods: [pod('Failed', { exitCode: 42 })],
    expect: { failed: 1, conditions: ['FailureTarget=True/PodFailurePolicy', 'Failed=True/PodFailurePolicy'] },
  },
  {
    name: 'podFailurePolicy Ignore on DisruptionTarget: not counted, replaced',
    spec: { parallelism: 1, completions: 1, backoffLimit: 0, podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] } },
    pods: [pod('Failed', { exitCode: 137, conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI' }] })],
    expect: { creations: 1, failed: 0, active: 1, conditions: [] },
  },
  {
    name: 'podFailurePolicy Count: counted as usual',
    spec: { parallelism: 1, completions: 1, backoffLimit: 2, podFailurePolicy: { rules: [{ action: 'Count', onExitCodes: { operator: 'NotIn', values: [42] } }] } },
    pods: [pod('Failed', { exitCode: 3 })],
    expect: { creations: 1, failed: 1 },
  },
  {
    name: 'podFailurePolicy: a terminating pod is not failed yet and is not replaced',
    spec: { parallelism: 1, completions: 1, podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] } },
    pods: [pod('Running', { exitCode: 0 })],
    expect: { active: 1, creations: 0 },
  },
  {
    name: 'successPolicy met: the rest are deleted, not counted as failed',
    spec: { parallelism: 5, completions: 5, completionMode: 'Indexed', successPolicy: { rules: [{ succeededIndexes: '0-1' }] } },
    pods: [pod('Succeeded', { index: 0 }), pod('Succeeded', { index: 1 }), pod('Running', { index: 2 }), pod('Running', { index: 3 }), pod('Running', { index: 4 })],
    expect: { deletions: 3, terminating: 3, succeeded: 2, failed: 0, completedIndexes: '0,1', conditions: ['SuccessCriteriaMet=True/SuccessPolicy'] },
  },
  {
    name: 'too many succeeded pods',
    spec: { parallelism: 3, completions: 2 },
    pods: pods(3, 'Succeeded'),
    expect: { succeeded: 3, events: ['TooManySucceededPods: Too many succeeded pods running after completion count reached', 'Completed: Job completed'] },
  },
];

describe('Job controller: one sync (TestControllerSyncJob style)', () => {
  it.each(CASES)('$name', (c) => {
    const h = controllerHarness(jobController);
    let job = createJob(h, c);
    const before = new Map<string, Pod>();
    for (const p of c.pods ?? []) {
      const created = addPod(h, job, p);
      before.set(created.metadata.uid, created);
    }
    if (c.deleting) {
      h.api.delete('Job', 'default', 'foobar', { propagationPolicy: 'Foreground' });
      job = h.api.get<Job>('Job', 'default', 'foobar');
    }
    const result = h.controller.reconcile(keyOf(job));
    const after = [...h.store.list<Pod>('Pod')];
    const created = after.filter((p) => !before.has(p.metadata.uid));
    const deleted = [...before.values()].filter((p) => {
      const now = h.store.getByUid<Pod>(p.metadata.uid);
      return !now || (now.metadata.deletionTimestamp && !p.metadata.deletionTimestamp);
    });
    const updated = h.api.get<Job>('Job', 'default', 'foobar');
    const status = updated.status ?? {};
    const e = c.expect;
    if (e.creations !== undefined) expect(created.length, 'creations').toBe(e.creations);
    if (e.deletions !== undefined) expect(deleted.length, 'deletions').toBe(e.deletions);
    if (e.createdIndexes) expect(created.map(completionIndex).sort((a, b) => a - b), 'created indexes').toEqual(e.createdIndexes);
    if (e.active !== undefined) expect(status.active ?? 0, 'active').toBe(e.active);
    if (e.ready !== undefined) expect(status.ready, 'ready').toBe(e.ready);
    if (e.terminating !== undefined) expect(status.terminating, 'terminating').toBe(e.terminating);
    if (e.succeeded !== undefined) expect(status.succeeded ?? 0, 'succeeded').toBe(e.succeeded);
    if (e.failed !== undefined) expect(status.failed ?? 0, 'failed').toBe(e.failed);
    if (e.completedIndexes !== undefined) expect(status.completedIndexes ?? '', 'completedIndexes').toBe(e.completedIndexes);
    if (e.failedIndexes !== undefined) expect(status.failedIndexes, 'failedIndexes').toBe(e.failedIndexes);
    if (e.conditions) expect(conditionsOf(updated)).toEqual(e.conditions);
    if (e.startTime !== undefined) expect(status.startTime !== undefined, 'startTime').toBe(e.startTime);
    if (e.events) {
      // An expectation with a colon is `Reason: message`; without, just the reason.
      const events = [...h.store.list<Event>('Event')].filter((ev) => ev.involvedObject.uid === updated.metadata.uid).map((ev) => `${ev.reason}: ${ev.message}`);
      expect(events.map((m, i) => (e.events![i]?.includes(':') ? m : m.split(':')[0]))).toEqual(e.events);
    }
    if (e.requeueAfterMs !== undefined) expect(result).toEqual({ requeueAfterMs: e.requeueAfterMs });
    // Invariants of every sync: nothing is left uncounted, counters never go negative, created pods
    // carry the tracking finalizer and the controller reference.
    expect(status.uncountedTerminatedPods ?? {}).toEqual({});
    expect(status.active ?? 0).toBeGreaterThanOrEqual(0);
    for (const p of created) {
      expect(p.metadata.finalizers).toContain(JOB_TRACKING_FINALIZER);
      expect(p.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Job', name: 'foobar', controller: true, blockOwnerDeletion: true });
    }
  });
});
