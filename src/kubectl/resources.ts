/**
 * Resource arguments as kubectl's resource builder reads them: `pods`, `pod web`, `po/web`,
 * `job,pods`, `jobs.batch`, `deploy/web rs/web-123`.
 */
import type { KindDef } from '../engine/index.ts';
import type { KubeClient } from './client.ts';
import { CommandError } from './command.ts';

export interface ResourceRequest {
  def: KindDef;
  /** Names asked for; empty means "all of this type". */
  names: string[];
}

export function unknownResourceError(name: string): CommandError {
  return new CommandError(`the server doesn't have a resource type "${name}"`);
}

export function resolveType(client: KubeClient, name: string): KindDef {
  const def = client.resource(name);
  if (!def) throw unknownResourceError(name);
  return def;
}

/** Parse the positional arguments of get/describe/delete/label... into typed requests. */
export function parseResourceArgs(client: KubeClient, args: readonly string[]): ResourceRequest[] {
  if (args.length === 0) return [];
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length > 0) {
    if (slashed.length !== args.length) {
      throw new CommandError('there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. \'kubectl get resource/<resource_name>\' instead of \'kubectl get resource resource/<resource_name>\'');
    }
    const out: ResourceRequest[] = [];
    for (const a of args) {
      const slash = a.indexOf('/');
      const type = a.slice(0, slash);
      const name = a.slice(slash + 1);
      if (!name) throw new CommandError(`arguments in resource/name form must have a single resource and name`);
      const def = resolveType(client, type);
      const existing = out.find((r) => r.def === def);
      if (existing) existing.names.push(name);
      else out.push({ def, names: [name] });
    }
    return out;
  }
  const [types, ...names] = args as [string, ...string[]];
  const defs = types.split(',').filter((t) => t !== '').map((t) => resolveType(client, t));
  if (names.length > 0 && defs.length > 1) {
    throw new CommandError(`you may only specify a single resource type`);
  }
  return defs.map((def) => ({ def, names: [...names] }));
}

/** `pod/web`, `job.batch/pi`, `deployment.apps/web`: the `-o name` form. */
export function qualifiedName(def: KindDef, name: string): string {
  return `${def.kind.toLowerCase()}${def.group ? `.${def.group}` : ''}/${name}`;
}
