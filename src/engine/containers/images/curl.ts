/**
 * curlimages/curl: alpine with curl. Its entrypoint runs `curl` with options given as arguments
 * (`-- -s http://web`), or runs the given command (`-- sh -c '...'`).
 */
import type { CommandImpl } from '../command.ts';
import type { ImageSpec } from './image.ts';
import { STANDARD_PATH, busyboxTools } from './busybox.ts';
import { curl as curlCommand } from '../commands/netutils.ts';

const entrypoint: CommandImpl = function* (env) {
  const args = env.argv.slice(1);
  const argv = args.length === 0 || args[0]!.startsWith('-') ? ['curl', ...args] : args;
  const found = env.container.resolve(argv, env.env, env.cwd);
  if (!found.ok) {
    env.io.err(`/entrypoint.sh: exec: line 11: ${argv[0]}: not found\n`);
    return 127;
  }
  return yield* found.impl({ ...env, argv: found.argv });
};

export const curl: ImageSpec = {
  family: 'curl',
  sizeBytes: 11_863_000,
  entrypoint: ['/entrypoint.sh'],
  cmd: ['curl'],
  env: { PATH: STANDARD_PATH, CURL_CA_BUNDLE: '/cacert.pem' },
  files: {},
  commands: { ...busyboxTools(), curl: curlCommand },
  paths: { '/entrypoint.sh': entrypoint },
  shell: 'ash',
};
