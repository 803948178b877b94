/**
 * `kubectl drain NODE` (staging/src/k8s.io/kubectl/pkg/drain/{drain.go,filters.go} and
 * pkg/cmd/drain/drain.go, in our words):
 *
 * 1. cordon the node (it stays cordoned even when the drain fails);
 * 2. list its pods and run them through the filters in upstream's order — skip-deleted,
 *    DaemonSet, mirror, local storage, unreplicated — each turning a pod into delete / skip /
 *    warning / error; any error aborts the drain ("cannot delete ...: ns/pod, ...");
 * 3. evict the rest through the Eviction API (PodDisruptionBudgets answer 429, retried every 5 s),
 *    or delete them with --disable-eviction; then wait, polling every second as kubectl does, until
 *    each pod is gone (`pod/x evicted`), and print `node/N drained`.
 * Waiting happens in virtual time; `--timeout` bounds it (0 means an hour here, forever upstream).
 */
import { type Node, type Pod, StatusError, formatGoDuration, parseDuration, parseTime } from '../../engine/index.ts';
import { type Command, type CommandContext, CommandError, UsageError } from '../command.ts';

const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
const UNMANAGED_FATAL = 'Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
const POLL_MS = 1000;
const EVICTION_RETRY_MS = 5000;
const DEFAULT_WAIT_MS = 60 * 60 * 1000;

export interface DrainOptions {
  force: boolean;
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  /** Seconds; 0 disables the skip-deleted filter. */
  skipWaitForDeleteTimeoutSeconds: number;
  daemonSetExists(namespace: string, name: string): StatusError | undefined;
  nowMs: number;
}

export interface PodDeleteStatus {
  delete: boolean;
  reason: 'Okay' | 'Skip' | 'Warning' | 'Error';
  message: string;
}

const okay: PodDeleteStatus = { delete: true, reason: 'Okay', message: '' };
const skip: PodDeleteStatus = { delete: false, reason: 'Skip', message: '' };
const warning = (deletePod: boolean, message: string): PodDeleteStatus => ({ delete: deletePod, reason: 'Warning', message });
const fatal = (message: string): PodDeleteStatus => ({ delete: false, reason: 'Error', message });
const finished = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
const controller = (pod: Pod) => pod.metadata.ownerReferences?.find((r) => r.controller);

/** The drain filters, in upstream's order; a filter that does not delete short-circuits the rest. */
export function podDeleteStatus(pod: Pod, o: DrainOptions): PodDeleteStatus {
  const filters: ((p: Pod) => PodDeleteStatus)[] = [
    (p) => {
      const deletedAt = parseTime(p.metadata.deletionTimestamp);
      return o.skipWaitForDeleteTimeoutSeconds > 0 && deletedAt !== undefined && Math.floor((o.nowMs - deletedAt) / 1000) > o.skipWaitForDeleteTimeoutSeconds ? skip : okay;
    },
    (p) => {
      const ref = controller(p);
      if (!ref || ref.kind !== 'DaemonSet' || finished(p)) return okay;
      const err = o.daemonSetExists(p.metadata.namespace ?? 'default', ref.name);
      if (err) return err.reason === 'NotFound' && o.force ? warning(true, err.message) : fatal(err.message);
      return o.ignoreDaemonSets ? warning(false, DAEMONSET_WARNING) : fatal(DAEMONSET_FATAL);
    },
    (p) => (p.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined ? skip : okay),
    (p) => {
      if (!(p.spec?.volumes ?? []).some((v) => v.emptyDir) || finished(p)) return okay;
      return o.deleteEmptyDirData ? warning(true, LOCAL_STORAGE_WARNING) : fatal(LOCAL_STORAGE_FATAL);
    },
    (p) => {
      if (finished(p) || controller(p)) return okay;
      return o.force ? warning(true, UNMANAGED_WARNING) : fatal(UNMANAGED_FATAL);
    },
  ];
  let status = okay;
  for (const f of filters) {
    status = f(pod);
    if (!status.delete) break;
  }
  return status;
}

/** Group pods by message: `msg: ns/a, ns/b`, messages sorted (upstream's map order is random). */
function grouped(items: { pod: Pod; status: PodDeleteStatus }[], reason: PodDeleteStatus['reason']): [string, string][] {
  const byMessage = new Map<string, string[]>();
  for (const { pod, status } of items) {
    if (status.reason !== reason) continue;
    const msg = status.message || 'unexpected error';
    byMessage.set(msg, [...(byMessage.get(msg) ?? []), `${pod.metadata.namespace}/${pod.metadata.name}`]);
  }
  return [...byMessage].map(([m, pods]) => [m, pods.join(', ')] as [string, string]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const aggregate = (msgs: string[]): string => (msgs.length === 1 ? msgs[0]! : `[${msgs.join(', ')}]`);

interface Eviction {
  pod: Pod;
  /** When to try (again) to evict, or undefined once the request went through. */
  nextAttemptMs?: number;
  startedMs: number;
  done: boolean;
}

/** Evict (or delete) `pods`, printing as kubectl does; returns the errors. */
function evictPods(ctx: CommandContext, pods: Pod[], useEviction: boolean, graceSeconds: number | undefined, timeoutMs: number | undefined): string[] {
  const { client, out } = ctx;
  const start = client.now();
  const deadline = start + (timeoutMs ?? DEFAULT_WAIT_MS);
  const verb = useEviction ? 'evicted' : 'deleted';
  const errors: string[] = [];
  const work: Eviction[] = pods.map((pod) => ({ pod, nextAttemptMs: start, startedMs: start, done: false }));
  const gone = (p: Pod) => client.tryGet<Pod>('Pod', p.metadata.namespace, p.metadata.name)?.metadata.uid !== p.metadata.uid;
  const timeoutText = formatGoDuration(timeoutMs ?? DEFAULT_WAIT_MS);
  for (;;) {
    const now = client.now();
    for (const w of work) {
      if (w.done || w.nextAttemptMs === undefined || (w.nextAttemptMs > now && now <= deadline)) continue;
      const p = w.pod;
      if (useEviction) out.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name}\n`);
      if (now > deadline) {
        errors.push(`error when evicting pods/${JSON.stringify(p.metadata.name)} -n ${JSON.stringify(p.metadata.namespace)}: global timeout reached: ${timeoutText}`);
        w.done = true;
        continue;
      }
      try {
        if (useEviction) client.evict(p.metadata.namespace!, p.metadata.name, graceSeconds !== undefined ? { gracePeriodSeconds: graceSeconds } : {});
        else client.delete('Pod', p.metadata.namespace, p.metadata.name, graceSeconds !== undefined ? { gracePeriodSeconds: graceSeconds } : {});
        w.nextAttemptMs = undefined;
        w.startedMs = now;
      } catch (e) {
        if (!(e instanceof StatusError)) throw e;
        if (e.reason === 'NotFound') w.done = true;
        else if (e.reason === 'TooManyRequests' && useEviction) {
          ctx.out.err(`error when evicting pods/${JSON.stringify(p.metadata.name)} -n ${JSON.stringify(p.metadata.namespace)} (will retry after 5s): ${e.message}\n`);
          w.nextAttemptMs = now + EVICTION_RETRY_MS;
        } else {
          errors.push(`error when ${useEviction ? 'evicting' : 'deleting'} pods/${JSON.stringify(p.metadata.name)} -n ${JSON.stringify(p.metadata.namespace)}: ${e.message}`);
          w.done = true;
        }
      }
    }
    // Each waiting pod is polled every second from when its eviction went through.
    for (const w of work) {
      if (w.done || w.nextAttemptMs !== undefined) continue;
      if ((now - w.startedMs) % POLL_MS === 0 && gone(w.pod)) {
        out.out(`pod/${w.pod.metadata.name} ${verb}\n`);
        w.done = true;
      } else if (now > deadline) {
        errors.push(`error when waiting for pod ${JSON.stringify(w.pod.metadata.name)} in namespace ${JSON.stringify(w.pod.metadata.namespace)} to terminate: global timeout reached: ${timeoutText}`);
        w.done = true;
      }
    }
    const pending = work.filter((w) => !w.done);
    if (pending.length === 0) return errors;
    const next = Math.min(...pending.map((w) => w.nextAttemptMs ?? w.startedMs + (Math.floor((now - w.startedMs) / POLL_MS) + 1) * POLL_MS));
    // Jump straight to the next poll or retry (or just past the deadline), letting the cluster run meanwhile.
    const target = Math.max(now + 1, Math.min(next, deadline + 1));
    client.waitFor(() => client.now() >= target, target - now);
  }
}

export const drain: Command = {
  name: 'drain',
  short: 'Drain node in preparation for maintenance',
  usage: 'kubectl drain NODE [options]',
  flags: [
    { name: 'chunk-size', type: 'int', default: 500, usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable.' },
    { name: 'delete-emptydir-data', type: 'bool', default: false, usage: 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).' },
    { name: 'disable-eviction', type: 'bool', default: false, usage: 'Force drain to use delete, even if eviction is supported. This will bypass checking PodDisruptionBudgets, use with caution.' },
    { name: 'dry-run', type: 'string', default: 'none', usage: 'Must be "none", "server", or "client".' },
    { name: 'force', type: 'bool', default: false, usage: 'Continue even if there are pods that do not declare a controller.' },
    { name: 'grace-period', type: 'int', default: -1, usage: "Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used." },
    { name: 'ignore-daemonsets', type: 'bool', default: false, usage: 'Ignore DaemonSet-managed pods.' },
    { name: 'pod-selector', type: 'string', default: '', usage: 'Label selector to filter pods on the node' },
    { name: 'selector', short: 'l', type: 'string', default: '', usage: 'Selector (label query) to filter on' },
    { name: 'skip-wait-for-delete-timeout', type: 'int', default: 0, usage: 'If pod DeletionTimestamp older than N seconds, skip waiting for the pod.  Seconds must be greater than 0 to skip.' },
    { name: 'timeout', type: 'string', default: '0s', usage: 'The length of time to wait before giving up, zero means infinite' },
  ],
  run(ctx) {
    const { client, out } = ctx;
    const nodes: Node[] = ctx.flags.selector ? client.list<Node>('Node', { labelSelector: String(ctx.flags.selector) }) : ctx.args.map((n) => client.get<Node>('Node', undefined, n));
    if (nodes.length === 0 && !ctx.flags.selector) throw new UsageError('USAGE: drain NODE [flags]');
    const dryRun = String(ctx.flags['dry-run']);
    const timeoutMs = parseDuration(String(ctx.flags.timeout)) || undefined;
    const grace = Number(ctx.flags['grace-period']);
    for (const node of nodes) {
      const already = Boolean(node.spec?.unschedulable);
      if (!already && dryRun === 'none') client.patch('Node', undefined, node.metadata.name, 'merge', { spec: { unschedulable: true } });
      out.out(`node/${node.metadata.name} ${already ? 'already ' : ''}cordoned${dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''}\n`);
    }
    const fatal: string[] = [];
    const remaining: string[] = [];
    for (const node of nodes) {
      const options: DrainOptions = {
        force: Boolean(ctx.flags.force),
        ignoreDaemonSets: Boolean(ctx.flags['ignore-daemonsets']),
        deleteEmptyDirData: Boolean(ctx.flags['delete-emptydir-data']),
        skipWaitForDeleteTimeoutSeconds: Number(ctx.flags['skip-wait-for-delete-timeout']),
        nowMs: client.now(),
        daemonSetExists: (ns, name) => {
          try {
            client.get('DaemonSet', ns, name);
            return undefined;
          } catch (e) {
            if (e instanceof StatusError) return e;
            throw e;
          }
        },
      };
      const pods = client.list<Pod>('Pod', { fieldSelector: `spec.nodeName=${node.metadata.name}`, ...(ctx.flags['pod-selector'] ? { labelSelector: String(ctx.flags['pod-selector']) } : {}) });
      const items = pods.map((pod) => ({ pod, status: podDeleteStatus(pod, options) }));
      const errors = grouped(items, 'Error').map(([msg, list]) => `cannot delete ${msg}: ${list}`);
      let nodeError: string | undefined;
      if (errors.length > 0) nodeError = aggregate(errors);
      else {
        const warnings = grouped(items, 'Warning').map(([msg, list]) => `${msg}: ${list}`);
        if (warnings.length > 0) out.err(`Warning: ${warnings.join('; ')}\n`);
        const toDelete = items.filter((i) => i.status.delete).map((i) => i.pod);
        if (dryRun === 'client') {
          for (const p of toDelete) out.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name} (dry run)\n`);
        } else if (toDelete.length > 0) {
          const evictErrors = evictPods(ctx, toDelete, !ctx.flags['disable-eviction'], grace >= 0 ? grace : undefined, timeoutMs);
          if (evictErrors.length > 0) {
            nodeError = aggregate(evictErrors);
            const pending = client.list<Pod>('Pod', { fieldSelector: `spec.nodeName=${node.metadata.name}` }).filter((p) => podDeleteStatus(p, options).delete);
            if (pending.length > 0) out.err(`There are pending pods in node ${JSON.stringify(node.metadata.name)} when an error occurred: ${nodeError}\n${pending.map((p) => `pod/${p.metadata.name}\n`).join('')}`);
          }
        }
      }
      if (nodeError === undefined) {
        out.out(`node/${node.metadata.name} drained${dryRun === 'client' ? ' (dry run)' : ''}\n`);
        continue;
      }
      out.err(`error: unable to drain node ${JSON.stringify(node.metadata.name)} due to error: ${nodeError}, continuing command...\n`);
      remaining.push(node.metadata.name);
      fatal.push(nodeError);
    }
    if (remaining.length > 0) {
      out.err(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`);
      throw new CommandError(aggregate(fatal));
    }
  },
};

