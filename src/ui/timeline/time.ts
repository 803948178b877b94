/** Virtual-time formatting shared by the clock bar, events and charts. */

/** `hh:mm:ss` of elapsed virtual time (or `mm:ss` under an hour when `short`). */
export function formatElapsed(ms: number, short = false): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return short && h === 0 ? `${mm}:${ss}` : `${String(h).padStart(2, '0')}:${mm}:${ss}`;
}
