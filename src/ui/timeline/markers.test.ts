import { describe, expect, it } from 'vitest';
import { markerPositions } from './markers.ts';

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
