/**
 * `kubectl create cronjob NAME --image=IMAGE --schedule=CRON [--restart=OnFailure|Never] [-- COMMAND
 * [args...]]` (staging/src/k8s.io/kubectl/pkg/cmd/create/create_cronjob.go, in our words).
 */
import { type Command, CommandError } from '../command.ts';
import { createImperative, requireOneName } from './createImperative.ts';
import { GENERATOR_FLAGS } from './createJob.ts';

export const createCronJob: Command = {
  name: 'cronjob',
  aliases: ['cj'],
  short: 'Create a cron job with the specified name',
  examples: [
    ['Create a cron job', 'kubectl create cronjob my-job --image=busybox --schedule="*/1 * * * *"'],
    ['Create a cron job with a command', 'kubectl create cronjob my-job --image=busybox --schedule="*/1 * * * *" -- date'],
  ],
  usage: "kubectl create cronjob NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...] [flags] [options]",
  flags: [
    { name: 'image', type: 'string', default: '', usage: 'Image name to run.' },
    { name: 'restart', type: 'string', default: '', usage: "job's restart policy. supported values: OnFailure, Never" },
    { name: 'schedule', type: 'string', default: '', usage: 'A schedule in the Cron format the job should be run with.' },
    ...GENERATOR_FLAGS,
  ],
  run(ctx) {
    // cobra checks required flags before anything else.
    const missing = ['image', 'schedule'].filter((f) => !ctx.set.has(f));
    if (missing.length > 0) throw new CommandError(`required flag(s) ${missing.map((f) => JSON.stringify(f)).join(', ')} not set`);
    const name = requireOneName(ctx);
    const command = ctx.dashArgs ?? [];
    const restartPolicy = String(ctx.flags.restart ?? '') || 'OnFailure';
    createImperative(ctx, {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name },
      spec: {
        schedule: String(ctx.flags.schedule),
        jobTemplate: {
          metadata: { creationTimestamp: null, name },
          spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [{ name, image: String(ctx.flags.image), ...(command.length > 0 ? { command } : {}), resources: {} }], restartPolicy } } },
        },
      },
    });
  },
};
