/**
 * A Redis server (the subset work queues and tutorials use): strings with expiry, lists, blocking
 * pops (`BLPOP`, `BRPOP`, `BRPOPLPUSH`) served first-come first-served, `KEYS`, `INCR`, `TYPE`.
 * Replies are RESP values; errors use Redis's wording. Plus the client side programs use.
 */
import type { VirtualClock } from '../clock/clock.ts';
import { Deferred, awaitValue, type ExecEnv } from '../containers/command.ts';
import { Connection, type Listener, type NetError } from './network.ts';
import { matchPattern } from '../containers/shell/pattern.ts';
import type { Syscall } from '../containers/process.ts';

export type RedisReply =
  | { t: 'status'; v: string }
  | { t: 'error'; v: string }
  | { t: 'int'; v: number }
  | { t: 'bulk'; v: string | null }
  | { t: 'array'; v: RedisReply[] | null };

const OK: RedisReply = { t: 'status', v: 'OK' };
const NIL: RedisReply = { t: 'bulk', v: null };
const WRONGTYPE: RedisReply = { t: 'error', v: 'WRONGTYPE Operation against a key holding the wrong kind of value' };
const int = (v: number): RedisReply => ({ t: 'int', v });
const bulk = (v: string | null): RedisReply => ({ t: 'bulk', v });

interface Waiter {
  keys: string[];
  pop: 'left' | 'right';
  dest?: string;
  conn: Connection;
  reply: Deferred<RedisReply>;
}

export class RedisServer {
  private readonly data = new Map<string, string | string[]>();
  private readonly expiry = new Map<string, number>();
  private waiters: Waiter[] = [];

  constructor(private readonly clock: VirtualClock) {}

  listener(): Listener<string[], RedisReply> {
    return { protocol: 'redis', handle: (args, conn) => this.execute(args, conn) };
  }

  private live(key: string): string | string[] | undefined {
    const exp = this.expiry.get(key);
    if (exp !== undefined && exp <= this.clock.nowMs) {
      this.data.delete(key);
      this.expiry.delete(key);
    }
    return this.data.get(key);
  }

  private list(key: string): string[] | undefined | 'wrong' {
    const v = this.live(key);
    if (v === undefined) return undefined;
    return Array.isArray(v) ? v : 'wrong';
  }

  private arity(name: string): RedisReply {
    return { t: 'error', v: `ERR wrong number of arguments for '${name.toLowerCase()}' command` };
  }

  execute(args: string[], conn: Connection): RedisReply | Deferred<RedisReply> {
    const [rawName, ...a] = args;
    if (!rawName) return { t: 'error', v: 'ERR empty command' };
    const name = rawName.toUpperCase();
    const need = (n: number) => a.length < n;
    switch (name) {
      case 'PING':
        return a[0] !== undefined ? bulk(a[0]) : { t: 'status', v: 'PONG' };
      case 'ECHO':
        return need(1) ? this.arity(name) : bulk(a[0]!);
      case 'SELECT':
      case 'CLIENT':
      case 'AUTH':
        return OK;
      case 'QUIT':
        conn.close();
        return OK;
      case 'SET': {
        if (need(2)) return this.arity(name);
        const opts = a.slice(2).map((o) => o.toUpperCase());
        const exists = this.live(a[0]!) !== undefined;
        if ((opts.includes('NX') && exists) || (opts.includes('XX') && !exists)) return NIL;
        this.data.set(a[0]!, a[1]!);
        this.expiry.delete(a[0]!);
        const ex = opts.indexOf('EX');
        const px = opts.indexOf('PX');
        if (ex >= 0) this.expiry.set(a[0]!, this.clock.nowMs + Number(a[ex + 3]) * 1000);
        if (px >= 0) this.expiry.set(a[0]!, this.clock.nowMs + Number(a[px + 3]));
        return OK;
      }
      case 'SETEX':
        if (need(3)) return this.arity(name);
        this.data.set(a[0]!, a[2]!);
        this.expiry.set(a[0]!, this.clock.nowMs + Number(a[1]) * 1000);
        return OK;
      case 'GET': {
        if (need(1)) return this.arity(name);
        const v = this.live(a[0]!);
        return Array.isArray(v) ? WRONGTYPE : bulk(v ?? null);
      }
      case 'DEL':
        return int(a.filter((k) => this.live(k) !== undefined && (this.data.delete(k), this.expiry.delete(k), true)).length);
      case 'EXISTS':
        return int(a.filter((k) => this.live(k) !== undefined).length);
      case 'EXPIRE':
        if (this.live(a[0] ?? '') === undefined) return int(0);
        this.expiry.set(a[0]!, this.clock.nowMs + Number(a[1]) * 1000);
        return int(1);
      case 'TTL': {
        if (this.live(a[0] ?? '') === undefined) return int(-2);
        const exp = this.expiry.get(a[0]!);
        return int(exp === undefined ? -1 : Math.ceil((exp - this.clock.nowMs) / 1000));
      }
      case 'INCR':
      case 'DECR':
      case 'INCRBY': {
        const v = this.live(a[0] ?? '');
        if (Array.isArray(v)) return WRONGTYPE;
        const n = Number(v ?? '0');
        if (!Number.isInteger(n)) return { t: 'error', v: 'ERR value is not an integer or out of range' };
        const next = n + (name === 'INCR' ? 1 : name === 'DECR' ? -1 : Number(a[1]));
        this.data.set(a[0]!, String(next));
        return int(next);
      }
      case 'KEYS': {
        const pattern = a[0] ?? '*';
        return { t: 'array', v: [...this.data.keys()].filter((k) => this.live(k) !== undefined && matchPattern(k, pattern)).sort().map((k) => bulk(k)) };
      }
      case 'DBSIZE':
        return int([...this.data.keys()].filter((k) => this.live(k) !== undefined).length);
      case 'FLUSHALL':
      case 'FLUSHDB':
        this.data.clear();
        this.expiry.clear();
        return OK;
      case 'TYPE': {
        const v = this.live(a[0] ?? '');
        return { t: 'status', v: v === undefined ? 'none' : Array.isArray(v) ? 'list' : 'string' };
      }
      case 'LPUSH':
      case 'RPUSH': {
        if (need(2)) return this.arity(name);
        let l = this.list(a[0]!);
        if (l === 'wrong') return WRONGTYPE;
        if (!l) this.data.set(a[0]!, (l = []));
        for (const v of a.slice(1)) {
          if (name === 'LPUSH') l.unshift(v);
          else l.push(v);
        }
        const len = l.length;
        this.serveWaiters();
        return int(len);
      }
      case 'LPOP':
      case 'RPOP': {
        const l = this.list(a[0] ?? '');
        if (l === 'wrong') return WRONGTYPE;
        if (!l || l.length === 0) return NIL;
        return bulk(this.pop(a[0]!, l, name === 'LPOP' ? 'left' : 'right'));
      }
      case 'LLEN': {
        const l = this.list(a[0] ?? '');
        if (l === 'wrong') return WRONGTYPE;
        return int(l?.length ?? 0);
      }
      case 'LINDEX': {
        const l = this.list(a[0] ?? '');
        if (l === 'wrong') return WRONGTYPE;
        const i = Number(a[1]);
        return bulk(l?.[i < 0 ? l.length + i : i] ?? null);
      }
      case 'LRANGE': {
        if (need(3)) return this.arity(name);
        const l = this.list(a[0]!);
        if (l === 'wrong') return WRONGTYPE;
        const items = l ?? [];
        const norm = (i: number) => (i < 0 ? items.length + i : i);
        return { t: 'array', v: items.slice(Math.max(0, norm(Number(a[1]))), norm(Number(a[2])) + 1).map((v) => bulk(v)) };
      }
      case 'LREM': {
        const l = this.list(a[0] ?? '');
        if (l === 'wrong') return WRONGTYPE;
        if (!l) return int(0);
        const count = Number(a[1]);
        let removed = 0;
        const keep: string[] = [];
        const order = count < 0 ? [...l].reverse() : l;
        for (const v of order) {
          if (v === a[2] && (count === 0 || removed < Math.abs(count))) removed++;
          else keep.push(v);
        }
        l.splice(0, l.length, ...(count < 0 ? keep.reverse() : keep));
        if (l.length === 0) this.data.delete(a[0]!);
        return int(removed);
      }
      case 'RPOPLPUSH':
      case 'BRPOPLPUSH': {
        if (need(name === 'RPOPLPUSH' ? 2 : 3)) return this.arity(name);
        const src = this.list(a[0]!);
        if (src === 'wrong') return WRONGTYPE;
        if (src && src.length > 0) return bulk(this.move(a[0]!, src, a[1]!));
        if (name === 'RPOPLPUSH') return NIL;
        return this.block([a[0]!], 'right', Number(a[2]), conn, a[1]);
      }
      case 'BLPOP':
      case 'BRPOP': {
        if (need(2)) return this.arity(name);
        const keys = a.slice(0, -1);
        const pop = name === 'BLPOP' ? 'left' : 'right';
        for (const k of keys) {
          const l = this.list(k);
          if (l === 'wrong') return WRONGTYPE;
          if (l && l.length > 0) return { t: 'array', v: [bulk(k), bulk(this.pop(k, l, pop))] };
        }
        return this.block(keys, pop, Number(a[a.length - 1]), conn);
      }
      case 'INFO':
        return bulk('# Server\r\nredis_version:7.4.1\r\nredis_mode:standalone\r\nos:Linux 6.8.0-1019-gcp x86_64\r\ntcp_port:6379\r\n');
      default:
        return { t: 'error', v: `ERR unknown command '${rawName}', with args beginning with: ${a.map((x) => `'${x}' `).join('')}` };
    }
  }

  private pop(key: string, l: string[], side: 'left' | 'right'): string {
    const v = side === 'left' ? l.shift()! : l.pop()!;
    if (l.length === 0) this.data.delete(key);
    return v;
  }

  private move(srcKey: string, src: string[], destKey: string): string {
    const v = this.pop(srcKey, src, 'right');
    let dest = this.list(destKey);
    if (dest === 'wrong' || !dest) this.data.set(destKey, (dest = []));
    dest.unshift(v);
    return v;
  }

  private block(keys: string[], pop: 'left' | 'right', timeoutSeconds: number, conn: Connection, dest?: string): Deferred<RedisReply> {
    const reply = new Deferred<RedisReply>();
    const waiter: Waiter = { keys, pop, conn, reply, ...(dest !== undefined ? { dest } : {}) };
    this.waiters.push(waiter);
    const drop = () => (this.waiters = this.waiters.filter((w) => w !== waiter));
    conn.onClose(drop);
    if (timeoutSeconds > 0) {
      this.clock.after(timeoutSeconds * 1000, 'redis:block-timeout', () => {
        drop();
        reply.resolve(dest !== undefined ? NIL : { t: 'array', v: null });
      });
    }
    return reply;
  }

  /** A push happened: hand elements to blocked clients, oldest first. */
  private serveWaiters(): void {
    for (const w of [...this.waiters]) {
      if (w.reply.done || w.conn.closed) continue;
      for (const k of w.keys) {
        const l = this.list(k);
        if (!l || l === 'wrong' || l.length === 0) continue;
        this.waiters = this.waiters.filter((x) => x !== w);
        if (w.dest !== undefined) w.reply.resolve(bulk(this.move(k, l, w.dest)));
        else w.reply.resolve({ t: 'array', v: [bulk(k), bulk(this.pop(k, l, w.pop))] });
        break;
      }
    }
  }
}

/** A reply as `redis-cli` prints it when its output is not a terminal (`--raw`). */
export function formatRaw(r: RedisReply): string {
  switch (r.t) {
    case 'status':
      return `${r.v}\n`;
    case 'error':
      return `${r.v}\n`;
    case 'int':
      return `${r.v}\n`;
    case 'bulk':
      return `${r.v ?? ''}\n`;
    case 'array':
      return r.v === null ? '\n' : r.v.map(formatRaw).join('');
  }
}

/** A reply as `redis-cli` prints it on a terminal: `(integer) 1`, `"apple"`, `1) "a"`. */
export function formatTty(r: RedisReply, indent = ''): string {
  switch (r.t) {
    case 'status':
      return `${r.v}\n`;
    case 'error':
      return `(error) ${r.v}\n`;
    case 'int':
      return `(integer) ${r.v}\n`;
    case 'bulk':
      return r.v === null ? '(nil)\n' : `"${r.v}"\n`;
    case 'array':
      if (r.v === null || r.v.length === 0) return r.v === null ? '(nil)\n' : '(empty array)\n';
      return r.v.map((x, i) => `${i === 0 ? '' : indent}${i + 1}) ${formatTty(x, `${indent}   `)}`).join('');
  }
}

export type RedisCallResult = { ok: true; reply: RedisReply } | { ok: false; error: NetError | 'resolve'; ip?: string };

/** Send one command from inside a container over a connection (opened once per client). */
export function* redisCall(env: ExecEnv, conn: Connection, host: string, port: number, args: string[], timeoutMs = 300_000): Generator<Syscall, RedisCallResult, unknown> {
  const answer = env.container.lookup(host);
  if (!answer) return { ok: false, error: 'resolve' };
  const ip = answer.ips[0]!;
  const net = env.container.net;
  const r = yield* awaitValue(env, net.network.exchange<string[], RedisReply>(ip, port, 'redis', args, conn, timeoutMs, net.podUid));
  if (!r || !r.ok) return { ok: false, error: r?.error ?? 'timeout', ip };
  return { ok: true, reply: r.value };
}

export { Connection };
