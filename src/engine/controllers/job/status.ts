/**
 * Job conditions and status helpers (pkg/controller/job/job_controller.go newCondition /
 * ensureJobConditionStatus, pkg/controller/job/util IsJobFinished), shared with the CronJob and
 * TTL-after-finished controllers and kubectl's printers.
 */
import type { JobCondition, JobStatus } from 'kubernetes-types/batch/v1';
import type { Job } from '../../api/objects.ts';
import { formatTime } from '../../api/time.ts';

export type Condition = JobCondition;
export type ConditionType = 'Complete' | 'Failed' | 'FailureTarget' | 'SuccessCriteriaMet' | 'Suspended';

/** A condition as the Job controller writes it: probe and transition times equal to now. */
export function newCondition(type: ConditionType, status: 'True' | 'False', reason: string, message: string, nowMs: number): Condition {
  const t = formatTime(nowMs);
  return { type, status, lastProbeTime: t, lastTransitionTime: t, ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
}

export function findCondition(conditions: readonly Condition[] | undefined, type: ConditionType): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

export function hasTrueCondition(job: Pick<Job, 'status'>, type: ConditionType): boolean {
  return findCondition(job.status?.conditions, type)?.status === 'True';
}

/**
 * Add or update a condition of `type` in place. A False condition is only written when the type is
 * already there (going from nothing to False means nothing). Returns whether anything changed.
 */
export function ensureCondition(status: JobStatus, type: ConditionType, value: 'True' | 'False', reason: string, message: string, nowMs: number): boolean {
  const list = (status.conditions ??= []);
  const i = list.findIndex((c) => c.type === type);
  if (i >= 0) {
    const c = list[i]!;
    if (c.status === value && (c.reason ?? '') === reason && (c.message ?? '') === message) return false;
    list[i] = newCondition(type, value, reason, message, nowMs);
    return true;
  }
  if (value === 'False') return false;
  list.push(newCondition(type, value, reason, message, nowMs));
  return true;
}

/** The Job has its terminal condition: Complete=True or Failed=True. */
export function isJobFinished(job: Pick<Job, 'status'>): boolean {
  return finishedConditionType(job) !== undefined;
}

/** `Complete` or `Failed` for a finished Job. */
export function finishedConditionType(job: Pick<Job, 'status'>): 'Complete' | 'Failed' | undefined {
  for (const c of job.status?.conditions ?? []) {
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  }
  return undefined;
}

/**
 * Drop what the API leaves out of JSON when empty (omitempty): zero counters, an empty
 * completedIndexes, empty uncounted lists and conditions. `ready`, `terminating` and
 * `uncountedTerminatedPods` are pointers upstream and stay, even at 0 / `{}`.
 */
export function normalizeStatus(status: JobStatus): JobStatus {
  const s = status as Record<string, unknown> & JobStatus;
  for (const f of ['active', 'succeeded', 'failed'] as const) if (!s[f]) delete s[f];
  if (!s.completedIndexes) delete s.completedIndexes;
  if (s.conditions && s.conditions.length === 0) delete s.conditions;
  const u = s.uncountedTerminatedPods;
  if (u) {
    if (u.succeeded && u.succeeded.length === 0) delete u.succeeded;
    if (u.failed && u.failed.length === 0) delete u.failed;
  }
  return status;
}
