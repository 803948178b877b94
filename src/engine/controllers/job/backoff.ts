/**
 * The pod-failure back-off (pkg/controller/job/backoff_utils.go, in our words): after n failures
 * since the last success the controller waits `10 s × 2^(n-1)` (capped) from the most recent
 * failure before creating replacement pods. Per Job it remembers the failures after the last
 * success and when the last one happened; per index (backoffLimitPerIndex) the count comes from the
 * failed pod's annotations instead.
 */
import type { Pod } from '../../api/objects.ts';
import { MINUTE_MS, SECOND_MS } from '../../api/time.ts';
import { finishedTimeMs } from './pods.ts';
import { indexAbsoluteFailureCount } from './indexed.ts';

export const DEFAULT_POD_FAILURE_BACKOFF_MS = 10 * SECOND_MS;
/**
 * The cap of the recreation delay. The Job concept page (and older e2e comments) say six minutes;
 * the 1.31/1.32 controller code (MaxJobPodFailureBackOff) caps at ten. We follow the code.
 */
export const MAX_POD_FAILURE_BACKOFF_MS = 10 * MINUTE_MS;

export interface BackoffRecord {
  failuresAfterLastSuccess: number;
  lastFailureMs: number | undefined;
}

const byFinish = (a: Pod, b: Pod) => finishedTimeMs(a) - finishedTimeMs(b);

/**
 * The record after this sync's newly finished pods: failures add up; a success resets the count to
 * the failures that finished after the latest success.
 */
export function nextBackoffRecord(previous: BackoffRecord | undefined, newSucceeded: readonly Pod[], newFailed: readonly Pod[]): BackoffRecord {
  const record: BackoffRecord = previous ? { ...previous } : { failuresAfterLastSuccess: 0, lastFailureMs: undefined };
  const failed = [...newFailed].sort(byFinish);
  if (newSucceeded.length === 0) {
    if (failed.length === 0) return record;
    return { failuresAfterLastSuccess: record.failuresAfterLastSuccess + failed.length, lastFailureMs: finishedTimeMs(failed[failed.length - 1]!) };
  }
  const lastSuccessMs = Math.max(...newSucceeded.map(finishedTimeMs));
  const out: BackoffRecord = { failuresAfterLastSuccess: 0, lastFailureMs: undefined };
  for (let i = failed.length - 1; i >= 0; i--) {
    const t = finishedTimeMs(failed[i]!);
    if (t <= lastSuccessMs) break;
    out.lastFailureMs ??= t;
    out.failuresAfterLastSuccess++;
  }
  return out;
}

/** How long pod creation must still wait after `failures` failures, the last at `lastFailureMs`. */
export function remainingBackoffMs(failures: number, lastFailureMs: number | undefined, nowMs: number): number {
  if (failures === 0 || lastFailureMs === undefined) return 0;
  let delay = DEFAULT_POD_FAILURE_BACKOFF_MS;
  for (let i = 1; i < failures; i++) {
    delay *= 2;
    if (delay >= MAX_POD_FAILURE_BACKOFF_MS) {
      delay = MAX_POD_FAILURE_BACKOFF_MS;
      break;
    }
  }
  const elapsed = nowMs - lastFailureMs;
  return delay < elapsed ? 0 : delay - elapsed;
}

/** The per-index delay for recreating the index of `lastFailedPod` (backoffLimitPerIndex). */
export function remainingBackoffForIndexMs(lastFailedPod: Pod | undefined, nowMs: number): number {
  if (!lastFailedPod) return 0;
  return remainingBackoffMs(indexAbsoluteFailureCount(lastFailedPod) + 1, finishedTimeMs(lastFailedPod), nowMs);
}

/** The controller's memory of back-off records, by Job key (dropped when the Job finishes or goes). */
export class BackoffStore {
  private readonly records = new Map<string, BackoffRecord>();

  get(key: string): BackoffRecord | undefined {
    return this.records.get(key);
  }

  set(key: string, record: BackoffRecord): void {
    this.records.set(key, record);
  }

  remove(key: string): void {
    this.records.delete(key);
  }

  get size(): number {
    return this.records.size;
  }
}
