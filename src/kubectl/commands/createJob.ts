/**
 * `kubectl create job NAME --image=IMAGE [-- COMMAND [args...]]` and
 * `kubectl create job NAME --from=cronjob/NAME` (staging/src/k8s.io/kubectl/pkg/cmd/create/create_job.go,
 * in our words). A Job created from a CronJob copies its job template, is controlled by the
 * CronJob and carries `cronjob.kubernetes.io/instantiate: manual`.
 */
import { type CronJob, type KindDef, type KubeObject, type Manifest, clone } from '../../engine/index.ts';
import { type Command, type CommandContext, CommandError, UsageError } from '../command.ts';
import { printObjects } from '../printers/output.ts';
import { qualifiedName } from '../resources.ts';
import { dryRun, suffix } from './apply.ts';

/** Flags every `kubectl create <kind>` generator shares. */
export const CREATE_GENERATOR_FLAGS = [
  { name: 'dry-run', type: 'string' as const, default: 'none', usage: 'Must be "none", "server", or "client".' },
  { name: 'output', short: 'o', type: 'string' as const, default: '', usage: 'Output format.' },
  { name: 'save-config', type: 'bool' as const, default: false, usage: 'If true, the configuration of current object will be saved in its annotation.' },
  { name: 'validate', type: 'string' as const, default: 'strict', usage: 'Must be one of: strict (or true), warn, ignore (or false).' },
  { name: 'field-manager', type: 'string' as const, default: 'kubectl-create', usage: 'Name of the manager used to track field ownership.' },
];

/** NameFromCommandArgs: exactly one positional NAME. */
export function nameArg(ctx: CommandContext): string {
  if (ctx.args.length !== 1) throw new UsageError(`exactly one NAME is required, got ${ctx.args.length}`);
  return ctx.args[0]!;
}

/**
 * The generated object's metadata as kubectl's Go structs serialise it (a null creationTimestamp);
 * the namespace only when given with -n (the server puts the object in the default one otherwise).
 */
export function objectMeta(ctx: CommandContext, name: string): Manifest['metadata'] {
  return { creationTimestamp: null as unknown as string, name, ...(ctx.namespaceExplicit ? { namespace: ctx.namespace } : {}) };
}

/** Create (or dry-run) a generated object and print `<kind>.<group>/<name> created` or the -o format. */
export function createGenerated(ctx: CommandContext, def: KindDef, obj: Manifest): void {
  const mode = dryRun(ctx);
  const created = mode === 'client' ? (obj as KubeObject) : ctx.client.create(obj, { dryRun: mode === 'server' });
  const output = String(ctx.flags.output ?? '');
  if (output) printObjects(ctx, [created], output, true);
  else ctx.out.out(`${qualifiedName(def, created.metadata?.name ?? '')} created${suffix(mode)}\n`);
}

function jobFromCronJob(ctx: CommandContext, name: string, cj: CronJob): Manifest {
  const template = cj.spec?.jobTemplate ?? {};
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      ...objectMeta(ctx, name),
      annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...(template.metadata?.annotations ?? {}) },
      ...(template.metadata?.labels ? { labels: { ...template.metadata.labels } } : {}),
      // Not NewControllerRef: no blockOwnerDeletion, which would need extra RBAC upstream.
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name, uid: cj.metadata.uid, controller: true }],
    },
    spec: clone(template.spec ?? { template: {} }),
    status: {},
  };
}

export const createJob: Command = {
  name: 'job',
  short: 'Create a job with the specified name',
  usage: 'kubectl create job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]',
  flags: [
    { name: 'image', type: 'string', default: '', usage: 'Image name to run.' },
    { name: 'from', type: 'string', default: '', usage: 'The name of the resource to create a Job from (only cronjob is supported).' },
    ...CREATE_GENERATOR_FLAGS,
  ],
  run(ctx) {
    const name = nameArg(ctx);
    const image = String(ctx.flags.image ?? '');
    const from = String(ctx.flags.from ?? '');
    const command = ctx.dashArgs ?? [];
    if ((image === '' && from === '') || (image !== '' && from !== '')) throw new CommandError('either --image or --from must be specified');
    if (command.length > 0 && from !== '') throw new CommandError('cannot specify --from and command');
    const def = ctx.client.resource('jobs')!;
    if (from === '') {
      createGenerated(ctx, def, {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: objectMeta(ctx, name),
        spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [{ name, image, ...(command.length > 0 ? { command } : {}), resources: {} }], restartPolicy: 'Never' } } },
        status: {},
      });
      return;
    }
    const slash = from.indexOf('/');
    const fromDef = slash > 0 ? ctx.client.resource(from.slice(0, slash)) : undefined;
    if (!fromDef) throw new CommandError(slash > 0 ? `the server doesn't have a resource type "${from.slice(0, slash)}"` : `from must be an existing cronjob`);
    const source = ctx.client.get(fromDef.kind, ctx.namespace, from.slice(slash + 1));
    if (source.kind !== 'CronJob') throw new CommandError(`unknown object type *v1.${source.kind}`);
    createGenerated(ctx, def, jobFromCronJob(ctx, name, source as CronJob));
  },
};

