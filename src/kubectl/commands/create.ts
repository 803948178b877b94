/** `kubectl create -f FILE` and the imperative `kubectl create <kind>` subcommands registered below it. */
import type { Command } from '../command.ts';
import { CREATE_FILE_FLAGS, createFromFiles } from './apply.ts';
import { createDeployment } from './createDeployment.ts';
import { createNamespace } from './createNamespace.ts';
import { createConfigMap, createSecret } from './createConfigMap.ts';
import { createJob } from './createJob.ts';
import { createCronJob } from './createCronJob.ts';

export const create: Command = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  long: "Create a resource from a file or from stdin.\n\n JSON and YAML formats are accepted.",
  examples: [["Create a pod using the data in pod.json", "kubectl create -f ./pod.json"], ["Create a pod based on the JSON passed into stdin", "cat pod.json | kubectl create -f -"], ["Edit the data in registry.yaml in JSON then create the resource using the edited data", "kubectl create -f registry.yaml --edit -o json"]],
  usage: 'kubectl create -f FILENAME [options]',
  flags: [...CREATE_FILE_FLAGS, { name: 'edit', type: 'bool', default: false, usage: 'Edit the API resource before creating' }],
  subcommands: [createConfigMap, createCronJob, createDeployment, createJob, createNamespace, createSecret],
  run(ctx) {
    createFromFiles(ctx);
  },
};
