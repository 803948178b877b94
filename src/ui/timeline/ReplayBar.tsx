/**
 * The replay bar: the workspace's timeline of commands as markers along virtual time (0 → now).
 * Clicking a marker travels back to just after that command (the worker replays the scenario up
 * to it), and what happens next continues from there.
 */
import { memo, useLayoutEffect, useRef, useState } from 'react';
import type { TimelineEntry } from '../../scenarios/format.ts';
import { useClusterStore } from '../state/cluster.ts';
import { travelTo, useScenarioStore } from '../state/scenario.ts';
import { markerPositions } from './markers.ts';
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

const Marker = memo(function Marker({ entry, index, leftPx }: { entry: TimelineEntry; index: number; leftPx: number }) {
  const text = `t=${formatElapsed(entry.atMs)}  ${label(entry)}`;
  return (
    <button
      type="button"
      className={`marker${entry.command.startsWith('sim ') ? ' sim' : ''}`}
      style={{ left: `${leftPx}px` }}
      title={`${text}\nClick to go back to right after this command`}
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
  const spanMs = Math.max(nowMs, timeline.at(-1)?.atMs ?? 0, 1000);
  const track = useRef<HTMLDivElement>(null);
  const width = useWidth(track);
  const xs = markerPositions(
    timeline.map((e) => e.atMs),
    spanMs,
    width,
  );
  return (
    <div className={`replay-bar${opening ? ' busy' : ''}`} role="group" aria-label="timeline of commands" data-testid="replay-bar">
      <div className="replay-track" ref={track}>
        {timeline.map((entry, i) => (
          <Marker key={i} entry={entry} index={i} leftPx={xs[i]!} />
        ))}
        <span className="replay-now" />
      </div>
      <span className="muted small replay-count">
        {timeline.length} command{timeline.length === 1 ? '' : 's'}
      </span>
    </div>
  );
}
