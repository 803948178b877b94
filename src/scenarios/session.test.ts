import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ScenarioError, parseScenario } from './format.ts';
import { ScenarioSession, clusterObjects, replay, truncateAfter, truncateAt } from './session.ts';

const pod = (name: string, script: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    app: demo
spec:
  restartPolicy: Never
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c", "${script}"]
${extra}`;

/** A short but busy session: pods start, finish, fail; a node dies and comes back; labels move. */
function busySession(): ScenarioSession {
  const s = new ScenarioSession({
    seed: 'session-test',
    manifests: [
      { name: 'pods/a.yaml', text: pod('a', 'echo a; sleep 20') },
      { name: 'pods/b.yaml', text: pod('b', 'sleep 5; exit 3') },
      { name: 'c.yaml', text: pod('c', 'sleep 3600') },
    ],
  });
  s.run('kubectl apply -f ./pods/');
  s.advance(2_000);
  s.run('kubectl apply -f c.yaml');
  s.advance(8_000);
  s.run('kubectl label pod a tier=front');
  s.run('sim node fail worker-2');
  s.advance(60_000);
  s.run('kubectl get pods -o wide');
  s.run('sim node recover worker-2');
  s.run('kubectl cordon worker-1');
  s.advance(30_000);
  s.run('kubectl delete pod b');
  s.advance(5_000);
  return s;
}

describe('ScenarioSession and replay', () => {
  it('records commands with their virtual times and rebuilds the same cluster', () => {
    const live = busySession();
    const scenario = live.toScenario();
    expect(scenario.timeline.map((e) => [e.atMs, e.command])).toEqual([
      [0, 'kubectl apply -f ./pods/'],
      [2_000, 'kubectl apply -f c.yaml'],
      [10_000, 'kubectl label pod a tier=front'],
      [10_000, 'sim node fail worker-2'],
      [70_000, 'kubectl get pods -o wide'],
      [70_000, 'sim node recover worker-2'],
      [70_000, 'kubectl cordon worker-1'],
      [100_000, 'kubectl delete pod b'],
    ]);
    expect(scenario.resumeAtMs).toBe(105_000);
    expect(parseScenario(scenario)).toEqual(scenario);

    const again = replay(scenario);
    expect(again.elapsedMs).toBe(live.elapsedMs);
    expect(clusterObjects(again.sim)).toEqual(clusterObjects(live.sim));
    expect(again.sim.trace.hash).toBe(live.sim.trace.hash);
    expect(again.sim.trace.writes).toBe(live.sim.trace.writes);
    expect(again.transcript()).toEqual(live.transcript());
    // and it carries on identically
    for (const s of [live, again]) {
      s.run('kubectl delete pod c');
      s.advance(45_000);
    }
    expect(again.sim.trace.hash).toBe(live.sim.trace.hash);
  });

  it('keeps what a command read when the file was edited afterwards', () => {
    const live = new ScenarioSession({ seed: 3, manifests: [{ name: 'a.yaml', text: pod('first', 'sleep 10') }] });
    live.run('kubectl apply -f a.yaml');
    live.advance(1_000);
    live.setFile('a.yaml', pod('second', 'sleep 10'));
    live.run('kubectl apply -f a.yaml');
    live.setFile('notes.yaml', '# not applied');
    const scenario = live.toScenario();
    expect(scenario.manifests.map((m) => m.name)).toEqual(['a.yaml', 'notes.yaml']);
    expect(scenario.timeline[0]!.files).toEqual([{ name: 'a.yaml', text: pod('first', 'sleep 10') }]);
    expect(scenario.timeline[1]!.files).toBeUndefined();
    const again = replay(scenario);
    expect(again.sim.objects('Pod')).toHaveLength(2);
    expect(clusterObjects(again.sim)).toEqual(clusterObjects(live.sim));
    // a replayed session shares the same timeline again
    expect(again.toScenario()).toEqual(scenario);
  });

  it('records the directory listing a command saw', () => {
    const live = new ScenarioSession({ seed: 3, manifests: [{ name: 'jobs/a.yaml', text: pod('a', 'sleep 1') }] });
    live.run('kubectl apply -f jobs');
    live.setFile('jobs/b.yaml', pod('b', 'sleep 1'));
    const scenario = live.toScenario();
    expect(scenario.timeline[0]!.files?.map((f) => f.name)).toEqual(['jobs/a.yaml']);
    expect(clusterObjects(replay(scenario).sim)).toEqual(clusterObjects(live.sim));
  });

  it('takes stdin for here-documents and does not record what did not run', () => {
    const s = new ScenarioSession({ seed: 1 });
    expect(s.run('kubectl apply -f - <<EOF', pod('h', 'sleep 1')).output).toBe('pod/h created\n');
    expect(s.run('ls -l')).toMatchObject({ exitCode: 2, output: 'kubesim: unknown command "ls" (expected kubectl or sim)\n' });
    expect(s.run('kubectl get "pods')).toMatchObject({ exitCode: 2 });
    expect(s.run('# a comment').exitCode).toBe(0);
    expect(s.history()).toEqual(['kubectl apply -f -']);
    expect(s.toScenario().timeline[0]!.stdin).toBe(pod('h', 'sleep 1'));
  });

  it('starts a new scenario on sim reset', () => {
    const s = new ScenarioSession({ seed: 1, manifests: [{ name: 'a.yaml', text: pod('a', 'sleep 1') }] });
    s.run('kubectl apply -f a.yaml');
    s.advance(5_000);
    s.run('sim reset --nodes 2 --seed 9');
    s.run('kubectl get nodes');
    const scenario = s.toScenario();
    expect(scenario.seed).toBe('9');
    expect(scenario.nodes?.map((n) => n.name)).toEqual(['control-plane', 'worker-1', 'worker-2']);
    expect(scenario.timeline).toEqual([{ atMs: 0, command: 'kubectl get nodes' }]);
    expect(scenario.manifests).toHaveLength(1);
    expect(clusterObjects(replay(scenario).sim)).toEqual(clusterObjects(s.sim));
  });

  it('replays commands that move the clock themselves (kubectl wait) and what runs right after', () => {
    const live = new ScenarioSession({ seed: 5 });
    live.run('kubectl run a --image=busybox --command -- sleep 3600');
    live.advance(5_000);
    live.run('kubectl delete pod a --wait=false');
    expect(live.run('kubectl wait --for=delete pod/a --timeout=60s').output).toBe('pod/a condition met\n');
    const waitedTo = live.elapsedMs;
    expect(waitedTo).toBeGreaterThan(5_000);
    live.run('kubectl run b --image=busybox --command -- sleep 3600');
    live.advance(10_000);
    const scenario = live.toScenario();
    expect(scenario.timeline.map((e) => e.atMs)).toEqual([0, 5_000, 5_000, waitedTo]);
    const again = replay(scenario);
    expect(again.transcript()).toEqual(live.transcript());
    expect(again.sim.trace.hash).toBe(live.sim.trace.hash);
    expect(clusterObjects(again.sim)).toEqual(clusterObjects(live.sim));
  });

  it('rejects a timeline whose clock runs ahead of a later command', () => {
    const scenario = parseScenario({
      version: 1,
      seed: 1,
      manifests: [],
      timeline: [
        { atMs: 0, command: 'sim advance 5m' },
        { atMs: 60_000, command: 'kubectl get pods' },
      ],
      resumeAtMs: 300_000,
    });
    expect(() => replay(scenario)).toThrow(ScenarioError);
    expect(() => replay(scenario)).toThrow('timeline[1].atMs: the clock is already at 300000 ms (an earlier command advanced it past 60000 ms)');
  });
});

describe('time travel', () => {
  it('the state at t, rebuilt by replay, equals the state seen when first passing t', () => {
    const live = new ScenarioSession({ seed: 11, manifests: [{ name: 'a.yaml', text: pod('a', 'sleep 30; exit 1') }] });
    const seen = new Map<number, { objects: Record<string, unknown[]>; hash: string }>();
    const look = () => seen.set(live.elapsedMs, { objects: clusterObjects(live.sim), hash: live.sim.trace.hash });
    live.run('kubectl apply -f a.yaml');
    look();
    for (const [ms, command] of [
      [3_000, 'kubectl label pod a step=one'],
      [17_000, 'sim node fail worker-1'],
      [50_000, 'kubectl delete pod a --wait=false'],
      [90_000, 'sim node recover worker-1'],
    ] as const) {
      live.advance(ms - live.elapsedMs - 1_000);
      look();
      live.advance(1_000);
      live.run(command);
      look();
    }
    live.advance(30_000);
    look();
    const scenario = live.toScenario();
    expect(seen.size).toBeGreaterThan(8);
    for (const [atMs, state] of seen) {
      const back = replay(truncateAt(scenario, atMs));
      expect(back.elapsedMs).toBe(atMs);
      expect(clusterObjects(back.sim), `objects at ${atMs} ms`).toEqual(state.objects);
      expect(back.sim.trace.hash, `trace at ${atMs} ms`).toBe(state.hash);
    }
  });

  it('jumps to a marker and continues from there', () => {
    const live = busySession();
    const scenario = live.toScenario();
    const atMarker = truncateAfter(scenario, 3);
    expect(atMarker.timeline.map((e) => e.command).at(-1)).toBe('sim node fail worker-2');
    expect(atMarker.resumeAtMs).toBe(10_000);
    const back = replay(atMarker);
    back.run('sim node recover worker-2');
    back.advance(1_000);
    const branched = back.toScenario();
    expect(branched.timeline).toHaveLength(5);
    expect(replay(branched).sim.trace.hash).toBe(back.sim.trace.hash);
    expect(truncateAfter(scenario, -1)).toMatchObject({ timeline: [], resumeAtMs: 0 });
  });

  it('advancing in small steps equals advancing at once (the UI clock vs a replay)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40_000 }), { minLength: 1, maxLength: 12 }), (chunks) => {
        const stepped = busySession();
        const total = chunks.reduce((a, b) => a + b, 0);
        for (const c of chunks) stepped.advance(c);
        const once = busySession();
        once.advance(total);
        expect(stepped.sim.trace.hash).toBe(once.sim.trace.hash);
        expect(clusterObjects(stepped.sim)).toEqual(clusterObjects(once.sim));
      }),
      { numRuns: 15 },
    );
  });

  it('records a saved kubectl edit as the edit command with its buffer, and replays it', () => {
    const live = new ScenarioSession({ seed: 'edit' }, { interactiveEdit: true });
    live.run('kubectl create deployment web --image=nginx');
    live.advance(5_000);
    const opened = live.run('kubectl edit deployment web');
    expect(opened.edit?.title).toBe('deployment.apps/web');
    live.advance(3_000);
    const saved = opened.edit!.yaml.replace('replicas: 1', 'replicas: 3');
    expect(live.run('kubectl edit deployment web', saved).output).toBe('deployment.apps/web edited\n');
    live.advance(10_000);
    const scenario = live.toScenario();
    expect(scenario.timeline.map((e) => [e.atMs, e.command, e.stdin !== undefined])).toEqual([
      [0, 'kubectl create deployment web --image=nginx', false],
      [5_000, 'kubectl edit deployment web', false],
      [8_000, 'kubectl edit deployment web', true],
    ]);
    const back = replay(parseScenario(JSON.parse(JSON.stringify(scenario))));
    expect(back.sim.trace.hash).toBe(live.sim.trace.hash);
    expect(clusterObjects(back.sim)).toEqual(clusterObjects(live.sim));
  });
});

