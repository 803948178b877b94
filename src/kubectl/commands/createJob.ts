/**
 * `kubectl create job NAME --image=IMAGE [-- COMMAND [args...]]` and
 * `kubectl create job NAME --from=cronjob/NAME` (staging/src/k8s.io/kubectl/pkg/cmd/create/create_job.go,
 * in our words). A Job created from a CronJob copies its job template, is controlled by the
 * CronJob and carries `cronjob.kubernetes.io/instantiate: manual`.
 */
import { type CronJob, type Manifest, clone } from '../../engine/index.ts';
import { type Command, type CommandContext, CommandError } from '../command.ts';
import { IMPERATIVE_FLAGS, createImperative, requireOneName } from './createImperative.ts';

/** Flags of the workload generators (create job / cronjob): the imperative ones plus the field manager. */
export const GENERATOR_FLAGS = [...IMPERATIVE_FLAGS, { name: 'field-manager', type: 'string' as const, default: 'kubectl-create', usage: 'Name of the manager used to track field ownership.' }];

function jobFromCronJob(name: string, cj: CronJob): Manifest {
  const template = cj.spec?.jobTemplate ?? {};
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...(template.metadata?.annotations ?? {}) },
      ...(template.metadata?.labels ? { labels: { ...template.metadata.labels } } : {}),
      // Not NewControllerRef: no blockOwnerDeletion, which would need extra RBAC upstream.
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name, uid: cj.metadata.uid, controller: true }],
    },
    spec: clone(template.spec ?? { template: {} }),
  };
}

function fromCronJob(ctx: CommandContext, from: string): CronJob {
  const slash = from.indexOf('/');
  const def = slash > 0 ? ctx.client.resource(from.slice(0, slash)) : undefined;
  if (!def) throw new CommandError(slash > 0 ? `the server doesn't have a resource type "${from.slice(0, slash)}"` : 'from must be an existing cronjob');
  const source = ctx.client.get(def.kind, ctx.namespace, from.slice(slash + 1));
  if (source.kind !== 'CronJob') throw new CommandError(`unknown object type *v1.${source.kind}`);
  return source as CronJob;
}

export const createJob: Command = {
  name: 'job',
  short: 'Create a job with the specified name',
  examples: [
    ['Create a job', 'kubectl create job my-job --image=busybox'],
    ['Create a job with a command', 'kubectl create job my-job --image=busybox -- date'],
    ['Create a job from a cron job named "a-cronjob"', 'kubectl create job test-job --from=cronjob/a-cronjob'],
  ],
  usage: 'kubectl create job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]',
  flags: [
    { name: 'from', type: 'string', default: '', usage: 'The name of the resource to create a Job from (only cronjob is supported).' },
    { name: 'image', type: 'string', default: '', usage: 'Image name to run.' },
    ...GENERATOR_FLAGS,
  ],
  run(ctx) {
    const name = requireOneName(ctx);
    const image = String(ctx.flags.image ?? '');
    const from = String(ctx.flags.from ?? '');
    const command = ctx.dashArgs ?? [];
    if ((image === '' && from === '') || (image !== '' && from !== '')) throw new CommandError('either --image or --from must be specified');
    if (command.length > 0 && from !== '') throw new CommandError('cannot specify --from and command');
    if (from !== '') {
      createImperative(ctx, jobFromCronJob(name, fromCronJob(ctx, from)));
      return;
    }
    createImperative(ctx, {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name },
      spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [{ name, image, ...(command.length > 0 ? { command } : {}), resources: {} }], restartPolicy: 'Never' } } },
    });
  },
};
