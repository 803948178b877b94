import { describe, expect, it } from 'vitest';
import { JOB_EXAMPLE } from '../scenarios/playground.ts';
import type { CommandOutput, Diagnostic, ObjectRecord } from './protocol.ts';
import { PROTOCOL_VERSION } from './protocol.ts';
import { BIG_SCENARIO_CHARS, SCENARIO_POST_EVERY_MS, scenarioChars } from './session.ts';
import { harness } from './testing.ts';

describe('Session', () => {
  it('answers hello with a snapshot of the cluster', () => {
    const h = harness();
    h.session.handle({ type: 'hello', version: PROTOCOL_VERSION });
    const ready = h.messages.find((m) => m.type === 'ready');
    expect(ready?.type).toBe('ready');
    if (ready?.type !== 'ready') return;
    const nodes = ready.snapshot.filter((r) => r.kind === 'Node');
    expect(nodes.map((n) => n.name)).toEqual(['control-plane', 'worker-1', 'worker-2', 'worker-3']);
    expect(nodes[1]!.summary).toMatchObject({ kind: 'Node', status: 'Ready', ready: true, cordoned: false });
  });

  it('runs kubectl and sim lines the way a terminal does', () => {
    const h = harness();
    const out = h.request<CommandOutput>({ type: 'runCommand', line: 'kubectl get nodes' });
    expect(h.text(out)).toContain('worker-3        Ready    <none>');
    expect(h.text(h.request<CommandOutput>({ type: 'runCommand', line: 'sim time' }))).toMatch(/^2025-01-01T00:00:00Z/);
    const bad = h.request<CommandOutput>({ type: 'runCommand', line: 'ls -l' });
    expect(bad.exitCode).toBe(127);
  });

  it('applies an editor file and sends the new object in the next frame, once', () => {
    const h = harness();
    const out = h.request<CommandOutput>({ type: 'runCommand', line: 'kubectl apply -f job.yaml', files: { 'job.yaml': JOB_EXAMPLE.text } });
    expect(h.text(out)).toBe('job.batch/pi created\n');
    expect(out.diagnostics).toEqual({ 'job.yaml': [] });
    h.session.frame();
    const added = h.frames().flatMap((f) => f.diff.added);
    const job = added.find((r: ObjectRecord) => r.kind === 'Job');
    expect(job?.summary).toMatchObject({ kind: 'Job', completions: 3, parallelism: 2, backoffLimit: 4 });
    const before = h.frames().length;
    h.session.frame();
    expect(h.frames().length).toBe(before); // nothing changed: no message
  });

  it('places API validation errors on the offending line', () => {
    const h = harness();
    const text = JOB_EXAMPLE.text.replace('restartPolicy: Never', 'restartPolicy: Always');
    const out = h.request<CommandOutput>({ type: 'runCommand', line: 'kubectl apply -f job.yaml', files: { 'job.yaml': text } });
    expect(out.exitCode).toBe(1);
    const diags = out.diagnostics!['job.yaml']!;
    const line = text.split('\n').findIndex((l) => l.includes('restartPolicy')) + 1;
    expect(diags.some((d: Diagnostic) => d.line === line && d.message.includes('restartPolicy'))).toBe(true);
  });

  it('paces virtual time by the wall clock at the chosen speed', () => {
    const h = harness();
    const t0 = h.session.__debugSimulation.now();
    h.session.handle({ type: 'setSpeed', speed: 10 });
    h.session.handle({ type: 'setPlaying', playing: true });
    h.tick(1000);
    h.session.frame();
    expect(h.session.__debugSimulation.now() - t0).toBe(10_000);
    h.session.handle({ type: 'setPlaying', playing: false });
    h.tick(1000);
    h.session.frame();
    expect(h.session.__debugSimulation.now() - t0).toBe(10_000);
  });

  it('jumps forward and steps to the next meaningful event, skipping heartbeats', () => {
    const h = harness();
    const r = h.request<{ advancedMs: number }>({ type: 'advance', ms: 60_000 });
    expect(r.advancedMs).toBe(60_000);
    h.request({ type: 'runCommand', line: 'sim node fail worker-1' });
    const step = h.request<{ advancedMs: number }>({ type: 'stepToNextEvent' });
    expect(step.advancedMs).toBeGreaterThan(0);
  });

  it('streams `get -w` output until stopped', () => {
    const h = harness();
    const out = h.request<CommandOutput>({ type: 'runCommand', line: 'kubectl get nodes -w' });
    expect(out.streamId).toBeDefined();
    if (out.streamId === undefined) return;
    h.request({ type: 'runCommand', line: 'kubectl label node worker-1 disk=ssd' });
    h.session.frame();
    h.session.handle({ type: 'stopStream', streamId: out.streamId });
    expect(h.messages.some((m) => m.type === 'streamOutput' && m.ended)).toBe(true);
  });

  it('reports a failing request as an error reply and keeps running', () => {
    const h = harness();
    h.session.handle({ type: 'hello', version: 999 });
    expect(h.messages.some((m) => m.type === 'workerError' && m.message.includes('protocol mismatch'))).toBe(true);
    expect(h.text(h.request<CommandOutput>({ type: 'runCommand', line: 'kubectl get nodes' }))).toContain('worker-1');
  });

  it('kubectl edit opens the object in the editor; saving applies it like kubectl when its editor closes', () => {
    const h = harness();
    const out = h.request<CommandOutput>({ type: 'runCommand', line: 'kubectl edit node worker-2' });
    expect(out.openInEditor?.fileName).toBe('kubectl-edit-node-worker-2.yaml');
    const text = out.openInEditor!.text;
    expect(text).toContain('# Please edit the object below.');
    expect(text).toContain('kind: Node');
    // Saved unchanged: cancelled, as kubectl says when its editor closes without changes.
    expect(h.text(h.request<CommandOutput>({ type: 'finishEdit', editId: out.openInEditor!.editId, text }))).toBe('Edit cancelled, no changes made.\n');
    const again = h.request<CommandOutput>({ type: 'runCommand', line: 'kubectl edit node/worker-2' });
    const editId = again.openInEditor!.editId;
    // An invalid save keeps the edit open, to be fixed and saved again.
    expect(h.request<CommandOutput>({ type: 'finishEdit', editId, text: 'kind: [' }).exitCode).toBe(1);
    const edited = text.replace('  labels:\n', '  labels:\n    disk: ssd\n');
    const saved = h.request<CommandOutput>({ type: 'finishEdit', editId, text: edited });
    expect(h.text(saved)).toBe('node/worker-2 edited\n');
    expect(h.text(h.request<CommandOutput>({ type: 'runCommand', line: 'kubectl get nodes -l disk=ssd -o name' }))).toBe('node/worker-2\n');
    // A saved edit is closed.
    expect(h.request<CommandOutput>({ type: 'finishEdit', editId, text: edited }).exitCode).toBe(1);
  });

  it('shows a node powered off at once, before the Node object turns NotReady', () => {
    const h = harness();
    h.session.frame();
    h.request({ type: 'runCommand', line: 'sim node fail worker-3' });
    h.session.frame();
    const node = h.frames().flatMap((f) => f.diff.modified).find((r: ObjectRecord) => r.name === 'worker-3');
    expect(node?.summary).toMatchObject({ kind: 'Node', poweredOff: true, ready: true });
    h.request({ type: 'runCommand', line: 'sim node recover worker-3' });
    h.session.frame();
    const back = h.frames().at(-1)!.diff.modified.find((r: ObjectRecord) => r.name === 'worker-3');
    expect(back?.summary).toMatchObject({ kind: 'Node', poweredOff: false });
  });

  it('mirrors pods without their object and hands it out on request', () => {
    const h = harness();
    h.request({ type: 'runCommand', line: 'kubectl run web --image=nginx' });
    h.session.frame();
    const pod = h.frames().flatMap((f) => f.diff.added).find((r: ObjectRecord) => r.kind === 'Pod' && r.name === 'web')!;
    expect(pod.object).toBeUndefined();
    expect(pod.labels).toEqual({ run: 'web' });
    const object = h.request<{ kind: string; spec: { containers: { image: string }[] } }>({ type: 'getObject', uid: pod.uid });
    expect(object.spec.containers[0]!.image).toBe('nginx');
  });

  it('a dense cluster posts every other periodic frame; jumps still post at once', () => {
    const h = harness();
    const pods = Array.from({ length: 1000 }, (_, i) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n  - name: c\n    image: busybox\n`).join('---\n');
    h.request({ type: 'runCommand', line: 'kubectl create -f pods.yaml', files: { 'pods.yaml': pods } });
    h.session.handle({ type: 'setPlaying', playing: true });
    const before = h.frames().length;
    for (let i = 0; i < 6; i++) {
      h.tick(16);
      h.session.frame(true);
    }
    expect(h.frames().length - before).toBe(3);
    h.request({ type: 'advance', ms: 1000 });
    expect(h.frames().length - before).toBe(4);
  });

  it('posts a big scenario that changes in a burst at most every SCENARIO_POST_EVERY_MS; a small one at once', () => {
    const h = harness();
    const scenarios = () => h.messages.filter((m) => m.type === 'scenario').length;
    h.run('kubectl get pods');
    h.run('kubectl get nodes');
    expect(scenarios()).toBe(2); // small: after every command
    const big = `# ${'x'.repeat(BIG_SCENARIO_CHARS)}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n`;
    h.run('kubectl apply -f big.yaml', { files: { 'big.yaml': big } });
    expect(scenarios()).toBe(3);
    expect(scenarioChars(h.last('scenario')!.scenario)).toBeGreaterThan(BIG_SCENARIO_CHARS);
    h.run('kubectl get configmaps');
    h.tick(16);
    h.session.frame(true);
    expect(scenarios()).toBe(3); // big, in a burst: held back...
    h.tick(SCENARIO_POST_EVERY_MS);
    h.session.frame(true);
    expect(scenarios()).toBe(4); // ...until its time
    expect(h.last('scenario')?.scenario.timeline.at(-1)?.command).toBe('kubectl get configmaps');
    h.run('kubectl get jobs');
    h.session.frame();
    expect(scenarios()).toBe(5); // a reply's frame never waits
  });

  it('boots the playground starter manifests', () => {
    const h = harness({});
    const out = h.request<CommandOutput>({ type: 'runCommand', line: 'kubectl get daemonsets -n kube-system' });
    expect(h.text(out)).toContain('node-agent');
  });
});
