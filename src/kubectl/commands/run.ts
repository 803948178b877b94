/**
 * `kubectl run NAME --image=IMAGE` (staging/src/k8s.io/kubectl/pkg/cmd/run/run.go): one Pod
 * labelled `run=NAME` (or `--labels`), with `--env`, `--port`, `--restart`, `--command -- CMD`
 * or `-- ARGS`, `--dry-run` and `-o`. Attaching (`-i`/`-t`) needs a live terminal session, which
 * kubesim does not have: the pod is created and a notice says how to reach it.
 */
import type { Container } from 'kubernetes-types/core/v1';
import type { Manifest } from '../../engine/index.ts';
import { type Command, CommandError, UsageError } from '../command.ts';
import { IMPERATIVE_FLAGS, createImperative } from './createImperative.ts';

const RESTART = { Always: 'Always', OnFailure: 'OnFailure', Never: 'Never' } as const;

function parseLabels(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',').filter((p) => p !== '')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new CommandError(`invalid label spec: ${part}`);
    out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

export const run: Command = {
  name: 'run',
  short: 'Run a particular image on the cluster',
  long: 'Create and run a particular image in a pod.',
  examples: [
    ['Start a nginx pod', 'kubectl run nginx --image=nginx'],
    ['Start a hazelcast pod and let the container expose port 5701', 'kubectl run hazelcast --image=hazelcast/hazelcast --port=5701'],
    ['Start a hazelcast pod and set environment variables "DNS_DOMAIN=cluster" and "POD_NAMESPACE=default" in the container', 'kubectl run hazelcast --image=hazelcast/hazelcast --env="DNS_DOMAIN=cluster" --env="POD_NAMESPACE=default"'],
    ['Dry run; print the corresponding API objects without creating them', 'kubectl run nginx --image=nginx --dry-run=client'],
    ['Start the nginx pod using a different command and custom arguments', 'kubectl run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>'],
  ],
  usage: 'kubectl run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]',
  flags: [
    ...IMPERATIVE_FLAGS,
    { name: 'annotations', type: 'stringArray', default: [], usage: 'Annotations to apply to the pod.' },
    { name: 'attach', type: 'bool', default: false, usage: 'If true, wait for the Pod to start running, and then attach to the Pod as if \'kubectl attach ...\' were called.  Default false, unless \'-i/--stdin\' is set, in which case the default is true. With \'--restart=Never\' the exit code of the container process is returned.' },
    { name: 'command', type: 'bool', default: false, usage: 'If true and extra arguments are present, use them as the \'command\' field in the container, rather than the \'args\' field which is the default.' },
    { name: 'env', type: 'stringArray', default: [], usage: 'Environment variables to set in the container.' },
    { name: 'image', type: 'string', default: '', usage: 'The image for the container to run.' },
    { name: 'image-pull-policy', type: 'string', default: '', usage: 'The image pull policy for the container.  If left empty, this value will not be specified by the client and defaulted by the server.' },
    { name: 'labels', short: 'l', type: 'string', default: '', usage: 'Comma separated labels to apply to the pod. Will override previous values.' },
    { name: 'port', type: 'string', default: '', usage: 'The port that this container exposes.' },
    { name: 'restart', type: 'string', default: 'Always', usage: 'The restart policy for this Pod.  Legal values [Always, OnFailure, Never].' },
    { name: 'rm', type: 'bool', default: false, usage: 'If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with \'--attach\' or with \'-i/--stdin\'.' },
    { name: 'stdin', short: 'i', type: 'bool', default: false, usage: 'Keep stdin open on the container in the pod, even if nothing is attached.' },
    { name: 'tty', short: 't', type: 'bool', default: false, usage: 'Allocate a TTY for the container in the pod.' },
  ],
  run(ctx) {
    if (!ctx.set.has('image') || !ctx.flags.image) throw new CommandError('required flag(s) "image" not set');
    const name = ctx.args[0];
    if (!name) throw new UsageError('NAME is required for run');
    const restart = RESTART[String(ctx.flags.restart) as keyof typeof RESTART];
    if (!restart) throw new UsageError(`invalid restart policy: ${String(ctx.flags.restart)}`);
    const attach = Boolean(ctx.flags.stdin) || Boolean(ctx.flags.attach);
    if (ctx.flags.rm && !attach) throw new UsageError('--rm should only be used for attached containers');
    if (ctx.flags.tty && !ctx.flags.stdin) ctx.out.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    const words = [...ctx.args.slice(1), ...(ctx.dashArgs ?? [])];
    const container: Container = { name, image: String(ctx.flags.image), resources: {} };
    if (words.length > 0) container[ctx.flags.command ? 'command' : 'args'] = words;
    const env = ctx.flags.env as string[];
    if (env.length > 0) {
      container.env = env.map((e) => {
        const eq = e.indexOf('=');
        if (eq <= 0) throw new CommandError(`invalid env: ${e}`);
        return { name: e.slice(0, eq), value: e.slice(eq + 1) };
      });
    }
    if (ctx.flags.port) {
      const port = Number(ctx.flags.port);
      if (!Number.isInteger(port)) throw new CommandError(`strconv.Atoi: parsing "${String(ctx.flags.port)}": invalid syntax`);
      container.ports = [{ containerPort: port }];
    }
    if (ctx.flags['image-pull-policy']) container.imagePullPolicy = String(ctx.flags['image-pull-policy']);
    if (ctx.flags.stdin) {
      container.stdin = true;
      if (ctx.flags.tty) container.tty = true;
      container.stdinOnce = true;
    }
    const annotations = Object.fromEntries((ctx.flags.annotations as string[]).map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
    const manifest: Manifest = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        labels: ctx.flags.labels ? parseLabels(String(ctx.flags.labels)) : { run: name },
        ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      },
      spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart },
    };
    createImperative(ctx, manifest);
    if (attach && String(ctx.flags['dry-run']) === 'none') {
      ctx.out.err(`If you don't see a command prompt, try pressing enter.\nkubesim cannot attach an interactive session; run commands in the pod with: kubectl exec ${name} -- <command>\n`);
    }
  },
};
