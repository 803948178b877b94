/**
 * Follows a learner through a lesson against the live cluster: ticks steps off in order as their
 * checks hold (the checks are the lesson's own pure predicates, evaluated over `simulationView`),
 * notices a step that is stuck (not ticked within its time, counted from when it became current
 * or the learner last ran something), and fills in the placeholders of the lesson's "run this"
 * commands (`{{pod:job-name=pi}}`) so the UI can show and run the real command.
 *
 * The worker calls `observe` after every simulation step while time moves, not once per frame:
 * at 1000× a frame covers many virtual seconds, and a check on a passing state (two pods Running
 * at once) must not be jumped over. Evaluation is skipped while nothing meaningful changed, but
 * runs at least once a virtual second (logs grow without store writes).
 */
import { resolveCommand } from '../scenarios/tutorials/checks.ts';
import { advanceProgress, type ClusterView, DEFAULT_STEP_WITHIN_MS, isLoad, type Lesson } from '../scenarios/tutorials/lesson.ts';
import type { LessonState } from './protocol.ts';

const EVALUATE_EVERY_MS = 1000;

export class LessonTracker {
  private doneSteps: number;
  /** When the current step became current, or the learner last ran a command (elapsed ms). */
  private stepSinceMs: number;
  private lastChange = -1;
  private lastEvaluatedMs = Number.NEGATIVE_INFINITY;
  private stuck = false;
  private lastPosted = '';

  constructor(
    readonly lesson: Lesson,
    done: number,
    private readonly view: ClusterView,
    elapsedMs: number,
  ) {
    this.doneSteps = Math.min(Math.max(0, done), lesson.steps.length);
    this.stepSinceMs = elapsedMs;
  }

  get done(): number {
    return this.doneSteps;
  }

  /**
   * Re-evaluate after time moved or the cluster changed. `change` is a counter that moves with
   * every meaningful cluster change. Returns whether steps were ticked off.
   */
  observe(change: number, elapsedMs: number): boolean {
    let ticked = false;
    if (change !== this.lastChange || elapsedMs - this.lastEvaluatedMs >= EVALUATE_EVERY_MS) {
      this.lastChange = change;
      this.lastEvaluatedMs = elapsedMs;
      const done = advanceProgress(this.lesson, this.doneSteps, this.view);
      if (done !== this.doneSteps) {
        this.doneSteps = done;
        this.stepSinceMs = elapsedMs;
        ticked = true;
      }
    }
    const step = this.lesson.steps[this.doneSteps];
    this.stuck = step !== undefined && elapsedMs - this.stepSinceMs > (step.withinMs ?? DEFAULT_STEP_WITHIN_MS);
    return ticked;
  }

  /** The learner ran a command: the terminal history changed, and the step's clock restarts. */
  commandRan(elapsedMs: number): void {
    this.stepSinceMs = Math.max(this.stepSinceMs, elapsedMs);
    this.lastChange = -1;
  }

  /** The state to show: progress, stuckness, and every placeholder command resolved now. */
  state(): LessonState {
    const commands: Record<string, string | null> = {};
    for (const step of this.lesson.steps) {
      for (const action of step.actions) {
        if (isLoad(action) || !action.run.includes('{{') || action.run in commands) continue;
        commands[action.run] = resolveCommand(action.run, this.view) ?? null;
      }
    }
    return { id: this.lesson.id, done: this.doneSteps, total: this.lesson.steps.length, stuck: this.stuck, commands };
  }

  /** The state, when it differs from what was last taken with this method. */
  changedState(): LessonState | undefined {
    const state = this.state();
    const key = JSON.stringify(state);
    if (key === this.lastPosted) return undefined;
    this.lastPosted = key;
    return state;
  }
}
