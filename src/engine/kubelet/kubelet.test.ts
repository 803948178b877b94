import { describe, expect, it } from 'vitest';
import { createTestSim, getPod, podManifest } from '../testing/harness.ts';
import { decodeStatus } from '../api/schema/decode.ts';
import type { Pod } from '../api/objects.ts';

describe('kubelet', () => {
  it('runs a pod to completion with the upstream events', () => {
    const sim = createTestSim();
    sim.api.create(podManifest('hello', { restartPolicy: 'Never', command: ['sh', '-c', 'echo hi; sleep 5; exit 3'] }));
    sim.settle();
    expect(getPod(sim, 'hello').spec!.nodeName).toMatch(/^worker-/);
    expect(getPod(sim, 'hello').status!.containerStatuses![0]!.state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    sim.runUntil(() => getPod(sim, 'hello').status!.phase === 'Running', 60_000);
    sim.advance(10_000);
    const pod = getPod(sim, 'hello');
    expect(pod.status!.phase).toBe('Failed');
    expect(pod.status!.containerStatuses![0]!.state!.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(sim.kubelets.logs('default', 'hello', 'main', false)!.map((l) => l.text)).toEqual(['hi']);
    const reasons = sim.api.list('Event', { fieldSelector: 'involvedObject.name=hello' }).map((e) => (e as { reason?: string }).reason);
    expect(reasons).toEqual(expect.arrayContaining(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']));
    expect(sim.controllerErrors).toEqual([]);
  });

  it('restarts crashing containers with CrashLoopBackOff delays', () => {
    const sim = createTestSim();
    sim.api.create(podManifest('crash', { command: ['sh', '-c', 'sleep 1; exit 1'] }));
    sim.advance(5 * 60_000);
    const status = getPod(sim, 'crash').status!.containerStatuses![0]!;
    // Runs of 1 s separated by ~1 s, 10 s, 20 s, 40 s, 80 s, 160 s of back-off: 6 restarts in 5 minutes.
    expect(status.restartCount).toBeGreaterThanOrEqual(5);
    expect(status.restartCount).toBeLessThanOrEqual(6);
    expect(status.lastState!.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
  });

  it('terminates gracefully: SIGTERM ignored by PID 1, SIGKILL after the grace period', () => {
    const sim = createTestSim();
    sim.api.create(podManifest('sleeper', { command: ['sleep', '3600'] }));
    sim.advance(10_000);
    sim.api.delete('Pod', 'default', 'sleeper');
    sim.settle();
    expect(getPod(sim, 'sleeper').metadata.deletionTimestamp).toBe('2025-01-01T00:00:40Z');
    sim.advance(29_000);
    expect(sim.api.tryGet('Pod', 'default', 'sleeper')).toBeDefined();
    sim.advance(2_000);
    expect(sim.api.tryGet('Pod', 'default', 'sleeper')).toBeUndefined();
  });

  it('reports ErrImagePull then ImagePullBackOff for images that do not exist', () => {
    const sim = createTestSim();
    sim.api.create(podManifest('bad', { image: 'non-existing-repo/non-existing-image:example' }));
    sim.advance(30_000);
    const waiting = getPod(sim, 'bad').status!.containerStatuses![0]!.state!.waiting!;
    expect(['ErrImagePull', 'ImagePullBackOff']).toContain(waiting.reason);
  });

  it('writes statuses that decode as the API schema says (it hands them over undecoded)', () => {
    const sim = createTestSim();
    const seen: string[] = [];
    for (const kind of ['Pod', 'Node']) {
      sim.store.watch(kind, (e) => {
        const error = decodeStatus(kind, (e.object as Pod).status);
        if (error) seen.push(`${kind} ${e.object.metadata.name}: ${error}`);
      });
    }
    sim.addNode({ name: 'late' });
    sim.api.create(podManifest('crash', { command: ['sh', '-c', 'sleep 1; exit 1'] }));
    sim.api.create(podManifest('bad', { image: 'non-existing-repo/non-existing-image:example' }));
    sim.api.create(podManifest('done', { restartPolicy: 'Never', command: ['sh', '-c', 'echo hi'] }));
    sim.advance(2 * 60_000);
    sim.api.delete('Pod', 'default', 'crash');
    sim.advance(6 * 60_000);
    expect(seen).toEqual([]);
    expect(getPod(sim, 'done').status!.phase).toBe('Succeeded');
  });
});
