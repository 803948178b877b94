/**
 * `kubectl patch` (staging/src/k8s.io/kubectl/pkg/cmd/patch/patch.go): a strategic, merge or JSON
 * patch given inline (`-p`, JSON or YAML) or from `--patch-file`, to objects named by TYPE NAME,
 * TYPE/NAME or `-f`; `--subresource=status` writes the status. Prints `kind/name patched`, or
 * `(no change)` when the object did not change.
 */
import YAML from 'yaml';
import { type KubeObject, type PatchType, StatusError } from '../../engine/index.ts';
import { type Command, type CommandContext, CommandError, UsageError } from '../command.ts';
import { loadManifests } from '../manifests.ts';
import { printObjects } from '../printers/output.ts';
import { parseResourceArgs, qualifiedName } from '../resources.ts';
import { dryRun, sameContent, suffix } from './apply.ts';
import { NO_RESOURCES } from './delete.ts';

/** The objects a command names by TYPE NAME..., TYPE/NAME... or -f (no selectors). */
export function namedObjects(ctx: CommandContext): KubeObject[] {
  const files = (ctx.flags.filename as string[] | undefined) ?? [];
  const refs: { kind: string; namespace: string | undefined; name: string }[] = [];
  if (files.length > 0) {
    for (const { manifest } of loadManifests(files, ctx.files, ctx.stdin)) {
      const def = ctx.client.kindFor(manifest.apiVersion, manifest.kind);
      refs.push({ kind: def.kind, namespace: def.namespaced ? (manifest.metadata?.namespace ?? ctx.namespace) : undefined, name: manifest.metadata?.name ?? '' });
    }
  } else {
    const requests = parseResourceArgs(ctx.client, ctx.args);
    if (requests.length === 0) throw new UsageError(NO_RESOURCES);
    for (const req of requests) {
      if (req.names.length === 0) throw new CommandError('resource(s) were provided, but no name was specified');
      for (const name of req.names) refs.push({ kind: req.def.kind, namespace: req.def.namespaced ? ctx.namespace : undefined, name });
    }
  }
  return refs.map((r) => ctx.client.get(r.kind, r.namespace, r.name));
}

const TYPES: Record<string, PatchType> = { json: 'json', merge: 'merge', strategic: 'strategic' };

function patchBody(ctx: CommandContext): unknown {
  let text = String(ctx.flags.patch ?? '');
  const file = String(ctx.flags['patch-file'] ?? '');
  if (text && file) throw new CommandError('cannot specify --patch and --patch-file together');
  if (file) {
    const content = ctx.files?.read(file);
    if (content === undefined) throw new CommandError(`unable to read patch file: open ${file}: no such file or directory`);
    text = content;
  }
  if (!text) throw new CommandError('must specify --patch or --patch-file containing the contents of the patch');
  try {
    return YAML.parse(text, { version: '1.1' }) as unknown;
  } catch (e) {
    throw new CommandError(`unable to parse "${text}": yaml: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
  }
}

export const patch: Command = {
  name: 'patch',
  short: 'Update fields of a resource',
  long: 'Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.\n\n JSON and YAML formats are accepted.\n\n Note: Strategic merge patch is not supported for custom resources.',
  examples: [
    ['Partially update a node using a strategic merge patch, specifying the patch as JSON', 'kubectl patch node k8s-node-1 -p \'{"spec":{"unschedulable":true}}\''],
    ['Update a container\'s image; spec.containers[*].name is required because it\'s a merge key', 'kubectl patch pod valid-pod -p \'{"spec":{"containers":[{"name":"kubernetes-serve-hostname","image":"new image"}]}}\''],
    ['Update a container\'s image using a JSON patch with positional arrays', 'kubectl patch pod valid-pod --type=\'json\' -p=\'[{"op": "replace", "path": "/spec/containers/0/image", "value":"new image"}]\''],
    ['Update a deployment\'s replicas through the \'scale\' subresource using a merge patch', 'kubectl patch deployment nginx-deployment --subresource=\'scale\' --type=\'merge\' -p \'{"spec":{"replicas":2}}\''],
  ],
  usage: 'kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]',
  args: 'resources',
  flags: [
    { name: 'dry-run', type: 'string', default: 'none', usage: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.' },
    { name: 'filename', short: 'f', type: 'stringArray', default: [], usage: 'Filename, directory, or URL to files identifying the resource to update' },
    { name: 'local', type: 'bool', default: false, usage: 'If true, patch will operate on the content of the file, not the server-side resource.' },
    { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
    { name: 'patch', short: 'p', type: 'string', default: '', usage: 'The patch to be applied to the resource JSON file.' },
    { name: 'patch-file', type: 'string', default: '', usage: 'A file containing a patch to be applied to the resource.' },
    { name: 'subresource', type: 'string', default: '', usage: "If specified, patch will operate on the subresource of the requested object. Must be one of [status scale]. This flag is beta and may change in the future." },
    { name: 'type', type: 'string', default: 'strategic', usage: 'The type of patch being provided; one of [json merge strategic]' },
  ],
  run(ctx) {
    const type = TYPES[String(ctx.flags.type)];
    if (!type) throw new CommandError(`--type must be one of [json merge strategic], not "${String(ctx.flags.type)}"`);
    const sub = String(ctx.flags.subresource ?? '');
    if (sub && sub !== 'status' && sub !== 'scale') throw new CommandError(`invalid subresource value: "${sub}". Must be one of [status scale]`);
    const body = patchBody(ctx);
    const mode = dryRun(ctx);
    for (const obj of namedObjects(ctx)) {
      const def = ctx.client.resource(obj.kind)!;
      const name = qualifiedName(def, obj.metadata.name);
      const write = (dry: boolean): KubeObject => {
        try {
          if (sub === 'scale') {
            const replicas = (body as { spec?: { replicas?: number } } | null)?.spec?.replicas;
            return ctx.client.patch(obj.kind, obj.metadata.namespace, obj.metadata.name, 'merge', { spec: { replicas } }, { dryRun: dry });
          }
          return ctx.client.patch(obj.kind, obj.metadata.namespace, obj.metadata.name, type, body, { dryRun: dry, ...(sub === 'status' ? { subresource: 'status' as const } : {}) });
        } catch (e) {
          if (e instanceof StatusError && e.reason === 'BadRequest' && type !== 'json' && (typeof body !== 'object' || body === null)) {
            throw new CommandError(`unable to parse "${String(ctx.flags.patch)}": json: cannot unmarshal ${typeof body} into Go value of type map[string]interface {}`);
          }
          throw e;
        }
      };
      // A dry run first: an unchanged object is reported as "(no change)" without a write, as the API server skips no-op updates.
      const preview = write(true);
      const unchanged = sameContent(preview, obj);
      const result = mode === 'none' && !unchanged ? write(false) : preview;
      if (ctx.flags.output) printObjects(ctx, [result], String(ctx.flags.output), true);
      else ctx.out.out(`${name} patched${unchanged ? ' (no change)' : suffix(mode)}\n`);
    }
  },
};
