/**
 * `kubectl set image` (staging/src/k8s.io/kubectl/pkg/cmd/set/set_image.go, in our words): change
 * container images in the pod template of Deployments, ReplicaSets, DaemonSets, StatefulSets, Jobs,
 * CronJobs, or in a Pod. `NAME=IMAGE` per container, `*=IMAGE` for all. Objects whose images are
 * already those print nothing.
 */
import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import { type KubeObject, clone } from '../../engine/index.ts';
import { type Command, CommandError, UsageError } from '../command.ts';
import { qualifiedName } from '../resources.ts';
import { printObjects } from '../printers/output.ts';
import { workloadTargets } from './workloadTargets.ts';

/** The pod spec inside an object (UpdatePodSpecForObject); undefined for kinds without one. */
export function podSpecOf(obj: KubeObject): PodSpec | undefined {
  const o = obj as { spec?: { template?: { spec?: PodSpec }; jobTemplate?: { spec?: { template?: { spec?: PodSpec } } } } & PodSpec };
  switch (obj.kind) {
    case 'Pod':
      return o.spec;
    case 'CronJob':
      return o.spec?.jobTemplate?.spec?.template?.spec;
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'StatefulSet':
    case 'Job':
    case 'ReplicationController':
      return o.spec?.template?.spec;
    default:
      return undefined;
  }
}

function setImage(containers: Container[] | undefined, name: string, image: string): boolean {
  let found = false;
  for (const c of containers ?? []) {
    if (name === '*' || c.name === name) {
      c.image = image;
      found = true;
    }
  }
  return found;
}

const image: Command = {
  name: 'image',
  short: 'Update the image of a pod template',
  usage: 'kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]',
  flags: [
    { name: 'all', type: 'bool', default: false, usage: 'Select all resources, in the namespace of the specified resource types' },
    { name: 'dry-run', type: 'string', default: 'none', usage: 'Must be "none", "server", or "client".' },
    { name: 'filename', short: 'f', type: 'stringArray', default: [], usage: 'Filename, directory, or URL to files identifying the resource to get from a server.' },
    { name: 'local', type: 'bool', default: false, usage: 'If true, set image will NOT contact api-server but run locally.' },
    { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output format.' },
    { name: 'selector', short: 'l', type: 'string', default: '', usage: 'Selector (label query) to filter on.' },
    { name: 'field-manager', type: 'string', default: 'kubectl-set', usage: 'Name of the manager used to track field ownership.' },
  ],
  run(ctx) {
    const resources = ctx.args.filter((a) => !a.includes('='));
    const images = ctx.args.filter((a) => a.includes('='));
    if (images.length === 0) throw new UsageError('at least one image update is required');
    const updates = images.map((spec) => {
      const eq = spec.indexOf('=');
      return { name: spec.slice(0, eq), image: spec.slice(eq + 1) };
    });
    if (resources.length === 0 && (ctx.flags.filename as string[]).length === 0) throw new UsageError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
    const dryRun = String(ctx.flags['dry-run']);
    const errors: string[] = [];
    for (const obj of workloadTargets(ctx, resources)) {
      const def = ctx.client.resource(obj.kind)!;
      const updated = clone(obj);
      const spec = podSpecOf(updated);
      if (!spec) {
        errors.push(`error: ${def.plural}${def.group ? `.${def.group}` : ''}/${obj.metadata.name} the object is not a pod or does not have a pod template: ${obj.kind}`);
        continue;
      }
      const missing = updates.find((u) => !setImage(spec.initContainers, u.name, u.image) && !setImage(spec.containers, u.name, u.image));
      if (missing) {
        errors.push(`error: ${def.plural}${def.group ? `.${def.group}` : ''}/${obj.metadata.name} unable to find container named ${JSON.stringify(missing.name)}`);
        continue;
      }
      if (JSON.stringify(podSpecOf(obj)) === JSON.stringify(spec)) continue;
      const result = dryRun === 'client' ? updated : ctx.client.update(updated, dryRun === 'server' ? { dryRun: true } : {});
      if (ctx.flags.output) printObjects(ctx, [result], String(ctx.flags.output), true);
      else ctx.out.out(`${qualifiedName(def, obj.metadata.name)} image updated${dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''}\n`);
    }
    if (errors.length > 0) throw new CommandError(errors.length === 1 ? errors[0]!.replace(/^error: /, '') : `[${errors.join(', ')}]`);
  },
};

export const set: Command = {
  name: 'set',
  short: 'Set specific features on objects',
  usage: 'kubectl set SUBCOMMAND [options]',
  subcommands: [image],
};
