/**
 * Resource selection shared by scale, rollout and set image: `TYPE NAME...`, `TYPE/NAME...`,
 * `-l selector`, `--all`, or `-f FILE` (objects named by the files, read live from the cluster).
 */
import type { KubeObject } from '../../engine/index.ts';
import type { CommandContext } from '../command.ts';
import { loadManifests } from '../manifests.ts';
import { targets } from './label.ts';

export function workloadTargets(ctx: CommandContext, resources: readonly string[]): KubeObject[] {
  const files = (ctx.flags.filename as string[] | undefined) ?? [];
  if (files.length === 0) return targets(ctx, resources);
  return loadManifests(files, ctx.files, ctx.stdin).map(({ manifest }) => {
    const def = ctx.client.kindFor(manifest.apiVersion, manifest.kind);
    return ctx.client.get(def.kind, def.namespaced ? (manifest.metadata?.namespace ?? ctx.namespace) : undefined, manifest.metadata?.name ?? '');
  });
}

/** `deployments.apps`: the resource string upstream's error messages use. */
export function resourceString(ctx: CommandContext, obj: KubeObject): string {
  const def = ctx.client.resource(obj.kind)!;
  return `${def.plural}${def.group ? `.${def.group}` : ''}`;
}
