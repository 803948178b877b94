/**
 * A RabbitMQ broker, as the amqp-tools see it: queues declared by name, publishing through the
 * default exchange (routing key = queue name; unroutable messages are dropped), and consumers that
 * receive one message at a time and acknowledge it after their work — a message a consumer had not
 * acknowledged goes back to the head of its queue when the consumer's connection closes.
 */
import { Deferred } from '../containers/command.ts';
import type { Connection, Listener } from './network.ts';

export type AmqpRequest =
  | { op: 'declare'; queue: string; durable: boolean }
  | { op: 'publish'; exchange: string; routingKey: string; body: string }
  | { op: 'consume'; queue: string }
  | { op: 'ack'; tag: number }
  | { op: 'delete'; queue: string };

export type AmqpResponse = { ok: true; queue?: string; body?: string; tag?: number; count?: number } | { ok: false; code: number; text: string };

interface Queue {
  messages: string[];
  durable: boolean;
  waiting: { conn: Connection; reply: Deferred<AmqpResponse> }[];
}

export class AmqpBroker {
  private readonly queues = new Map<string, Queue>();
  private readonly unacked = new Map<number, { queue: string; body: string; conn: Connection }>();
  private nextTag = 1;

  listener(): Listener<AmqpRequest, AmqpResponse> {
    return { protocol: 'amqp', handle: (req, conn) => this.handle(req, conn) };
  }

  /** Queue name → ready message count (for tests and `rabbitmqctl list_queues`). */
  queueDepths(): Record<string, number> {
    return Object.fromEntries([...this.queues].map(([k, q]) => [k, q.messages.length]));
  }

  handle(req: AmqpRequest, conn: Connection): AmqpResponse | Deferred<AmqpResponse> {
    switch (req.op) {
      case 'declare': {
        const existing = this.queues.get(req.queue);
        if (existing && existing.durable !== req.durable) {
          return { ok: false, code: 406, text: `PRECONDITION_FAILED - inequivalent arg 'durable' for queue '${req.queue}' in vhost '/': received '${req.durable}' but current is '${existing.durable}'` };
        }
        if (!existing) this.queues.set(req.queue, { messages: [], durable: req.durable, waiting: [] });
        return { ok: true, queue: req.queue, count: this.queues.get(req.queue)!.messages.length };
      }
      case 'publish': {
        if (req.exchange !== '') return { ok: false, code: 404, text: `NOT_FOUND - no exchange '${req.exchange}' in vhost '/'` };
        const q = this.queues.get(req.routingKey);
        if (q) {
          q.messages.push(req.body);
          this.dispatch(req.routingKey, q);
        }
        return { ok: true };
      }
      case 'consume': {
        const q = this.queues.get(req.queue);
        if (!q) return { ok: false, code: 404, text: `NOT_FOUND - no queue '${req.queue}' in vhost '/'` };
        const reply = new Deferred<AmqpResponse>();
        const waiter = { conn, reply };
        q.waiting.push(waiter);
        conn.onClose(() => (q.waiting = q.waiting.filter((w) => w !== waiter)));
        this.dispatch(req.queue, q);
        return reply;
      }
      case 'ack':
        this.unacked.delete(req.tag);
        return { ok: true };
      case 'delete': {
        const q = this.queues.get(req.queue);
        this.queues.delete(req.queue);
        return { ok: true, count: q?.messages.length ?? 0 };
      }
    }
  }

  private dispatch(name: string, q: Queue): void {
    while (q.messages.length > 0 && q.waiting.length > 0) {
      const w = q.waiting.shift()!;
      if (w.conn.closed || w.reply.done) continue;
      const body = q.messages.shift()!;
      const tag = this.nextTag++;
      this.unacked.set(tag, { queue: name, body, conn: w.conn });
      w.conn.onClose(() => {
        const m = this.unacked.get(tag);
        if (!m) return;
        this.unacked.delete(tag);
        const target = this.queues.get(m.queue);
        if (target) {
          target.messages.unshift(m.body);
          this.dispatch(m.queue, target);
        }
      });
      w.reply.resolve({ ok: true, body, tag });
    }
  }
}
