/**
 * `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]`
 * (staging/src/k8s.io/kubectl/pkg/cmd/exec/exec.go, in our words): runs the command in the
 * container's environment and files, prints its output, and exits with its exit code
 * ("command terminated with exit code N"). `-i` passes stdin (a heredoc in scripts); `-t` has no
 * terminal to attach to, as when kubectl's input is not one.
 */
import { type Pod, ExecError } from '../../engine/index.ts';
import { type Command, CommandError } from '../command.ts';
import { defaultContainer, resolvePodTarget } from './logs.ts';

export const exec: Command = {
  name: 'exec',
  short: 'Execute a command in a container',
  usage: 'kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]',
  flags: [
    { name: 'container', short: 'c', type: 'string', default: '', usage: 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen' },
    { name: 'stdin', short: 'i', type: 'bool', default: false, usage: 'Pass stdin to the container' },
    { name: 'tty', short: 't', type: 'bool', default: false, usage: 'Stdin is a TTY' },
    { name: 'quiet', short: 'q', type: 'bool', default: false, usage: 'Only print output from the remote session' },
    { name: 'pod-running-timeout', type: 'string', default: '1m0s', usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
  ],
  run(ctx) {
    const quiet = Boolean(ctx.flags.quiet);
    let target = ctx.args[0];
    let command = ctx.dashArgs ?? [];
    if (!ctx.dashArgs && ctx.args.length > 1) {
      if (!quiet) ctx.out.err('kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\n');
      command = ctx.args.slice(1);
    }
    if (ctx.dashArgs && ctx.args.length === 0) target = undefined;
    if (!target) throw new CommandError('pod, type/name or --filename must be specified');
    if (command.length === 0) throw new CommandError('you must specify at least one command for the container');
    const pod: Pod = resolvePodTarget(ctx, target);
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') throw new CommandError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
    const container = ctx.flags.container ? String(ctx.flags.container) : quiet ? (pod.spec?.containers?.[0]?.name ?? '') : defaultContainer(ctx, pod, '');
    const stdin = Boolean(ctx.flags.stdin);
    if (stdin && ctx.flags.tty && !quiet) ctx.out.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    if (!ctx.client.exec) throw new CommandError('exec is not supported by this cluster');
    let result;
    try {
      result = ctx.client.exec(pod.metadata.namespace ?? ctx.namespace, pod.metadata.name, container, command, stdin ? (ctx.stdin ?? '') : undefined);
    } catch (e) {
      if (e instanceof ExecError) throw new CommandError(e.message);
      throw e;
    }
    ctx.out.out(result.stdout);
    ctx.out.err(result.stderr);
    if (result.exitCode !== 0) ctx.out.fail(`command terminated with exit code ${result.exitCode}`, result.exitCode);
  },
};
