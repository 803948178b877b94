/**
 * `kubectl describe TYPE [NAME_PREFIX | -l label]` and `TYPE/NAME`: an exact name, else every
 * object whose name starts with the argument; outputs separated by a blank line.
 */
import { type KubeObject, StatusError } from '../../engine/index.ts';
import { type Command, UsageError } from '../command.ts';
import { parseResourceArgs } from '../resources.ts';
import { describerFor } from '../printers/describe.ts';
import { namedObjects } from './patch.ts';

export const describe: Command = {
  name: 'describe',
  short: 'Show details of a specific resource or group of resources',
  long: "Show details of a specific resource or group of resources.\n\n Print a detailed description of the selected resources, including related resources such as events or controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label selector. For example:\n\n        $ kubectl describe TYPE NAME_PREFIX\n        \n will first check for an exact match on TYPE and NAME_PREFIX. If no such resource exists, it will output details for every resource that has a name prefixed with NAME_PREFIX.\n\nUse \"kubectl api-resources\" for a complete list of supported resources.",
  examples: [["Describe a node", "kubectl describe nodes kubernetes-node-emt8.c.myproject.internal"], ["Describe a pod", "kubectl describe pods/nginx"], ["Describe pods by label name=myLabel", "kubectl describe pods -l name=myLabel"], ["Describe all pods managed by the 'frontend' replication controller\n  # (rc-created pods get the name of the rc as a prefix in the pod name)", "kubectl describe pods frontend"]],
  usage: 'kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]',
  args: 'resources',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool', default: false, usage: 'If present, list the requested object(s) across all namespaces.' },
    { name: 'selector', short: 'l', type: 'string', default: '', usage: 'Selector (label query) to filter on.' },
    { name: 'show-events', type: 'bool', default: true, usage: 'If true, display events related to the described object.' },
    { name: 'filename', short: 'f', type: 'stringArray', default: [], usage: 'Filename, directory, or URL to files containing the resource to describe' },
  ],
  run(ctx) {
    if ((ctx.flags.filename as string[]).length > 0) {
      const outputs = namedObjects(ctx).map((obj) => describerFor(obj.kind)(obj, { client: ctx.client, nowMs: ctx.client.now(), showEvents: Boolean(ctx.flags['show-events']) }));
      ctx.out.out(outputs.join('\n\n'));
      return;
    }
    if (ctx.args.length === 0) {
      throw new UsageError('Required resource not specified.', 'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n\n');
    }
    const allNs = Boolean(ctx.flags['all-namespaces']);
    const outputs: string[] = [];
    for (const req of parseResourceArgs(ctx.client, ctx.args)) {
      const ns = req.def.namespaced && !allNs ? ctx.namespace : undefined;
      let objects: KubeObject[];
      if (req.names.length === 0) {
        objects = ctx.client.list(req.def.kind, { ...(ns ? { namespace: ns } : {}), ...(ctx.flags.selector ? { labelSelector: String(ctx.flags.selector) } : {}) });
      } else {
        objects = [];
        for (const name of req.names) {
          const exact = ctx.client.tryGet(req.def.kind, ns ?? ctx.namespace, name);
          if (exact) {
            objects.push(exact);
            continue;
          }
          const prefixed = ctx.client.list(req.def.kind, ns ? { namespace: ns } : {}).filter((o) => o.metadata.name.startsWith(name));
          if (prefixed.length === 0) throw new StatusError('NotFound', `${req.def.plural}${req.def.group ? `.${req.def.group}` : ''} "${name}" not found`);
          objects.push(...prefixed);
        }
      }
      for (const obj of objects) {
        outputs.push(describerFor(obj.kind)(obj, { client: ctx.client, nowMs: ctx.client.now(), showEvents: Boolean(ctx.flags['show-events']) }));
      }
    }
    if (outputs.length === 0) {
      ctx.out.err(`No resources found in ${ctx.namespace} namespace.\n`);
      return;
    }
    ctx.out.out(outputs.join('\n\n'));
  },
};
