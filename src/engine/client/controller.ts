/**
 * The controller contract, as upstream's informer → work queue → sync(key) pattern, made
 * single-threaded and deterministic:
 *
 * - `watches` declare which kinds wake the controller and map each watch event to keys. Handlers
 *   only compute keys; all work happens in `reconcile`.
 * - `reconcile(key)` re-reads current state (listers read the store directly: in one thread the
 *   cache is never stale, so upstream's "expectations" are unnecessary), writes through the API
 *   server, and may ask to be called again after a delay.
 * - Objects read from the store are shared: copy (`clone`) before changing anything.
 */
import type { ApiServer } from '../apiserver/apiServer.ts';
import type { VirtualClock } from '../clock/clock.ts';
import type { Rng } from '../random/rng.ts';
import type { Store, WatchEvent } from '../store/store.ts';
import type { EventRecorder } from './eventRecorder.ts';
import type { WorkQueue } from './workQueue.ts';

export interface ControllerContext {
  api: ApiServer;
  store: Store;
  clock: VirtualClock;
  events: EventRecorder;
  /** This controller's own random stream. */
  rng: Rng;
  /** Virtual now, in milliseconds since the epoch. */
  now(): number;
}

export interface Watch {
  kind: string;
  /** Keys to enqueue for an event (nothing, one key, or several). */
  keys(event: WatchEvent): string | readonly string[] | undefined;
  /** Enqueue after this delay instead of at once (e.g. the Job controller's 1 s pod batching). */
  delayMs?: number;
}

/** Reconcile outcome: nothing, or "call me again for this key after `requeueAfterMs`". */
export type ReconcileResult = void | { requeueAfterMs: number };

export interface Controller {
  readonly name: string;
  readonly watches: readonly Watch[];
  reconcile(key: string): ReconcileResult;
  /** Runs once after wiring, e.g. to enqueue keys for objects that already exist. */
  start?(queue: WorkQueue): void;
}

export type ControllerFactory = (ctx: ControllerContext, queue: WorkQueue) => Controller;

/** Key helpers for `keys` functions. */
export const selfKey = (event: WatchEvent): string => event.key;

/** Keys of the controller owner of kind `ownerKind` (from the new and old object, for label moves). */
export const controllerOwnerKeys =
  (ownerKind: string) =>
  (event: WatchEvent): string[] => {
    const keys = new Set<string>();
    for (const obj of [event.object, event.old]) {
      const ref = obj?.metadata.ownerReferences?.find((r) => r.controller && r.kind === ownerKind);
      if (ref) keys.add(`${obj!.metadata.namespace}/${ref.name}`);
    }
    return [...keys];
  };
