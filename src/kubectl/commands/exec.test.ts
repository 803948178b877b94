import { describe, expect, it } from 'vitest';
import { kubectlHarness } from '../testing.ts';

const PODS = `apiVersion: v1
kind: Pod
metadata: {name: box}
spec:
  containers:
  - {name: main, image: busybox, command: [sleep, infinity], env: [{name: GREETING, value: hello}]}
  - {name: side, image: nginx}
---
apiVersion: v1
kind: Pod
metadata: {name: done}
spec:
  restartPolicy: Never
  containers:
  - {name: main, image: busybox, command: [sh, -c, 'exit 0']}
---
apiVersion: v1
kind: Pod
metadata: {name: echo}
spec:
  containers:
  - {name: echo, image: hashicorp/http-echo, args: [-text=hi]}
`;

function cluster() {
  const h = kubectlHarness();
  h.ok('apply -f -', { stdin: PODS });
  h.sim.advance(20_000);
  return h;
}

describe('kubectl exec', () => {
  it('runs in the container with its environment and prints the output', () => {
    const h = cluster();
    const r = h.run('exec box -c main -- sh -c "echo $GREETING from $(hostname)"');
    expect(r.stdout).toBe('hello from box\n');
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
  });

  it('defaults to the first container and says so when there are several', () => {
    const r = cluster().run('exec box -- printenv GREETING');
    expect(r.stderr).toBe('Defaulted container "main" out of: main, side\n');
    expect(r.stdout).toBe('hello\n');
  });

  it('reports the exit code as kubectl does', () => {
    const r = cluster().run('exec box -c main -- sh -c "echo oops >&2; exit 3"');
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('oops\ncommand terminated with exit code 3\n');
    expect(r.exitCode).toBe(3);
  });

  it('passes stdin only with -i', () => {
    const h = cluster();
    expect(h.run('exec -i box -c main -- cat', { stdin: 'piped\n' }).stdout).toBe('piped\n');
    expect(h.run('exec box -c main -- cat', { stdin: 'ignored\n' }).stdout).toBe('');
    expect(h.run('exec -it box -c main -- cat', { stdin: 'x\n' }).stderr).toBe('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  });

  it('exec takes virtual time', () => {
    const h = cluster();
    const t0 = h.sim.now();
    h.ok('exec box -c main -- sleep 5');
    expect(h.sim.now() - t0).toBeGreaterThanOrEqual(5_000);
    expect(h.sim.now() - t0).toBeLessThan(6_000);
  });

  it.each([
    ['exec box -c nope -- ls', 'error: unable to upgrade connection: container not found ("nope")\n', 1],
    ['exec done -- ls', 'error: cannot exec into a container in a completed pod; current phase is Succeeded\n', 1],
    ['exec missing -- ls', 'Error from server (NotFound): pods "missing" not found\n', 1],
    ['exec box', 'error: you must specify at least one command for the container\n', 1],
    ['exec -- ls', 'error: pod, type/name or --filename must be specified\n', 1],
    ['exec echo -- sh', /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in \$PATH: unknown\n$/, 1],
  ] as const)('%s', (line, stderr, code) => {
    const r = cluster().run(line);
    if (typeof stderr === 'string') expect(r.stderr).toBe(stderr);
    else expect(r.stderr).toMatch(stderr);
    expect(r.exitCode).toBe(code);
  });

  it('accepts the deprecated form without --', () => {
    const r = cluster().run('exec box -c main date');
    expect(r.stderr).toBe('kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\n');
    expect(r.stdout).toBe('Wed Jan  1 00:00:20 UTC 2025\n');
  });

  it('the command not found inside a shell is the shell\'s 127', () => {
    const r = cluster().run('exec box -c main -- sh -c nosuch');
    expect(r.stderr).toBe('sh: nosuch: not found\ncommand terminated with exit code 127\n');
    expect(r.exitCode).toBe(127);
  });
});
