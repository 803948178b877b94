/**
 * rabbitmq (the official image): the broker on 5672, ready about ten seconds after start (the Erlang
 * VM boots first: connections before that are refused), queues in memory. The `guest` user may
 * connect remotely, as the image configures it.
 */
import type { CommandImpl } from '../command.ts';
import { sleepFor } from '../command.ts';
import type { ImageSpec } from './image.ts';
import { debianPackages, debianTools } from './debian.ts';
import { strftime } from '../commands/system.ts';
import { STANDARD_PATH } from './busybox.ts';
import { serveForever } from '../../net/http.ts';
import { AmqpBroker } from '../../net/amqp.ts';

export const RABBITMQ_VERSION = '4.0.5';
const BOOT_MS = 9_500;

const server: CommandImpl = function* (env) {
  if (env.process) env.process.onTerm = { exit: 0 };
  const stamp = () => `${strftime('%Y-%m-%d %H:%M:%S', env.container.now())}.${String((env.container.now() % 1000) * 1000).padStart(6, '0')}+00:00`;
  const log = (text: string) => env.io.out(`${stamp()} [info] <0.${230 + (text.length % 40)}.0> ${text}\n`);
  log('Starting RabbitMQ 4.0.5 on Erlang 27.2 [jit]');
  log(' node           : rabbit@' + env.container.hostname);
  log(' home dir       : /var/lib/rabbitmq');
  yield* sleepFor(env, BOOT_MS);
  env.container.listen(5672, new AmqpBroker().listener());
  log('started TCP listener on [::]:5672');
  log('Server startup complete; 5 plugins started.');
  return yield* serveForever();
};

export const rabbitmq: ImageSpec = {
  family: 'rabbitmq',
  sizeBytes: 105_664_000,
  entrypoint: ['docker-entrypoint.sh'],
  cmd: ['rabbitmq-server'],
  env: { PATH: `/opt/rabbitmq/sbin:${STANDARD_PATH}`, RABBITMQ_VERSION, RABBITMQ_DATA_DIR: '/var/lib/rabbitmq', HOME: '/var/lib/rabbitmq' },
  files: { '/var/lib/rabbitmq/.keep': '' },
  commands: { ...debianTools('ubuntu'), 'rabbitmq-server': server, 'docker-entrypoint.sh': server },
  packages: debianPackages(),
  shell: 'dash',
};
