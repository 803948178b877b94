/**
 * `kubectl create deployment NAME --image=IMAGE [--replicas=N] [--port=P] [-- COMMAND ARGS]`
 * (staging/src/k8s.io/kubectl/pkg/cmd/create/create_deployment.go, in our words): a Deployment
 * labelled and selected by `app=NAME`, one container per image named after the image.
 */
import type { Manifest } from '../../engine/index.ts';
import { type Command, CommandError, UsageError } from '../command.ts';
import { printObjects } from '../printers/output.ts';

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A container name from an image: its last path segment without tag or digest, made DNS-1123. */
export function containerNameFor(image: string): string {
  let name = image.split('/').pop() ?? image;
  name = name.split(':')[0]!.split('@')[0]!;
  if (/[_.]/.test(name)) {
    // Upstream adds 5 random characters; a hash of the image keeps runs reproducible.
    let h = 2166136261;
    for (let i = 0; i < image.length; i++) h = Math.imul(h ^ image.charCodeAt(i), 16777619) >>> 0;
    let suffix = '';
    for (let i = 0; i < 5; i++, h = Math.floor(h / ALPHABET.length)) suffix += ALPHABET[h % ALPHABET.length];
    name = `${name.replace(/[_.]/g, '-')}-${suffix}`;
  }
  return name;
}

export function deploymentManifest(name: string, images: readonly string[], replicas: number, port: number, command: readonly string[] | undefined, namespace?: string): Manifest {
  const labels = { app: name };
  const containers = images.map((image) => ({ name: containerNameFor(image), image, ...(command && command.length > 0 ? { command: [...command] } : {}) }));
  if (port >= 0 && containers.length > 0) Object.assign(containers[0]!, { ports: [{ containerPort: port }] });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { ...labels }, ...(namespace ? { namespace } : {}) },
    spec: { replicas, selector: { matchLabels: { ...labels } }, template: { metadata: { labels: { ...labels } }, spec: { containers } } },
  };
}

export const createDeployment: Command = {
  name: 'deployment',
  aliases: ['deploy'],
  short: 'Create a deployment with the specified name',
  usage: 'kubectl create deployment NAME --image=image -- [COMMAND] [args...] [options]',
  flags: [
    { name: 'image', type: 'stringArray', default: [], usage: 'Image names to run. A deployment can have multiple images set for multi-container pod.' },
    { name: 'port', type: 'int', default: -1, usage: 'The containerPort that this deployment exposes.' },
    { name: 'replicas', short: 'r', type: 'int', default: 1, usage: 'Number of replicas to create. Default is 1.' },
    { name: 'dry-run', type: 'string', default: 'none', usage: 'Must be "none", "server", or "client".' },
    { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output format.' },
    { name: 'save-config', type: 'bool', default: false, usage: 'If true, the configuration of current object will be saved in its annotation.' },
    { name: 'field-manager', type: 'string', default: 'kubectl-create', usage: 'Name of the manager used to track field ownership.' },
    { name: 'validate', type: 'string', default: 'strict', usage: 'Must be one of: strict (or true), warn, ignore (or false).' },
  ],
  run(ctx) {
    if (ctx.args.length !== 1) throw new UsageError(`exactly one NAME is required, got ${ctx.args.length}`);
    const images = ctx.flags.image as string[];
    if (images.length === 0) throw new CommandError('required flag(s) "image" not set');
    const command = ctx.dashArgs;
    if (images.length > 1 && command && command.length > 0) throw new CommandError('cannot specify multiple --image options and command');
    const name = ctx.args[0]!;
    const manifest = deploymentManifest(name, images, Number(ctx.flags.replicas), Number(ctx.flags.port), command, ctx.namespaceExplicit ? ctx.namespace : undefined);
    const dryRun = String(ctx.flags['dry-run']);
    if (dryRun === 'client') {
      if (ctx.flags.output) printObjects(ctx, [manifest as never], String(ctx.flags.output), true);
      else ctx.out.out(`deployment.apps/${name} created (dry run)\n`);
      return;
    }
    const created = ctx.client.create({ ...manifest, metadata: { ...manifest.metadata, namespace: ctx.namespace } }, dryRun === 'server' ? { dryRun: true } : {});
    if (ctx.flags.output) printObjects(ctx, [created], String(ctx.flags.output), true);
    else ctx.out.out(`deployment.apps/${name} created${dryRun === 'server' ? ' (server dry run)' : ''}\n`);
  },
};
