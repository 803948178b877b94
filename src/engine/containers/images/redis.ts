/**
 * redis (the official image): `redis-server` on 6379 (`--port N` to change), in-memory only — the
 * data lives as long as the container — and `redis-cli`. Handles SIGTERM by shutting down (exit 0).
 */
import type { CommandImpl } from '../command.ts';
import type { ImageSpec } from './image.ts';
import { debianPackages, debianTools } from './debian.ts';
import { redisCli } from '../commands/redisCli.ts';
import { strftime } from '../commands/system.ts';
import { STANDARD_PATH } from './busybox.ts';
import { serveForever } from '../../net/http.ts';
import { RedisServer } from '../../net/redis.ts';

export const REDIS_VERSION = '7.4.1';

const server: CommandImpl = function* (env) {
  if (env.process) env.process.onTerm = { exit: 0 };
  const portFlag = env.argv.indexOf('--port');
  const port = portFlag >= 0 ? Number(env.argv[portFlag + 1]) : 6379;
  const stamp = () => strftime('%d %b %Y %H:%M:%S', env.container.now()) + `.${String(env.container.now() % 1000).padStart(3, '0')}`;
  const log = (role: string, mark: string, text: string) => env.io.out(`1:${role} ${stamp()} ${mark} ${text}\n`);
  log('C', '#', 'WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition.');
  log('C', '*', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo');
  log('C', '*', `Redis version=${REDIS_VERSION}, bits=64, commit=00000000, modified=0, pid=1, just started`);
  log('C', '#', 'Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf');
  log('M', '*', 'monotonic clock: POSIX clock_gettime');
  log('M', '*', `Running mode=standalone, port=${port}.`);
  log('M', '*', 'Server initialized');
  log('M', '*', 'Ready to accept connections tcp');
  env.container.listen(port, new RedisServer(env.container.net.network.clock).listener());
  return yield* serveForever();
};

/** docker-entrypoint.sh: `redis-server` (or options for it) as the command. */
const entrypoint: CommandImpl = function* (env) {
  const args = env.argv.slice(1);
  const argv = args.length === 0 || args[0]!.startsWith('-') ? ['redis-server', ...args] : args;
  const found = env.container.resolve(argv, env.env, env.cwd);
  if (!found.ok) {
    env.io.err(`/usr/local/bin/docker-entrypoint.sh: 24: exec: ${argv[0]}: not found\n`);
    return 127;
  }
  return yield* found.impl({ ...env, argv: found.argv });
};

export const redis: ImageSpec = {
  family: 'redis',
  sizeBytes: 45_236_000,
  entrypoint: ['docker-entrypoint.sh'],
  cmd: ['redis-server'],
  env: { PATH: STANDARD_PATH, REDIS_VERSION },
  workingDir: '/data',
  files: { '/data/.keep': '' },
  commands: { ...debianTools('debian'), 'redis-server': server, 'redis-cli': redisCli },
  paths: { '/usr/local/bin/docker-entrypoint.sh': entrypoint },
  packages: debianPackages(),
  shell: 'dash',
};
