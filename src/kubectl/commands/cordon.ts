/** `kubectl cordon` / `uncordon`: set or clear a node's spec.unschedulable. */
import type { Node } from '../../engine/index.ts';
import { type Command, CommandError, UsageError } from '../command.ts';

/** `worker-1`, `node/worker-1` or `nodes/worker-1`. */
function nodeName(arg: string): string {
  const slash = arg.indexOf('/');
  if (slash < 0) return arg;
  const type = arg.slice(0, slash);
  if (!['node', 'nodes', 'no'].includes(type)) throw new CommandError(`resource type "${type}" is not a node`);
  return arg.slice(slash + 1);
}

function makeCommand(cordon: boolean): Command {
  const name = cordon ? 'cordon' : 'uncordon';
  return {
    name,
    short: cordon ? 'Mark node as unschedulable' : 'Mark node as schedulable',
    examples: [[`Mark node "foo" as ${cordon ? 'unschedulable' : 'schedulable'}`, `kubectl ${name} foo`]],
    usage: `kubectl ${name} NODE [options]`,
    args: 'node',
    flags: [
      { name: 'dry-run', type: 'string', default: 'none', usage: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.' },
      { name: 'selector', short: 'l', type: 'string', default: '', usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints." },
    ],
    run(ctx) {
      const nodes: Node[] = ctx.flags.selector
        ? ctx.client.list<Node>('Node', { labelSelector: String(ctx.flags.selector) })
        : ctx.args.length > 0
          ? [ctx.client.get<Node>('Node', undefined, nodeName(ctx.args[0]!))]
          : [];
      if (nodes.length === 0 && !ctx.flags.selector) throw new UsageError(`USAGE: ${name} NODE [flags]`);
      for (const node of nodes) {
        const already = Boolean(node.spec?.unschedulable) === cordon;
        if (!already && ctx.flags['dry-run'] === 'none') {
          ctx.client.patch('Node', undefined, node.metadata.name, 'merge', { spec: { unschedulable: cordon ? true : null } });
        }
        ctx.out.out(`node/${node.metadata.name} ${already ? 'already ' : ''}${name}ed${ctx.flags['dry-run'] !== 'none' ? ' (dry run)' : ''}\n`);
      }
    },
  };
}

export const cordon = makeCommand(true);
export const uncordon = makeCommand(false);
