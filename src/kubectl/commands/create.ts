/** `kubectl create -f FILE` and the imperative `kubectl create <kind>` subcommands registered below it. */
import type { Command } from '../command.ts';
import { CREATE_FILE_FLAGS, createFromFiles } from './apply.ts';
import { createDeployment } from './createDeployment.ts';

export const create: Command = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  usage: 'kubectl create -f FILENAME [options]',
  flags: [...CREATE_FILE_FLAGS, { name: 'edit', type: 'bool', default: false, usage: 'Edit the API resource before creating' }],
  subcommands: [createDeployment],
  run(ctx) {
    createFromFiles(ctx);
  },
};
