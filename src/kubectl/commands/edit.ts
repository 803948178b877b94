/**
 * `kubectl edit` (staging/src/k8s.io/kubectl/pkg/cmd/edit + cmd/util/editor): the command returns
 * an EditRequest — the objects as YAML under kubectl's comment header — for the host's editor;
 * `finishEdit` then does what kubectl does when the editor closes: strip comments, cancel on an
 * empty or unchanged buffer, otherwise update each object (its resourceVersion guards against
 * concurrent changes) and print `kind/name edited`.
 */
import YAML from 'yaml';
import { type KubeObject, StatusError, clone } from '../../engine/index.ts';
import type { KubeClient } from '../client.ts';
import { type Command, CommandError } from '../command.ts';
import { type EditRequest, type KubectlResult, Output } from '../io.ts';
import { asList, toYaml } from '../printers/format.ts';
import { qualifiedName } from '../resources.ts';
import { namedObjects } from './patch.ts';
import { targets as selectedObjects } from './label.ts';

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

export const edit: Command = {
  name: 'edit',
  short: 'Edit a resource on the server',
  long: 'Edit a resource from the default editor.\n\n The edit command allows you to directly edit any API resource you can retrieve via the command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to \'vi\' for Linux or \'notepad\' for Windows. When attempting to open the editor, it will first attempt to use the shell that has been defined in the \'SHELL\' environment variable. If this is not defined, the default shell will be used, which is \'/bin/bash\' for Linux or \'cmd\' for Windows.\n\n You can edit multiple objects, although changes are applied one at a time. The command accepts file names as well as command-line arguments, although the files you point to must be previously saved versions of resources.\n\n Editing is done with the API version used to fetch the resource. To edit using a specific API version, fully-qualify the resource, version, and group.\n\n The default format is YAML. To edit in JSON, specify "-o json".\n\n The flag --windows-line-endings can be used to force Windows line endings, otherwise the default for your operating system will be used.\n\n In the event an error occurs while updating, a temporary file will be created on disk that contains your unapplied changes. The most common error when updating a resource is another editor changing the resource on the server. When this occurs, you will have to apply your changes to the newer version of the resource, or update your temporary saved copy to include the latest resource version.',
  examples: [
    ['Edit the service named \'registry\'', 'kubectl edit svc/registry'],
    ['Edit the deployment \'mydeployment\' in YAML and save the modified config in its annotation', 'kubectl edit deployment/mydeployment -o yaml --save-config'],
    ['Edit the \'status\' subresource for the \'mydeployment\' deployment', 'kubectl edit deployment mydeployment --subresource=\'status\''],
  ],
  usage: 'kubectl edit (RESOURCE/NAME | -f FILENAME) [options]',
  args: 'resources',
  flags: [
    { name: 'filename', short: 'f', type: 'stringArray', default: [], usage: 'Filename, directory, or URL to files to use to edit the resource' },
    { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
    { name: 'selector', short: 'l', type: 'string', default: '', usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." },
    { name: 'all', type: 'bool', default: false, usage: 'Select all resources in the namespace of the specified resource types' },
    { name: 'save-config', type: 'bool', default: false, usage: 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.' },
  ],
  run(ctx) {
    if (ctx.args.length === 0 && (ctx.flags.filename as string[]).length === 0) {
      throw new CommandError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    }
    const needsSelection = ctx.args.length === 1 && !ctx.args[0]!.includes('/') && (ctx.flags.selector || ctx.flags.all);
    const objects: KubeObject[] = needsSelection ? selectedObjects(ctx, ctx.args) : namedObjects(ctx);
    if (objects.length === 0) throw new CommandError('edit cancelled, no objects found');
    const body = objects.length === 1 ? objects[0] : asList(objects);
    const yaml = `${HEADER}${toYaml(body)}`;
    const request: EditRequest = {
      title: objects.length === 1 ? qualifiedName(ctx.client.resource(objects[0]!.kind)!, objects[0]!.metadata.name) : `${objects.length} objects`,
      targets: objects.map((o) => ({ kind: o.kind, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}), name: o.metadata.name })),
      yaml,
      original: yaml,
    };
    ctx.out.edit = request;
  },
};

/** Apply what the user saved in the editor; returns what kubectl prints after the editor closes. */
export function finishEdit(client: KubeClient, request: EditRequest, saved: string): KubectlResult {
  const out = new Output();
  const stripped = saved.split('\n').filter((l) => !l.trimStart().startsWith('#')).join('\n');
  if (stripped.trim() === '' || saved === request.original) {
    out.out('Edit cancelled, no changes made.\n');
    return out.result();
  }
  let parsed: unknown;
  try {
    parsed = YAML.parse(stripped, { version: '1.1' });
  } catch (e) {
    out.fail(`error: error parsing edited object: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
    return out.result();
  }
  const items = (parsed as { kind?: string; items?: unknown[] })?.kind === 'List' ? ((parsed as { items: unknown[] }).items ?? []) : [parsed];
  let changed = 0;
  for (const item of items) {
    if (!item || typeof item !== 'object') continue;
    const obj = clone(item) as KubeObject;
    const target = request.targets.find((t) => t.kind === obj.kind && t.name === obj.metadata?.name);
    if (!target) {
      out.fail(`error: the edited object ${obj.kind ?? '<unknown>'}/${obj.metadata?.name ?? ''} is not one of the objects being edited (names and kinds cannot change)`);
      continue;
    }
    const live = client.tryGet(target.kind, target.namespace, target.name);
    if (!live) {
      out.fail(`Error from server (NotFound): ${client.resource(target.kind)!.plural} "${target.name}" not found`);
      continue;
    }
    // kubectl sends the difference as a patch; keys keep the live object's order.
    const patch = mergePatchBetween(live, reorderLike(obj, live));
    if (patch === undefined) continue;
    const rv = obj.metadata?.resourceVersion;
    const body = { ...(patch as Record<string, unknown>), metadata: { ...((patch as { metadata?: object }).metadata ?? {}), ...(rv ? { resourceVersion: rv } : {}) } };
    try {
      const updated = client.patch(target.kind, target.namespace, target.name, 'merge', body);
      changed++;
      out.out(`${qualifiedName(client.resource(updated.kind)!, updated.metadata.name)} edited\n`);
    } catch (e) {
      if (e instanceof StatusError) out.fail(e.kubectlMessage);
      else throw e;
    }
  }
  if (changed === 0 && out.exitCode === 0) out.out('Edit cancelled, no changes made.\n');
  return out.result();
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `value` with object keys in `like`'s order (new keys last), recursively. */
export function reorderLike(value: unknown, like: unknown): unknown {
  if (Array.isArray(value)) return value.map((v, i) => reorderLike(v, Array.isArray(like) ? like[i] : undefined));
  if (!isMap(value)) return value;
  const template = isMap(like) ? like : {};
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(template)) if (k in value) out[k] = reorderLike(value[k], template[k]);
  for (const k of Object.keys(value)) if (!(k in out)) out[k] = value[k];
  return out;
}

/** The JSON merge patch (RFC 7386) turning `from` into `to`; undefined when they are equal. */
export function mergePatchBetween(from: unknown, to: unknown): unknown {
  if (!isMap(from) || !isMap(to)) return JSON.stringify(from) === JSON.stringify(to) ? undefined : to;
  const patch: Record<string, unknown> = {};
  for (const k of Object.keys(from)) if (!(k in to)) patch[k] = null;
  for (const [k, v] of Object.entries(to)) {
    const d = k in from ? mergePatchBetween(from[k], v) : v;
    if (d !== undefined) patch[k] = d;
  }
  return Object.keys(patch).length === 0 ? undefined : patch;
}
