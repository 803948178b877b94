/** Layout of the replay bar's command markers. */

/** Markers closer than this (px) would cover each other: commands run at the same second are common. */
const MARKER_GAP_PX = 10;

/**
 * Where each marker goes on a track `width` px wide: at its time, but nudged right (and, at the
 * end of the track, left) so that every marker keeps MARKER_GAP_PX from its neighbours and stays
 * clickable.
 */
export function markerPositions(times: readonly number[], spanMs: number, width: number): number[] {
  const xs: number[] = [];
  for (const t of times) xs.push(Math.max((t / spanMs) * width, xs.length ? xs[xs.length - 1]! + MARKER_GAP_PX : 0));
  for (let i = xs.length - 1; i >= 0; i--) xs[i] = Math.max(0, Math.min(xs[i]!, i === xs.length - 1 ? width : xs[i + 1]! - MARKER_GAP_PX));
  return xs;
}
