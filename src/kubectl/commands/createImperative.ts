/**
 * What every imperative `kubectl create <kind> NAME` shares (create/create.go in our words): the
 * single NAME argument, `--dry-run=none|client|server`, `-o` to print the object instead of
 * `kind/name created`.
 */
import type { KubeObject, Manifest } from '../../engine/index.ts';
import { type CommandContext, UsageError } from '../command.ts';
import type { FlagDef } from '../parse.ts';
import { printObjects } from '../printers/output.ts';
import { qualifiedName } from '../resources.ts';
import { dryRun, suffix } from './apply.ts';

export const IMPERATIVE_FLAGS: FlagDef[] = [
  { name: 'dry-run', type: 'string', default: 'none', usage: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.' },
  { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
  { name: 'save-config', type: 'bool', default: false, usage: "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future." },
  { name: 'validate', type: 'string', default: 'strict', usage: "Must be one of: strict (or true), warn, ignore (or false). \"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. \"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. \"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields." },
];

/** The one NAME argument, or kubectl's usage error. */
export function requireOneName(ctx: CommandContext): string {
  if (ctx.args.length !== 1) throw new UsageError(`exactly one NAME is required, got ${ctx.args.length}`);
  return ctx.args[0]!;
}

/** Create (or dry-run) `manifest` and print as kubectl does. */
export function createImperative(ctx: CommandContext, manifest: Manifest): KubeObject {
  const mode = dryRun(ctx);
  const def = ctx.client.kindFor(manifest.apiVersion, manifest.kind);
  if (def.namespaced && (mode !== 'client' || ctx.namespaceExplicit)) manifest.metadata = { ...manifest.metadata, namespace: manifest.metadata?.namespace ?? ctx.namespace };
  // A client dry run prints the Go object kubectl built: unset creationTimestamp and empty status show.
  const created = mode === 'client' ? ({ ...manifest, metadata: { creationTimestamp: null, ...manifest.metadata }, ...(def.hasStatus ? { status: {} } : {}) } as unknown as KubeObject) : ctx.client.create(manifest, { dryRun: mode === 'server' });
  const output = String(ctx.flags.output ?? '');
  if (output) printObjects(ctx, [created], output, true);
  else ctx.out.out(`${qualifiedName(def, created.metadata?.name ?? '')} created${suffix(mode)}\n`);
  return created;
}
