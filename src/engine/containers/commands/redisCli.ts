/**
 * `redis-cli [-h HOST] [-p PORT] [-n DB] [--raw] [COMMAND ARGS...]`: one command from the
 * arguments, or one per line from standard input. Output is in redis-cli's non-terminal format
 * (a container's stdout is never a terminal): `1`, `apple`, one array element per line.
 */
import type { CommandImpl } from '../command.ts';
import { Connection, formatRaw, redisCall } from '../../net/redis.ts';
import type { Syscall } from '../process.ts';

/** Split a redis-cli input line into words, honouring double and single quotes. */
export function splitRedisLine(line: string): string[] {
  const words: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) words.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3]!));
  return words;
}

export const redisCli: CommandImpl = function* (env): Generator<Syscall, number, unknown> {
  let host = '127.0.0.1';
  let port = 6379;
  const words: string[] = [];
  const argv = env.argv;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-h') host = argv[++i] ?? host;
    else if (a === '-p') port = Number(argv[++i] ?? port);
    else if (a === '-n' || a === '-a' || a === '--user' || a === '--pass') i++;
    else if (a === '--raw' || a === '--no-raw' || a === '-c' || a === '--no-auth-warning') continue;
    else words.push(...argv.slice(i));
    if (words.length > 0) break;
  }
  const commands = words.length > 0 ? [words] : env.io.stdin.readAll().split('\n').map(splitRedisLine).filter((w) => w.length > 0);
  const conn = new Connection(env.container.net.podIp());
  try {
    for (const cmd of commands) {
      const r = yield* redisCall(env, conn, host, port, cmd);
      if (!r.ok) {
        const why = r.error === 'resolve' ? 'Name or service not known' : r.error === 'refused' ? 'Connection refused' : 'Connection timed out';
        env.io.err(`Could not connect to Redis at ${host}:${port}: ${why}\n`);
        return 1;
      }
      env.io.out(formatRaw(r.reply));
    }
  } finally {
    conn.close();
  }
  return 0;
};
