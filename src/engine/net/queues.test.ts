import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/clock.ts';
import { type Deferred } from '../containers/command.ts';
import { Connection } from './network.ts';
import { RedisServer, formatRaw, formatTty, type RedisReply } from './redis.ts';
import { AmqpBroker, type AmqpResponse } from './amqp.ts';

function run(clock: VirtualClock, untilMs: number): void {
  for (;;) {
    const due = clock.takeDue(untilMs);
    if (due.length === 0) break;
    clock.nowMs = due[0]!.dueMs;
    for (const t of due) t.fire();
  }
  clock.nowMs = untilMs;
}

describe('redis server', () => {
  it('lists, RPOPLPUSH as rediswq uses it, LREM, TTL and errors', () => {
    const clock = new VirtualClock(0);
    const r = new RedisServer(clock);
    const c = new Connection('10.0.0.1');
    const x = (...args: string[]) => r.execute(args, c) as RedisReply;
    expect(x('RPUSH', 'job2', 'apple', 'banana', 'cherry')).toEqual({ t: 'int', v: 3 });
    expect(x('RPOPLPUSH', 'job2', 'job2:processing')).toEqual({ t: 'bulk', v: 'cherry' });
    expect(x('LRANGE', 'job2:processing', '0', '-1')).toEqual({ t: 'array', v: [{ t: 'bulk', v: 'cherry' }] });
    expect(x('LREM', 'job2:processing', '0', 'cherry')).toEqual({ t: 'int', v: 1 });
    expect(x('LLEN', 'job2:processing')).toEqual({ t: 'int', v: 0 });
    expect(x('SETEX', 'lease', '10', 'session')).toEqual({ t: 'status', v: 'OK' });
    expect(x('TTL', 'lease')).toEqual({ t: 'int', v: 10 });
    run(clock, 10_000);
    expect(x('EXISTS', 'lease')).toEqual({ t: 'int', v: 0 });
    expect(x('GET', 'job2')).toEqual({ t: 'error', v: 'WRONGTYPE Operation against a key holding the wrong kind of value' });
    expect(x('FOO', 'a')).toEqual({ t: 'error', v: "ERR unknown command 'FOO', with args beginning with: 'a' " });
    expect(formatRaw(x('LRANGE', 'job2', '0', '-1'))).toBe('apple\nbanana\n');
    expect(formatTty(x('LRANGE', 'job2', '0', '-1'))).toBe('1) "apple"\n2) "banana"\n');
  });

  it('blocking pops wait for a push or time out with nil', () => {
    const clock = new VirtualClock(0);
    const r = new RedisServer(clock);
    const waiting = r.execute(['BRPOPLPUSH', 'q', 'q:processing', '2'], new Connection('a')) as Deferred<RedisReply>;
    const gone = new Connection('b');
    const dropped = r.execute(['BLPOP', 'q', '0'], gone) as Deferred<RedisReply>;
    gone.close();
    expect(waiting.done).toBe(false);
    r.execute(['LPUSH', 'q', 'work'], new Connection('c'));
    expect(waiting.result).toEqual({ t: 'bulk', v: 'work' });
    expect(dropped.done).toBe(false);
    const timeout = r.execute(['BRPOPLPUSH', 'q', 'q:processing', '2'], new Connection('a')) as Deferred<RedisReply>;
    run(clock, 2_000);
    expect(timeout.result).toEqual({ t: 'bulk', v: null });
  });
});

describe('amqp broker', () => {
  it('delivers one message per consumer; an unacknowledged message returns when the consumer disconnects', () => {
    const b = new AmqpBroker();
    const pub = new Connection('p');
    b.handle({ op: 'declare', queue: 'job1', durable: true }, pub);
    for (const body of ['apple', 'banana']) b.handle({ op: 'publish', exchange: '', routingKey: 'job1', body }, pub);
    b.handle({ op: 'publish', exchange: '', routingKey: 'nowhere', body: 'lost' }, pub);
    const c1 = new Connection('c1');
    const first = b.handle({ op: 'consume', queue: 'job1' }, c1) as Deferred<AmqpResponse>;
    expect(first.result).toMatchObject({ ok: true, body: 'apple' });
    c1.close();
    expect(b.queueDepths()).toEqual({ job1: 2 });
    const c2 = new Connection('c2');
    const again = b.handle({ op: 'consume', queue: 'job1' }, c2) as Deferred<AmqpResponse>;
    expect(again.result).toMatchObject({ ok: true, body: 'apple' });
    b.handle({ op: 'ack', tag: (again.result as { tag: number }).tag }, c2);
    c2.close();
    expect(b.queueDepths()).toEqual({ job1: 1 });
    expect(b.handle({ op: 'declare', queue: 'job1', durable: false }, pub)).toMatchObject({ ok: false, code: 406 });
  });
});
