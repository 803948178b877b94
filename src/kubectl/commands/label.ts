/**
 * `kubectl label` and `kubectl annotate`: `key=value` sets, `key-` removes, `--overwrite` to change
 * an existing value, `--all`, `-l`, `--list`. Output and errors as kubectl prints them.
 */
import { type KubeObject, StatusError, validateLabelKey, validateLabelValue } from '../../engine/index.ts';
import { type Command, type CommandContext, CommandError, UsageError } from '../command.ts';
import { parseResourceArgs, qualifiedName } from '../resources.ts';
import { printObjects } from '../printers/output.ts';

type Field = 'labels' | 'annotations';

interface Change {
  set: Record<string, string>;
  remove: string[];
}

function splitArgs(args: readonly string[]): { resources: string[]; change: Change } {
  const resources: string[] = [];
  const change: Change = { set: {}, remove: [] };
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq > 0) change.set[a.slice(0, eq)] = a.slice(eq + 1);
    else if (a.endsWith('-') && a.length > 1 && resources.length > 0) change.remove.push(a.slice(0, -1));
    else resources.push(a);
  }
  return { resources, change };
}

function makeCommand(field: Field): Command {
  const noun = field === 'labels' ? 'label' : 'annotation';
  const past = field === 'labels' ? 'labeled' : 'annotated';
  return {
    name: field === 'labels' ? 'label' : 'annotate',
    short: field === 'labels' ? 'Update the labels on a resource' : 'Update the annotations on a resource',
    long:
      field === 'labels'
        ? "Update the labels on a resource.\n\n  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.\n  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.\n  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.\n  *  If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used."
        : 'Update the annotations on one or more resources.\n\n All Kubernetes objects support the ability to store additional data with the object as annotations. Annotations are key/value pairs that can be larger than labels and include arbitrary string values such as structured JSON. Tools and system extensions may use annotations to store their own data.\n\n Attempting to set an annotation that already exists will fail unless --overwrite is set. If --resource-version is specified and does not match the current resource version on the server the command will fail.\n\nUse "kubectl api-resources" for a complete list of supported resources.',
    examples:
      field === 'labels'
        ? [
            ["Update pod 'foo' with the label 'unhealthy' and the value 'true'", 'kubectl label pods foo unhealthy=true'],
            ["Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value", 'kubectl label --overwrite pods foo status=unhealthy'],
            ['Update all pods in the namespace', 'kubectl label pods --all status=unhealthy'],
            ["Update pod 'foo' by removing a label named 'bar' if it exists\n  # Does not require the --overwrite flag", 'kubectl label pods foo bar-'],
          ]
        : [
            ["Update pod 'foo' with the annotation 'description' and the value 'my frontend'\n  # If the same annotation is set multiple times, only the last value will be applied", "kubectl annotate pods foo description='my frontend'"],
            ["Update pod 'foo' with the annotation 'description' and the value 'my frontend running nginx', overwriting any existing value", "kubectl annotate --overwrite pods foo description='my frontend running nginx'"],
            ["Update pod 'foo' by removing an annotation named 'description' if it exists\n  # Does not require the --overwrite flag", 'kubectl annotate pods foo description-'],
          ],
    usage:
      field === 'labels'
        ? 'kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]'
        : 'kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
    args: 'resources',
    flags: [
      { name: 'all', type: 'bool', default: false, usage: 'Select all resources, in the namespace of the specified resource types' },
      { name: 'all-namespaces', short: 'A', type: 'bool', default: false, usage: 'If true, check the specified action in all namespaces.' },
      { name: 'overwrite', type: 'bool', default: false, usage: `If true, allow ${field} to be overwritten, otherwise reject ${noun} updates that overwrite existing ${field}.` },
      { name: 'selector', short: 'l', type: 'string', default: '', usage: 'Selector (label query) to filter on.' },
      { name: 'field-selector', type: 'string', default: '', usage: 'Selector (field query) to filter on.' },
      { name: 'list', type: 'bool', default: false, usage: `If true, display the ${field} for a given resource.` },
      { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output format.' },
      { name: 'dry-run', type: 'string', default: 'none', usage: 'Must be "none", "server", or "client".' },
      { name: 'resource-version', type: 'string', default: '', usage: 'If non-empty, the update will only succeed if this is the current resource-version for the object.' },
    ],
    run(ctx) {
      const { resources, change } = splitArgs(ctx.args);
      if (resources.length === 0) throw new UsageError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
      const listing = Boolean(ctx.flags.list);
      if (!listing && Object.keys(change.set).length === 0 && change.remove.length === 0) {
        throw new UsageError(`at least one ${noun} update is required`);
      }
      for (const [k, v] of Object.entries(change.set)) {
        const keyErr = validateLabelKey(k);
        if (keyErr) throw new CommandError(`invalid ${noun} spec: ${k}=${v}: ${keyErr}`);
        if (field === 'labels') {
          const valErr = validateLabelValue(v);
          if (valErr) throw new CommandError(`invalid label value: "${k}=${v}": ${valErr}`);
        }
      }
      for (const obj of targets(ctx, resources)) {
        const def = ctx.client.resource(obj.kind)!;
        const name = qualifiedName(def, obj.metadata.name);
        const current = { ...(obj.metadata[field] ?? {}) } as Record<string, string>;
        if (listing) {
          ctx.out.out(Object.keys(current).sort().map((k) => `${k}=${current[k]}\n`).join(''));
          continue;
        }
        if (!ctx.flags.overwrite) {
          for (const [k, v] of Object.entries(change.set)) {
            if (k in current && current[k] !== v) throw new CommandError(`'${k}' already has a value (${current[k]}), and --overwrite is false`);
          }
        }
        const next = { ...current, ...change.set };
        for (const k of change.remove) delete next[k];
        const changed = JSON.stringify(sorted(next)) !== JSON.stringify(sorted(current));
        const rv = String(ctx.flags['resource-version'] || '');
        let result = obj;
        if (changed && ctx.flags['dry-run'] === 'none') {
          const patch: Record<string, string | null> = { ...change.set };
          for (const k of change.remove) patch[k] = null;
          result = ctx.client.patch(obj.kind, obj.metadata.namespace, obj.metadata.name, 'merge', { metadata: { [field]: patch, ...(rv ? { resourceVersion: rv } : {}) } });
        }
        if (ctx.flags.output) printObjects(ctx, [result], String(ctx.flags.output), true);
        else {
          const verb = !changed ? `not ${past}` : Object.keys(change.set).length === 0 ? `un${past}` : past;
          ctx.out.out(`${name} ${verb}${ctx.flags['dry-run'] !== 'none' ? ' (dry run)' : ''}\n`);
        }
      }
    },
  };
}

function sorted(o: Record<string, string>): [string, string][] {
  return Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The objects named by resource arguments, `--all` or selectors. */
export function targets(ctx: CommandContext, resources: readonly string[]): KubeObject[] {
  const out: KubeObject[] = [];
  const allNs = Boolean(ctx.flags['all-namespaces']);
  for (const req of parseResourceArgs(ctx.client, resources)) {
    const ns = req.def.namespaced ? ctx.namespace : undefined;
    if (req.names.length > 0) {
      for (const name of req.names) out.push(ctx.client.get(req.def.kind, ns, name));
      continue;
    }
    if (!ctx.flags.all && !ctx.flags.selector && !ctx.flags['field-selector']) {
      throw new CommandError(`resource(s) were provided, but no name was specified`);
    }
    out.push(
      ...ctx.client.list(req.def.kind, {
        ...(req.def.namespaced && !allNs ? { namespace: ctx.namespace } : {}),
        ...(ctx.flags.selector ? { labelSelector: String(ctx.flags.selector) } : {}),
        ...(ctx.flags['field-selector'] ? { fieldSelector: String(ctx.flags['field-selector']) } : {}),
      }),
    );
  }
  if (out.length === 0) throw new StatusError('NotFound', 'no matching resources found');
  return out;
}

export const label = makeCommand('labels');
export const annotate = makeCommand('annotations');
