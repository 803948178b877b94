/**
 * bash (the official `bash` image): alpine with GNU bash 5 added; its entrypoint runs the command
 * given, or bash.
 */
import type { ImageSpec } from './image.ts';
import { STANDARD_PATH, busyboxTools } from './busybox.ts';
import { shellCommand } from '../commands/shell.ts';
import type { CommandImpl } from '../command.ts';

/** docker-entrypoint.sh: options go to bash; anything else is run as given. */
const entrypoint: CommandImpl = function* (env) {
  const args = env.argv.slice(1);
  const argv = args.length === 0 || args[0]!.startsWith('-') ? ['bash', ...args] : args;
  const found = env.container.resolve(argv, env.env, env.cwd);
  if (!found.ok) {
    env.io.err(`/usr/local/bin/docker-entrypoint.sh: exec: line 11: ${argv[0]}: not found\n`);
    return 127;
  }
  return yield* found.impl({ ...env, argv: found.argv });
};

export const bash: ImageSpec = {
  family: 'bash',
  sizeBytes: 5_832_000,
  entrypoint: ['docker-entrypoint.sh'],
  cmd: ['bash'],
  env: { PATH: STANDARD_PATH, _BASH_VERSION: '5.2.37', _BASH_BASELINE: '5.2.37', _BASH_LATEST_PATCH: '37' },
  files: { '/etc/os-release': 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.21.2\n' },
  commands: { ...busyboxTools(), bash: shellCommand('bash') },
  paths: { '/usr/local/bin/docker-entrypoint.sh': entrypoint },
  shell: 'ash',
};
