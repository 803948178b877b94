/**
 * kube-scheduler's default profile, one pod at a time: filter nodes (stopping after enough feasible
 * ones, as percentageOfNodesToScore does on big clusters), score them, pick the best (ties broken by
 * the seeded stream), bind. Unschedulable pods get PodScheduled=False and a FailedScheduling event
 * with upstream's message, and are retried when nodes or pods change and at least every 5 minutes.
 * Mirrors pkg/scheduler/schedule_one.go and framework/types.go (FitError), in our words.
 */
import type { Controller, ControllerContext, Watch } from '../client/controller.ts';
import type { WorkQueue } from '../client/workQueue.ts';
import type { Node, Pod } from '../api/objects.ts';
import { clone, keyOf } from '../api/objects.ts';
import { formatTime, MINUTE_MS } from '../api/time.ts';
import type { WatchEvent } from '../store/store.ts';
import { type NodeUsage, type PodRequests, PREFILTERED_OUT, affinityNodeNames, filterNode, podRequests, preemptionMightHelp, scoreNode } from './plugins.ts';

export const UNSCHEDULABLE_RETRY_MS = 5 * MINUTE_MS;
const MIN_FEASIBLE_NODES = 100;

function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

function needsScheduling(pod: Pod): boolean {
  return !pod.spec?.nodeName && !pod.metadata.deletionTimestamp && (pod.spec?.schedulerName ?? 'default-scheduler') === 'default-scheduler' && !isTerminal(pod);
}

/** upstream numFeasibleNodesToFind with the adaptive percentage. */
export function feasibleNodesToFind(total: number): number {
  if (total < MIN_FEASIBLE_NODES) return total;
  const percentage = Math.max(5, 50 - Math.floor(total / 125));
  return Math.max(MIN_FEASIBLE_NODES, Math.floor((total * percentage) / 100));
}

/** `0/3 nodes are available: 1 node(s) ..., 2 Insufficient cpu.` — counts, sorted as strings. */
export function histogram(reasons: Map<string, number>): string {
  return [...reasons].map(([r, n]) => `${n} ${r}`).sort().join(', ');
}

export class Scheduler implements Controller {
  readonly name = 'scheduler';
  readonly watches: Watch[];
  private readonly usage = new Map<string, NodeUsage>();
  private readonly counted = new Map<string, { node: string; req: PodRequests }>();
  private readonly unschedulable = new Set<string>();
  private nodes: Node[] | undefined;
  private nextStart = 0;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly queue: WorkQueue,
  ) {
    this.watches = [
      { kind: 'Pod', keys: (e) => this.onPod(e) },
      { kind: 'Node', keys: (e) => this.onNode(e) },
    ];
  }

  start(): void {
    for (const pod of this.ctx.store.list<Pod>('Pod')) this.account(pod, undefined);
  }

  /** Keep node usage current (the scheduler cache) and return the keys to (re)try. */
  private onPod(e: WatchEvent): string[] {
    const pod = e.object as Pod;
    this.account(e.type === 'DELETED' ? undefined : pod, keyOf(pod));
    const keys: string[] = [];
    if (e.type !== 'DELETED' && needsScheduling(pod)) keys.push(keyOf(pod));
    // Freed capacity: a pod went away or finished.
    const old = e.old as Pod | undefined;
    const freed = (e.type === 'DELETED' && pod.spec?.nodeName) || (old && !isTerminal(old) && isTerminal(pod));
    if (freed) keys.push(...this.unschedulable);
    return keys;
  }

  private onNode(e: WatchEvent): string[] {
    this.nodes = undefined;
    const node = e.object as Node;
    if (e.type === 'DELETED') this.usage.delete(node.metadata.name);
    const old = e.old as Node | undefined;
    // Heartbeats change nothing the filters look at.
    if (e.type === 'MODIFIED' && old && JSON.stringify([old.metadata.labels, old.spec, old.status?.allocatable]) === JSON.stringify([node.metadata.labels, node.spec, node.status?.allocatable])) {
      return [];
    }
    return [...this.unschedulable];
  }

  private account(pod: Pod | undefined, key: string | undefined): void {
    const k = key ?? (pod ? keyOf(pod) : '');
    const prev = this.counted.get(k);
    if (prev) {
      const u = this.usage.get(prev.node);
      if (u) {
        u.cpuMilli -= prev.req.cpuMilli;
        u.memory -= prev.req.memory;
        u.scoreCpuMilli -= prev.req.scoreCpuMilli;
        u.scoreMemory -= prev.req.scoreMemory;
        u.pods -= 1;
      }
      this.counted.delete(k);
    }
    if (!pod || !pod.spec?.nodeName || isTerminal(pod)) return;
    const req = podRequests(pod);
    const u = this.nodeUsage(pod.spec.nodeName);
    u.cpuMilli += req.cpuMilli;
    u.memory += req.memory;
    u.scoreCpuMilli += req.scoreCpuMilli;
    u.scoreMemory += req.scoreMemory;
    u.pods += 1;
    this.counted.set(k, { node: pod.spec.nodeName, req });
  }

  private nodeUsage(name: string): NodeUsage {
    let u = this.usage.get(name);
    if (!u) this.usage.set(name, (u = { cpuMilli: 0, memory: 0, pods: 0, scoreCpuMilli: 0, scoreMemory: 0 }));
    return u;
  }

  /** Requested resources on a node (for `kubectl describe node`'s Allocated resources). */
  usageOf(nodeName: string): NodeUsage | undefined {
    return this.usage.get(nodeName);
  }

  reconcile(key: string): void {
    this.unschedulable.delete(key);
    const pod = this.ctx.store.get<Pod>('Pod', key);
    if (!pod || !needsScheduling(pod)) return;
    const allNodes = (this.nodes ??= [...this.ctx.store.list<Node>('Node')].filter((n) => !n.metadata.deletionTimestamp));
    // NodeAffinity PreFilter: a pod pinned to named nodes (DaemonSet pods) is only checked against those.
    const pinned = affinityNodeNames(pod);
    const nodes = pinned ? pinned.map((n) => this.ctx.store.get<Node>('Node', n)).filter((n): n is Node => n !== undefined && !n.metadata.deletionTimestamp) : allNodes;
    const req = podRequests(pod);
    const feasible: Node[] = [];
    const reasons = new Map<string, number>();
    if (pinned && allNodes.length > nodes.length) reasons.set(PREFILTERED_OUT, allNodes.length - nodes.length);
    const want = feasibleNodesToFind(nodes.length);
    let examined = 0;
    for (; examined < nodes.length && feasible.length < want; examined++) {
      const node = nodes[(this.nextStart + examined) % nodes.length]!;
      const reason = filterNode(pod, node, this.nodeUsage(node.metadata.name), req);
      if (reason) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      else feasible.push(node);
    }
    if (allNodes.length > 0) this.nextStart = (this.nextStart + examined) % allNodes.length;
    if (feasible.length === 0) {
      this.markUnschedulable(pod, allNodes.length, reasons);
      return;
    }
    let best: Node[] = [];
    let bestScore = -Infinity;
    for (const node of feasible) {
      const s = scoreNode(pod, node, this.nodeUsage(node.metadata.name), req);
      if (s > bestScore + 1e-9) {
        bestScore = s;
        best = [node];
      } else if (Math.abs(s - bestScore) <= 1e-9) best.push(node);
    }
    const chosen = this.ctx.rng.pick(best)!;
    this.ctx.api.bind(pod.metadata.namespace!, pod.metadata.name, chosen.metadata.name);
    this.ctx.events.record(pod, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${chosen.metadata.name}`, { component: 'default-scheduler' });
  }

  private markUnschedulable(pod: Pod, total: number, reasons: Map<string, number>): void {
    const key = keyOf(pod);
    this.unschedulable.add(key);
    this.queue.addAfter(key, UNSCHEDULABLE_RETRY_MS);
    let message: string;
    if (total === 0) message = 'no nodes available to schedule pods';
    else {
      const preemption = new Map<string, number>();
      for (const [reason, n] of reasons) {
        const p = preemptionMightHelp(reason) ? 'No preemption victims found for incoming pod.' : 'Preemption is not helpful for scheduling.';
        preemption.set(p, (preemption.get(p) ?? 0) + n);
      }
      const pre = histogram(preemption).replace(/\.(,|$)/g, '$1');
      message = `0/${total} nodes are available: ${histogram(reasons)}. preemption: 0/${total} nodes are available: ${pre}.`;
    }
    const current = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (current?.status !== 'False' || current.message !== message) {
      const status = clone(pod.status ?? {});
      status.conditions = [
        ...(status.conditions ?? []).filter((c) => c.type !== 'PodScheduled'),
        { type: 'PodScheduled', status: 'False', lastProbeTime: null as unknown as string, lastTransitionTime: current?.status === 'False' ? current.lastTransitionTime! : formatTime(this.ctx.now()), reason: 'Unschedulable', message },
      ];
      this.ctx.api.updateStatus({ ...pod, status });
    }
    this.ctx.events.record(pod, 'Warning', 'FailedScheduling', message, { component: 'default-scheduler' });
  }
}
