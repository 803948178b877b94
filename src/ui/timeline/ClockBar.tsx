/** The clock bar: virtual time, play/pause, step to the next event, jumps, speed, and the replay bar. */
import { useState } from 'react';
import { SPEEDS } from '../../worker/protocol.ts';
import { useClusterStore } from '../state/cluster.ts';
import { engine } from '../state/engine.ts';
import { ReplayBar } from './ReplayBar.tsx';
import { formatElapsed } from './time.ts';

export function ClockBar() {
  // Until the worker's first snapshot the clock state is a placeholder: a click would act on it.
  const ready = useClusterStore((s) => s.ready);
  const playing = useClusterStore((s) => s.clock.playing);
  const speed = useClusterStore((s) => s.clock.speed);
  const elapsed = useClusterStore((s) => formatElapsed(s.simNowMs - s.clock.startMs));
  // Whole seconds: the bar's text changes once a virtual second, not every frame.
  const absolute = useClusterStore((s) => new Date(Math.floor(s.simNowMs / 1000) * 1000).toISOString().replace('.000', ''));
  const next = useClusterStore((s) => (s.clock.nextEventMs !== undefined ? formatElapsed(s.clock.nextEventMs - s.clock.startMs) : undefined));
  // One jump at a time: clicks while the worker is still jumping would pile up far-future jumps.
  const [jumping, setJumping] = useState(false);
  const jump = (request: () => Promise<unknown>) => {
    setJumping(true);
    void request().finally(() => setJumping(false));
  };
  return (
    <footer className="clock-bar" aria-label="clock">
      <button type="button" className="icon" data-testid="play" aria-label={playing ? 'pause' : 'play'} title={`${playing ? 'Pause' : 'Play'} (Space)`} disabled={!ready} onClick={() => engine.setPlaying(!playing)}>
        {playing ? '❚❚' : '▶'}
      </button>
      <button type="button" className="ghost" data-testid="next-event" title={`Jump to the next scheduled change (.)${next ? ` — timer at t=${next}` : ''}`} disabled={jumping || !ready} onClick={() => jump(engine.stepToNextEvent)}>
        ▶▶| next event
      </button>
      <button type="button" className="ghost" title="Run one virtual minute now" disabled={jumping || !ready} onClick={() => jump(() => engine.advance(60_000))}>
        +1m
      </button>
      <button type="button" className="ghost" title="Run ten virtual minutes now" disabled={jumping || !ready} onClick={() => jump(() => engine.advance(600_000))}>
        +10m
      </button>
      <span className="speed" role="radiogroup" aria-label="speed">
        {SPEEDS.map((s) => (
          <button key={s} type="button" role="radio" aria-checked={s === speed} className={s === speed ? 'on' : ''} disabled={!ready} onClick={() => engine.setSpeed(s)} title={`${s} virtual seconds per second`}>
            {s}×
          </button>
        ))}
      </span>
      <span className="clock" data-testid="clock" title={ready ? absolute : undefined}>
        t = {elapsed}
      </span>
      <ReplayBar />
      {/* Before the first snapshot there is no cluster time to show (it would read 1970). */}
      <span className="muted small absolute-time">{ready ? absolute : ''}</span>
    </footer>
  );
}
