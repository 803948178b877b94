import { describe, expect, it } from 'vitest';
import { kubectlHarness, podYaml } from '../testing.ts';

const SCRIPT = 'echo one; sleep 5; echo two; sleep 5; echo three';

function withLogger() {
  const h = kubectlHarness();
  h.ok('apply -f -', { stdin: podYaml('talk', { labels: { app: 'talk' }, command: SCRIPT }) });
  return h;
}

describe('kubectl logs', () => {
  it('prints what the container wrote, with --tail and --timestamps', () => {
    const h = withLogger();
    h.sim.advance(30_000);
    expect(h.ok('logs talk')).toBe('one\ntwo\nthree\n');
    expect(h.ok('logs talk --tail=1')).toBe('three\n');
    expect(h.ok('logs talk --timestamps --tail=1')).toMatch(/^2025-01-01T00:00:\d\d\.\d{9}Z three\n$/);
    expect(h.ok('logs pod/talk -c main --prefix')).toBe('[pod/talk/main] one\n[pod/talk/main] two\n[pod/talk/main] three\n');
  });

  it('reads pods by selector (10 lines each by default) and via TYPE/NAME', () => {
    const h = withLogger();
    h.sim.advance(30_000);
    expect(h.ok('logs -l app=talk')).toBe('one\ntwo\nthree\n');
    expect(h.run('logs -l app=nothing').stderr).toBe('No resources found in default namespace.\n');
  });

  it('reports kubectl errors word for word', () => {
    const h = withLogger();
    expect(h.run('logs').stderr).toBe("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n");
    expect(h.run('logs talk').stderr).toBe('Error from server (BadRequest): container "main" in pod "talk" is waiting to start: ContainerCreating\n');
    expect(h.run('logs talk --previous').stderr).toBe('Error from server (BadRequest): previous terminated container "main" in pod "talk" not found\n');
    expect(h.run('logs talk -c nope').stderr).toBe('error: container nope is not valid for pod talk\n');
    expect(h.run('logs nope').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('follows with -f: new lines stream as virtual time passes, and the stream ends with the container', () => {
    const h = withLogger();
    h.sim.advance(3_000);
    const r = h.run('logs -f talk');
    expect(r.stdout).toBe('one\n');
    const seen: string[] = [];
    let ended = false;
    r.stream!.onOutput((c) => seen.push(c.text));
    r.stream!.onEnd(() => (ended = true));
    h.sim.advance(6_000);
    r.stream!.poll();
    expect(seen.join('')).toBe('two\n');
    expect(ended).toBe(false);
    h.sim.advance(10_000);
    r.stream!.poll();
    expect(seen.join('')).toBe('two\nthree\n');
    expect(ended).toBe(true);
  });
});

describe('kubectl logs TYPE/NAME', () => {
  // Suspended at first, so the Job has no pod yet.
  const JOB = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  suspend: true\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox\n        command: ["sh", "-c", "echo 3.14159"]\n';

  it('reads the pod a workload selects, and waits --pod-running-timeout (virtual) when there is none', () => {
    const h = kubectlHarness();
    h.ok('apply -f -', { stdin: JOB });
    const start = h.sim.now();
    expect(h.run('logs job/pi').stderr).toBe('error: timed out waiting for the condition\n');
    expect(h.sim.now() - start).toBe(20_000);
    h.ok(`patch job pi --type merge -p '{"spec":{"suspend":false}}'`);
    h.sim.advance(30_000);
    expect(h.ok('logs job/pi')).toBe('3.14159\n');
  });
});
