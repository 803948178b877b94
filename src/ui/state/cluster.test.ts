import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClockState, ObjectRecord } from '../../worker/protocol.ts';
import { MAX_EVENTS, useClusterStore } from './cluster.ts';

const clock: ClockState = { playing: false, speed: 1, startMs: 0 };
const pod = (name: string, node?: string): ObjectRecord => ({
  uid: `uid-${name}`,
  kind: 'Pod',
  namespace: 'default',
  name,
  rv: '1',
  summary: { kind: 'Pod', status: 'Running', phase: 'Running', ready: '1/1', restarts: 0, ...(node ? { nodeName: node } : {}), containers: ['c'], previous: [], cpuMilli: 0, memBytes: 0, daemon: false },
});
const event = (name: string, lastMs: number): ObjectRecord => ({
  uid: `uid-${name}`,
  kind: 'Event',
  namespace: 'default',
  name,
  rv: '1',
  summary: { kind: 'Event', type: 'Normal', reason: 'R', message: 'm', object: 'pod/x', count: 1, lastMs, source: 's' },
});
const names = (kind: string) => (useClusterStore.getState().ids[kind] ?? []).map((uid) => useClusterStore.getState().records.get(uid)!.name);

describe('cluster mirror', () => {
  it('keeps id lists sorted as frames add and remove, collapsing several frames into one update', () => {
    const s = useClusterStore.getState();
    s.reset([pod('b'), pod('d')], 0, 1, clock);
    const version = useClusterStore.getState().version;
    s.applyFrames(
      [
        { added: [pod('c'), pod('a')], modified: [], removed: [] },
        { added: [pod('e')], modified: [], removed: ['uid-d'] },
        { added: [], modified: [], removed: ['uid-e'] },
      ],
      10,
      2,
      clock,
    );
    expect(names('Pod')).toEqual(['a', 'b', 'c']);
    expect(useClusterStore.getState().version).toBe(version + 1);
  });

  it('bumps structure for membership and placement changes, not for status alone', () => {
    const s = useClusterStore.getState();
    s.reset([pod('a')], 0, 1, clock);
    const start = useClusterStore.getState().structure;
    s.applyFrames([{ added: [], modified: [{ ...pod('a'), rv: '2' }], removed: [] }], 1, 2, clock);
    expect(useClusterStore.getState().structure).toBe(start);
    s.applyFrames([{ added: [], modified: [pod('a', 'worker-1')], removed: [] }], 2, 3, clock);
    expect(useClusterStore.getState().structure).toBe(start + 1);
    s.applyFrames([{ added: [event('e1', 5)], modified: [], removed: [] }], 3, 4, clock);
    expect(useClusterStore.getState().structure).toBe(start + 1);
  });

  it('orders events by last occurrence, moves one seen again, and caps the list', () => {
    const s = useClusterStore.getState();
    s.reset([event('x', 10), event('y', 20)], 0, 1, clock);
    s.applyFrames([{ added: [event('z', 15)], modified: [{ ...event('x', 30) }], removed: [] }], 30, 2, clock);
    expect(names('Event')).toEqual(['z', 'y', 'x']);
    const many = Array.from({ length: MAX_EVENTS + 5 }, (_, i) => event(`e${i}`, 100 + i));
    s.applyFrames([{ added: many, modified: [], removed: [] }], 40, 3, clock);
    const ids = useClusterStore.getState().ids.Event!;
    expect(ids.length).toBe(MAX_EVENTS);
    expect(useClusterStore.getState().records.has('uid-x')).toBe(false); // fell off the front
  });

  it('matches a full sort whatever the frames (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 30 })), { maxLength: 60 }), (ops) => {
        const s = useClusterStore.getState();
        s.reset([], 0, 0, clock);
        const live = new Set<string>();
        for (const [add, n] of ops) {
          const name = `p${n}`;
          if (add && !live.has(name)) {
            live.add(name);
            s.applyFrames([{ added: [pod(name)], modified: [], removed: [] }], 0, 0, clock);
          } else if (!add && live.has(name)) {
            live.delete(name);
            s.applyFrames([{ added: [], modified: [], removed: [`uid-${name}`] }], 0, 0, clock);
          }
        }
        expect(names('Pod')).toEqual([...live].sort());
      }),
    );
  });
});
