/**
 * Same scenario + same seed ⇒ identical run: the script runs twice with the full trace (every
 * stored object of every write folded into the hash) and both the trace hashes and the printed
 * transcripts must match. A different seed must change the hash, or the check would prove nothing.
 */
import { describe, expect, it } from 'vitest';
import { ScriptRunner } from './runner.ts';

// Random draws everywhere: generated names and uids, scheduling ties, pull and sandbox timings,
// container ids, pod IPs; plus crashes, a node failure with taint eviction, and a cascading delete.
const SCENARIO = `
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  generateName: crash-
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo starting; sleep 2; exit 1"]
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    resources: {requests: {cpu: 500m, memory: 128Mi}}
---
apiVersion: v1
kind: Pod
metadata:
  name: batch
spec:
  restartPolicy: OnFailure
  containers:
  - name: work
    image: busybox:1.36
    command: ["sh", "-c", "sleep 30; exit 3"]
EOF
sim advance 45s
sim node add edge-1 --label zone=edge --cpu 2
sim pod exit web --code 137
sim advance 30s
sim node fail worker-1
sim node fail worker-2
sim advance 7m
kubectl get pods -o wide
kubectl cordon worker-3
kubectl delete pod batch --cascade=foreground
sim advance 2m
sim node recover worker-1
sim advance 1m
kubectl get pods -o wide
kubectl get nodes
`;

function runOnce(seed: number) {
  const runner = new ScriptRunner({ seed, echo: true, simulation: { trace: 'full' } });
  const result = runner.run(SCENARIO);
  return { output: result.output, exitCode: result.exitCode, hash: runner.sim.trace.hash, writes: runner.sim.trace.writes, errors: runner.sim.controllerErrors };
}

describe('determinism', () => {
  it('gives identical traces and transcripts for the same scenario and seed', () => {
    const first = runOnce(42);
    const second = runOnce(42);
    expect(first.exitCode).toBe(0);
    expect(first.errors).toEqual([]);
    expect(first.writes).toBeGreaterThan(100);
    expect(second.hash).toBe(first.hash);
    expect(second.writes).toBe(first.writes);
    expect(second.output).toBe(first.output);
  });

  it('gives a different trace for a different seed', () => {
    expect(runOnce(43).hash).not.toBe(runOnce(42).hash);
  });
});
