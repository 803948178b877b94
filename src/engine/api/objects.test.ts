import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clone, cloneSharing, deepEqual } from './objects.ts';

const json = fc.jsonValue({ maxDepth: 4 });

describe('clone, deepEqual and cloneSharing', () => {
  it('clone behaves like a JSON round trip', () => {
    fc.assert(
      fc.property(json, (v) => {
        expect(clone(v)).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
    expect(clone({ a: undefined, b: [undefined, 1], c: Number.NaN })).toEqual({ b: [null, 1], c: null });
  });

  it('deepEqual agrees with comparing canonical JSON', () => {
    const canonical = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(deepEqual(a, b)).toBe(canonical(a) === canonical(b));
      }),
    );
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
  });

  it('cloneSharing equals a clone of next, and shares exactly the equal subtrees of prev', () => {
    fc.assert(
      fc.property(json, json, fc.boolean(), (stored, other, related) => {
        const prev = clone(stored); // prev is what the store holds: already JSON-normal (no -0)
        // Often make next a partial edit of prev, so that there is something to share.
        const next = related && prev && typeof prev === 'object' ? { ...(Array.isArray(prev) ? { list: prev } : prev), extra: other } : other;
        const out = cloneSharing(next, prev);
        expect(out).toEqual(clone(next));
        if (deepEqual(next, prev)) expect(out).toBe(prev);
        else expect(out).not.toBe(prev);
      }),
    );
  });

  it('reuses unchanged branches of a status', () => {
    const prev = { capacity: { cpu: '4' }, conditions: [{ type: 'Ready', lastHeartbeatTime: 't1' }, { type: 'Disk', status: 'False' }], nodeInfo: { os: 'linux' } };
    const next = clone(prev);
    next.conditions[0]!.lastHeartbeatTime = 't2';
    const out = cloneSharing(next, prev);
    expect(out.capacity).toBe(prev.capacity);
    expect(out.nodeInfo).toBe(prev.nodeInfo);
    expect(out.conditions).not.toBe(prev.conditions);
    expect(out.conditions[1]).toBe(prev.conditions[1]);
    expect(out.conditions[0]).toEqual({ type: 'Ready', lastHeartbeatTime: 't2' });
    expect(out.conditions[0]).not.toBe(next.conditions[0]);
  });
});
