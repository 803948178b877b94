/**
 * What one Job sync knows (upstream's syncJobCtx): the working copy of the Job, the pods claimed at
 * the start of the sync (a snapshot: pods deleted during the sync keep their old state here, as in
 * an informer cache), and the counters and index sets computed from them.
 */
import type { JobCondition } from 'kubernetes-types/batch/v1';
import type { Job, Pod } from '../../api/objects.ts';
import type { BackoffRecord } from './backoff.ts';
import type { Intervals } from './indexed.ts';

export interface SyncContext {
  key: string;
  /** Private copy; its status is edited during the sync and written through the API. */
  job: Job;
  pods: Pod[];
  activePods: Pod[];
  /** Pods being deleted that have not finished. */
  terminatingPods: Pod[];
  /** Pods still carrying the tracking finalizer: the only ones left to count. */
  tracked: Pod[];
  /** The condition this sync decided (interim FailureTarget / SuccessCriteriaMet, or terminal). */
  finishedCondition: JobCondition | undefined;
  succeeded: number;
  failed: number;
  prevSucceededIndexes: Intervals;
  succeededIndexes: Intervals;
  /** Only with backoffLimitPerIndex. */
  failedIndexes: Intervals | undefined;
  newBackoffRecord: BackoffRecord;
  uncounted: { succeeded: Set<string>; failed: Set<string> };
  /** backoffLimitPerIndex: the failed pod kept (finalizer on) per index until its replacement exists. */
  podsWithDelayedDeletionPerIndex: Map<number, Pod>;
  /** Counters for the status (they change as this sync deletes pods). */
  terminating: number;
  ready: number;
}
