/**
 * The replay bar: the workspace's timeline of commands as markers along virtual time (0 → now).
 * Clicking a marker travels back to just after that command (the worker replays the scenario up
 * to it), and what happens next continues from there. A long timeline shares markers between
 * commands close in time (markers.ts), so the bar stays clickable and cheap to update.
 */
import { memo, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { TimelineEntry } from '../../scenarios/format.ts';
import { useClusterStore } from '../state/cluster.ts';
import { travelTo, useScenarioStore } from '../state/scenario.ts';
import { markerSlots, markerSpanMs } from './markers.ts';
import { formatElapsed } from './time.ts';

const EMPTY: readonly TimelineEntry[] = [];

/** How a timeline entry reads in a tooltip (the starter's here-document is not worth showing). */
function label(entry: TimelineEntry): string {
  return entry.stdin !== undefined ? `${entry.command} <<EOF (${entry.stdin.split('\n').length - 1} lines)` : entry.command;
}

/** The track's width in px, kept up to date as the layout changes. */
function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

const Marker = memo(function Marker({ entry, index, shared, firstAtMs, leftPx }: { entry: TimelineEntry; index: number; shared: number; firstAtMs: number; leftPx: number }) {
  const text =
    shared > 1 ? `t=${formatElapsed(firstAtMs)}–${formatElapsed(entry.atMs)}  ${shared} commands, the last: ${label(entry)}` : `t=${formatElapsed(entry.atMs)}  ${label(entry)}`;
  return (
    <button
      type="button"
      className={`marker${entry.command.startsWith('sim ') ? ' sim' : ''}`}
      style={{ left: `${leftPx}px` }}
      title={`${text}\nClick to go back to right after ${shared > 1 ? 'the last of them' : 'this command'}`}
      aria-label={`go back to ${text}`}
      data-testid="replay-marker"
      data-index={index}
      onClick={() => void travelTo(index)}
    />
  );
});

export function ReplayBar() {
  const timeline = useScenarioStore((s) => s.scenario?.timeline ?? EMPTY);
  const opening = useScenarioStore((s) => s.opening);
  // The bar's scale: whole virtual seconds, so it re-renders once a second at most.
  const nowMs = useClusterStore((s) => Math.floor((s.simNowMs - s.clock.startMs) / 1000) * 1000);
  const spanMs = markerSpanMs(nowMs, timeline.at(-1)?.atMs ?? 0);
  const track = useRef<HTMLDivElement>(null);
  const width = useWidth(track);
  const slots = useMemo(
    () =>
      markerSlots(
        timeline.map((e) => e.atMs),
        spanMs,
        width,
      ),
    [timeline, spanMs, width],
  );
  return (
    <div className={`replay-bar${opening ? ' busy' : ''}`} role="group" aria-label="timeline of commands" data-testid="replay-bar">
      <div className="replay-track" ref={track}>
        {slots.map((slot) => (
          <Marker key={slot.first} entry={timeline[slot.last]!} index={slot.last} shared={slot.last - slot.first + 1} firstAtMs={timeline[slot.first]!.atMs} leftPx={slot.x} />
        ))}
        <span className="replay-now" />
      </div>
      <span className="muted small replay-count">
        {timeline.length} command{timeline.length === 1 ? '' : 's'}
      </span>
    </div>
  );
}
