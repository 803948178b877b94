/**
 * Share-link sizes of the tutorial scenarios, and the cost of replaying them. For each lesson: the
 * scenario a learner shares after finishing it (from a real headless run when the engine can run
 * the lesson, else estimated from the lesson's data: its files and its commands at plausible
 * times), the `#s=` fragment length (chat apps keep ~2,000–8,000 characters), the `.kubesim.json`
 * size, and the wall time to decode + replay the link; then the cost of time travel in a long
 * session. Prints JSON.
 *
 *   node --import tsx bench/scenarios.ts
 */
import { performance } from 'node:perf_hooks';
import type { Scenario } from '../src/scenarios/format.ts';
import { decodeScenario, encodeScenario, exportScenarioFile, scenarioFragment, SHARE_LIMITS } from '../src/scenarios/share.ts';
import { ScenarioSession, replay, truncateAt } from '../src/scenarios/session.ts';
import { LessonError, runLesson } from '../src/scenarios/tutorials/headless.ts';
import { LESSONS } from '../src/scenarios/tutorials/index.ts';
import { DEFAULT_STEP_WITHIN_MS, type Lesson, isLoad } from '../src/scenarios/tutorials/lesson.ts';

/** The scenario a finished lesson would share, built from its data alone. */
function estimate(lesson: Lesson): Scenario {
  const files = new Map<string, string>();
  const timeline: Scenario['timeline'] = [];
  let atMs = 0;
  for (const step of lesson.steps) {
    for (const action of step.actions) {
      if (isLoad(action)) files.set(action.load, action.text);
      // Placeholders become names of the length the cluster would give them.
      else timeline.push({ atMs, command: action.run.replace(/\{\{[^}]*\}\}/g, 'pod-name-x7k2p'), ...(action.stdin ? { stdin: action.stdin } : {}) });
    }
    atMs += Math.round((step.withinMs ?? DEFAULT_STEP_WITHIN_MS) / 3 / 1000) * 1000;
  }
  return {
    version: 1,
    lesson: { id: lesson.id, done: lesson.steps.length },
    seed: lesson.start.seed,
    ...(lesson.start.nodes ? { nodes: lesson.start.nodes } : {}),
    manifests: [...files].map(([name, text]) => ({ name, text })),
    timeline,
    resumeAtMs: atMs,
  };
}

const rows = LESSONS.map((lesson) => {
  let scenario: Scenario;
  let source: 'run' | 'estimate' = 'run';
  try {
    scenario = runLesson(lesson).session.toScenario();
  } catch (e) {
    if (!(e instanceof LessonError)) throw e;
    scenario = estimate(lesson);
    source = 'estimate';
  }
  const fragmentChars = scenarioFragment(scenario).length;
  const payload = encodeScenario(scenario);
  const t0 = performance.now();
  const back = replay(decodeScenario(payload));
  const replayMs = Math.round(performance.now() - t0);
  return {
    lesson: lesson.number,
    id: lesson.id,
    source,
    commands: scenario.timeline.length,
    jsonChars: JSON.stringify(scenario).length,
    fragmentChars,
    chatFriendly: fragmentChars <= SHARE_LIMITS.chatFriendlyChars,
    fileChars: exportScenarioFile(scenario).length,
    replayMs: source === 'run' ? replayMs : null,
    objects: source === 'run' ? back.sim.trace.writes : null,
  };
});

/**
 * A long session for the cost of time travel: 300 commands over two virtual hours (pods created and
 * deleted, nodes failing and recovering), shared, then jumped back to its middle.
 */
function longSession() {
  const session = new ScenarioSession({ seed: 'bench' });
  for (let i = 0; i < 300; i++) {
    if (i % 50 === 25) session.run(`sim node fail worker-${(i % 3) + 1}`);
    else if (i % 50 === 45) session.run(`sim node recover worker-${(i % 3) + 1}`);
    else if (i % 3 === 2) session.run(`kubectl delete pod p${i - 2} --wait=false`);
    else session.run(`kubectl run p${i} --image=busybox --command -- sh -c "sleep ${30 + (i % 7) * 20}; exit ${i % 5 === 0 ? 1 : 0}"`);
    session.advance(24_000);
  }
  const scenario = session.toScenario();
  const payload = encodeScenario(scenario);
  let t0 = performance.now();
  const back = replay(decodeScenario(payload));
  const replayMs = Math.round(performance.now() - t0);
  t0 = performance.now();
  replay(truncateAt(scenario, Math.round(scenario.resumeAtMs / 2)));
  const jumpToMiddleMs = Math.round(performance.now() - t0);
  return {
    commands: scenario.timeline.length,
    virtualMinutes: Math.round(scenario.resumeAtMs / 60_000),
    storeWrites: back.sim.trace.writes,
    fragmentChars: payload.length + 3,
    replayMs,
    jumpToMiddleMs,
    identical: back.sim.trace.hash === session.sim.trace.hash,
  };
}

const sizes = rows.map((r) => r.fragmentChars);
console.log(
  JSON.stringify(
    {
      lessons: rows,
      fragmentChars: { min: Math.min(...sizes), max: Math.max(...sizes), mean: Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length) },
      allChatFriendly: rows.every((r) => r.chatFriendly),
      longSession: longSession(),
    },
    null,
    2,
  ),
);
