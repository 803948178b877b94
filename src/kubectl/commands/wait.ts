/**
 * `kubectl wait` (staging/src/k8s.io/kubectl/pkg/cmd/wait/wait.go): block — in virtual time,
 * through `client.waitFor`, so the simulation runs forward — until each named object meets
 * `--for=condition=X[=value]`, `--for=delete`, `--for=create` or `--for=jsonpath='{...}'[=value]`,
 * or `--timeout` (default 30s) passes. Prints `kind/name condition met` per object.
 */
import { type KubeObject, parseDuration } from '../../engine/index.ts';
import { type Command, type CommandContext, CommandError, UsageError } from '../command.ts';
import { JsonPathError, findResults, parseJsonPath, relaxedJsonPath } from '../printers/jsonpath.ts';
import { parseResourceArgs, qualifiedName } from '../resources.ts';
import { loadManifests } from '../manifests.ts';
import { NO_RESOURCES } from './delete.ts';

type Condition =
  | { kind: 'delete' }
  | { kind: 'create' }
  | { kind: 'condition'; type: string; value: string }
  | { kind: 'jsonpath'; expr: string; value: string | undefined };

/** Parse `--for`, with kubectl's error for anything else. */
export function parseFor(text: string): Condition {
  const lower = text.toLowerCase();
  if (lower === 'delete') return { kind: 'delete' };
  if (lower === 'create') return { kind: 'create' };
  if (lower.startsWith('condition=')) {
    const rest = text.slice('condition='.length);
    const eq = rest.indexOf('=');
    return { kind: 'condition', type: eq < 0 ? rest : rest.slice(0, eq), value: eq < 0 ? 'true' : rest.slice(eq + 1) };
  }
  if (lower.startsWith('jsonpath=')) {
    const rest = text.slice('jsonpath='.length);
    const close = rest.lastIndexOf('}');
    const split = close >= 0 ? rest.indexOf('=', close) : rest.indexOf('=');
    const expr = split < 0 ? rest : rest.slice(0, split);
    const value = split < 0 ? undefined : rest.slice(split + 1);
    if (expr === '') throw new CommandError('jsonpath expression cannot be empty');
    try {
      parseJsonPath(relaxedJsonPath(expr));
    } catch (e) {
      if (e instanceof JsonPathError) throw new CommandError(e.message);
      throw e;
    }
    return { kind: 'jsonpath', expr: relaxedJsonPath(expr), value };
  }
  throw new CommandError(`unrecognized condition: "${text}"`);
}

/** Whether a (possibly missing) object meets the condition. */
export function conditionMet(cond: Condition, obj: KubeObject | undefined): boolean {
  switch (cond.kind) {
    case 'delete':
      return obj === undefined;
    case 'create':
      return obj !== undefined;
    case 'condition': {
      const conditions = ((obj?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []);
      return conditions.some((c) => c.type.toLowerCase() === cond.type.toLowerCase() && c.status.toLowerCase() === cond.value.toLowerCase());
    }
    case 'jsonpath': {
      if (!obj) return false;
      const values = findResults(cond.expr, obj).flat();
      if (values.length === 0) return false;
      if (cond.value === undefined) return true;
      return values.every((v) => (typeof v === 'string' ? v : JSON.stringify(v)) === cond.value);
    }
  }
}

interface Target {
  kind: string;
  namespace: string | undefined;
  name: string;
  display: string;
  uid?: string;
}

function targets(ctx: CommandContext, cond: Condition): Target[] {
  const files = ctx.flags.filename as string[];
  const out: Target[] = [];
  const push = (kind: string, namespace: string | undefined, name: string) => {
    const def = ctx.client.resource(kind)!;
    const obj = ctx.client.tryGet(kind, namespace, name);
    if (!obj && cond.kind !== 'delete' && cond.kind !== 'create') ctx.client.get(kind, namespace, name);
    out.push({ kind, namespace, name, display: qualifiedName(def, name), ...(obj ? { uid: obj.metadata.uid } : {}) });
  };
  if (files.length > 0) {
    for (const { manifest } of loadManifests(files, ctx.files, ctx.stdin)) {
      const def = ctx.client.kindFor(manifest.apiVersion, manifest.kind);
      push(def.kind, def.namespaced ? (manifest.metadata?.namespace ?? ctx.namespace) : undefined, manifest.metadata?.name ?? '');
    }
    return out;
  }
  const requests = parseResourceArgs(ctx.client, ctx.args);
  if (requests.length === 0) throw new UsageError(NO_RESOURCES);
  const allNs = Boolean(ctx.flags['all-namespaces']);
  for (const req of requests) {
    const ns = req.def.namespaced ? ctx.namespace : undefined;
    if (req.names.length > 0) {
      for (const name of req.names) push(req.def.kind, ns, name);
      continue;
    }
    if (!ctx.flags.all && !ctx.flags.selector && !ctx.flags['field-selector']) throw new CommandError('resource(s) were provided, but no name was specified');
    const objects = ctx.client.list(req.def.kind, {
      ...(req.def.namespaced && !allNs ? { namespace: ctx.namespace } : {}),
      ...(ctx.flags.selector ? { labelSelector: String(ctx.flags.selector) } : {}),
      ...(ctx.flags['field-selector'] ? { fieldSelector: String(ctx.flags['field-selector']) } : {}),
    });
    for (const o of objects) push(o.kind, o.metadata.namespace, o.metadata.name);
  }
  if (out.length === 0) throw new CommandError('no matching resources found');
  return out;
}

export const wait: Command = {
  name: 'wait',
  short: 'Experimental: Wait for a specific condition on one or many resources',
  long: "Experimental: Wait for a specific condition on one or many resources.\n\n The command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.\n\n Alternatively, the command can wait for the given set of resources to be created or deleted by providing the \"create\" or \"delete\" keyword as the value to the --for flag.\n\n A successful message will be printed to stdout indicating when the specified condition has been met. You can use -o option to change to output destination.",
  examples: [
    ['Wait for the pod "busybox1" to contain the status condition of type "Ready"', 'kubectl wait --for=condition=Ready pod/busybox1'],
    ['The default value of status condition is true; you can wait for other targets after an equal delimiter (compared after Unicode simple case folding, which is a more general form of case-insensitivity)', 'kubectl wait --for=condition=Ready=false pod/busybox1'],
    ['Wait for the pod "busybox1" to contain the status phase to be "Running"', "kubectl wait --for=jsonpath='{.status.phase}'=Running pod/busybox1"],
    ['Wait for pod "busybox1" to be deleted, with a timeout of 60s, after having issued the "delete" command', 'kubectl delete pod/busybox1\n  kubectl wait --for=delete pod/busybox1 --timeout=60s'],
  ],
  usage: 'kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath=\'{}\'[=value]] [options]',
  args: 'resources',
  flags: [
    { name: 'all', type: 'bool', default: false, usage: 'Select all resources in the namespace of the specified resource types' },
    { name: 'all-namespaces', short: 'A', type: 'bool', default: false, usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
    { name: 'field-selector', type: 'string', default: '', usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." },
    { name: 'filename', short: 'f', type: 'stringArray', default: [], usage: 'identifying the resource.' },
    { name: 'for', type: 'string', default: '', usage: "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true.  Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity." },
    { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
    { name: 'selector', short: 'l', type: 'string', default: '', usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." },
    { name: 'timeout', type: 'string', default: '30s', usage: 'The length of time to wait before giving up.  Zero means check once and don\'t wait, negative means wait for a week.' },
  ],
  run(ctx) {
    const cond = parseFor(String(ctx.flags.for ?? ''));
    const timeoutText = String(ctx.flags.timeout);
    const timeout = parseDuration(timeoutText);
    if (timeout === undefined && !/^-/.test(timeoutText)) throw new CommandError(`invalid argument "${timeoutText}" for "--timeout" flag: time: invalid duration "${timeoutText}"`);
    const limitMs = timeout === undefined || timeout < 0 ? 7 * 24 * 3600_000 : timeout;
    for (const t of targets(ctx, cond)) {
      const current = () => {
        const obj = ctx.client.tryGet(t.kind, t.namespace, t.name);
        // --for=delete is met once the object we saw is gone, even if a namesake was created since.
        return cond.kind === 'delete' && obj && t.uid && obj.metadata.uid !== t.uid ? undefined : obj;
      };
      const met = ctx.client.waitFor(() => conditionMet(cond, current()), limitMs);
      if (!met) {
        ctx.out.fail(`error: timed out waiting for the condition on ${ctx.client.resource(t.kind)!.plural}/${t.name}`);
        return;
      }
      ctx.out.out(`${t.display} condition met\n`);
    }
  },
};
