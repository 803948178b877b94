/**
 * The seeds' Deployment and DaemonSet walkthroughs, node failure and node maintenance, replayed
 * through the script runner exactly as `bin/kubesim script examples/<name>.sh` runs them; the
 * assertions are the counts and columns the seeds show.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScript } from './runner.ts';

const example = (name: string) => readFileSync(new URL(`../../examples/${name}.sh`, import.meta.url), 'utf8');

/** The output of each command, keyed by the command line (first occurrence wins unless `nth`). */
function outputs(transcript: string): { cmd: string; out: string }[] {
  const blocks: { cmd: string; out: string }[] = [];
  for (const part of transcript.split(/^\$ /m).slice(1)) {
    const nl = part.indexOf('\n');
    blocks.push({ cmd: part.slice(0, nl), out: part.slice(nl + 1) });
  }
  return blocks;
}

function after(transcript: string, cmd: string, nth = 0): string {
  const found = outputs(transcript).filter((b) => b.cmd === cmd);
  if (!found[nth]) throw new Error(`no output for "${cmd}"`);
  return found[nth].out;
}

const rows = (table: string) => table.trimEnd().split('\n').slice(1);
const column = (table: string, header: string) => {
  const lines = table.trimEnd().split('\n');
  const start = lines[0]!.indexOf(header);
  return lines.slice(1).map((l) => l.slice(start).split(/\s{2,}|\s(?=\S)/)[0]!.trim());
};

describe('the seeds’ Deployment walkthrough', () => {
  const t = runScript(example('deployment-kubia'), { echo: true }).output;

  it('keeps three kubia pods running', () => {
    expect(after(t, 'kubectl get deployments')).toMatch(/^NAME {4}READY {3}UP-TO-DATE {3}AVAILABLE {3}AGE\nkubia {3}3\/3 {5}3 {12}3 {11}20s\n$/);
    const pods = after(t, 'kubectl get pods');
    expect(rows(pods)).toHaveLength(3);
    expect(column(pods, 'STATUS')).toEqual(['Running', 'Running', 'Running']);
    expect(rows(pods).every((r) => /^kubia-[456789bcdf]{9,10}-[bcdfghjklmnpqrstvwxz2456789]{5} /.test(r))).toBe(true);
  });

  it('replaces a deleted pod while it is still terminating', () => {
    const pods = after(t, 'kubectl get pods', 1);
    expect(rows(pods)).toHaveLength(4);
    expect(column(pods, 'STATUS').sort()).toEqual(['ContainerCreating', 'Running', 'Running', 'Terminating']);
  });

  it('ignores an extra label but lets go of a pod whose selector label changed', () => {
    expect(rows(after(t, 'kubectl get pods', 2))).toHaveLength(3);
    const labelled = after(t, 'kubectl get pods -L app');
    expect(rows(labelled)).toHaveLength(4);
    expect(column(labelled, 'APP').sort()).toEqual(['foo', 'kubia', 'kubia', 'kubia']);
  });

  it('rolls a new template out through a new ReplicaSet and scales to ten', () => {
    const rs = after(t, 'kubectl get rs');
    expect(rows(rs)).toHaveLength(2);
    expect(column(rs, 'DESIRED').sort()).toEqual(['0', '3']);
    // The old ReplicaSet's pods terminate (kubia ignores SIGTERM: 30 s grace); the relabelled pod stays.
    const pods = after(t, 'kubectl get pods', 3);
    expect(column(pods, 'STATUS').filter((s) => s === 'Terminating')).toHaveLength(3);
    expect(rows(pods).filter((r) => r.includes(' Running ')).map((r) => r.split(' ')[0]!.replace(/-\w{5}$/, '')).sort()).toEqual(['kubia-6bc547f8d9', 'kubia-95ddd649c', 'kubia-95ddd649c', 'kubia-95ddd649c']);
    expect(after(t, 'kubectl get deployment kubia')).toContain('kubia   10/10   10           10          2m10s');
    const describe = after(t, 'kubectl describe deployment kubia');
    expect(describe).toContain('Replicas:               10 desired | 10 updated | 10 total | 10 available | 0 unavailable');
    expect(describe).toMatch(/NewReplicaSet: {3}kubia-\w+ \(10\/10 replicas created\)/);
    expect(describe).toMatch(/Normal {2}ScalingReplicaSet {2}\d+s {4}deployment-controller {2}Scaled up replica set kubia-\w+ to 10 from 3/);
  });
});

describe('the seeds’ DaemonSet walkthrough', () => {
  const t = runScript(example('daemonset-ssd-monitor'), { echo: true }).output;

  it('runs nothing until a node is labelled disk=ssd', () => {
    expect(after(t, 'kubectl get daemonsets')).toBe(
      'NAME          DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\nssd-monitor   0         0         0       0            0           disk=ssd        0s\n',
    );
    expect(after(t, 'kubectl get pods')).toBe('No resources found in default namespace.\n');
    expect(after(t, 'kubectl get pods', 1)).toMatch(/^NAME {16}READY {3}STATUS {14}RESTARTS {3}AGE\nssd-monitor-\w{5} {3}0\/1 {5}ContainerCreating {3}0 {10}0s\n$/);
  });

  it('runs on cordoned nodes too and leaves a relabelled node', () => {
    const wide = after(t, 'kubectl get pods -o wide');
    expect(column(wide, 'NODE').sort()).toEqual(['worker-2', 'worker-3']);
    expect(column(after(t, 'kubectl get pods', 2), 'STATUS').sort()).toEqual(['Running', 'Terminating']);
    expect(after(t, 'kubectl describe ds ssd-monitor')).toContain('Number of Nodes Misscheduled: 1\n');
  });
});

describe('node failure: Pod A vs Pod B', () => {
  const t = runScript(example('node-failure'), { echo: true }).output;

  it('marks the node NotReady after the grace period and evicts after 300 s; only the managed pod comes back', () => {
    expect(after(t, 'kubectl get nodes')).toMatch(/worker-1 {8}NotReady/);
    const before = after(t, 'kubectl get pods -o wide', 1);
    expect(column(before, 'STATUS')).toEqual(['Running', 'Running']);
    const later = after(t, 'kubectl get pods -o wide', 2);
    expect(rows(later)).toHaveLength(3);
    expect(rows(later).find((r) => r.startsWith('pod-a'))).toMatch(/Terminating/);
    const replacement = rows(later).find((r) => r.includes('Running'))!;
    expect(replacement).toMatch(/^pod-b-\w+-\w{5} /);
    expect(replacement).not.toContain('worker-1');
    expect(after(t, 'kubectl get deployment pod-b')).toContain('pod-b   1/1     1            1');
  });
});

describe('drain and taints', () => {
  const r = runScript(example('drain-and-taint'), { echo: true });
  const t = r.output;

  it('refuses DaemonSet and unmanaged pods, then drains with the flags', () => {
    expect(after(t, 'kubectl drain worker-2')).toMatch(
      /^node\/worker-2 cordoned\nerror: unable to drain node "worker-2" due to error: \[cannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): default\/log-agent-\w{5}, cannot delete Pods that declare no controller \(use --force to override\): default\/scratch\], continuing command\.\.\.\nThere are pending nodes to be drained:\n worker-2\nerror: /,
    );
    const drained = after(t, 'kubectl drain worker-2 --ignore-daemonsets --force');
    expect(drained).toMatch(/^node\/worker-2 already cordoned\nWarning: deleting Pods that declare no controller: default\/scratch; ignoring DaemonSet-managed Pods: default\/log-agent-\w{5}\n/);
    // Evictions are reported as each pod disappears: nginx exits on SIGTERM before busybox's sleep.
    expect(drained).toMatch(/evicting pod default\/scratch\nevicting pod default\/web-\w+-\w{5}\npod\/web-\w+-\w{5} evicted\npod\/scratch evicted\nnode\/worker-2 drained\n$/);
    expect(after(t, 'kubectl get nodes')).toContain('worker-2        Ready,SchedulingDisabled');
    const pods = after(t, 'kubectl get pods -o wide', 1);
    expect(rows(pods).filter((l) => l.includes('worker-2')).map((l) => l.split(/\s+/)[0]!.replace(/-\w{5}$/, ''))).toEqual(['log-agent']);
  });

  it('keeps new pods off a NoSchedule node and evicts from a NoExecute one', () => {
    expect(after(t, 'kubectl taint nodes worker-3 dedicated=db:NoSchedule')).toBe('node/worker-3 tainted\n');
    const scaled = after(t, 'kubectl get pods -o wide', 2);
    const newOnes = rows(scaled).filter((l) => / 10s /.test(l));
    expect(newOnes.some((l) => l.includes('worker-3'))).toBe(false);
    const evicted = after(t, 'kubectl get pods -o wide', 3);
    expect(evicted).not.toContain('worker-3');
    expect(rows(evicted).filter((l) => l.startsWith('web-'))).toHaveLength(5);
    expect(after(t, 'kubectl taint nodes worker-3 dedicated-')).toBe('node/worker-3 untainted\n');
  });
});

describe('drain with a PodDisruptionBudget', () => {
  const t = runScript(example('drain-with-budget'), { echo: true }).output;

  it('retries refused evictions every 5 s until the timeout, then drains once the budget allows it', () => {
    expect(after(t, 'kubectl get pdb')).toBe('NAME      MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\nweb-pdb   3               N/A               0                     10s\n');
    const refused = after(t, 'kubectl drain worker-1 --timeout=12s');
    expect(refused.match(/^evicting pod default\/web-/gm)).toHaveLength(4);
    expect(refused.match(/\(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\.$/gm)).toHaveLength(3);
    expect(refused).toMatch(/, continuing command\.\.\.\nThere are pending nodes to be drained:\n worker-1\nerror: error when evicting pods\/"web-\w+-\w{5}" -n "default": global timeout reached: 12s\n$/);
    expect(after(t, 'kubectl get pdb', 1)).toContain('web-pdb   N/A             1                 1 ');
    expect(after(t, 'kubectl drain worker-1')).toMatch(/^node\/worker-1 already cordoned\nevicting pod default\/web-\w+-\w{5}\npod\/web-\w+-\w{5} evicted\nnode\/worker-1 drained\n$/);
    expect(after(t, 'kubectl describe pdb web-pdb')).toBe(
      'Name:             web-pdb\nNamespace:        default\nMax unavailable:  1\nSelector:         app=web\nStatus:\n    Allowed disruptions:  1\n    Current:              3\n    Desired:              2\n    Total:                3\nEvents:                   <none>\n',
    );
  });
});
