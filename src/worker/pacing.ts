/**
 * Pacing: maps wall time to virtual time at the chosen speed. The only module that reads real
 * time (`wallClock`); everything else receives it as a function, so tests drive time by hand.
 *
 * While playing, virtual time = anchorSim + (wall − anchorWall) × speed. Changing speed or
 * resuming re-anchors at the current instant so the virtual clock never jumps. When the engine
 * cannot keep up (a frame's work exceeds its budget), `rebase` drops the backlog instead of
 * letting it snowball: the simulation runs slower than asked, and the UI stays responsive.
 */

/** Real milliseconds (monotonic). */
export type WallMs = number & { readonly __wall?: never };

export const wallClock = (): WallMs => performance.now();

/** How much of a frame the engine may spend advancing time before it yields to post the frame. */
export const FRAME_BUDGET_MS = 10;
/** How far virtual time may lag the pace (in wall ms) before the backlog is dropped. */
const MAX_LAG_WALL_MS = 250;

export class Pacer {
  private playingNow = false;
  private speedNow = 1;
  private anchorWall: WallMs = 0;
  private anchorSim = 0;

  constructor(private readonly now: () => WallMs = wallClock) {}

  get playing(): boolean {
    return this.playingNow;
  }

  get speed(): number {
    return this.speedNow;
  }

  play(simNowMs: number): void {
    this.playingNow = true;
    this.anchor(simNowMs);
  }

  pause(): void {
    this.playingNow = false;
  }

  setSpeed(speed: number, simNowMs: number): void {
    if (!(speed > 0) || !Number.isFinite(speed)) return;
    this.speedNow = speed;
    this.anchor(simNowMs);
  }

  /** The virtual time the simulation should have reached now (== simNowMs when paused). */
  target(simNowMs: number): number {
    if (!this.playingNow) return simNowMs;
    const t = this.anchorSim + (this.now() - this.anchorWall) * this.speedNow;
    return Math.max(simNowMs, Math.floor(t));
  }

  /** Called after a frame: if the engine fell too far behind the pace, forget the backlog. */
  settleLag(simNowMs: number): void {
    if (!this.playingNow) return;
    const lagWall = (this.target(simNowMs) - simNowMs) / this.speedNow;
    if (lagWall > MAX_LAG_WALL_MS) this.anchor(simNowMs);
  }

  /** Re-anchor after time moved by other means (jump, next event, reset). */
  anchor(simNowMs: number): void {
    this.anchorWall = this.now();
    this.anchorSim = simNowMs;
  }
}
