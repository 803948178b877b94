import { describe, expect, it } from 'vitest';
import { createRng } from './rng.ts';

describe('rng', () => {
  it('is reproducible for a seed and differs between seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const seq = (r: typeof a) => Array.from({ length: 5 }, () => r.int(1_000_000));
    expect(seq(a)).toEqual(seq(b));
    expect(seq(createRng(42))).not.toEqual(seq(c));
  });

  it('forks are independent of how much the parent was used', () => {
    const a = createRng(7);
    a.next();
    a.next();
    const b = createRng(7);
    expect(a.fork('kubelet/worker-1').string(5, 'abc')).toBe(b.fork('kubelet/worker-1').string(5, 'abc'));
    expect(a.fork('x').next()).not.toBe(a.fork('y').next());
  });

  it('makes v4-shaped uids', () => {
    expect(createRng(1).uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
