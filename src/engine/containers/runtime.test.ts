import { describe, expect, it } from 'vitest';
import { createTestSim, getPod } from '../testing/harness.ts';
import type { Event, Manifest } from '../api/objects.ts';
import { lookupImage } from './images/catalog.ts';
import { parseImageRef } from './images/image.ts';
import { piDigits } from './commands/pi.ts';
import { bpiCostMs } from './commands/perl.ts';
import { sh, runInContainer } from '../testing/containerHarness.ts';
import { python } from './images/python.ts';
import { sha224Hex } from './commands/sha2.ts';

function pod(name: string, spec: Record<string, unknown>, meta: Record<string, unknown> = {}): Manifest {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, ...meta }, spec };
}

function logs(sim: ReturnType<typeof createTestSim>, name: string, container = 'main'): string {
  return sim.kubelets.logs('default', name, container, false)!.map((l) => `${l.text}\n`).join('');
}

describe('image catalog', () => {
  it.each([
    ['busybox', 'docker.io', 'library/busybox', 'busybox', 'latest'],
    ['docker.io/library/bash:5', 'docker.io', 'library/bash', 'bash', '5'],
    ['gcr.io/<project>/job-wq-1', 'gcr.io', '<project>/job-wq-1', 'job-wq-1', 'latest'],
    ['localhost:5000/app:v1', 'localhost:5000', 'app', 'app', 'v1'],
    ['idealism/kubia-unhealthy', 'docker.io', 'idealism/kubia-unhealthy', 'kubia-unhealthy', 'latest'],
  ])('parses %s', (image, registry, path, name, tag) => {
    expect(parseImageRef(image)).toEqual({ registry, path, name, tag });
  });

  it.each([
    ['busybox:1.28', 'busybox', true],
    ['perl', 'perl', true],
    ['gcr.io/myproject/job-wq-2', 'job-wq-2', true],
    ['luksa/kubia', 'kubia', true],
    ['mycompany/payments:2.1', 'unknown', false],
    ['constructor', 'unknown', false],
    ['toString:1.0', 'unknown', false],
  ])('%s is the %s family', (image, family, known) => {
    const r = lookupImage(image);
    expect(r.ok && r.spec.family).toBe(family);
    expect(r.ok && r.known).toBe(known);
  });

  it('references nobody serves fail to pull with containerd\'s message', () => {
    const r = lookupImage('non-existing-repo/non-existing-image:example');
    expect(r).toEqual({
      ok: false,
      message:
        'failed to pull and unpack image "docker.io/non-existing-repo/non-existing-image:example": failed to resolve reference "docker.io/non-existing-repo/non-existing-image:example": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    });
  });
});

describe('container runtime', () => {
  it('image entrypoint/cmd vs command/args, and a missing executable is a StartError (128)', () => {
    const sim = createTestSim();
    sim.api.create(pod('args', { restartPolicy: 'Never', containers: [{ name: 'main', image: 'hashicorp/http-echo', args: ['-text=hello'] }] }));
    sim.api.create(pod('nocmd', { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox', command: ['/app/server'] }] }));
    sim.api.create(pod('unknown', { restartPolicy: 'Never', containers: [{ name: 'main', image: 'mycompany/payments:2.1', command: ['/app/server', '--port=8080'] }] }));
    sim.advance(20_000);
    expect(getPod(sim, 'args').status!.phase).toBe('Running');
    expect(logs(sim, 'args')).toMatch(/\[INFO\] server is listening on :5678\n$/);
    const t = getPod(sim, 'nocmd').status!.containerStatuses![0]!.state!.terminated!;
    expect(t.exitCode).toBe(128);
    expect(t.reason).toBe('StartError');
    expect(t.message).toBe('failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "/app/server": stat /app/server: no such file or directory: unknown');
    expect(getPod(sim, 'unknown').status!.phase).toBe('Running');
  });

  it('pull events carry the image size; pull time grows with it', () => {
    const sim = createTestSim();
    sim.api.create(pod('small', { containers: [{ name: 'main', image: 'busybox', command: ['sleep', '99'] }] }));
    sim.api.create(pod('big', { containers: [{ name: 'main', image: 'perl', command: ['sleep', '99'] }] }));
    sim.advance(30_000);
    const pulled = (name: string) => sim.api.list<Event>('Event', { fieldSelector: `involvedObject.name=${name},reason=Pulled` })[0]!.message!;
    expect(pulled('small')).toMatch(/^Successfully pulled image "busybox" in \d+ms \(\d+ms including waiting\)\. Image size: 2155000 bytes\.$/);
    expect(pulled('big')).toMatch(/^Successfully pulled image "perl" in \d+\.\d+s \(.*\)\. Image size: 347203000 bytes\.$/);
  });

  it('volumes: emptyDir shared by init and main containers; configMap, secret and downward API files', () => {
    const sim = createTestSim();
    sim.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'conf' }, data: { 'app.conf': 'mode=fast\n', 'run.sh': '#!/bin/sh\necho from configmap\n' } });
    sim.api.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds' }, data: { password: btoa('s3cret') } });
    sim.api.create(
      pod(
        'vols',
        {
          restartPolicy: 'Never',
          initContainers: [{ name: 'init', image: 'busybox', command: ['sh', '-c', 'echo prepared > /work/state'], volumeMounts: [{ name: 'work', mountPath: '/work' }] }],
          containers: [
            {
              name: 'main',
              image: 'busybox',
              command: ['sh', '-c', 'cat /work/state /etc/app/app.conf /secrets/password; echo; cat /info/labels; echo; /etc/app/run.sh; echo x > /etc/app/new'],
              volumeMounts: [
                { name: 'work', mountPath: '/work' },
                { name: 'conf', mountPath: '/etc/app' },
                { name: 'creds', mountPath: '/secrets' },
                { name: 'info', mountPath: '/info' },
              ],
            },
          ],
          volumes: [
            { name: 'work', emptyDir: {} },
            { name: 'conf', configMap: { name: 'conf', defaultMode: 0o755 } },
            { name: 'creds', secret: { secretName: 'creds' } },
            { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
          ],
        },
        { labels: { app: 'demo' } },
      ),
    );
    sim.advance(20_000);
    expect(logs(sim, 'vols')).toBe('prepared\nmode=fast\ns3cret\napp="demo"\nfrom configmap\nsh: can\'t create /etc/app/new: Read-only file system\n');
    expect(getPod(sim, 'vols').status!.phase).toBe('Failed');
  });

  it('a missing ConfigMap keeps the pod ContainerCreating (FailedMount) until it exists', () => {
    const sim = createTestSim();
    sim.api.create(pod('nocm', { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox', command: ['cat', '/c/key'], volumeMounts: [{ name: 'c', mountPath: '/c' }] }], volumes: [{ name: 'c', configMap: { name: 'late' } }] }));
    sim.advance(25_000);
    expect(getPod(sim, 'nocm').status!.containerStatuses![0]!.state!.waiting).toEqual({ reason: 'ContainerCreating' });
    const failed = sim.api.list<Event>('Event', { fieldSelector: 'involvedObject.name=nocm,reason=FailedMount' });
    expect(failed[0]!.message).toBe('MountVolume.SetUp failed for volume "c" : configmap "late" not found');
    expect(failed[0]!.count).toBeGreaterThanOrEqual(2);
    expect(sim.api.list<Event>('Event', { fieldSelector: 'involvedObject.name=nocm,reason=Pulling' })).toEqual([]);
    sim.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late' }, data: { key: 'value' } });
    sim.advance(30_000);
    expect(getPod(sim, 'nocm').status!.phase).toBe('Succeeded');
    expect(logs(sim, 'nocm')).toBe('value\n');
  });

  it('kubesim.dev annotations script run time, exit code and failures', () => {
    const sim = createTestSim();
    const job = (name: string, annotations: Record<string, string>) => pod(name, { restartPolicy: 'Never', containers: [{ name: 'main', image: 'mycompany/batch:1' }] }, { annotations });
    sim.api.create(job('timed', { 'kubesim.dev/run-seconds': '30' }));
    sim.api.create(job('failing', { 'kubesim.dev/run-seconds': 'main=5', 'kubesim.dev/exit-code': '3' }));
    sim.api.create(job('flaky', { 'kubesim.dev/run-seconds': '1', 'kubesim.dev/fail-probability': '1' }));
    sim.advance(20_000);
    expect(getPod(sim, 'timed').status!.phase).toBe('Running');
    expect(getPod(sim, 'failing').status!.containerStatuses![0]!.state!.terminated!.exitCode).toBe(3);
    expect(getPod(sim, 'flaky').status!.containerStatuses![0]!.state!.terminated!.exitCode).toBe(1);
    sim.advance(20_000);
    const t = getPod(sim, 'timed').status!.containerStatuses![0]!.state!.terminated!;
    expect(t.exitCode).toBe(0);
    expect(Date.parse(t.finishedAt!) - Date.parse(t.startedAt!)).toBe(30_000);
  });

  it('SIGTERM: nginx exits 0 at once; a plain shell waits for SIGKILL (137)', () => {
    const sim = createTestSim();
    sim.api.create(pod('nginx', { containers: [{ name: 'main', image: 'nginx' }] }));
    sim.api.create(pod('shell', { terminationGracePeriodSeconds: 10, containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'sleep 3600'] }] }));
    sim.advance(10_000);
    sim.api.delete('Pod', 'default', 'nginx');
    sim.api.delete('Pod', 'default', 'shell');
    sim.advance(3_000);
    expect(sim.api.tryGet('Pod', 'default', 'nginx')).toBeUndefined();
    expect(sim.api.tryGet('Pod', 'default', 'shell')).toBeDefined();
    sim.advance(9_000);
    expect(sim.api.tryGet('Pod', 'default', 'shell')).toBeUndefined();
  });
});

describe('programs', () => {
  it('pi digits are exact and rounded in the last place', () => {
    expect(piDigits(10)).toBe('3.141592654');
    expect(piDigits(2000)).toHaveLength(2001);
    expect(bpiCostMs(2000)).toBeGreaterThan(5_000);
    expect(bpiCostMs(2000)).toBeLessThan(10_000);
    expect(runInContainer(['perl', '-Mbignum=bpi', '-wle', 'print bpi(20)'], { image: python }).exitCode).toBe(127);
  });

  it('perl one-liners and the missing bignum import', () => {
    const perl = (code: string, ...flags: string[]) => sh(`perl ${flags.join(' ')} -e '${code}'`, { image: lookupImageSpec('perl') });
    expect(perl('print "hi\\n"').stdout).toBe('hi\n');
    expect(perl('print 6*7', '-l').stdout).toBe('42\n');
    expect(perl('print bpi(5)', '-l').stderr).toBe('Undefined subroutine &main::bpi called at -e line 1.\n');
  });

  it('python: one-liners, loops, sys.exit, and block-buffered stdout', () => {
    const py = (code: string, env: Record<string, string> = {}) => runInContainer(['python', '-c', code], { image: python, env });
    expect(py('print("hello", 6 * 7)').stdout).toBe('hello 42\n');
    expect(py('for i in range(3): print(f"n={i}")').stdout).toBe('n=0\nn=1\nn=2\n');
    expect(py('import sys; print("bye"); sys.exit(4)').exitCode).toBe(4);
    expect(py('print(undefined_name)').stderr).toBe('Traceback (most recent call last):\n  File "<string>", line 1, in <module>\nNameError: name \'undefined_name\' is not defined\n');
    const killed = runInContainer(['python', '-c', 'import time\nprint("working")\ntime.sleep(60)'], { image: python, limitMs: 10_000 });
    expect(killed.stdout).toBe('');
    const unbuffered = runInContainer(['python', '-u', '-c', 'import time\nprint("working")\ntime.sleep(60)'], { image: python, limitMs: 10_000 });
    expect(unbuffered.stdout).toBe('working\n');
  });

  it('sha224 matches the reference digest', () => {
    expect(sha224Hex('apple')).toBe('b7bbfdf1a1012999b3c466fdeb906a629caa5e3e022428d1eb702281');
  });
});

function lookupImageSpec(image: string) {
  const r = lookupImage(image);
  if (!r.ok) throw new Error(r.message);
  return r.spec;
}
