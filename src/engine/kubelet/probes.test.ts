import { describe, expect, it } from 'vitest';
import type { Container } from 'kubernetes-types/core/v1';
import { createTestSim, getPod } from '../testing/harness.ts';
import type { Endpoints, Event, Manifest } from '../api/objects.ts';
import { probePort } from './probes.ts';

function podWith(name: string, container: Partial<Container>, labels: Record<string, string> = {}): Manifest {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'main', image: 'busybox', ...container }] } };
}

function events(sim: ReturnType<typeof createTestSim>, name: string): string[] {
  return sim.api
    .list<Event>('Event', { fieldSelector: `involvedObject.name=${name}` })
    .filter((e) => e.reason === 'Unhealthy' || e.reason === 'Killing')
    .map((e) => `${e.reason} x${e.count}: ${e.message}`);
}

describe('probes', () => {
  it('liveness: three HTTP 500s kill the container (SIGKILL after the grace period: 137) and it restarts', () => {
    const sim = createTestSim();
    sim.api.create(podWith('kubia', { image: 'idealism/kubia-unhealthy', ports: [{ containerPort: 8080 }], livenessProbe: { httpGet: { port: 8080, path: '/' } } }));
    sim.advance(60_000);
    expect(getPod(sim, 'kubia').status!.containerStatuses![0]!.restartCount).toBe(0);
    sim.advance(60_000);
    const status = getPod(sim, 'kubia').status!.containerStatuses![0]!;
    expect(status.restartCount).toBe(1);
    expect(status.lastState!.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(events(sim, 'kubia')).toEqual(['Unhealthy x3: Liveness probe failed: HTTP probe failed with statuscode: 500', 'Killing x1: Container main failed liveness probe, will be restarted']);
    expect(sim.kubelets.logs('default', 'kubia', 'main', true)!.filter((l) => l.text.startsWith('Received request')).length).toBe(8);
  });

  it('readiness: the pod turns Ready only when the probe passes, and leaves the endpoints when it fails', () => {
    const sim = createTestSim();
    sim.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    sim.api.create(podWith('web', { command: ['sh', '-c', 'sleep 20; touch /tmp/ready; sleep 30; rm /tmp/ready; sleep 3600'], readinessProbe: { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 5 } }, { app: 'web' }));
    const ready = () => getPod(sim, 'web').status!.conditions!.find((c) => c.type === 'Ready')!.status;
    const addresses = () => (sim.api.get<Endpoints>('Endpoints', 'default', 'web').subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip));
    sim.advance(15_000);
    expect(getPod(sim, 'web').status!.phase).toBe('Running');
    expect(ready()).toBe('False');
    expect(addresses()).toEqual([]);
    sim.advance(15_000);
    expect(ready()).toBe('True');
    expect(addresses()).toEqual([getPod(sim, 'web').status!.podIP]);
    sim.advance(40_000);
    expect(ready()).toBe('False');
    expect(addresses()).toEqual([]);
    expect(events(sim, 'web')[0]).toMatch(/^Unhealthy x\d+: Readiness probe failed: cat: can't open '\/tmp\/ready': No such file or directory\n$/);
    expect(getPod(sim, 'web').status!.containerStatuses![0]!.restartCount).toBe(0);
  });

  it('startup: liveness waits for it; failing it kills the container', () => {
    const sim = createTestSim();
    sim.api.create(
      podWith('slow', {
        command: ['sh', '-c', 'sleep 3600'],
        startupProbe: { tcpSocket: { port: 8080 }, periodSeconds: 5, failureThreshold: 3 },
        livenessProbe: { exec: { command: ['false'] } },
      }),
    );
    sim.advance(40_000);
    const ev = events(sim, 'slow');
    expect(ev[0]).toMatch(/^Unhealthy x3: Startup probe failed: dial tcp 10\.244\.\d+\.\d+:8080: connect: connection refused$/);
    expect(ev[1]).toBe('Killing x1: Container main failed startup probe, will be restarted');
    expect(ev.some((e) => e.includes('Liveness'))).toBe(false);
    expect(getPod(sim, 'slow').status!.containerStatuses![0]!.started).toBe(false);
  });

  it('startup success marks the container started; then liveness runs', () => {
    const sim = createTestSim();
    sim.api.create(podWith('ok', { image: 'nginx', startupProbe: { httpGet: { port: 80, path: '/' }, periodSeconds: 2 }, livenessProbe: { httpGet: { port: 80, path: '/missing' }, failureThreshold: 1 } }));
    sim.advance(20_000);
    const s = getPod(sim, 'ok').status!.containerStatuses![0]!;
    expect(s.started).toBe(true);
    expect(events(sim, 'ok')).toContain('Unhealthy x1: Liveness probe failed: HTTP probe failed with statuscode: 404');
  });

  it('resolves named ports', () => {
    expect(probePort('http', { name: 'c', ports: [{ name: 'http', containerPort: 8080 }] })).toBe(8080);
    expect(probePort(9000, { name: 'c' })).toBe(9000);
    expect(probePort('nope', { name: 'c' })).toBeUndefined();
  });
});
