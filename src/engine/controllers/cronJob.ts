/**
 * The CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go and utils.go, in our words).
 *
 * Owns CronJobs' Jobs and status. Watches CronJobs and the Jobs they control. One sync:
 *  1. prune finished Jobs beyond successfulJobsHistoryLimit / failedJobsHistoryLimit (oldest
 *     start time first, background deletion);
 *  2. reconcile `status.active` with the children (SawCompletedJob, MissingJob, UnexpectedJob) and
 *     `lastSuccessfulTime`;
 *  3. unless suspended: find the most recent unmet schedule time in (lastScheduleTime or creation,
 *     raised to now − startingDeadlineSeconds; now] — only that one is run, older ones are skipped —
 *     apply concurrencyPolicy (Forbid skips, Replace deletes the running Jobs) and create the Job
 *     `<name>-<scheduled time in minutes since the epoch>`;
 *  4. requeue for the next schedule time (+100 ms).
 * More than 100 missed times since the last schedule only earns a TooManyMissedTimes warning.
 */
import type { ObjectReference } from 'kubernetes-types/core/v1';
import type { Controller, ControllerContext, Watch } from '../client/controller.ts';
import { controllerOwnerKeys, selfKey } from '../client/controller.ts';
import { type CronJob, type Job, type Manifest, clone, controllerRef, keyOf, ownerRefTo } from '../api/objects.ts';
import { formatRFC1123Z, formatTime, parseTime, SECOND_MS } from '../api/time.ts';
import { formatRFC3339InZone, isValidTimeZone, parseSchedule, type Schedule } from '../api/cron.ts';
import { JOB_ANNOTATIONS } from '../api/kinds/job.ts';
import { StatusError } from '../apiserver/errors.ts';
import { finishedConditionType, hasTrueCondition } from './job/status.ts';

/** Requeue a little after the schedule time, so the time has surely come (nextScheduleDelta). */
export const NEXT_SCHEDULE_DELTA_MS = 100;
/** More missed schedules than this earn a TooManyMissedTimes warning. */
export const TOO_MANY_MISSED = 100;

const SOURCE = { component: 'cronjob-controller' };

export type Missed = 'none' | 'few' | 'many';

/**
 * mostRecentScheduleTime: the latest schedule time in (earliest, now], how many were missed (a
 * rough count from the interval between two runs, as upstream), and the earliest time considered.
 */
export function mostRecentScheduleTime(
  cj: CronJob,
  nowMs: number,
  schedule: Schedule,
  includeStartingDeadline: boolean,
): { earliestMs: number; mostRecentMs: number | undefined; missed: Missed } | Error {
  let earliestMs = parseTime(cj.status?.lastScheduleTime) ?? parseTime(cj.metadata.creationTimestamp) ?? nowMs;
  const deadline = cj.spec?.startingDeadlineSeconds;
  if (includeStartingDeadline && deadline !== undefined) earliestMs = Math.max(earliestMs, nowMs - deadline * SECOND_MS);
  const t1 = schedule.next(earliestMs);
  const t2 = t1 === undefined ? undefined : schedule.next(t1);
  if (t1 !== undefined && nowMs < t1) return { earliestMs, mostRecentMs: undefined, missed: 'none' };
  if (t1 !== undefined && t2 !== undefined && nowMs < t2) return { earliestMs, mostRecentMs: t1, missed: 'none' };
  const intervalSeconds = t1 === undefined || t2 === undefined ? 0 : Math.round((t2 - t1) / SECOND_MS);
  if (intervalSeconds < 1) return new Error('time difference between two schedules is less than 1 second');
  const elapsedSeconds = Math.trunc((nowMs - t1!) / SECOND_MS);
  const missedCount = Math.floor(elapsedSeconds / intervalSeconds) + 1;
  // Start a little before the estimate and let the schedule find the exact latest time.
  let mostRecentMs: number | undefined;
  for (let t = schedule.next(t1! + (missedCount - 2) * intervalSeconds * SECOND_MS); t !== undefined && t <= nowMs; t = schedule.next(t)) mostRecentMs = t;
  const missed: Missed = missedCount > TOO_MANY_MISSED ? 'many' : missedCount > 0 ? 'few' : 'none';
  return { earliestMs, mostRecentMs, missed };
}

/** nextScheduleTimeDuration: how long until the next schedule time after the most recent one (+100 ms). */
export function nextScheduleDelayMs(cj: CronJob, nowMs: number, schedule: Schedule): number | undefined {
  const r = mostRecentScheduleTime(cj, nowMs, schedule, false);
  let from: number;
  if (r instanceof Error) from = nowMs;
  else if (r.mostRecentMs === undefined) from = r.missed === 'none' ? r.earliestMs : nowMs;
  else from = r.mostRecentMs;
  const next = schedule.next(from);
  return next === undefined ? undefined : next + NEXT_SCHEDULE_DELTA_MS - nowMs;
}

/** `<cronjob>-<scheduled time in minutes since the epoch>`: deterministic, so creation is idempotent. */
export function jobNameFor(cj: CronJob, scheduledMs: number): string {
  return `${cj.metadata.name}-${Math.floor(scheduledMs / 60_000)}`;
}

/** getJobFromTemplate2: the template's labels, annotations and spec, plus the scheduled-time annotation. */
export function jobFromTemplate(cj: CronJob, scheduledMs: number): Manifest {
  const template = cj.spec!.jobTemplate;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobNameFor(cj, scheduledMs),
      namespace: cj.metadata.namespace,
      ...(template.metadata?.labels ? { labels: { ...template.metadata.labels } } : {}),
      annotations: { ...(template.metadata?.annotations ?? {}), [JOB_ANNOTATIONS.cronJobScheduledTimestamp]: formatRFC3339InZone(scheduledMs, cj.spec?.timeZone) },
      ownerReferences: [ownerRefTo(cj)],
    },
    spec: clone(template.spec ?? { template: {} }),
  };
}

function jobRef(job: Job): ObjectReference {
  return { apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name, namespace: job.metadata.namespace, resourceVersion: job.metadata.resourceVersion, uid: job.metadata.uid };
}

/** byJobStartTime: started before not started, earlier first, name as tie-breaker. */
function byStartTime(a: Job, b: Job): number {
  const at = parseTime(a.status?.startTime);
  const bt = parseTime(b.status?.startTime);
  if (at !== bt) {
    if (at === undefined) return 1;
    if (bt === undefined) return -1;
    return at - bt;
  }
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

export function cronJobController(ctx: ControllerContext): Controller {
  const { store, api, events } = ctx;

  const inActive = (cj: CronJob, uid: string) => (cj.status?.active ?? []).some((r) => r.uid === uid);
  const dropActive = (cj: CronJob, uid: string) => {
    cj.status!.active = (cj.status!.active ?? []).filter((r) => r.uid !== uid);
  };

  /** deleteJob: background deletion, out of the active list, SuccessfulDelete. */
  const deleteJob = (cj: CronJob, job: Job): boolean => {
    try {
      api.delete('Job', job.metadata.namespace, job.metadata.name, { propagationPolicy: 'Background' });
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      events.record(cj, 'Warning', 'FailedDelete', `Deleted job: ${e.message}`, SOURCE);
      return false;
    }
    dropActive(cj, job.metadata.uid);
    events.record(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`, SOURCE);
    return true;
  };

  const removeOldest = (cj: CronJob, jobs: Job[], keep: number | undefined): boolean => {
    if (keep === undefined || jobs.length <= keep) return false;
    let changed = false;
    for (const job of [...jobs].sort(byStartTime).slice(0, jobs.length - keep)) if (deleteJob(cj, job)) changed = true;
    return changed;
  };

  const cleanupFinishedJobs = (cj: CronJob, jobs: Job[]): boolean => {
    const spec = cj.spec!;
    if (spec.successfulJobsHistoryLimit === undefined && spec.failedJobsHistoryLimit === undefined) return false;
    const succeeded = jobs.filter((j) => finishedConditionType(j) === 'Complete');
    const failed = jobs.filter((j) => finishedConditionType(j) === 'Failed');
    const a = removeOldest(cj, succeeded, spec.successfulJobsHistoryLimit);
    const b = removeOldest(cj, failed, spec.failedJobsHistoryLimit);
    return a || b;
  };

  /** The children and the active list agree; lastSuccessfulTime follows the latest completion. */
  const reconcileChildren = (cj: CronJob, jobs: Job[]): boolean => {
    let changed = false;
    for (const job of jobs) {
      const found = inActive(cj, job.metadata.uid);
      const finished = finishedConditionType(job);
      if (!found && !finished) {
        const fresh = store.get<CronJob>('CronJob', keyOf(cj));
        if (fresh && inActive(fresh, job.metadata.uid)) continue;
        events.record(cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${job.metadata.name}`, SOURCE);
      } else if (found && finished) {
        dropActive(cj, job.metadata.uid);
        events.record(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${job.metadata.name}, status: ${finished}`, SOURCE);
        changed = true;
      } else if (hasTrueCondition(job, 'Complete')) {
        const completed = parseTime(job.status?.completionTime);
        const last = parseTime(cj.status?.lastSuccessfulTime);
        if (completed !== undefined && (last === undefined || completed > last)) {
          cj.status!.lastSuccessfulTime = job.status!.completionTime!;
          changed = true;
        }
      }
    }
    const children = new Set(jobs.map((j) => j.metadata.uid));
    for (const ref of [...(cj.status?.active ?? [])]) {
      if (children.has(ref.uid ?? '')) continue;
      if (!store.get('Job', `${ref.namespace}/${ref.name}`)) {
        events.record(cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`, SOURCE);
        dropActive(cj, ref.uid ?? '');
        changed = true;
      }
    }
    return changed;
  };

  /** Steps 2–4. Returns whether the status changed and when to look again. */
  const syncCronJob = (cj: CronJob, jobs: Job[]): { changed: boolean; requeueAfterMs?: number } => {
    const now = ctx.now();
    let changed = reconcileChildren(cj, jobs);
    const spec = cj.spec!;
    if (cj.metadata.deletionTimestamp) return { changed };
    if (spec.timeZone !== undefined && !isValidTimeZone(spec.timeZone)) {
      events.record(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: ${JSON.stringify(spec.timeZone)}: unknown time zone ${spec.timeZone}`, SOURCE);
      return { changed };
    }
    if (spec.suspend) return { changed };
    const schedule = parseSchedule(spec.schedule, spec.timeZone);
    if (schedule instanceof Error) {
      events.record(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(spec.schedule)} : ${schedule.message}`, SOURCE);
      return { changed };
    }
    const later = (): { changed: boolean; requeueAfterMs?: number } => {
      const delay = nextScheduleDelayMs(cj, now, schedule);
      return delay === undefined ? { changed } : { changed, requeueAfterMs: delay };
    };
    const recent = mostRecentScheduleTime(cj, now, schedule, true);
    if (recent instanceof Error) {
      events.record(cj, 'Warning', 'InvalidSchedule', `invalid schedule: ${spec.schedule} : ${recent.message}`, SOURCE);
      return { changed };
    }
    const scheduledMs = recent.mostRecentMs;
    if (scheduledMs === undefined || scheduledMs > now) return later();
    if (recent.missed === 'many') {
      events.record(cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew', SOURCE);
    }
    if (spec.startingDeadlineSeconds !== undefined && scheduledMs + spec.startingDeadlineSeconds * SECOND_MS < now) {
      events.record(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${formatRFC1123Z(scheduledMs)}`, SOURCE);
      return later();
    }
    const name = jobNameFor(cj, scheduledMs);
    if ((cj.status?.active ?? []).some((r) => r.name === name) || parseTime(cj.status?.lastScheduleTime) === scheduledMs) return later();
    if (spec.concurrencyPolicy === 'Forbid' && (cj.status?.active ?? []).length > 0) {
      events.record(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid', SOURCE);
      return later();
    }
    if (spec.concurrencyPolicy === 'Replace') {
      for (const ref of [...(cj.status?.active ?? [])]) {
        const job = store.get<Job>('Job', `${ref.namespace}/${ref.name}`);
        if (!job) {
          events.record(cj, 'Warning', 'FailedGet', `Get job: jobs.batch "${ref.name}" not found`, SOURCE);
          return { changed };
        }
        if (!deleteJob(cj, job)) return { changed };
        changed = true;
      }
    }
    let job: Job;
    try {
      job = api.create<Job>(jobFromTemplate(cj, scheduledMs));
      events.record(cj, 'Normal', 'SuccessfulCreate', `Created job ${job.metadata.name}`, SOURCE);
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      if (e.reason !== 'AlreadyExists') {
        events.record(cj, 'Warning', 'FailedCreate', `Error creating job: ${e.message}`, SOURCE);
        return { changed };
      }
      // Created before but not recorded: record it if it is ours.
      const existing = store.get<Job>('Job', `${cj.metadata.namespace}/${name}`)!;
      if (controllerRef(existing)?.uid !== cj.metadata.uid || inActive(cj, existing.metadata.uid)) return { changed };
      job = existing;
    }
    cj.status!.active = [...(cj.status!.active ?? []), jobRef(job)];
    cj.status!.lastScheduleTime = formatTime(scheduledMs);
    changed = true;
    return later();
  };

  const watches: Watch[] = [
    { kind: 'CronJob', keys: selfKey },
    { kind: 'Job', keys: controllerOwnerKeys('CronJob') },
  ];

  return {
    name: 'cronjob',
    watches,
    start(queue) {
      for (const cj of store.list<CronJob>('CronJob')) queue.add(keyOf(cj));
    },
    reconcile(key) {
      const shared = store.get<CronJob>('CronJob', key);
      if (!shared) return;
      const cj = clone(shared);
      cj.status ??= {};
      const jobs = store.dependents(cj.metadata.uid).filter((d): d is Job => d.kind === 'Job' && controllerRef(d)?.uid === cj.metadata.uid);
      const pruned = cleanupFinishedJobs(cj, jobs);
      const { changed, requeueAfterMs } = syncCronJob(cj, jobs);
      if (pruned || changed) {
        if ((cj.status.active ?? []).length === 0) delete cj.status.active;
        api.updateStatus(cj);
      }
      return requeueAfterMs !== undefined ? { requeueAfterMs } : undefined;
    },
  };
}
