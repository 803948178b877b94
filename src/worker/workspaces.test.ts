/**
 * The worker as a scenario recorder: everything that changes the cluster is in the timeline, so
 * share links, autosave restores and time travel rebuild the same cluster; lessons tick against
 * the live cluster; hostile links are refused with a message.
 */
import { describe, expect, it } from 'vitest';
import { PI_JOB } from '../scenarios/tutorials/manifests.ts';
import { clusterObjects } from '../scenarios/session.ts';
import { fragmentPayload } from '../scenarios/share.ts';
import { firstJob } from '../scenarios/tutorials/01-first-job.ts';
import { type Harness, harness } from './testing.ts';
import type { CommandOutput, LessonState, SavedWorkspace, ShareResult } from './protocol.ts';
import { PROTOCOL_VERSION } from './protocol.ts';

const objects = (h: Harness) => JSON.stringify(clusterObjects(h.session.__debugSimulation));
const timeline = (h: Harness) => h.session.__debugScenario.toScenario().timeline.map((e) => e.command);

/** A playground with some history: a Job applied from a tab, a node failed, a label. */
function busyPlayground(): Harness {
  const h = harness({});
  h.session.handle({ type: 'setFiles', files: [{ name: 'pi.yaml', text: PI_JOB }] });
  h.run('kubectl apply -f pi.yaml');
  h.request({ type: 'advance', ms: 15_000 });
  h.run('k label node worker-2 disk=ssd');
  h.run('sim node fail worker-3');
  h.request({ type: 'advance', ms: 50_000 });
  h.run('kubectl get pods');
  return h;
}

describe('the worker records a scenario', () => {
  it('starts the playground with the starter DaemonSet as its first command', () => {
    const h = harness({});
    h.session.handle({ type: 'hello', version: PROTOCOL_VERSION });
    const opened = h.last('opened');
    expect(opened?.slot).toEqual({ kind: 'playground' });
    expect(opened?.scenario.timeline).toHaveLength(1);
    expect(opened?.scenario.timeline[0]).toMatchObject({ atMs: 0, command: 'kubectl apply -f -' });
    expect(opened?.scenario.timeline[0]!.stdin).toContain('name: node-agent');
    expect(opened?.scenario.manifests.map((m) => m.name)).toEqual(['job.yaml']);
  });

  it('records terminal lines as kubectl would be typed, and posts the scenario after each', () => {
    const h = busyPlayground();
    expect(timeline(h)).toEqual(['kubectl apply -f -', 'kubectl apply -f pi.yaml', 'kubectl label node worker-2 disk=ssd', 'sim node fail worker-3', 'kubectl get pods']);
    expect(h.last('scenario')?.scenario.timeline.map((e) => e.atMs)).toEqual([0, 0, 15_000, 15_000, 65_000]);
    expect(h.last('scenario')?.scenario.manifests).toEqual([{ name: 'pi.yaml', text: PI_JOB }]);
  });

  it('does not record the inspector’s read-only queries, and records anything else regardless', () => {
    const h = harness({});
    h.run('kubectl run web --image=nginx');
    expect(h.run('kubectl get pods -o name', { record: false })).toBe('pod/web\n');
    h.run('kubectl label pod web tier=front', { record: false });
    expect(timeline(h)).toEqual(['kubectl apply -f -', 'kubectl run web --image=nginx', 'kubectl label pod web tier=front']);
  });

  it('shares a link that opens, in another worker, the same cluster with the same events', () => {
    const original = busyPlayground();
    const link = original.request<ShareResult>({ type: 'share' });
    expect(link.fragment.startsWith('#s=1.')).toBe(true);
    expect(link.chatFriendly).toBe(true);
    expect(link.fileName).toBe('playground.kubesim.json');

    const copy = harness({});
    const decoded = copy.request<{ scenario: unknown }>({ type: 'decodeScenario', source: { fragment: fragmentPayload(link.fragment)! } });
    copy.request({ type: 'open', target: { kind: 'scenario', scenario: decoded.scenario }, playing: false });
    expect(objects(copy)).toBe(objects(original));
    expect(copy.session.__debugSimulation.trace.hash).toBe(original.session.__debugSimulation.trace.hash);
    expect(copy.last('ready')?.snapshot.filter((r) => r.kind === 'Event').map((r) => r.name)).toEqual(
      [...original.session.__debugSimulation.store.list('Event')].map((e) => e.metadata.name),
    );
    expect(copy.session.clock().playing).toBe(false);
    // The file says the same.
    const fromFile = copy.request<{ scenario: unknown }>({ type: 'decodeScenario', source: { file: link.fileText } });
    expect(fromFile.scenario).toEqual(decoded.scenario);
  });

  it('restores an autosaved workspace by replaying it, files and all', () => {
    const original = busyPlayground();
    original.session.handle({ type: 'setFiles', files: [{ name: 'pi.yaml', text: PI_JOB.replace('  name: pi\n', '  name: pie\n') }] });
    original.request({ type: 'advance', ms: 7_000 });
    original.session.frame();
    const saved: SavedWorkspace = { version: 1, scenario: { ...original.last('scenario')!.scenario, resumeAtMs: original.session.__debugScenario.elapsedMs }, activeTab: 'pi.yaml' };
    // The tab was edited after it was applied: the entry keeps what it read.
    expect(saved.scenario.timeline[1]!.files).toEqual([{ name: 'pi.yaml', text: PI_JOB }]);
    const restored = harness({});
    restored.session.handle({ type: 'hello', version: PROTOCOL_VERSION, open: { kind: 'playground', saved: JSON.stringify(saved) } });
    expect(restored.last('opened')?.notice).toBeUndefined();
    expect(objects(restored)).toBe(objects(original));
    expect(restored.last('opened')?.scenario.manifests[0]!.text).toContain('name: pie');
  });

  it('starts fresh, and says why, when the autosave is broken', () => {
    const h = harness({});
    h.session.handle({ type: 'hello', version: PROTOCOL_VERSION, open: { kind: 'playground', saved: '{"version":1,"scenario":{"version":1,"seed":1,"timeline":[{"atMs":5,"command":"rm -rf /"}]}}' } });
    expect(h.last('opened')?.notice).toMatch(/^Your saved workspace could not be restored \(invalid scenario:\ntimeline\[0\]\.command/);
    expect(timeline(h)).toEqual(['kubectl apply -f -']);
    expect(h.last('ready')).toBeDefined();
  });

  it('refuses hostile links with a message, without a worker error', () => {
    const h = harness({});
    for (const fragment of ['', '1.', '1.AAAA', '2.eJw', 'x'.repeat(100), '1.<img src=x onerror=alert(1)>']) {
      expect(() => h.request({ type: 'decodeScenario', source: { fragment } })).toThrow(/link/);
    }
    expect(() => h.request({ type: 'decodeScenario', source: { file: '{"version":1,"seed":1,"timeline":"no"}' } })).toThrow(/timeline: must be a list/);
    expect(() => h.request({ type: 'open', target: { kind: 'scenario', scenario: { version: 9 } } })).toThrow(/unsupported scenario version 9/);
    expect(h.messages.some((m) => m.type === 'workerError')).toBe(false);
  });

  it('records a saved kubectl edit so that it replays', () => {
    const h = harness({});
    h.run('kubectl create deployment web --image=nginx');
    const opened = h.request<CommandOutput>({ type: 'runCommand', line: 'kubectl edit deploy web' });
    h.request({ type: 'advance', ms: 4_000 });
    const saved = h.request<CommandOutput>({ type: 'finishEdit', editId: opened.openInEditor!.editId, text: opened.openInEditor!.text.replace('replicas: 1', 'replicas: 2') });
    expect(h.text(saved)).toBe('deployment.apps/web edited\n');
    expect(timeline(h).slice(1)).toEqual(['kubectl create deployment web --image=nginx', 'kubectl edit deploy web', 'kubectl edit deployment/web']);
    h.request({ type: 'advance', ms: 30_000 });
    const copy = harness({});
    copy.request({ type: 'open', target: { kind: 'scenario', scenario: h.session.__debugScenario.toScenario() } });
    expect(objects(copy)).toBe(objects(h));
  });

  it('travels back to a marker: the cluster as it was then, paused, the later commands dropped', () => {
    const h = busyPlayground();
    // The state right after `kubectl apply -f pi.yaml`, as a replay of those two commands gives it.
    const reference = harness({});
    reference.session.handle({ type: 'setFiles', files: [{ name: 'pi.yaml', text: PI_JOB }] });
    reference.run('kubectl apply -f pi.yaml');
    h.session.handle({ type: 'setPlaying', playing: true });
    h.request({ type: 'timeTravel', index: 1 });
    expect(timeline(h)).toEqual(['kubectl apply -f -', 'kubectl apply -f pi.yaml']);
    expect(objects(h)).toBe(objects(reference));
    expect(h.session.clock().playing).toBe(false);
    expect(h.last('opened')?.scenario.resumeAtMs).toBe(0);
    // ...and continues from there.
    h.run('sim node fail worker-1');
    expect(timeline(h)).toHaveLength(3);
  });

  it('announces a `sim reset` typed in the terminal as a new cluster', () => {
    const h = busyPlayground();
    const readies = h.messages.filter((m) => m.type === 'ready').length;
    h.run('sim reset --nodes 2');
    expect(h.messages.filter((m) => m.type === 'ready').length).toBe(readies + 1);
    expect(h.last('ready')!.snapshot.filter((r) => r.kind === 'Node')).toHaveLength(3);
    expect(timeline(h)).toEqual([]);
    expect(h.run('kubectl get nodes -o name')).toBe('node/control-plane\nnode/worker-1\nnode/worker-2\n');
  });
});

describe('lessons in the worker', () => {
  const lessonState = (h: Harness) => h.last('lesson')?.state as LessonState | null | undefined;

  it('ticks the first lesson off step by step as the learner does it', () => {
    const h = harness({});
    h.request({ type: 'open', target: { kind: 'lesson', id: 'first-job' } });
    expect(h.last('opened')?.slot).toEqual({ kind: 'lesson', id: 'first-job' });
    // A lesson's cluster is its own: nothing applied, no tabs.
    expect(h.last('opened')?.scenario).toMatchObject({ seed: 1, timeline: [], manifests: [], lesson: { id: 'first-job', done: 0 } });
    expect(lessonState(h)).toMatchObject({ id: 'first-job', done: 0, total: 4, stuck: false, commands: { 'kubectl logs {{pod:job-name=pi}}': null } });

    h.session.handle({ type: 'setFiles', files: [{ name: 'pi.yaml', text: PI_JOB }] });
    h.run('kubectl apply -f pi.yaml');
    h.session.frame();
    expect(lessonState(h)?.done).toBe(1);
    const podCommand = lessonState(h)!.commands['kubectl logs {{pod:job-name=pi}}'];
    expect(podCommand).toMatch(/^kubectl logs pi-[a-z0-9]{5}$/);
    // One jump of a minute: the check sees every step on the way.
    h.request({ type: 'advance', ms: 60_000 });
    h.session.frame();
    expect(lessonState(h)?.done).toBe(2);
    h.run(podCommand!);
    h.run('kubectl describe job pi');
    h.session.frame();
    expect(lessonState(h)).toMatchObject({ done: 4, stuck: false });
    expect(h.last('scenario')?.scenario.lesson).toEqual({ id: 'first-job', done: 4 });
  });

  it('posts the progress before the reply of the request that made a step tick', () => {
    const h = harness({});
    h.request({ type: 'open', target: { kind: 'lesson', id: 'first-job' } });
    h.session.handle({ type: 'setFiles', files: [{ name: 'pi.yaml', text: PI_JOB }] });
    const from = h.messages.length;
    h.run('kubectl apply -f pi.yaml');
    const sent = h.messages.slice(from);
    const ticked = sent.findIndex((m) => m.type === 'lesson' && m.state?.done === 1);
    expect(ticked).toBeGreaterThanOrEqual(0);
    expect(ticked).toBeLessThan(sent.findIndex((m) => m.type === 'reply'));
    const before = h.messages.length;
    h.request({ type: 'advance', ms: 60_000 });
    const jumped = h.messages.slice(before);
    expect(jumped.findIndex((m) => m.type === 'lesson' && m.state?.done === 2)).toBeLessThan(jumped.findIndex((m) => m.type === 'reply'));
  });

  it('says a step is stuck once its time has passed without it ticking', () => {
    const h = harness({});
    h.request({ type: 'open', target: { kind: 'lesson', id: 'first-job' } });
    h.request({ type: 'advance', ms: firstJob.steps[0]!.withinMs ?? 2 * 60_000 });
    h.request({ type: 'advance', ms: 1_000 });
    h.session.frame();
    expect(lessonState(h)).toMatchObject({ done: 0, stuck: true });
    h.run('kubectl get jobs');
    h.session.frame();
    expect(lessonState(h)?.stuck).toBe(false);
  });

  it('restores a lesson with its progress, and refuses another lesson’s save', () => {
    const h = harness({});
    h.request({ type: 'open', target: { kind: 'lesson', id: 'first-job' } });
    h.session.handle({ type: 'setFiles', files: [{ name: 'pi.yaml', text: PI_JOB }] });
    h.run('kubectl apply -f pi.yaml');
    h.session.frame();
    const saved = JSON.stringify({ version: 1, scenario: h.last('scenario')!.scenario });
    const back = harness({});
    back.request({ type: 'open', target: { kind: 'lesson', id: 'first-job', saved } });
    expect(lessonState(back)?.done).toBe(1);
    expect(objects(back)).toBe(objects(h));
    back.request({ type: 'open', target: { kind: 'lesson', id: 'cronjob', saved } });
    expect(back.last('opened')?.notice).toContain('another lesson');
    expect(lessonState(back)).toMatchObject({ id: 'cronjob', done: 0 });
    expect(() => back.request({ type: 'open', target: { kind: 'lesson', id: 'nope' } })).toThrow('there is no lesson "nope"');
  });
});
