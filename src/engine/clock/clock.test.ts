import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type Timer, VirtualClock } from './clock.ts';

describe('VirtualClock', () => {
  it('fires timers in (due, sequence) order and skips cancelled ones', () => {
    const clock = new VirtualClock(1000);
    const fired: string[] = [];
    clock.at(2000, 'b', () => fired.push('b'));
    clock.at(1500, 'a', () => fired.push('a'));
    const c = clock.at(2000, 'c', () => fired.push('c'));
    clock.at(2000, 'd', () => fired.push('d'));
    clock.cancel(c);
    for (let due = clock.takeDue(Infinity); due.length > 0; due = clock.takeDue(Infinity)) {
      clock.nowMs = due[0]!.dueMs;
      due.forEach((t) => t.fire());
    }
    expect(fired).toEqual(['a', 'b', 'd']);
    expect(clock.pending).toBe(0);
  });

  it('never schedules in the past and rounds to whole milliseconds', () => {
    const clock = new VirtualClock(500);
    expect(clock.at(100, 'x', () => {}).dueMs).toBe(500);
    expect(clock.after(10.6, 'y', () => {}).dueMs).toBe(511);
  });

  it('takes only the timers of the earliest instant', () => {
    const clock = new VirtualClock(0);
    clock.at(10, 'a', () => {});
    clock.at(10, 'b', () => {});
    clock.at(20, 'c', () => {});
    expect(clock.takeDue(Infinity).map((t) => t.label)).toEqual(['a', 'b']);
    expect(clock.takeDue(15)).toEqual([]);
    expect(clock.nextDueMs()).toBe(20);
  });

  it('fires any mix of timers, cancellations and timers set while firing in (due, sequence) order', () => {
    const op = fc.oneof(fc.record({ at: fc.integer({ min: 0, max: 50 }) }), fc.record({ cancel: fc.nat() }), fc.record({ chain: fc.integer({ min: 0, max: 20 }) }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const clock = new VirtualClock(0);
        const live: Timer[] = [];
        const fired: number[] = [];
        const cancelled = new Set<number>();
        const schedule = (dueMs: number) => {
          const t = clock.at(dueMs, 't', () => fired.push(t.seq));
          live.push(t);
          return t;
        };
        for (const o of ops) {
          if ('at' in o) schedule(o.at);
          else if ('cancel' in o && live.length > 0) {
            const t = live[o.cancel % live.length]!;
            clock.cancel(t);
            cancelled.add(t.seq);
          }
          else if ('chain' in o) {
            // A timer that schedules another when it fires (as processes and controllers do).
            const t = clock.at(o.chain, 'chain', () => {
              fired.push(t.seq);
              schedule(clock.nowMs + o.chain);
            });
            live.push(t);
          }
        }
        let last = { dueMs: -1, seq: -1 };
        for (let due = clock.takeDue(Infinity); due.length > 0; due = clock.takeDue(Infinity)) {
          clock.nowMs = due[0]!.dueMs;
          for (const t of due) {
            expect(t.dueMs > last.dueMs || (t.dueMs === last.dueMs && t.seq > last.seq)).toBe(true);
            last = t;
            t.fire();
          }
        }
        const expected = live.filter((t) => !cancelled.has(t.seq)).map((t) => t.seq);
        expect([...fired].sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
        expect(clock.pending).toBe(0);
      }),
    );
  });
});
