/**
 * `kubectl scale` (staging/src/k8s.io/kubectl/pkg/cmd/scale/scale.go, in our words): set
 * spec.replicas of Deployments, ReplicaSets (and StatefulSets, ReplicationControllers) through
 * the scale subresource, optionally only if the current size or resourceVersion matches, and with
 * `--timeout` wait (in virtual time) until the new size is reached.
 */
import { type KubeObject, parseDuration } from '../../engine/index.ts';
import { type Command, CommandError, UsageError } from '../command.ts';
import { qualifiedName } from '../resources.ts';
import { printObjects } from '../printers/output.ts';
import { workloadTargets } from './workloadTargets.ts';

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

type Scalable = KubeObject & { spec?: { replicas?: number }; status?: { replicas?: number; observedGeneration?: number } };

export const scale: Command = {
  name: 'scale',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  usage: 'kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]',
  flags: [
    { name: 'all', type: 'bool', default: false, usage: 'Select all resources in the namespace of the specified resource types' },
    { name: 'current-replicas', type: 'int', default: -1, usage: 'Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.' },
    { name: 'dry-run', type: 'string', default: 'none', usage: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.' },
    { name: 'filename', short: 'f', type: 'stringArray', default: [], usage: 'Filename, directory, or URL to files identifying the resource to set a new size' },
    { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
    { name: 'replicas', type: 'int', default: 0, usage: 'The new desired number of replicas. Required.' },
    { name: 'resource-version', type: 'string', default: '', usage: 'Precondition for resource version. Requires that the current resource version match this value in order to scale.' },
    { name: 'selector', short: 'l', type: 'string', default: '', usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints." },
    { name: 'timeout', type: 'string', default: '0s', usage: "The length of time to wait before giving up on a scale operation, zero means don't wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h)." },
  ],
  run(ctx) {
    if (!ctx.set.has('replicas')) throw new UsageError('required flag(s) "replicas" not set');
    const replicas = Number(ctx.flags.replicas);
    if (replicas < 0) throw new CommandError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    if (ctx.args.length === 0 && (ctx.flags.filename as string[]).length === 0) {
      throw new UsageError('You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'');
    }
    const objects = workloadTargets(ctx, ctx.args) as Scalable[];
    const current = Number(ctx.flags['current-replicas']);
    const rv = String(ctx.flags['resource-version'] ?? '');
    if ((current >= 0 || rv) && objects.length > 1) throw new CommandError('cannot use --resource-version or --current-replicas with multiple resources');
    const dryRun = String(ctx.flags['dry-run']);
    const scaled: Scalable[] = [];
    for (const obj of objects) {
      const def = ctx.client.resource(obj.kind)!;
      if (!SCALABLE.has(obj.kind)) throw new CommandError(`the server could not find the requested resource`);
      if (current >= 0 && (obj.spec?.replicas ?? 0) !== current) throw new CommandError(`Expected replicas to be ${current}, was ${obj.spec?.replicas ?? 0}`);
      if (rv && obj.metadata.resourceVersion !== rv) throw new CommandError(`Expected resourceVersion to be ${rv}, was ${obj.metadata.resourceVersion}`);
      const result =
        dryRun === 'client'
          ? ({ ...obj, spec: { ...obj.spec, replicas } } as Scalable)
          : ctx.client.patch<Scalable>(obj.kind, obj.metadata.namespace, obj.metadata.name, 'merge', { spec: { replicas } }, dryRun === 'server' ? { dryRun: true } : {});
      scaled.push(result);
      if (ctx.flags.output) printObjects(ctx, [result], String(ctx.flags.output), objects.length === 1);
      else ctx.out.out(`${qualifiedName(def, obj.metadata.name)} scaled${dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''}\n`);
    }
    const timeoutMs = parseDuration(String(ctx.flags.timeout)) ?? 0;
    if (timeoutMs > 0 && dryRun === 'none') {
      const done = () =>
        scaled.every((o) => {
          const live = ctx.client.tryGet<Scalable>(o.kind, o.metadata.namespace, o.metadata.name);
          return live !== undefined && (live.status?.observedGeneration ?? 0) >= (live.metadata.generation ?? 0) && (live.status?.replicas ?? 0) === replicas;
        });
      if (!ctx.client.waitFor(done, timeoutMs)) throw new CommandError('timed out waiting for the condition');
    }
  },
};
