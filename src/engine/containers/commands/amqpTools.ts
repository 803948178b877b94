/**
 * The amqp-tools (librabbitmq's command-line clients): `amqp-declare-queue`, `amqp-publish`,
 * `amqp-consume` (runs a command per message with the body on its stdin, acknowledging after it
 * exits) and `amqp-delete-queue`, all taking `--url=amqp://user:pass@host:port`.
 */
import { type CommandImpl, type ExecEnv, Input, awaitValue } from '../command.ts';
import type { CommandTable } from '../images/image.ts';
import { Connection, type NetError } from '../../net/network.ts';
import type { AmqpRequest, AmqpResponse } from '../../net/amqp.ts';
import type { Syscall } from '../process.ts';

type Gen = Generator<Syscall, number, unknown>;

interface Options {
  url: { host: string; port: number };
  flags: Map<string, string>;
  rest: string[];
}

const VALUED = new Set(['url', 'server', 'port', 'vhost', 'username', 'password', 'q', 'queue', 'r', 'routing-key', 'e', 'exchange', 'b', 'body', 'c', 'count', 'p', 'prefetch-count', 'C', 'content-type', 'E', 'content-encoding', 'H', 'header']);

function parse(argv: readonly string[], stopAtCommand: boolean): Options {
  const flags = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (stopAtCommand && !a.startsWith('-')) {
      rest.push(...argv.slice(i));
      break;
    }
    const m = /^--?([^=]+)(?:=(.*))?$/.exec(a);
    if (!m) {
      rest.push(a);
      continue;
    }
    const key = m[1]!;
    if (m[2] !== undefined) flags.set(key, m[2]);
    else if (VALUED.has(key) && !(key === 'p' && !stopAtCommand)) flags.set(key, argv[++i] ?? '');
    else flags.set(key, '');
  }
  const raw = flags.get('url') ?? flags.get('u') ?? '';
  const m = /^amqps?:\/\/(?:[^@/]*@)?([^:/]+)(?::(\d+))?/.exec(raw);
  const host = m?.[1] ?? flags.get('server') ?? 'localhost';
  const port = Number(m?.[2] ?? flags.get('port') ?? 5672);
  return { url: { host, port }, flags, rest };
}

function get(o: Options, ...names: string[]): string | undefined {
  for (const n of names) if (o.flags.has(n)) return o.flags.get(n);
  return undefined;
}

function* call(env: ExecEnv, conn: Connection, o: Options, req: AmqpRequest): Generator<Syscall, AmqpResponse | { netError: NetError | 'resolve' }, unknown> {
  const answer = env.container.lookup(o.url.host);
  if (!answer) return { netError: 'resolve' };
  const net = env.container.net;
  const r = yield* awaitValue(env, net.network.exchange<AmqpRequest, AmqpResponse>(answer.ips[0]!, o.url.port, 'amqp', req, conn, 86_400_000 * 365, net.podUid));
  if (!r || !r.ok) return { netError: r?.error ?? 'timeout' };
  return r.value;
}

function report(env: ExecEnv, tool: string, r: AmqpResponse | { netError: NetError | 'resolve' }): number | undefined {
  if ('netError' in r) {
    const why = r.netError === 'resolve' ? 'Name or service not known' : r.netError === 'refused' ? 'Connection refused' : 'Connection timed out';
    env.io.err(`${tool}: opening socket: ${why}\n`);
    return 1;
  }
  if (!r.ok) {
    env.io.err(`${tool}: server channel error ${r.code}, message: ${r.text}\n`);
    return 1;
  }
  return undefined;
}

const declareQueue: CommandImpl = function* (env): Gen {
  const o = parse(env.argv, false);
  const queue = get(o, 'q', 'queue') ?? '';
  const conn = new Connection(env.container.net.podIp());
  try {
    const r = yield* call(env, conn, o, { op: 'declare', queue, durable: o.flags.has('d') || o.flags.has('durable') });
    const failed = report(env, 'amqp-declare-queue', r);
    if (failed !== undefined) return failed;
    env.io.out(`${queue}\n`);
    return 0;
  } finally {
    conn.close();
  }
};

const publish: CommandImpl = function* (env): Gen {
  const o = parse(env.argv, false);
  const body = get(o, 'b', 'body') ?? env.io.stdin.readAll();
  const conn = new Connection(env.container.net.podIp());
  try {
    const r = yield* call(env, conn, o, { op: 'publish', exchange: get(o, 'e', 'exchange') ?? '', routingKey: get(o, 'r', 'routing-key') ?? '', body });
    return report(env, 'amqp-publish', r) ?? 0;
  } finally {
    conn.close();
  }
};

const deleteQueue: CommandImpl = function* (env): Gen {
  const o = parse(env.argv, false);
  const conn = new Connection(env.container.net.podIp());
  try {
    const r = yield* call(env, conn, o, { op: 'delete', queue: get(o, 'q', 'queue') ?? '' });
    const failed = report(env, 'amqp-delete-queue', r);
    if (failed !== undefined) return failed;
    env.io.out(`${(r as { count?: number }).count ?? 0}\n`);
    return 0;
  } finally {
    conn.close();
  }
};

const consume: CommandImpl = function* (env): Gen {
  const o = parse(env.argv, true);
  const queue = get(o, 'q', 'queue') ?? '';
  const count = Number(get(o, 'c', 'count') ?? '0') || Infinity;
  const command = o.rest;
  if (command.length === 0) {
    env.io.err('amqp-consume: consuming command not specified\n');
    return 1;
  }
  const conn = new Connection(env.container.net.podIp());
  const stopWatching = env.container.onStop(() => conn.close());
  try {
    for (let n = 0; n < count; n++) {
      const r = yield* call(env, conn, o, { op: 'consume', queue });
      const failed = report(env, 'amqp-consume', r);
      if (failed !== undefined) return failed;
      const msg = r as Extract<AmqpResponse, { ok: true }>;
      const found = env.container.resolve(command, env.env, env.cwd);
      if (!found.ok) {
        env.io.err(`amqp-consume: exec: ${command[0]}: No such file or directory\n`);
        return 1;
      }
      yield* found.impl({ ...env, argv: found.argv, io: { ...env.io, stdin: new Input(msg.body ?? '') } });
      yield* call(env, conn, o, { op: 'ack', tag: msg.tag ?? 0 });
    }
    return 0;
  } finally {
    stopWatching();
    conn.close();
  }
};

export const amqpTools: CommandTable = {
  'amqp-declare-queue': declareQueue,
  'amqp-publish': publish,
  'amqp-consume': consume,
  'amqp-delete-queue': deleteQueue,
};
