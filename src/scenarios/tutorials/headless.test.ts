import { describe, expect, it } from 'vitest';
import { isNodeReady, isSucceeded, list, logsOf, named, type NodeObject, type PodObject, ran } from './checks.ts';
import { LessonError, runLesson, sessionView, shareAndReplay } from './headless.ts';
import type { Lesson, Step } from './lesson.ts';
import { ScenarioSession } from '../session.ts';

const HELLO = `apiVersion: v1
kind: Pod
metadata:
  name: hello
  labels:
    app: hello
spec:
  restartPolicy: Never
  containers:
  - name: hello
    image: busybox:1.36
    command: ["sh", "-c", "echo hello; sleep 5; echo bye"]
`;

const text = (en: string) => ({ en, zh: en });
const step = (s: Partial<Step> & Pick<Step, 'id' | 'check'>): Step => ({
  title: text(s.id),
  text: text(s.id),
  hint: text(`hint for ${s.id}`),
  actions: [],
  ...s,
});
const hello = (v: Parameters<Step['check']>[0]) => named<PodObject>(v, 'Pod', 'hello');

/** A lesson over what the engine core already simulates: a bare pod, its logs, a node failure. */
const fixture: Lesson = {
  id: 'fixture',
  number: 0,
  title: text('Fixture'),
  summary: text('A pod and a node.'),
  source: 'test',
  start: { seed: 'fixture' },
  steps: [
    step({
      id: 'create',
      actions: [{ load: 'hello.yaml', text: HELLO }, { run: 'kubectl apply -f hello.yaml' }],
      check: (v) => hello(v) !== undefined,
    }),
    step({ id: 'finish', check: (v) => hello(v) !== undefined && isSucceeded(hello(v)!), withinMs: 60_000 }),
    step({
      id: 'logs',
      actions: [{ run: 'kubectl logs {{pod:app=hello}}' }],
      check: (v) => ran(v, /^kubectl logs hello$/) && logsOf(v, hello(v)!).join('\n') === 'hello\nbye',
    }),
    step({
      id: 'fail-node',
      actions: [{ run: 'sim node fail {{node:app=hello}}' }],
      check: (v) => list<NodeObject>(v, 'Node').some((n) => !isNodeReady(n)),
    }),
  ],
};

function lessonError(lesson: Lesson): string {
  try {
    runLesson(lesson);
  } catch (e) {
    if (e instanceof LessonError) return e.message;
    throw e;
  }
  throw new Error('expected the lesson to fail');
}

describe('runLesson', () => {
  it('performs every step and ticks each check in order', () => {
    const run = runLesson(fixture, { simulation: { freeze: true } });
    expect(run.steps.map((s) => s.id)).toEqual(['create', 'finish', 'logs', 'fail-node']);
    const [create, finish, logs, failNode] = run.steps;
    expect(create!.tickedAtMs).toBe(0);
    expect(finish!.tickedAtMs).toBeGreaterThan(5_000);
    expect(logs!.output).toBe('$ kubectl logs hello\nhello\nbye\n');
    expect(failNode!.tickedAtMs - logs!.tickedAtMs).toBeGreaterThanOrEqual(40_000);
    expect(run.session.lesson).toEqual({ id: 'fixture', done: 4 });
    expect(run.session.history()).toEqual([
      'kubectl apply -f hello.yaml',
      'kubectl logs hello',
      'sim node fail worker-2',
    ]);
  });

  it('shares the finished lesson as a link that replays to the same cluster', () => {
    const run = runLesson(fixture);
    const share = shareAndReplay(run);
    expect(share.identical).toBe(true);
    expect(share.scenario.lesson).toEqual({ id: 'fixture', done: 4 });
    expect(share.fragmentChars).toBeLessThan(1000);
  });

  it('refuses a step whose check holds before its actions', () => {
    const lesson = { ...fixture, steps: [fixture.steps[0]!, { ...fixture.steps[0]!, id: 'again' }] };
    expect(lessonError(lesson)).toBe('lesson 0 (fixture), step 2 (again): already satisfied before its actions');
  });

  it('reports a step that does not tick in time, with its hint', () => {
    const lesson = { ...fixture, steps: [fixture.steps[0]!, { ...fixture.steps[1]!, withinMs: 2_000 }] };
    expect(lessonError(lesson)).toMatch(
      /^lesson 0 \(fixture\), step 2 \(finish\): did not tick within 2s \(hint: hint for finish\)/,
    );
  });

  it('reports commands that fail, or succeed when they should fail', () => {
    const failing = {
      ...fixture,
      steps: [step({ id: 'bad', actions: [{ run: 'kubectl get nothing' }], check: () => false })],
    };
    expect(lessonError(failing)).toMatch(
      /^lesson 0 \(fixture\), step 1 \(bad\): "kubectl get nothing" failed \(exit 1\):\nerror: the server doesn't have a resource type "nothing"/,
    );
    const succeeding = {
      ...fixture,
      steps: [step({ id: 'ok', actions: [{ run: 'kubectl get pods', fails: true }], check: () => false })],
    };
    expect(lessonError(succeeding)).toMatch(/"kubectl get pods" was meant to fail but succeeded/);
  });

  it('reports placeholders with nothing to name', () => {
    const lesson = {
      ...fixture,
      steps: [step({ id: 'early', actions: [{ run: 'kubectl logs {{pod:app=hello}}' }], check: () => false })],
    };
    expect(lessonError(lesson)).toBe(
      'lesson 0 (fixture), step 1 (early): nothing matches the placeholders of "kubectl logs {{pod:app=hello}}" yet',
    );
  });
});

describe('sessionView', () => {
  it('shows objects, events, logs (current and previous) and history', () => {
    const s = new ScenarioSession({ seed: 1 });
    const v = sessionView(s);
    s.run('kubectl apply -f -', HELLO);
    s.advance(20_000);
    expect(v.objects('Pod').map((p) => p.metadata.name)).toEqual(['hello']);
    expect(v.events().length).toBeGreaterThan(0);
    expect(v.logs!('default', 'hello')).toEqual(['hello', 'bye']);
    expect(v.logs!('default', 'hello', 'hello', true)).toBeUndefined();
    expect(v.logs!('default', 'nope')).toBeUndefined();
    expect(v.history!()).toEqual(['kubectl apply -f -']);
  });
});
