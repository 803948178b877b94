/** `kubectl create namespace NAME`. */
import type { Command } from '../command.ts';
import { IMPERATIVE_FLAGS, createImperative, requireOneName } from './createImperative.ts';

export const createNamespace: Command = {
  name: 'namespace',
  aliases: ['ns'],
  short: 'Create a namespace with the specified name',
  examples: [['Create a new namespace named my-namespace', 'kubectl create namespace my-namespace']],
  usage: 'kubectl create namespace NAME [--dry-run=server|client|none] [options]',
  flags: IMPERATIVE_FLAGS,
  run(ctx) {
    const name = requireOneName(ctx);
    createImperative(ctx, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  },
};
