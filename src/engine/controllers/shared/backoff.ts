/**
 * The per-key failure back-off of client-go's default controller rate limiter
 * (ItemExponentialFailureRateLimiter): 5 ms after the first failure, doubling, at most 1000 s;
 * forgotten after a success. Used by controllers that report a failure without throwing.
 */
const BASE_MS = 5;
const MAX_MS = 1000 * 1000;

export class FailureBackoff {
  private readonly failures = new Map<string, number>();

  /** Record a failure of `key`; returns how long to wait before retrying it. */
  next(key: string): number {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    return Math.min(BASE_MS * 2 ** n, MAX_MS);
  }

  forget(key: string): void {
    this.failures.delete(key);
  }
}
