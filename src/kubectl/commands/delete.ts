/**
 * `kubectl delete`: by name, `-f`, `-l`, `--all`; `--cascade=background|foreground|orphan` (and the
 * legacy `true|false`); `--grace-period`, `--now`, `--force`; and `--wait` (the default), which
 * blocks — in virtual time — until the objects are gone, as the real command does.
 */
import { type KubeObject, type PropagationPolicy, StatusError, parseDuration } from '../../engine/index.ts';
import { type Command, type CommandContext, CommandError, UsageError } from '../command.ts';
import { loadManifests } from '../manifests.ts';
import { parseResourceArgs, qualifiedName } from '../resources.ts';
import { dryRun, suffix } from './apply.ts';

export const NO_RESOURCES = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

/** How long `--wait` may block when no --timeout is given (virtual time). */
const DEFAULT_WAIT_MS = 60 * 60 * 1000;

/** Go's strconv.ParseBool spellings, which --cascade still accepts (deprecated) before its words. */
const GO_BOOLS: Record<string, boolean> = { '1': true, t: true, T: true, true: true, TRUE: true, True: true, '0': false, f: false, F: false, false: false, FALSE: false, False: false };

/** The propagation policy a --cascade value selects; a boolean value also gets kubectl's deprecation warning. */
export function cascadePolicy(value: string, warn: (line: string) => void = () => {}): PropagationPolicy {
  switch (value) {
    case 'background':
      return 'Background';
    case 'foreground':
      return 'Foreground';
    case 'orphan':
      return 'Orphan';
  }
  const bool = GO_BOOLS[value];
  if (bool === undefined) throw new CommandError(`invalid cascade value (${value}). Must be "background", "foreground", or "orphan".`);
  warn(`warning: --cascade=${value} is deprecated (boolean value) and can be replaced with --cascade=${bool ? 'background' : 'orphan'}.\n`);
  return bool ? 'Background' : 'Orphan';
}

interface Victim {
  kind: string;
  namespace: string | undefined;
  name: string;
  display: string;
}

function displayName(ctx: CommandContext, kind: string, name: string): string {
  const def = ctx.client.resource(kind)!;
  return `${def.singular}${def.group ? `.${def.group}` : ''} "${name}"`;
}

function collect(ctx: CommandContext): Victim[] {
  const files = ctx.flags.filename as string[];
  const allNs = Boolean(ctx.flags['all-namespaces']);
  const victims: Victim[] = [];
  if (files.length > 0) {
    for (const { manifest } of loadManifests(files, ctx.files, ctx.stdin, Boolean(ctx.flags.recursive))) {
      const def = ctx.client.kindFor(manifest.apiVersion, manifest.kind);
      const name = manifest.metadata?.name ?? '';
      const ns = def.namespaced ? (manifest.metadata?.namespace ?? ctx.namespace) : undefined;
      victims.push({ kind: def.kind, namespace: ns, name, display: displayName(ctx, def.kind, name) });
    }
    return victims;
  }
  const requests = parseResourceArgs(ctx.client, ctx.args);
  if (requests.length === 0) throw new UsageError(NO_RESOURCES);
  for (const req of requests) {
    const ns = req.def.namespaced ? ctx.namespace : undefined;
    if (req.names.length > 0) {
      for (const name of req.names) victims.push({ kind: req.def.kind, namespace: ns, name, display: displayName(ctx, req.def.kind, name) });
      continue;
    }
    if (!ctx.flags.all && !ctx.flags.selector && !ctx.flags['field-selector']) {
      throw new CommandError('resource(s) were provided, but no name was specified');
    }
    const objects: KubeObject[] = ctx.client.list(req.def.kind, {
      ...(req.def.namespaced && !allNs ? { namespace: ctx.namespace } : {}),
      ...(ctx.flags.selector ? { labelSelector: String(ctx.flags.selector) } : {}),
      ...(ctx.flags['field-selector'] ? { fieldSelector: String(ctx.flags['field-selector']) } : {}),
    });
    for (const o of objects) victims.push({ kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name, display: displayName(ctx, o.kind, o.metadata.name) });
  }
  return victims;
}

export const del: Command = {
  name: 'delete',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  long: "Delete resources by file names, stdin, resources and names, or by resources and label selector.\n\n JSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources and names, or resources and label selector.\n\n Some resources, such as pods, support graceful deletion. These resources define a default period before they are forcibly terminated (the grace period) but you may override that value with the --grace-period flag, or pass --now to set a grace-period of 1. Because these resources often represent entities in the cluster, deletion may not be acknowledged immediately. If the node hosting a pod is down or cannot reach the API server, termination may take significantly longer than the grace period. To force delete a resource, you must specify the --force flag. Note: only a subset of resources support graceful deletion. In absence of the support, the --grace-period flag is ignored.\n\n IMPORTANT: Force deleting pods does not wait for confirmation that the pod's processes have been terminated, which can leave those processes running until the node detects the deletion and completes graceful deletion. If your processes use shared storage or talk to a remote API and depend on the name of the pod to identify themselves, force deleting those pods may result in multiple processes running on different machines using the same identification which may lead to data corruption or inconsistency. Only force delete pods when you are sure the pod is terminated, or if your application can tolerate multiple copies of the same pod running at once. Also, if you force delete pods, the scheduler may place new pods on those nodes before the node has released those resources and causing those pods to be evicted immediately.\n\n Note that the delete command does NOT do resource version checks, so if someone submits an update to a resource right when you submit a delete, their update will be lost along with the rest of the resource.\n\n After a CustomResourceDefinition is deleted, invalidation of discovery cache may take up to 6 hours. If you don't want to wait, you might want to run \"kubectl api-resources\" to refresh the discovery cache.",
  examples: [["Delete a pod using the type and name specified in pod.json", "kubectl delete -f ./pod.json"], ["Delete pods and services with same names \"baz\" and \"foo\"", "kubectl delete pod,service baz foo"], ["Delete pods and services with label name=myLabel", "kubectl delete pods,services -l name=myLabel"], ["Delete a pod with minimal delay", "kubectl delete pod foo --now"], ["Force delete a pod on a dead node", "kubectl delete pod foo --force"], ["Delete all pods", "kubectl delete pods --all"]],
  usage: 'kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]',
  args: 'resources',
  flags: [
    { name: 'all', type: 'bool', default: false, usage: 'Delete all resources, in the namespace of the specified resource types.' },
    { name: 'all-namespaces', short: 'A', type: 'bool', default: false, usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
    { name: 'cascade', type: 'string', default: 'background', usage: 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.' },
    { name: 'dry-run', type: 'string', default: 'none', usage: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.' },
    { name: 'field-selector', type: 'string', default: '', usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." },
    { name: 'filename', short: 'f', type: 'stringArray', default: [], usage: 'containing the resource to delete.' },
    { name: 'force', type: 'bool', default: false, usage: 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.' },
    { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).' },
    { name: 'ignore-not-found', type: 'bool', default: false, usage: 'Treat "resource not found" as a successful delete. Defaults to "true" when --all is specified.' },
    { name: 'now', type: 'bool', default: false, usage: 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).' },
    { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output mode. Use "-o name" for shorter output (resource/name).' },
    { name: 'recursive', short: 'R', type: 'bool', default: false, usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
    { name: 'selector', short: 'l', type: 'string', default: '', usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints." },
    { name: 'timeout', type: 'string', default: '0s', usage: 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object' },
    { name: 'wait', type: 'bool', default: true, usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.' },
  ],
  run(ctx) {
    const policy = cascadePolicy(String(ctx.flags.cascade), (line) => ctx.out.err(line));
    let grace = Number(ctx.flags['grace-period']);
    if (ctx.flags.now) grace = 1;
    const force = Boolean(ctx.flags.force);
    if (force && grace < 0) grace = 0;
    if (force && grace === 0) {
      ctx.out.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
    } else if (grace === 0) {
      grace = 1; // kubectl turns --grace-period=0 without --force into 1
    }
    const victims = collect(ctx);
    if (victims.length === 0 && !ctx.flags['ignore-not-found']) {
      ctx.out.err(`No resources found\n`);
      return;
    }
    const mode = dryRun(ctx);
    const deleted: { v: Victim; uid: string }[] = [];
    for (const v of victims) {
      try {
        const def = ctx.client.resource(v.kind)!;
        if (mode === 'client') ctx.client.get(v.kind, v.namespace, v.name);
        else {
          const obj = ctx.client.delete(v.kind, v.namespace, v.name, { propagationPolicy: policy, ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}), dryRun: mode === 'server' });
          if (mode === 'none') deleted.push({ v, uid: obj.metadata.uid });
        }
        const verb = force && grace === 0 ? 'force deleted' : 'deleted';
        ctx.out.out(ctx.flags.output === 'name' ? `${qualifiedName(def, v.name)}\n` : `${v.display} ${verb}${suffix(mode)}\n`);
      } catch (e) {
        if (e instanceof StatusError && e.reason === 'NotFound' && ctx.flags['ignore-not-found']) continue;
        if (e instanceof StatusError) ctx.out.fail(e.kubectlMessage);
        else throw e;
      }
    }
    if (ctx.flags.wait && !(force && grace === 0) && deleted.length > 0) {
      const timeout = parseDuration(String(ctx.flags.timeout)) || DEFAULT_WAIT_MS;
      const gone = () => deleted.every(({ v, uid }) => ctx.client.tryGet(v.kind, v.namespace, v.name)?.metadata.uid !== uid);
      if (!ctx.client.waitFor(gone, timeout)) {
        ctx.out.fail(`error: timed out waiting for the condition on ${deleted.map(({ v }) => `${ctx.client.resource(v.kind)!.plural}/${v.name}`).join(', ')}`);
      }
    }
  },
};
