/**
 * `kubectl apply -f` (client-side apply: the last-applied-configuration annotation and a three-way
 * merge) and `kubectl create -f`. Each document is handled on its own: one failure does not stop
 * the others, as in kubectl.
 */
import { type KindDef, type KubeObject, type Manifest, StatusError, clone } from '../../engine/index.ts';
import { type Command, type CommandContext, CommandError, UsageError } from '../command.ts';
import { loadManifests } from '../manifests.ts';
import { qualifiedName } from '../resources.ts';
import { printObjects } from '../printers/output.ts';
import { sortKeys } from '../printers/format.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

const FILE_FLAGS = [
  { name: 'filename', short: 'f', type: 'stringArray' as const, default: [], usage: 'The files that contain the configurations to apply.' },
  { name: 'output', short: 'o', type: 'string' as const, default: '', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
  { name: 'dry-run', type: 'string' as const, default: 'none', usage: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.' },
  { name: 'recursive', short: 'R', type: 'bool' as const, default: false, usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
  { name: 'validate', type: 'string' as const, default: 'strict', usage: 'Must be one of: strict (or true), warn, ignore (or false).' },
];

interface Target {
  def: KindDef;
  namespace: string | undefined;
  name: string;
}

function targetOf(ctx: CommandContext, m: Manifest, source: string): Target {
  let def: KindDef;
  try {
    def = ctx.client.kindFor(m.apiVersion, m.kind);
  } catch (e) {
    if (e instanceof StatusError) {
      throw new CommandError(`resource mapping not found for name: "${m.metadata?.name ?? ''}" namespace: "${m.metadata?.namespace ?? ''}" from "${source}": ${e.message}\nensure CRDs are installed first`);
    }
    throw e;
  }
  const docNs = m.metadata?.namespace;
  if (def.namespaced && docNs && ctx.namespaceExplicit && docNs !== ctx.namespace) {
    throw new CommandError(`the namespace from the provided object "${docNs}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${docNs}' to perform this operation.`);
  }
  return { def, namespace: def.namespaced ? (docNs ?? ctx.namespace) : undefined, name: m.metadata?.name ?? '' };
}

export function dryRun(ctx: CommandContext): 'none' | 'client' | 'server' {
  const v = String(ctx.flags['dry-run']);
  if (v === 'none' || v === 'client' || v === 'server') return v;
  if (v === 'true' || v === '') return 'client';
  throw new CommandError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

export function suffix(mode: 'none' | 'client' | 'server'): string {
  return mode === 'client' ? ' (dry run)' : mode === 'server' ? ' (server dry run)' : '';
}

/** Fields removed since the last apply become nulls; maps recurse; everything else is the new value. */
function threeWayPatch(last: unknown, next: unknown): unknown {
  if (!isObject(next)) return next;
  const patch: Record<string, unknown> = {};
  const prev = isObject(last) ? last : {};
  for (const k of Object.keys(prev)) if (!(k in next)) patch[k] = null;
  for (const [k, v] of Object.entries(next)) patch[k] = isObject(v) && isObject(prev[k]) ? threeWayPatch(prev[k], v) : v;
  return patch;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function withNamespace(m: Manifest, t: Target): Manifest {
  const out = clone(m);
  out.metadata = { ...(out.metadata ?? {}) };
  if (t.namespace) out.metadata.namespace = t.namespace;
  return out;
}

function applyOne(ctx: CommandContext, m: Manifest, source: string, mode: 'none' | 'client' | 'server'): KubeObject | undefined {
  const t = targetOf(ctx, m, source);
  const desired = withNamespace(m, t);
  const lastApplied = `${JSON.stringify(desired)}\n`;
  const live = t.name ? ctx.client.tryGet(t.def.kind, t.namespace, t.name) : undefined;
  if (!live) {
    const obj = clone(desired);
    obj.metadata!.annotations = { ...(obj.metadata!.annotations ?? {}), [LAST_APPLIED]: lastApplied };
    const created = mode === 'client' ? (obj as KubeObject) : wrap('creating', source, () => ctx.client.create(obj, { dryRun: mode === 'server' }));
    report(ctx, t.def, created.metadata?.name ?? t.name, `created${suffix(mode)}`);
    return created;
  }
  const previous = live.metadata.annotations?.[LAST_APPLIED];
  const last = previous ? (JSON.parse(previous) as unknown) : {};
  const patch = threeWayPatch(last, desired) as Record<string, unknown>;
  const meta = (patch.metadata ?? {}) as Record<string, unknown>;
  patch.metadata = { ...meta, annotations: { ...((meta.annotations as Record<string, unknown> | null | undefined) ?? {}), [LAST_APPLIED]: lastApplied } };
  // Preview the patch first: an unchanged object is reported (and left) as is, as kubectl does
  // when the computed patch is empty; a client dry run stops at the preview.
  const preview = wrap('applying patch', source, () => ctx.client.patch(t.def.kind, t.namespace, t.name, 'strategic', patch, { dryRun: true }));
  const unchanged = sameContent(preview, live);
  const result = mode === 'none' && !unchanged ? wrap('applying patch', source, () => ctx.client.patch(t.def.kind, t.namespace, t.name, 'strategic', patch)) : preview;
  report(ctx, t.def, t.name, `${unchanged ? 'unchanged' : 'configured'}${suffix(mode)}`);
  return result;
}

/** Equal apart from the resourceVersion a write would bump. */
export function sameContent(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => JSON.stringify(sortKeys({ ...o, metadata: { ...o.metadata, resourceVersion: '' } }));
  return strip(a) === strip(b);
}

function wrap<T>(verb: string, source: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof StatusError) throw e.withSource(verb, source);
    throw e;
  }
}

/** `job.batch/pi created` — unless an -o format prints the objects instead. */
function report(ctx: CommandContext, def: KindDef, name: string, what: string): void {
  if (!ctx.flags.output) ctx.out.out(`${qualifiedName(def, name)} ${what}\n`);
}

function runForEach(ctx: CommandContext, verb: 'apply' | 'create', handle: (m: Manifest, source: string, mode: 'none' | 'client' | 'server') => KubeObject | undefined): void {
  const filenames = ctx.flags.filename as string[];
  if (filenames.length === 0) {
    throw new UsageError('must specify one of -f and -k');
  }
  const mode = dryRun(ctx);
  const docs = loadManifests(filenames, ctx.files, ctx.stdin, Boolean(ctx.flags.recursive));
  const output = String(ctx.flags.output ?? '');
  const results: KubeObject[] = [];
  let failed = false;
  for (const { manifest, source } of docs) {
    try {
      const r = handle(manifest, source, mode);
      if (r) results.push(r);
    } catch (e) {
      failed = true;
      if (e instanceof StatusError) ctx.out.err(`${e.kubectlMessage}\n`);
      else if (e instanceof CommandError) ctx.out.err(`error: ${e.message}\n`);
      else throw e;
    }
  }
  if (output !== '' && results.length > 0) printObjects(ctx, results, output, results.length === 1);
  if (docs.length === 0) throw new CommandError('no objects passed to ' + verb);
  if (failed) ctx.out.exitCode = 1;
}

export const apply: Command = {
  name: 'apply',
  short: 'Apply a configuration to a resource by file name or stdin',
  long: "Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn't exist yet. To use 'apply', always create the resource initially with either 'apply' or 'create --save-config'.\n\n JSON and YAML formats are accepted.\n\n Alpha Disclaimer: the --prune functionality is not yet complete. Do not use unless you are aware of what the current state is. See https://issues.k8s.io/34274.",
  examples: [["Apply the configuration in pod.json to a pod", "kubectl apply -f ./pod.json"], ["Apply the JSON passed into stdin to a pod", "cat pod.json | kubectl apply -f -"], ["Apply the configuration from all files that end with '.json'", "kubectl apply -f '*.json'"]],
  usage: 'kubectl apply (-f FILENAME | -k DIRECTORY) [options]',
  flags: [...FILE_FLAGS, { name: 'prune', type: 'bool', default: false, usage: 'Automatically delete resource objects that do not appear in the configs.' }],
  run(ctx) {
    runForEach(ctx, 'apply', (m, source, mode) => applyOne(ctx, m, source, mode));
  },
};

export function createFromFiles(ctx: CommandContext): void {
  runForEach(ctx, 'create', (m, source, mode) => {
    const t = targetOf(ctx, m, source);
    const obj = withNamespace(m, t);
    const created = mode === 'client' ? (obj as KubeObject) : wrap('creating', source, () => ctx.client.create(obj, { dryRun: mode === 'server' }));
    report(ctx, t.def, created.metadata?.name ?? t.name, `created${suffix(mode)}`);
    return created;
  });
}

export const CREATE_FILE_FLAGS = FILE_FLAGS;
