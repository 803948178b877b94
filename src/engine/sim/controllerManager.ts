/**
 * Runs controllers to quiescence: watch events map to keys in each controller's queue (delivered
 * synchronously as writes happen), then controllers drain their queues in a fixed order, repeating
 * until every queue is empty. A loop limit turns a controller fight into a loud error naming the
 * seed instead of a frozen tab.
 */
import type { Controller, ControllerContext, ControllerFactory } from '../client/controller.ts';
import { WorkQueue } from '../client/workQueue.ts';
import type { Store } from '../store/store.ts';
import { SECOND_MS } from '../api/time.ts';
import { StatusError } from '../apiserver/errors.ts';

export class LoopLimitError extends Error {}

export interface ControllerError {
  controller: string;
  key: string;
  atMs: number;
  message: string;
}

interface Entry {
  controller: Controller;
  queue: WorkQueue;
}

export class ControllerManager {
  private readonly entries: Entry[] = [];
  /** Reconcile failures (bugs or unexpected API errors); tests assert this stays empty. */
  readonly errors: ControllerError[] = [];
  private readonly retries = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly seedLabel: string,
    private readonly maxReconcilesPerInstant = 500_000,
  ) {}

  add(name: string, makeContext: (name: string) => ControllerContext, factory: ControllerFactory): Controller {
    const ctx = makeContext(name);
    const queue = new WorkQueue(ctx.clock, name);
    const controller = factory(ctx, queue);
    this.entries.push({ controller, queue });
    for (const watch of controller.watches) {
      const enqueue = watch.delayMs ? (k: string) => queue.addAfter(k, watch.delayMs!) : (k: string) => queue.add(k);
      this.store.watch(watch.kind, (event) => {
        const keys = watch.keys(event);
        if (keys === undefined) return;
        if (typeof keys === 'string') enqueue(keys);
        else for (const k of keys) enqueue(k);
      });
    }
    controller.start?.(queue);
    return controller;
  }

  /** Whether any controller has work queued now. */
  get busy(): boolean {
    return this.entries.some((e) => e.queue.length > 0);
  }

  /** Drain every queue, in registration order, until all are empty. */
  runToQuiescence(nowMs: number): number {
    let reconciles = 0;
    for (;;) {
      let progressed = false;
      for (const { controller, queue } of this.entries) {
        for (let n = queue.length; n > 0; n--) {
          const key = queue.pop();
          if (key === undefined) break;
          progressed = true;
          if (++reconciles > this.maxReconcilesPerInstant) {
            throw new LoopLimitError(`controllers did not settle at t=${nowMs}ms after ${this.maxReconcilesPerInstant} reconciles (last: ${controller.name} ${key}); seed ${this.seedLabel}`);
          }
          this.reconcileOne(controller, queue, key, nowMs);
        }
      }
      if (!progressed) return reconciles;
    }
  }

  private reconcileOne(controller: Controller, queue: WorkQueue, key: string, nowMs: number): void {
    try {
      const result = controller.reconcile(key);
      if (this.retries.size > 0) this.retries.delete(`${controller.name}\u0000${key}`);
      if (result && result.requeueAfterMs !== undefined) queue.addAfter(key, result.requeueAfterMs);
    } catch (e) {
      const retryKey = `${controller.name}\u0000${key}`;
      if (e instanceof LoopLimitError) throw e;
      // A 409 Conflict is optimistic concurrency at work (a controller wrote from a copy that went
      // stale): upstream requeues and tries again with fresh state, and so do we. Anything else
      // escaping a reconcile is a bug, recorded for the tests to see.
      const conflict = e instanceof StatusError && e.reason === 'Conflict';
      if (!conflict && this.errors.length < 1000) {
        const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
        this.errors.push({ controller: controller.name, key, atMs: nowMs, message });
      }
      // Rate-limited retry, as a work queue's exponential failure backoff.
      const n = (this.retries.get(retryKey) ?? 0) + 1;
      this.retries.set(retryKey, n);
      queue.addAfter(key, Math.min(5 * 2 ** n, 1000 * SECOND_MS));
    }
  }
}
