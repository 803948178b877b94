/** Layout of the replay bar's command markers. */

/** Markers closer than this (px) would cover each other: commands run at the same second are common. */
export const MARKER_GAP_PX = 10;

/** One marker on the track: timeline entries `first`..`last` (one entry unless the track is full). */
export interface MarkerSlot {
  first: number;
  last: number;
  x: number;
}

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

/**
 * The markers of a timeline: one per command while they all fit (`markerPositions`); once there
 * are more than the track holds, the commands in each MARKER_GAP_PX-wide stretch share one marker
 * (which goes back to right after the last of them). Sharing keeps every marker clickable and
 * puts each at a place that depends only on its commands' times, so a new command adds or updates
 * one marker instead of shifting all the others.
 */
export function markerSlots(times: readonly number[], spanMs: number, width: number): MarkerSlot[] {
  const capacity = Math.floor(width / MARKER_GAP_PX) + 1;
  if (times.length <= capacity) return markerPositions(times, spanMs, width).map((x, i) => ({ first: i, last: i, x }));
  const slots: MarkerSlot[] = [];
  const lastBucket = Math.floor(width / MARKER_GAP_PX);
  times.forEach((t, i) => {
    const x = Math.min(lastBucket, Math.floor(((t / spanMs) * width) / MARKER_GAP_PX)) * MARKER_GAP_PX;
    const prev = slots[slots.length - 1];
    if (prev && prev.x >= x) prev.last = i;
    else slots.push({ first: i, last: i, x });
  });
  return slots;
}

/** The bar's time scale: whole virtual seconds, so markers move at most once a virtual second. */
export function markerSpanMs(nowMs: number, lastCommandMs: number): number {
  return Math.max(1000, Math.ceil(Math.max(nowMs, lastCommandMs) / 1000) * 1000);
}
