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
import { clone, deepEqual, keyOf } from '../api/objects.ts';
import { formatTime, MINUTE_MS } from '../api/time.ts';
import type { WatchEvent } from '../store/store.ts';
import { type NodeUsage, type PodRequests, type ScoreNorms, type ScoredNode, PREFILTERED_OUT, affinityNodeNames, filterNode, filterResources, nodeAllocatable, nodeScore, onlyResourcesFilter, podRequests, preemptionMightHelp, scoreNorms, selectsNodes } from './plugins.ts';

export const UNSCHEDULABLE_RETRY_MS = 5 * MINUTE_MS;
const MIN_FEASIBLE_NODES = 100;
const NOTHING_TO_NORMALISE: ScoreNorms = { maxIntolerableTaints: 0, maxAffinityWeight: 0 };

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

/**
 * The scheduler cache's view of one node (upstream's NodeInfo): the object, parsed allocatable,
 * live usage, and whether only the resource filter applies to it (see onlyResourcesFilter).
 */
interface NodeInfo extends ScoredNode {
  plain: boolean;
}

export class Scheduler implements Controller {
  readonly name = 'scheduler';
  readonly watches: Watch[];
  /** Requests of the non-terminal pods bound to each node name (kept even while the node is absent). */
  private readonly usage = new Map<string, NodeUsage>();
  /** By pod uid: the node and requests a pod is counted against. */
  private readonly counted = new Map<string, { node: string; req: PodRequests; spec: Pod['spec'] }>();
  private readonly unschedulable = new Set<string>();
  /** Schedulable candidates in store order; rebuilt after any Node write. */
  private snapshot: NodeInfo[] | undefined;
  private snapshotByName = new Map<string, NodeInfo>();
  /** Whether any node in the snapshot has taints (else TaintToleration scores every node alike). */
  private snapshotTainted = false;
  private nextStart = 0;
  private readonly feasible: NodeInfo[] = [];
  private readonly best: Node[] = [];

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
    for (const pod of this.ctx.store.list<Pod>('Pod')) this.account(pod.metadata.uid, pod);
  }

  /** Keep node usage current (the scheduler cache) and return the keys to (re)try. */
  private onPod(e: WatchEvent): string[] | undefined {
    const pod = e.object as Pod;
    const old = e.old as Pod | undefined;
    this.account(pod.metadata.uid, e.type === 'DELETED' ? undefined : pod);
    // The common case, a bound pod's status changing: nothing to schedule, no capacity freed.
    if (e.type === 'MODIFIED' && old!.spec?.nodeName && pod.spec?.nodeName && isTerminal(old!) === isTerminal(pod)) return undefined;
    const key = e.key;
    const keys: string[] = [];
    // An unschedulable pod waits for a cluster change; its own status updates are not one.
    const onlyStatusChanged = old !== undefined && this.unschedulable.has(key) && deepEqual(old.spec, pod.spec) && deepEqual(old.metadata.labels, pod.metadata.labels);
    if (e.type !== 'DELETED' && needsScheduling(pod) && !onlyStatusChanged) keys.push(key);
    // Freed capacity: a pod went away or finished.
    const freed = (e.type === 'DELETED' && pod.spec?.nodeName) || (old && !isTerminal(old) && isTerminal(pod));
    if (freed) keys.push(...this.unschedulable);
    return keys;
  }

  private onNode(e: WatchEvent): string[] {
    const node = e.object as Node;
    const old = e.old as Node | undefined;
    // Heartbeats change nothing the filters look at: the snapshot keeps its place and takes the new version.
    if (
      e.type === 'MODIFIED' &&
      old &&
      old.metadata.deletionTimestamp === node.metadata.deletionTimestamp &&
      deepEqual(old.metadata.labels, node.metadata.labels) &&
      deepEqual(old.spec, node.spec) &&
      deepEqual(old.status?.allocatable, node.status?.allocatable)
    ) {
      const info = this.snapshot && this.snapshotByName.get(node.metadata.name);
      if (info) info.node = node;
      return [];
    }
    this.snapshot = undefined;
    return [...this.unschedulable];
  }

  /** Count a pod's requests against its node while it is bound and not terminal (terminating pods still count). */
  private account(k: string, pod: Pod | undefined): void {
    const prev = this.counted.get(k);
    const nodeName = pod && !isTerminal(pod) ? pod.spec?.nodeName : undefined;
    // A status-only write shares its spec with the previous version: nothing to recount.
    if (prev && nodeName === prev.node && pod!.spec === prev.spec) return;
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
    if (!nodeName) return;
    const req = podRequests(pod!);
    const u = this.nodeUsage(nodeName);
    u.cpuMilli += req.cpuMilli;
    u.memory += req.memory;
    u.scoreCpuMilli += req.scoreCpuMilli;
    u.scoreMemory += req.scoreMemory;
    u.pods += 1;
    this.counted.set(k, { node: nodeName, req, spec: pod!.spec });
  }

  private nodeUsage(name: string): NodeUsage {
    let u = this.usage.get(name);
    if (!u) this.usage.set(name, (u = { cpuMilli: 0, memory: 0, pods: 0, scoreCpuMilli: 0, scoreMemory: 0 }));
    return u;
  }

  private nodeInfos(): NodeInfo[] {
    if (!this.snapshot) {
      this.snapshot = [...this.ctx.store.list<Node>('Node')]
        .filter((n) => !n.metadata.deletionTimestamp)
        .map((node) => ({ node, alloc: nodeAllocatable(node), usage: this.nodeUsage(node.metadata.name), plain: onlyResourcesFilter(node) }));
      this.snapshotByName = new Map(this.snapshot.map((info) => [info.node.metadata.name, info]));
      this.snapshotTainted = this.snapshot.some((info) => (info.node.spec?.taints?.length ?? 0) > 0);
    }
    return this.snapshot;
  }

  /**
   * Recompute every node's usage from the stored pods and compare with the incremental cache;
   * returns one line per discrepancy. For the invariant checkers.
   */
  verifyCache(): string[] {
    const expected = new Map<string, NodeUsage>();
    for (const pod of this.ctx.store.list<Pod>('Pod')) {
      const nodeName = pod.spec?.nodeName;
      if (!nodeName || isTerminal(pod)) continue;
      const req = podRequests(pod);
      const u = expected.get(nodeName) ?? { cpuMilli: 0, memory: 0, pods: 0, scoreCpuMilli: 0, scoreMemory: 0 };
      u.cpuMilli += req.cpuMilli;
      u.memory += req.memory;
      u.scoreCpuMilli += req.scoreCpuMilli;
      u.scoreMemory += req.scoreMemory;
      u.pods += 1;
      expected.set(nodeName, u);
    }
    const problems: string[] = [];
    const zero: NodeUsage = { cpuMilli: 0, memory: 0, pods: 0, scoreCpuMilli: 0, scoreMemory: 0 };
    for (const name of new Set([...this.usage.keys(), ...expected.keys()])) {
      const actual = this.usage.get(name) ?? zero;
      const want = expected.get(name) ?? zero;
      if (!deepEqual(actual, want)) problems.push(`scheduler cache for node ${name}: ${JSON.stringify(actual)}, expected ${JSON.stringify(want)}`);
    }
    for (const info of this.snapshot ?? []) {
      if (this.ctx.store.get('Node', info.node.metadata.name) !== info.node) problems.push(`scheduler snapshot holds a stale version of node ${info.node.metadata.name}`);
    }
    return problems;
  }

  /** Requested resources on a node (for `kubectl describe node`'s Allocated resources). */
  usageOf(nodeName: string): NodeUsage | undefined {
    return this.usage.get(nodeName);
  }

  reconcile(key: string): void {
    this.unschedulable.delete(key);
    const pod = this.ctx.store.get<Pod>('Pod', key);
    if (!pod || !needsScheduling(pod)) return;
    const allNodes = this.nodeInfos();
    // NodeAffinity PreFilter: a pod pinned to named nodes (DaemonSet pods) is only checked against those.
    const pinned = affinityNodeNames(pod);
    const nodes = pinned ? pinned.map((n) => this.snapshotByName.get(n)).filter((n): n is NodeInfo => n !== undefined) : allNodes;
    const req = podRequests(pod);
    // A scratch array reused across cycles (scheduling runs one pod at a time) and filled from the
    // front: truncating it would make V8 drop its backing store and regrow it for every pod.
    const feasible = this.feasible;
    let found = 0;
    // Why nodes were filtered out (made on the first one: most pods fit the first nodes they try).
    let reasons: Map<string, number> | undefined;
    if (pinned && allNodes.length > nodes.length) (reasons ??= new Map()).set(PREFILTERED_OUT, allNodes.length - nodes.length);
    const want = feasibleNodesToFind(nodes.length);
    let examined = 0;
    // Most pods select no nodes and most nodes are plain: then only the resource filter can fail.
    const anyNode = !selectsNodes(pod);
    // Like upstream, start where the previous cycle stopped so every node gets its turn.
    for (; examined < nodes.length && found < want; examined++) {
      const info = nodes[(this.nextStart + examined) % nodes.length]!;
      const reason = anyNode && info.plain ? filterResources(info.usage, req, info.alloc) : filterNode(pod, info.node, info.usage, req, info.alloc);
      if (reason) (reasons ??= new Map()).set(reason, (reasons.get(reason) ?? 0) + 1);
      else feasible[found++] = info;
    }
    if (allNodes.length > 0) this.nextStart = (this.nextStart + examined) % allNodes.length;
    if (found === 0) {
      this.markUnschedulable(pod, allNodes.length, reasons ?? new Map());
      return;
    }
    // selectHost: the best score wins; ties are broken uniformly at random, as upstream does.
    // Without tainted nodes or preferred affinity there is nothing to normalise (and no node to look at).
    const norms = this.snapshotTainted || pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ? scoreNorms(pod, feasible, found) : NOTHING_TO_NORMALISE;
    const best = this.best;
    let ties = 0;
    let bestScore = -1;
    for (let i = 0; i < found; i++) {
      const info = feasible[i]!;
      const score = nodeScore(pod, info, req, norms);
      if (score > bestScore) {
        bestScore = score;
        ties = 0;
      }
      if (score === bestScore) best[ties++] = info.node;
    }
    const chosen = best[this.ctx.rng.int(ties)]!;
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
