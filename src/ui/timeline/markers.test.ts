import { describe, expect, it } from 'vitest';
import { MARKER_GAP_PX, markerPositions, markerSlots, markerSpanMs } from './markers.ts';

describe('markerPositions', () => {
  it('places markers at their time when they are far apart', () => {
    expect(markerPositions([0, 50_000, 100_000], 100_000, 200)).toEqual([0, 100, 200]);
  });

  it('spreads commands run in the same second so each stays clickable', () => {
    expect(markerPositions([0, 0, 0], 60_000, 300)).toEqual([0, 10, 20]);
  });

  it('pushes a crowd at the end of the track back inside it', () => {
    expect(markerPositions([0, 60_000, 60_000, 60_000], 60_000, 300)).toEqual([0, 280, 290, 300]);
  });

  it('keeps markers inside a track too narrow for all of them', () => {
    const xs = markerPositions([0, 0, 0, 0], 1000, 15);
    expect(xs.every((x) => x >= 0 && x <= 15)).toBe(true);
  });
});

describe('markerSlots', () => {
  it('gives each command its own marker while they fit', () => {
    expect(markerSlots([0, 0, 60_000], 60_000, 300)).toEqual([
      { first: 0, last: 0, x: 0 },
      { first: 1, last: 1, x: 10 },
      { first: 2, last: 2, x: 300 },
    ]);
  });

  it('lets the commands of one stretch share a marker once the track is full', () => {
    // 40 px hold 5 markers; 8 commands do not fit.
    const times = [0, 100, 200, 5000, 5100, 9000, 9900, 10_000];
    expect(markerSlots(times, 10_000, 40)).toEqual([
      { first: 0, last: 2, x: 0 },
      { first: 3, last: 4, x: 20 },
      { first: 5, last: 6, x: 30 },
      { first: 7, last: 7, x: 40 },
    ]);
  });

  it('keeps existing markers in place when a command is added to a full track', () => {
    const times = Array.from({ length: 100 }, (_, i) => i * 100);
    const before = markerSlots(times, 20_000, 100);
    const after = markerSlots([...times, 10_050], 20_000, 100);
    expect(after.slice(0, before.length - 1)).toEqual(before.slice(0, -1));
    expect(after.length).toBeGreaterThanOrEqual(before.length);
  });

  it('keeps markers clickable: at least the gap apart and inside the track', () => {
    const times = Array.from({ length: 500 }, (_, i) => i * 37);
    const slots = markerSlots(times, 20_000, 300);
    slots.forEach((s, i) => {
      expect(s.x).toBeGreaterThanOrEqual(0);
      expect(s.x).toBeLessThanOrEqual(300);
      if (i > 0) expect(s.x - slots[i - 1]!.x).toBeGreaterThanOrEqual(MARKER_GAP_PX);
      if (i > 0) expect(s.first).toBe(slots[i - 1]!.last + 1);
    });
    expect(slots[slots.length - 1]!.last).toBe(499);
  });
});

describe('markerSpanMs', () => {
  it('rounds the scale up to whole virtual seconds', () => {
    expect(markerSpanMs(12_000, 12_345)).toBe(13_000);
    expect(markerSpanMs(14_000, 12_345)).toBe(14_000);
    expect(markerSpanMs(0, 0)).toBe(1000);
  });
});
