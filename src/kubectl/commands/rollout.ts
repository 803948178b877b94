/**
 * `kubectl rollout status|history|undo|restart|pause|resume` (staging/src/k8s.io/kubectl/pkg/cmd/
 * rollout and pkg/polymorphichelpers: rollout_status.go, history.go, rollback.go, objectpauser.go,
 * objectresumer.go, objectrestarter.go, in our words), for Deployments and DaemonSets.
 *
 * `status` watches the object and prints the viewer's message on every change, as the real command
 * does while it waits — in virtual time, so `rollout status` returns at the moment the rollout
 * completes. `undo` is client-side, as upstream: a Deployment gets the template of the revision's
 * ReplicaSet, a DaemonSet the patch stored in its ControllerRevision.
 */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { type ControllerRevision, type DaemonSet, type Deployment, type KubeObject, type ReplicaSet, apps, controllerRef, formatTime, parseDuration } from '../../engine/index.ts';
import { type Command, type CommandContext, CommandError, UsageError } from '../command.ts';
import { qualifiedName } from '../resources.ts';
import { printObjects } from '../printers/output.ts';
import { DescribeWriter } from '../printers/describe.ts';
import { writePodTemplate } from '../printers/describePod.ts';
import { tabwrite, DESCRIBE_TABWRITER } from '../printers/tabwriter.ts';
import { resourceString, workloadTargets } from './workloadTargets.ts';

const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';
/** How long `rollout status` waits without --timeout (virtual time; the real command waits forever). */
const DEFAULT_STATUS_WAIT_MS = 60 * 60 * 1000;

const FILE_FLAGS = [
  { name: 'filename', short: 'f', type: 'stringArray' as const, default: [], usage: 'Filename, directory, or URL to files identifying the resource to get from a server.' },
  { name: 'recursive', short: 'R', type: 'bool' as const, default: false, usage: 'Process the directory used in -f, --filename recursively.' },
  { name: 'selector', short: 'l', type: 'string' as const, default: '', usage: 'Selector (label query) to filter on.' },
];
const OUTPUT_FLAG = { name: 'output', short: 'o', type: 'string' as const, default: '', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' };

function requireResources(ctx: CommandContext, message = 'required resource not specified'): void {
  if (ctx.args.length === 0 && (ctx.flags.filename as string[]).length === 0) throw new CommandError(message);
}

const groupKind = (ctx: CommandContext, obj: KubeObject): string => {
  const def = ctx.client.resource(obj.kind)!;
  return def.group ? `${def.kind}.${def.group}` : def.kind;
};

// ---- status ----

/** The status viewers' message for an object, and whether the rollout is done; throws when it failed. */
export function rolloutStatus(obj: KubeObject, revision: number): { message: string; done: boolean } {
  if (obj.kind === 'Deployment') {
    const d = obj as unknown as Deployment;
    if (revision > 0) {
      const current = apps.revisionOf(d);
      if (current !== revision) throw new CommandError(`desired revision (${revision}) is different from the running revision (${current})`);
    }
    const s = d.status ?? {};
    if ((d.metadata.generation ?? 0) > (s.observedGeneration ?? 0)) return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
    const name = JSON.stringify(d.metadata.name);
    if (s.conditions?.find((c) => c.type === 'Progressing')?.reason === 'ProgressDeadlineExceeded') throw new CommandError(`deployment ${name} exceeded its progress deadline`);
    const want = d.spec?.replicas ?? 1;
    const updated = s.updatedReplicas ?? 0;
    if (updated < want) return { message: `Waiting for deployment ${name} rollout to finish: ${updated} out of ${want} new replicas have been updated...\n`, done: false };
    if ((s.replicas ?? 0) > updated) return { message: `Waiting for deployment ${name} rollout to finish: ${(s.replicas ?? 0) - updated} old replicas are pending termination...\n`, done: false };
    if ((s.availableReplicas ?? 0) < updated) return { message: `Waiting for deployment ${name} rollout to finish: ${s.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`, done: false };
    return { message: `deployment ${name} successfully rolled out\n`, done: true };
  }
  if (obj.kind === 'DaemonSet') {
    const ds = obj as unknown as DaemonSet;
    if (ds.spec?.updateStrategy?.type !== 'RollingUpdate') throw new CommandError('rollout status is only available for RollingUpdate strategy type');
    const s = ds.status;
    if ((ds.metadata.generation ?? 0) > (s?.observedGeneration ?? 0)) return { message: 'Waiting for daemon set spec update to be observed...\n', done: false };
    const name = JSON.stringify(ds.metadata.name);
    const desired = s?.desiredNumberScheduled ?? 0;
    if ((s?.updatedNumberScheduled ?? 0) < desired) return { message: `Waiting for daemon set ${name} rollout to finish: ${s?.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...\n`, done: false };
    if ((s?.numberAvailable ?? 0) < desired) return { message: `Waiting for daemon set ${name} rollout to finish: ${s?.numberAvailable ?? 0} of ${desired} updated pods are available...\n`, done: false };
    return { message: `daemon set ${name} successfully rolled out\n`, done: true };
  }
  throw new CommandError(`no status viewer has been implemented for ${obj.kind}`);
}

const status: Command = {
  name: 'status',
  short: 'Show the status of the rollout',
  usage: 'kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]',
  flags: [
    ...FILE_FLAGS,
    { name: 'revision', type: 'int', default: 0, usage: 'Pin to a specific revision for showing its status. Defaults to 0 (last revision).' },
    { name: 'timeout', type: 'string', default: '0s', usage: 'The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).' },
    { name: 'watch', short: 'w', type: 'bool', default: true, usage: 'Watch the status of the rollout until it\'s done.' },
  ],
  run(ctx) {
    if (ctx.args.length === 0 && (ctx.flags.filename as string[]).length === 0) throw new UsageError('Required resource not specified.');
    const revision = Number(ctx.flags.revision);
    if (revision < 0) throw new CommandError(`revision must be a positive integer: ${revision}`);
    const objects = workloadTargets(ctx, ctx.args);
    if (objects.length !== 1) throw new CommandError(`rollout status is only supported on individual resources and resource collections - ${objects.length} resources were found`);
    const target = objects[0]!;
    if (target.kind !== 'Deployment' && target.kind !== 'DaemonSet') throw new CommandError(`no status viewer has been implemented for ${groupKind(ctx, target)}`);
    const first = rolloutStatus(target, revision);
    ctx.out.out(first.message);
    if (first.done || !ctx.flags.watch) return;
    // Print the viewer's message on every change of the object until the rollout is done.
    let done = false;
    let failure: CommandError | undefined;
    let deleted = false;
    const stop = ctx.client.watch(target.kind, (e) => {
      if (done || failure || e.object.metadata.uid !== target.metadata.uid) return;
      if (e.type === 'DELETED') {
        deleted = true;
        return;
      }
      try {
        const s = rolloutStatus(e.object, revision);
        ctx.out.out(s.message);
        done = s.done;
      } catch (err) {
        if (!(err instanceof CommandError)) throw err;
        failure = err;
      }
    });
    try {
      const timeoutMs = parseDuration(String(ctx.flags.timeout)) || DEFAULT_STATUS_WAIT_MS;
      ctx.client.waitFor(() => done || failure !== undefined || deleted, timeoutMs);
    } finally {
      stop();
    }
    if (failure) throw failure;
    if (deleted) throw new CommandError('object has been deleted');
    if (!done) throw new CommandError('timed out waiting for the condition');
  },
};

// ---- history ----

/** The revisions of a Deployment (its ReplicaSets) or DaemonSet (its ControllerRevisions): revision → template and change cause. */
function revisions(ctx: CommandContext, obj: KubeObject): Map<number, { template: PodTemplateSpec; cause: string; source: KubeObject }> {
  const out = new Map<number, { template: PodTemplateSpec; cause: string; source: KubeObject }>();
  const ns = obj.metadata.namespace ?? ctx.namespace;
  if (obj.kind === 'Deployment') {
    for (const rs of ctx.client.list<ReplicaSet>('ReplicaSet', { namespace: ns })) {
      if (controllerRef(rs)?.uid !== obj.metadata.uid) continue;
      const v = apps.revisionOf(rs);
      if (Number.isNaN(v)) continue;
      out.set(v, { template: rs.spec!.template!, cause: rs.metadata.annotations?.[CHANGE_CAUSE] ?? '', source: rs as KubeObject });
    }
  } else {
    for (const cr of ctx.client.list<ControllerRevision>('ControllerRevision', { namespace: ns })) {
      if (controllerRef(cr)?.uid !== obj.metadata.uid) continue;
      out.set(cr.revision ?? 0, { template: apps.revisionTemplate(cr) as PodTemplateSpec, cause: cr.metadata.annotations?.[CHANGE_CAUSE] ?? '', source: cr as KubeObject });
    }
  }
  return out;
}

function requireHistoryKind(ctx: CommandContext, obj: KubeObject, what: string): void {
  if (obj.kind !== 'Deployment' && obj.kind !== 'DaemonSet') throw new CommandError(`no ${what} has been implemented for ${JSON.stringify(groupKind(ctx, obj))}`);
}

function podTemplateText(template: PodTemplateSpec): string {
  const w = new DescribeWriter();
  writePodTemplate(w, template);
  return w.toString();
}

const history: Command = {
  name: 'history',
  short: 'View rollout history',
  usage: 'kubectl rollout history (TYPE NAME | TYPE/NAME) [flags] [options]',
  flags: [...FILE_FLAGS, OUTPUT_FLAG, { name: 'revision', type: 'int', default: 0, usage: 'See the details, including podTemplate of the revision specified' }],
  run(ctx) {
    requireResources(ctx);
    const revision = Number(ctx.flags.revision);
    if (revision < 0) throw new CommandError(`revision must be a positive integer: ${revision}`);
    for (const obj of workloadTargets(ctx, ctx.args)) {
      requireHistoryKind(ctx, obj, 'history viewer');
      const all = revisions(ctx, obj);
      if (ctx.flags.output) {
        const chosen = revision > 0 ? all.get(revision)?.source : undefined;
        if (revision > 0 && !chosen) throw new CommandError(`unable to find the specified revision`);
        printObjects(ctx, chosen ? [chosen] : [obj], String(ctx.flags.output), true);
        continue;
      }
      let info: string;
      if (all.size === 0) info = 'No rollout history found.';
      else if (revision > 0) {
        const entry = all.get(revision);
        if (!entry) throw new CommandError('unable to find the specified revision');
        info = podTemplateText(entry.template);
      } else {
        const rows = [...all.keys()].sort((a, b) => a - b).map((r) => `${r}\t${all.get(r)!.cause || '<none>'}\n`);
        info = tabwrite(`REVISION\tCHANGE-CAUSE\n${rows.join('')}`, DESCRIBE_TABWRITER);
      }
      const def = ctx.client.resource(obj.kind)!;
      ctx.out.out(`${qualifiedName(def, obj.metadata.name)} ${revision > 0 ? `with revision #${revision}` : ''}\n${info}\n`);
    }
  },
};

// ---- undo ----

function undoDeployment(ctx: CommandContext, d: Deployment, toRevision: number, dryRun: string): string {
  const all = revisions(ctx, d as KubeObject);
  let target: { template: PodTemplateSpec; source: KubeObject } | undefined;
  if (toRevision > 0) {
    target = all.get(toRevision);
    if (!target) throw new CommandError(`unable to find specified revision ${toRevision} in history`);
  } else {
    const sorted = [...all.keys()].sort((a, b) => b - a);
    if (sorted.length < 2) throw new CommandError(`no rollout history found for deployment ${JSON.stringify(d.metadata.name)}`);
    target = all.get(sorted[1]!);
  }
  if (dryRun === 'client') return podTemplateText(target!.template);
  if (d.spec?.paused) throw new CommandError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  if (apps.equalIgnoreHash(target!.template, d.spec?.template)) return `skipped rollback (current template already matches revision ${toRevision})`;
  const template = JSON.parse(JSON.stringify(target!.template)) as PodTemplateSpec;
  if (template.metadata?.labels) delete template.metadata.labels[apps.POD_TEMPLATE_HASH_LABEL];
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (apps.ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(target!.source.metadata.annotations ?? {})) if (!apps.ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  ctx.client.patch(
    'Deployment',
    d.metadata.namespace,
    d.metadata.name,
    'json',
    [
      { op: 'replace', path: '/spec/template', value: template },
      { op: 'replace', path: '/metadata/annotations', value: annotations },
    ],
    dryRun === 'server' ? { dryRun: true } : {},
  );
  return 'rolled back';
}

function undoDaemonSet(ctx: CommandContext, ds: DaemonSet, toRevision: number, dryRun: string): string {
  const all = revisions(ctx, ds as KubeObject);
  if (toRevision === 0 && all.size <= 1) throw new CommandError('no last revision to roll back to');
  const sorted = [...all.keys()].sort((a, b) => a - b);
  const entry = toRevision === 0 ? all.get(sorted[sorted.length - 2]!) : all.get(toRevision);
  if (!entry) throw new CommandError(`unable to find specified revision ${toRevision} in history`);
  if (dryRun === 'client') return podTemplateText(entry.template);
  if (apps.deepEqual(entry.template, ds.spec?.template)) return `skipped rollback (current template already matches revision ${toRevision})`;
  const data = (entry.source as unknown as ControllerRevision).data;
  ctx.client.patch('DaemonSet', ds.metadata.namespace, ds.metadata.name, 'strategic', data, dryRun === 'server' ? { dryRun: true } : {});
  return 'rolled back';
}

const undo: Command = {
  name: 'undo',
  short: 'Undo a previous rollout',
  usage: 'kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]',
  flags: [
    ...FILE_FLAGS,
    OUTPUT_FLAG,
    { name: 'dry-run', type: 'string', default: 'none', usage: 'Must be "none", "server", or "client".' },
    { name: 'to-revision', type: 'int', default: 0, usage: 'The revision to rollback to. Default to 0 (last revision).' },
  ],
  run(ctx) {
    requireResources(ctx);
    const toRevision = Number(ctx.flags['to-revision']);
    const dryRun = String(ctx.flags['dry-run']);
    for (const obj of workloadTargets(ctx, ctx.args)) {
      requireHistoryKind(ctx, obj, 'rollbacker');
      if (toRevision < 0) throw new CommandError(`unable to find specified revision ${toRevision} in history`);
      const result = obj.kind === 'Deployment' ? undoDeployment(ctx, obj as unknown as Deployment, toRevision, dryRun) : undoDaemonSet(ctx, obj as unknown as DaemonSet, toRevision, dryRun);
      const def = ctx.client.resource(obj.kind)!;
      ctx.out.out(`${qualifiedName(def, obj.metadata.name)} ${result}${dryRun === 'server' ? ' (server dry run)' : ''}\n`);
    }
  },
};

// ---- restart, pause, resume ----

type Mutation = (obj: KubeObject, ctx: CommandContext) => { patch: unknown } | { error: string };

function patchCommand(name: string, short: string, verb: string, mutate: Mutation): Command {
  return {
    name,
    short,
    usage: `kubectl rollout ${name} RESOURCE [options]`,
    flags: [...FILE_FLAGS, OUTPUT_FLAG, { name: 'field-manager', type: 'string', default: 'kubectl-rollout', usage: 'Name of the manager used to track field ownership.' }],
    run(ctx) {
      requireResources(ctx);
      const errors: string[] = [];
      for (const obj of workloadTargets(ctx, ctx.args)) {
        const def = ctx.client.resource(obj.kind)!;
        const change = mutate(obj, ctx);
        if ('error' in change) {
          errors.push(`error: ${resourceString(ctx, obj)} ${JSON.stringify(obj.metadata.name)} ${change.error}`);
          continue;
        }
        const result = ctx.client.patch(obj.kind, obj.metadata.namespace, obj.metadata.name, 'strategic', change.patch);
        if (ctx.flags.output) printObjects(ctx, [result], String(ctx.flags.output), true);
        else ctx.out.out(`${qualifiedName(def, obj.metadata.name)} ${verb}\n`);
      }
      if (errors.length > 0) throw new CommandError(errors.length === 1 ? errors[0]!.replace(/^error: /, '') : `[${errors.join(', ')}]`);
    },
  };
}

const restart = patchCommand('restart', 'Restart a resource', 'restarted', (obj, ctx) => {
  if (obj.kind !== 'Deployment' && obj.kind !== 'DaemonSet') return { error: 'restarting is not supported' };
  if (obj.kind === 'Deployment' && (obj as unknown as Deployment).spec?.paused) return { error: "can't restart paused deployment (run rollout resume first)" };
  return { patch: { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: formatTime(ctx.client.now()) } } } } } };
});

const pause = patchCommand('pause', 'Mark the provided resource as paused', 'paused', (obj) => {
  if (obj.kind !== 'Deployment') return { error: 'pausing is not supported' };
  if ((obj as unknown as Deployment).spec?.paused) return { error: 'is already paused' };
  return { patch: { spec: { paused: true } } };
});

const resume = patchCommand('resume', 'Resume a paused resource', 'resumed', (obj) => {
  if (obj.kind !== 'Deployment') return { error: 'resuming is not supported' };
  if (!(obj as unknown as Deployment).spec?.paused) return { error: 'is not paused' };
  return { patch: { spec: { paused: null } } };
});

export const rollout: Command = {
  name: 'rollout',
  short: 'Manage the rollout of a resource',
  usage: 'kubectl rollout SUBCOMMAND [options]',
  subcommands: [history, pause, restart, resume, status, undo],
};
