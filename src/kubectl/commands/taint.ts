/**
 * `kubectl taint nodes NAME key=value:Effect ...` (staging/src/k8s.io/kubectl/pkg/cmd/taint,
 * taint.go and utils.go, in our words): add taints (`key=value:Effect`, `key:Effect`), remove them
 * (`key:Effect-`, or `key-` for every effect), `--overwrite` to change the value of an existing
 * key+effect, `-l` / `--all` to pick nodes. Prints `node/NAME tainted|untainted|modified`.
 */
import type { Taint } from 'kubernetes-types/core/v1';
import { type Node, clone, validateLabelKey, validateLabelValue } from '../../engine/index.ts';
import { type Command, type CommandContext, CommandError, UsageError } from '../command.ts';
import { printObjects } from '../printers/output.ts';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** parseTaint: `key=value:effect`, `key:effect` or `key`. */
export function parseTaintSpec(spec: string): Taint {
  const parts = spec.split(':');
  let key: string;
  let value = '';
  let effect = '';
  if (parts.length === 1) key = parts[0]!;
  else if (parts.length === 2) {
    effect = parts[1]!;
    if (!EFFECTS.includes(effect)) throw new CommandError(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0]!.split('=');
    if (kv.length > 2) throw new CommandError(`invalid taint spec: ${spec}`);
    key = kv[0]!;
    if (kv.length === 2) {
      value = kv[1]!;
      const err = validateLabelValue(value);
      if (err) throw new CommandError(`invalid taint spec: ${spec}, ${err}`);
    }
  } else throw new CommandError(`invalid taint spec: ${spec}`);
  const keyErr = validateLabelKey(key);
  if (keyErr) throw new CommandError(`invalid taint spec: ${spec}, ${keyErr}`);
  return { key, ...(value ? { value } : {}), effect };
}

/** ParseTaints: taints to add and to remove; adding requires an effect and unique key+effect. */
export function parseTaints(specs: readonly string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const t = parseTaintSpec(spec.slice(0, -1));
      remove.push({ key: t.key, effect: t.effect });
      continue;
    }
    const t = parseTaintSpec(spec);
    if (!t.effect) throw new CommandError(`invalid taint spec: ${spec}`);
    if (add.some((a) => a.key === t.key && a.effect === t.effect)) throw new CommandError(`duplicated taints with the same key and effect: ${JSON.stringify(t)}`);
    add.push(t);
  }
  return { add, remove };
}

const taintString = (t: Taint): string => (t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`);

/** reorganizeTaints: the node's new taint list and the verb to print. */
export function reorganizeTaints(current: readonly Taint[], add: readonly Taint[], remove: readonly Taint[], overwrite: boolean): { taints: Taint[]; operation: string; errors: string[] } {
  const taints = [...add];
  for (const old of current) if (!taints.some((t) => t.key === old.key && t.effect === old.effect)) taints.push(old);
  const added = current.length !== taints.length;
  let deleted = false;
  const errors: string[] = [];
  let result = taints;
  for (const r of remove) {
    const before = result.length;
    result = result.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
    deleted = result.length !== before;
    if (!deleted) errors.push(`taint ${JSON.stringify(taintString(r))} not found`);
  }
  const operation = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { taints: result, operation, errors };
}

function splitArgs(args: readonly string[]): { resources: string[]; taints: string[] } {
  const resources: string[] = [];
  const taints: string[] = [];
  for (const a of args) {
    const isTaint = a.includes('=') || a.includes(':') || a.endsWith('-');
    if (isTaint) taints.push(a);
    else if (taints.length > 0) throw new CommandError(`all resources must be specified before taint changes: ${a}`);
    else resources.push(a);
  }
  return { resources, taints };
}

function nodesFor(ctx: CommandContext, resources: readonly string[]): Node[] {
  const [type, ...names] = resources[0]!.includes('/') ? [resources[0]!.split('/')[0]!, ...resources.map((r) => r.split('/')[1]!)] : resources;
  const def = ctx.client.resource(type!);
  if (!def || def.kind !== 'Node') throw new CommandError(`invalid resource type ${type}, only node types are supported`);
  if (ctx.flags.all && ctx.flags.selector) throw new CommandError("setting 'all' parameter with a non empty selector is prohibited");
  if (ctx.flags.all || ctx.flags.selector) return ctx.client.list<Node>('Node', ctx.flags.selector ? { labelSelector: String(ctx.flags.selector) } : {});
  if (names.length === 0) throw new CommandError("at least one resource name must be specified since 'all' parameter is not set");
  return names.map((n) => ctx.client.get<Node>('Node', undefined, n));
}

export const taint: Command = {
  name: 'taint',
  short: 'Update the taints on one or more nodes',
  usage: 'kubectl taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]',
  flags: [
    { name: 'all', type: 'bool', default: false, usage: 'Select all nodes in the cluster' },
    { name: 'dry-run', type: 'string', default: 'none', usage: 'Must be "none", "server", or "client".' },
    { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output format.' },
    { name: 'overwrite', type: 'bool', default: false, usage: 'If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.' },
    { name: 'selector', short: 'l', type: 'string', default: '', usage: 'Selector (label query) to filter on.' },
    { name: 'field-manager', type: 'string', default: 'kubectl-taint', usage: 'Name of the manager used to track field ownership.' },
    { name: 'validate', type: 'string', default: 'strict', usage: 'Must be one of: strict (or true), warn, ignore (or false).' },
  ],
  run(ctx) {
    const { resources, taints: specs } = splitArgs(ctx.args);
    if (resources.length < 1) throw new CommandError('one or more resources must be specified as <resource> <name>');
    if (specs.length < 1) throw new CommandError('at least one taint update is required');
    let parsed: { add: Taint[]; remove: Taint[] };
    try {
      parsed = parseTaints(specs);
    } catch (e) {
      if (e instanceof CommandError) throw new UsageError(e.message);
      throw e;
    }
    const conflicts = parsed.remove.filter((r) => parsed.add.some((a) => a.key === r.key && (!r.effect || a.effect === r.effect))).map((r) => `${r.key}=${r.effect}`);
    if (conflicts.length > 0) throw new CommandError(`can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`);
    const dryRun = String(ctx.flags['dry-run']);
    for (const node of nodesFor(ctx, resources)) {
      const current = node.spec?.taints ?? [];
      if (!ctx.flags.overwrite) {
        const existing = parsed.add.filter((t) => current.some((o) => o.key === t.key && o.effect === t.effect)).map((t) => t.key);
        if (existing.length > 0) throw new CommandError(`node ${node.metadata.name} already has ${existing.join(',')} taint(s) with same effect(s) and --overwrite is false`);
      }
      const { taints, operation, errors } = reorganizeTaints(current, parsed.add, parsed.remove, Boolean(ctx.flags.overwrite));
      if (errors.length > 0) throw new CommandError(errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`);
      const updated = clone(node);
      updated.spec = { ...updated.spec, taints };
      if (taints.length === 0) delete updated.spec.taints;
      const result = dryRun === 'client' ? updated : ctx.client.update(updated, dryRun === 'server' ? { dryRun: true } : {});
      if (ctx.flags.output) printObjects(ctx, [result], String(ctx.flags.output), true);
      else ctx.out.out(`node/${node.metadata.name} ${operation}${dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''}\n`);
    }
  },
};
