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
  /** Came from a category such as `all` (its names print as `kind/name`). */
  fromCategory?: boolean;
}

/** Discovery order of the kinds in the `all` category (core, apps, autoscaling, batch). */
const CATEGORY_ORDER = ['Pod', 'ReplicationController', 'Service', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet', 'HorizontalPodAutoscaler', 'CronJob', 'Job'];

/** The kinds a category (`all`) expands to, in discovery order. */
export function categoryKinds(client: KubeClient, category: string): KindDef[] {
  const members = client.kinds().filter((k) => k.categories?.includes(category));
  const rank = (k: KindDef) => {
    const i = CATEGORY_ORDER.indexOf(k.kind);
    return i < 0 ? CATEGORY_ORDER.length : i;
  };
  return members.sort((a, b) => rank(a) - rank(b) || (a.kind < b.kind ? -1 : 1));
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
  const out: ResourceRequest[] = [];
  for (const t of types.split(',').filter((t) => t !== '')) {
    const category = t === 'all' ? categoryKinds(client, 'all') : [];
    if (category.length > 0) {
      for (const def of category) if (!out.some((r) => r.def === def)) out.push({ def, names: [...names], fromCategory: true });
      continue;
    }
    const def = resolveType(client, t);
    if (!out.some((r) => r.def === def)) out.push({ def, names: [...names] });
  }
  if (names.length > 0 && out.length > 1) {
    throw new CommandError(`you may only specify a single resource type`);
  }
  return out;
}

/** `pod/web`, `job.batch/pi`, `deployment.apps/web`: the `-o name` form. */
export function qualifiedName(def: KindDef, name: string): string {
  return `${def.kind.toLowerCase()}${def.group ? `.${def.group}` : ''}/${name}`;
}
