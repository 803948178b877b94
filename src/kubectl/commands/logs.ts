/**
 * `kubectl logs`: a pod's container output (`-c`, `--previous`, `--tail`, `--timestamps`), with
 * kubectl's container defaulting and its errors; `TYPE/NAME` picks the first pod of a workload.
 */
import { type Pod, type KubeObject, StatusError, formatMicroTime, labelSelectorMatches } from '../../engine/index.ts';
import { type Command, type CommandContext, CommandError, UsageError } from '../command.ts';
import { resolveType } from '../resources.ts';

const USAGE = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";

/** The pod a `logs`/`exec` target names: a pod, or the first pod selected by a workload. */
export function resolvePodTarget(ctx: CommandContext, target: string): Pod {
  if (!target.includes('/')) return ctx.client.get<Pod>('Pod', ctx.namespace, target);
  const [type, name] = [target.slice(0, target.indexOf('/')), target.slice(target.indexOf('/') + 1)];
  const def = resolveType(ctx.client, type);
  if (def.kind === 'Pod') return ctx.client.get<Pod>('Pod', ctx.namespace, name);
  const owner = ctx.client.get<KubeObject>(def.kind, ctx.namespace, name);
  const selector = (owner as { spec?: { selector?: Parameters<typeof labelSelectorMatches>[0] } }).spec?.selector;
  const pods = ctx.client.list<Pod>('Pod', { namespace: ctx.namespace }).filter((p) => labelSelectorMatches(selector, p.metadata.labels));
  pods.sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? -1 : a.metadata.creationTimestamp > b.metadata.creationTimestamp ? 1 : a.metadata.name.localeCompare(b.metadata.name)));
  const pod = pods[0];
  if (!pod) throw new CommandError(`timed out waiting for the condition`);
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
  usage: 'kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]',
  flags: [
    { name: 'container', short: 'c', type: 'string', default: '', usage: 'Print the logs of this container' },
    { name: 'follow', short: 'f', type: 'bool', default: false, usage: 'Specify if the logs should be streamed.' },
    { name: 'previous', short: 'p', type: 'bool', default: false, usage: 'If true, print the logs for the previous instance of the container in a pod if it exists.' },
    { name: 'tail', type: 'int', default: -1, usage: 'Lines of recent log file to display.' },
    { name: 'timestamps', type: 'bool', default: false, usage: 'Include timestamps on each line in the log output' },
    { name: 'selector', short: 'l', type: 'string', default: '', usage: 'Selector (label query) to filter on.' },
    { name: 'all-containers', type: 'bool', default: false, usage: 'Get all containers\' logs in the pod(s).' },
    { name: 'prefix', type: 'bool', default: false, usage: 'Prefix each log line with the log source (pod name and container name)' },
  ],
  run(ctx) {
    if (ctx.args.length === 0 && !ctx.flags.selector) throw new UsageError(USAGE);
    const pods = ctx.flags.selector
      ? ctx.client.list<Pod>('Pod', { namespace: ctx.namespace, labelSelector: String(ctx.flags.selector) })
      : [resolvePodTarget(ctx, ctx.args[0]!)];
    if (ctx.args.length > 1 && !ctx.flags.container) ctx.flags.container = ctx.args[1]!;
    for (const pod of pods) printPodLogs(ctx, pod, pods.length > 1 || Boolean(ctx.flags.prefix));
  },
};

function printPodLogs(ctx: CommandContext, pod: Pod, prefix: boolean): void {
  const names = ctx.flags['all-containers'] ? (pod.spec?.containers ?? []).map((c) => c.name) : [defaultContainer(ctx, pod, String(ctx.flags.container))];
  for (const container of names) {
    const previous = Boolean(ctx.flags.previous);
    const status = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((s) => s.name === container);
    const badRequest = (msg: string) => new StatusError('BadRequest', msg);
    if (previous && !status?.lastState?.terminated) throw badRequest(`previous terminated container "${container}" in pod "${pod.metadata.name}" not found`);
    const waiting = status?.state?.waiting;
    if (!previous && waiting && !status?.lastState?.terminated && !(status?.restartCount ?? 0)) {
      throw badRequest(`container "${container}" in pod "${pod.metadata.name}" is waiting to start: ${waiting.reason ?? 'ContainerCreating'}`);
    }
    const lines = ctx.client.logs(pod.metadata.namespace ?? ctx.namespace, pod.metadata.name, container, previous) ?? [];
    const tail = Number(ctx.flags.tail);
    const shown = tail >= 0 ? lines.slice(Math.max(0, lines.length - tail)) : lines;
    const label = prefix ? `[pod/${pod.metadata.name}/${container}] ` : '';
    ctx.out.out(shown.map((l) => `${label}${ctx.flags.timestamps ? `${formatMicroTime(l.ms).replace(/(\.\d{6})Z$/, '$1000Z')} ` : ''}${l.text}\n`).join(''));
  }
}
