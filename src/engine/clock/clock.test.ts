import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock.ts';

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
});
