/**
 * Lessons without a browser: a `ClusterView` over a live session, and `runLesson`, which performs a
 * lesson's steps through the script runner as a learner would (load the manifests, run the
 * commands, let virtual time pass in one-second ticks like the UI clock) and requires every check
 * to tick in order: not before its step's actions, and within the step's time.
 */
import { decodeScenario, encodeScenario, scenarioFragment } from '../share.ts';
import { ScenarioSession, type SessionOptions, clusterObjects, replay } from '../session.ts';
import type { Scenario } from '../format.ts';
import { resolveCommand } from './checks.ts';
import { type ClusterView, DEFAULT_STEP_WITHIN_MS, type Lesson, isLoad } from './lesson.ts';
import { simulationView } from './simulationView.ts';

/** A view of a session's cluster for checks, with its terminal history. */
export function sessionView(session: ScenarioSession): ClusterView {
  // The simulation is looked up on each call: `sim reset` replaces it.
  return simulationView(() => session.sim, () => session.history());
}

export class LessonError extends Error {}

export interface StepRun {
  id: string;
  /** Virtual ms since the start when the check ticked. */
  tickedAtMs: number;
  /** The terminal output of the step's commands. */
  output: string;
}

export interface LessonRun {
  session: ScenarioSession;
  steps: StepRun[];
}

const TICK_MS = 1000;

/** Perform every step of a lesson; throws LessonError naming the step that did not work. */
export function runLesson(lesson: Lesson, options: SessionOptions = {}): LessonRun {
  const session = new ScenarioSession({ ...lesson.start, lesson: { id: lesson.id, done: 0 } }, options);
  const view = sessionView(session);
  const steps: StepRun[] = [];
  lesson.steps.forEach((step, i) => {
    const where = `lesson ${lesson.number} (${lesson.id}), step ${i + 1} (${step.id})`;
    if (step.check(view)) throw new LessonError(`${where}: already satisfied before its actions`);
    let output = '';
    for (const action of step.actions) {
      if (isLoad(action)) {
        session.setFile(action.load, action.text);
        continue;
      }
      const command = resolveCommand(action.run, view);
      if (command === undefined) throw new LessonError(`${where}: nothing matches the placeholders of "${action.run}" yet`);
      const result = session.run(command, action.stdin);
      result.stream?.stop();
      output += `$ ${command}\n${result.output}`;
      if (action.fails ? result.exitCode === 0 : result.exitCode !== 0) {
        throw new LessonError(`${where}: "${command}" ${action.fails ? 'was meant to fail but succeeded' : `failed (exit ${result.exitCode})`}:\n${result.output}`);
      }
    }
    const deadline = session.elapsedMs + (step.withinMs ?? DEFAULT_STEP_WITHIN_MS);
    while (!step.check(view)) {
      if (session.elapsedMs >= deadline) {
        throw new LessonError(`${where}: did not tick within ${(step.withinMs ?? DEFAULT_STEP_WITHIN_MS) / 1000}s (hint: ${step.hint.en})\n${output}`);
      }
      session.advance(TICK_MS);
    }
    session.lesson = { id: lesson.id, done: i + 1 };
    steps.push({ id: step.id, tickedAtMs: session.elapsedMs, output });
  });
  return { session, steps };
}

export interface LessonShare {
  scenario: Scenario;
  /** Length of the `#s=...` fragment. */
  fragmentChars: number;
  /** Whether a replay of the decoded link rebuilt the same objects and trace. */
  identical: boolean;
}

/** Share a finished run as a link, open the link, and compare the rebuilt cluster with the original. */
export function shareAndReplay(run: LessonRun, options: SessionOptions = {}): LessonShare {
  const scenario = run.session.toScenario();
  const back = replay(decodeScenario(encodeScenario(scenario)), options);
  const identical =
    back.sim.trace.hash === run.session.sim.trace.hash &&
    JSON.stringify(clusterObjects(back.sim)) === JSON.stringify(clusterObjects(run.session.sim)) &&
    JSON.stringify(back.toScenario()) === JSON.stringify(scenario);
  return { scenario, fragmentChars: scenarioFragment(scenario).length, identical };
}
