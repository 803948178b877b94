/**
 * `kubectl logs` (staging/src/k8s.io/kubectl/pkg/cmd/logs/logs.go): a pod's container output
 * (`-c`, `--previous`, `--tail`, `--since`, `--timestamps`, `--prefix`, `--all-containers`), with
 * kubectl's container defaulting and errors; `TYPE/NAME` picks the pod kubectl would (ByLogging);
 * `-l` reads every selected pod (10 lines each unless --tail says otherwise); `-f` returns a
 * Stream that prints new lines as the simulation runs and ends when the container exits.
 */
import type { ContainerStatus } from 'kubernetes-types/core/v1';
import { type KubeObject, type LogLine, type Pod, StatusError, formatMicroTime, labelSelectorMatches, parseDuration, parseTime } from '../../engine/index.ts';
import { type Command, type CommandContext, CommandError, UsageError } from '../command.ts';
import { ChunkStream } from '../io.ts';
import { resolveType } from '../resources.ts';

const USAGE = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";

/** Preference for the pod whose logs `TYPE/NAME` shows (podutils.ByLogging): lower sorts first. */
function byLogging(a: Pod, b: Pod): number {
  const assigned = (p: Pod) => (p.spec?.nodeName ? 0 : 1);
  const phase = (p: Pod) => ({ Running: 0, Unknown: 1, Pending: 2 })[p.status?.phase ?? ''] ?? 2;
  const ready = (p: Pod) => (p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 0 : 1);
  const restarts = (p: Pod) => -(p.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
  const created = (p: Pod) => parseTime(p.metadata.creationTimestamp) ?? Number.MAX_SAFE_INTEGER;
  return assigned(a) - assigned(b) || phase(a) - phase(b) || ready(a) - ready(b) || restarts(a) - restarts(b) || created(a) - created(b) || (a.metadata.name < b.metadata.name ? -1 : 1);
}

/** The pod a `logs`/`exec` target names: a pod, or the pod kubectl picks among a workload's. */
export function resolvePodTarget(ctx: CommandContext, target: string): Pod {
  if (!target.includes('/')) return ctx.client.get<Pod>('Pod', ctx.namespace, target);
  const [type, name] = [target.slice(0, target.indexOf('/')), target.slice(target.indexOf('/') + 1)];
  const def = resolveType(ctx.client, type);
  if (def.kind === 'Pod') return ctx.client.get<Pod>('Pod', ctx.namespace, name);
  const owner = ctx.client.get<KubeObject>(def.kind, ctx.namespace, name);
  const selector = (owner as { spec?: { selector?: Parameters<typeof labelSelectorMatches>[0] } }).spec?.selector;
  if (!selector) throw new CommandError(`cannot attach to ${def.kind}: selector for ${def.kind.toLowerCase()}/${name} not implemented`);
  const selected = () => ctx.client.list<Pod>('Pod', { namespace: ctx.namespace }).filter((p) => labelSelectorMatches(selector, p.metadata.labels));
  // Like kubectl, wait (here: in virtual time) up to --pod-running-timeout for the workload to have a pod.
  const timeoutMs = parseDuration(String(ctx.flags['pod-running-timeout'] ?? '20s')) ?? 20_000;
  if (selected().length === 0) ctx.client.waitFor(() => selected().length > 0, timeoutMs);
  const pod = selected().sort(byLogging)[0];
  if (!pod) throw new CommandError('timed out waiting for the condition');
  return pod;
}

/** The container `-c` names or kubectl's default (annotation, else the first, with a notice when several). */
export function defaultContainer(ctx: CommandContext, pod: Pod, requested: string): string {
  const names = (pod.spec?.containers ?? []).map((c) => c.name);
  const inits = (pod.spec?.initContainers ?? []).map((c) => c.name);
  if (requested) {
    if (![...names, ...inits].includes(requested)) throw new CommandError(`container ${requested} is not valid for pod ${pod.metadata.name}`);
    return requested;
  }
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  if (annotated && names.includes(annotated)) return annotated;
  if (names.length + inits.length > 1) {
    const list = [...names, ...inits.map((n) => `${n} (init)`)].join(', ');
    ctx.out.err(`Defaulted container "${names[0]}" out of: ${list}\n`);
  }
  return names[0]!;
}

export const logs: Command = {
  name: 'logs',
  short: 'Print the logs for a container in a pod',
  long: 'Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.',
  examples: [
    ['Return snapshot logs from pod nginx with only one container', 'kubectl logs nginx'],
    ['Return snapshot logs from all containers in pods defined by label app=nginx', 'kubectl logs -l app=nginx --all-containers=true'],
    ['Return snapshot of previous terminated ruby container logs from pod web-1', 'kubectl logs -p -c ruby web-1'],
    ['Begin streaming the logs of the ruby container in pod web-1', 'kubectl logs -f -c ruby web-1'],
    ['Display only the most recent 20 lines of output in pod nginx', 'kubectl logs --tail=20 nginx'],
    ['Return snapshot logs from first container of a job named hello', 'kubectl logs job/hello'],
  ],
  usage: 'kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]',
  args: 'pod',
  flags: [
    { name: 'all-containers', type: 'bool', default: false, usage: 'Get all containers\' logs in the pod(s).' },
    { name: 'container', short: 'c', type: 'string', default: '', usage: 'Print the logs of this container' },
    { name: 'follow', short: 'f', type: 'bool', default: false, usage: 'Specify if the logs should be streamed.' },
    { name: 'ignore-errors', type: 'bool', default: false, usage: 'If watching / following pod logs, allow for any errors that occur to be non-fatal' },
    { name: 'max-log-requests', type: 'int', default: 5, usage: 'Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.' },
    { name: 'pod-running-timeout', type: 'string', default: '20s', usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
    { name: 'prefix', type: 'bool', default: false, usage: 'Prefix each log line with the log source (pod name and container name)' },
    { name: 'previous', short: 'p', type: 'bool', default: false, usage: 'If true, print the logs for the previous instance of the container in a pod if it exists.' },
    { name: 'selector', short: 'l', type: 'string', default: '', usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." },
    { name: 'since', type: 'string', default: '0s', usage: 'Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used.' },
    { name: 'tail', type: 'int', default: -1, usage: 'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.' },
    { name: 'timestamps', type: 'bool', default: false, usage: 'Include timestamps on each line in the log output' },
  ],
  run(ctx) {
    const selector = String(ctx.flags.selector ?? '');
    if (ctx.args.length === 0 && !selector) throw new UsageError(USAGE);
    if (selector && ctx.args.length > 0) throw new CommandError('only a selector (-l) or a POD name is allowed');
    if (ctx.args.length > 2) throw new UsageError(USAGE);
    if (ctx.args.length > 1 && !ctx.flags.container) ctx.flags.container = ctx.args[1]!;
    const since = parseDuration(String(ctx.flags.since));
    if (since === undefined) throw new CommandError(`invalid argument "${String(ctx.flags.since)}" for "--since" flag: time: invalid duration "${String(ctx.flags.since)}"`);
    if (selector && !ctx.set.has('tail')) ctx.flags.tail = 10;
    const pods = selector ? ctx.client.list<Pod>('Pod', { namespace: ctx.namespace, labelSelector: selector }) : [resolvePodTarget(ctx, ctx.args[0]!)];
    if (pods.length === 0) {
      ctx.out.err(`No resources found in ${ctx.namespace} namespace.\n`);
      return;
    }
    const sources = pods.flatMap((pod) => containersOf(ctx, pod).map((container) => ({ pod, container })));
    const max = Number(ctx.flags['max-log-requests']);
    if (ctx.flags.follow && sources.length > max) {
      throw new CommandError(`you are attempting to follow ${sources.length} log streams, but maximum allowed concurrency is ${max}, use --max-log-requests to increase the limit`);
    }
    const prefix = Boolean(ctx.flags.prefix);
    const followed: Followed[] = [];
    for (const { pod, container } of sources) {
      const lines = readLines(ctx, pod, container, Boolean(ctx.flags.previous));
      const tail = Number(ctx.flags.tail);
      const sinceMs = since > 0 ? ctx.client.now() - since : undefined;
      const recent = sinceMs === undefined ? lines : lines.filter((l) => l.ms >= sinceMs);
      const shown = tail >= 0 ? recent.slice(Math.max(0, recent.length - tail)) : recent;
      ctx.out.out(format(ctx, shown, pod, container, prefix));
      if (ctx.flags.follow && !ctx.flags.previous) followed.push({ pod, container, emitted: lines.length, restarts: restartCount(pod, container), done: false });
    }
    if (followed.length > 0) follow(ctx, followed, prefix);
  },
};

function containersOf(ctx: CommandContext, pod: Pod): string[] {
  if (ctx.flags['all-containers']) return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
  return [defaultContainer(ctx, pod, String(ctx.flags.container ?? ''))];
}

function statusOf(pod: Pod, container: string): ContainerStatus | undefined {
  return [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((s) => s.name === container);
}

function restartCount(pod: Pod, container: string): number {
  return statusOf(pod, container)?.restartCount ?? 0;
}

/** A container's lines, or the API server's BadRequest when there are none to read yet. */
function readLines(ctx: CommandContext, pod: Pod, container: string, previous: boolean): LogLine[] {
  const status = statusOf(pod, container);
  const name = pod.metadata.name;
  if (previous && !status?.lastState?.terminated) throw new StatusError('BadRequest', `previous terminated container "${container}" in pod "${name}" not found`);
  const waiting = status?.state?.waiting;
  if (!previous && (!status || (waiting && !status.lastState?.terminated && !(status.restartCount ?? 0)))) {
    throw new StatusError('BadRequest', `container "${container}" in pod "${name}" is waiting to start: ${waiting?.reason ?? 'ContainerCreating'}`);
  }
  return ctx.client.logs(pod.metadata.namespace ?? ctx.namespace, name, container, previous) ?? [];
}

function format(ctx: CommandContext, lines: readonly LogLine[], pod: Pod, container: string, prefix: boolean): string {
  const label = prefix ? `[pod/${pod.metadata.name}/${container}] ` : '';
  return lines.map((l) => `${label}${ctx.flags.timestamps ? `${formatMicroTime(l.ms).replace(/(\.\d{6})Z$/, '$1000Z')} ` : ''}${l.text}\n`).join('');
}

interface Followed {
  pod: Pod;
  container: string;
  /** Lines of the followed container instance already printed. */
  emitted: number;
  restarts: number;
  done: boolean;
}

/** `-f`: print each container's new lines whenever the cluster changes or the host polls; end when they all exit. */
function follow(ctx: CommandContext, followed: Followed[], prefix: boolean): void {
  const stream = new ChunkStream();
  const ns = (p: Pod) => p.metadata.namespace ?? ctx.namespace;
  const pump = () => {
    for (const f of followed.filter((x) => !x.done)) {
      const pod = ctx.client.tryGet<Pod>('Pod', ns(f.pod), f.pod.metadata.name);
      const restarted = !pod || pod.metadata.uid !== f.pod.metadata.uid || restartCount(pod, f.container) !== f.restarts;
      // After a restart the followed instance is the previous one: print its remaining lines, then end.
      const lines = (pod && pod.metadata.uid === f.pod.metadata.uid ? ctx.client.logs(ns(f.pod), f.pod.metadata.name, f.container, restarted) : undefined) ?? [];
      if (lines.length > f.emitted) stream.emit({ stream: 'stdout', text: format(ctx, lines.slice(f.emitted), f.pod, f.container, prefix) });
      f.emitted = Math.max(f.emitted, lines.length);
      if (restarted || statusOf(pod!, f.container)?.state?.terminated) f.done = true;
    }
    if (followed.every((f) => f.done)) stream.stop();
  };
  stream.onStop(ctx.client.watch('*', () => {
    if (!stream.isStopped) pump();
  }));
  stream.onPoll(pump);
  ctx.out.stream = stream;
}
