/**
 * The TTL-after-finished controller (pkg/controller/ttlafterfinished/ttlafterfinished_controller.go,
 * in our words): a finished Job (Complete=True or Failed=True) with `spec.ttlSecondsAfterFinished`
 * is deleted, with Foreground propagation (its pods go first), once the TTL has passed since the
 * terminal condition's lastTransitionTime. The check is repeated on the current object right before
 * deleting, and the delete carries a uid precondition, so a changed TTL or a new Job of the same
 * name is never deleted by mistake.
 */
import type { Controller, ControllerContext } from '../client/controller.ts';
import { selfKey } from '../client/controller.ts';
import type { Job } from '../api/objects.ts';
import { parseTime, SECOND_MS } from '../api/time.ts';
import { StatusError } from '../apiserver/errors.ts';
import { isJobFinished } from './job/status.ts';

const needsCleanup = (job: Job) => job.spec?.ttlSecondsAfterFinished !== undefined && isJobFinished(job);

/** When the finished Job expires (terminal condition time + TTL), or undefined when it never does. */
export function jobExpiryMs(job: Job): number | undefined {
  if (!needsCleanup(job) || job.metadata.deletionTimestamp) return undefined;
  const terminal = job.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  const finishedMs = parseTime(terminal?.lastTransitionTime);
  if (finishedMs === undefined) return undefined;
  return finishedMs + job.spec!.ttlSecondsAfterFinished! * SECOND_MS;
}

export function ttlAfterFinishedController(ctx: ControllerContext): Controller {
  const { store, api } = ctx;
  return {
    name: 'ttl-after-finished',
    watches: [{ kind: 'Job', keys: (e) => (e.type !== 'DELETED' && !e.object.metadata.deletionTimestamp && needsCleanup(e.object as Job) ? selfKey(e) : undefined) }],
    start(queue) {
      for (const job of store.list<Job>('Job')) if (needsCleanup(job)) queue.add(`${job.metadata.namespace}/${job.metadata.name}`);
    },
    reconcile(key) {
      const job = store.get<Job>('Job', key);
      const expiry = job && jobExpiryMs(job);
      if (!job || expiry === undefined) return;
      if (expiry > ctx.now()) return { requeueAfterMs: expiry - ctx.now() };
      try {
        api.delete('Job', job.metadata.namespace, job.metadata.name, { propagationPolicy: 'Foreground', preconditions: { uid: job.metadata.uid } });
      } catch (e) {
        if (!(e instanceof StatusError && (e.reason === 'NotFound' || e.reason === 'Conflict'))) throw e;
      }
    },
  };
}
