/**
 * The default profile's filter and score plugins, as pure functions of (pod, node, node usage).
 * Filters return undefined when the node fits, or the reason string upstream reports for it
 * (pkg/scheduler/framework/plugins/{nodeunschedulable,nodename,tainttoleration,nodeaffinity,
 * noderesources}). Scores are 0–100, higher is better.
 */
import type { NodeSelectorRequirement, NodeSelectorTerm, Taint, Toleration } from 'kubernetes-types/core/v1';
import type { Node, Pod } from '../api/objects.ts';
import { matchesRequirement, type Operator } from '../api/labels.ts';
import { milli } from '../api/quantity.ts';

export interface NodeUsage {
  /** milli-cpu requested by pods on the node */
  cpuMilli: number;
  /** bytes of memory requested */
  memory: number;
  pods: number;
  /** Non-zero-defaulted requests used for scoring (100m / 200Mi for containers without requests). */
  scoreCpuMilli: number;
  scoreMemory: number;
}

export interface PodRequests {
  cpuMilli: number;
  memory: number;
  scoreCpuMilli: number;
  scoreMemory: number;
}

const DEFAULT_CPU_MILLI = 100;
const DEFAULT_MEMORY = 200 * 1024 * 1024;

/** Effective requests: max(sum of containers, any init container), as the scheduler computes them. */
export function podRequests(pod: Pick<Pod, 'spec'>): PodRequests {
  let cpu = 0;
  let mem = 0;
  let scoreCpu = 0;
  let scoreMem = 0;
  for (const c of pod.spec?.containers ?? []) {
    const req = c.resources?.requests ?? {};
    const cm = milli(req.cpu);
    const mm = Math.ceil(milli(req.memory) / 1000);
    cpu += cm;
    mem += mm;
    scoreCpu += req.cpu === undefined ? DEFAULT_CPU_MILLI : cm;
    scoreMem += req.memory === undefined ? DEFAULT_MEMORY : mm;
  }
  for (const c of pod.spec?.initContainers ?? []) {
    const req = c.resources?.requests ?? {};
    cpu = Math.max(cpu, milli(req.cpu));
    mem = Math.max(mem, Math.ceil(milli(req.memory) / 1000));
  }
  return { cpuMilli: cpu, memory: mem, scoreCpuMilli: scoreCpu, scoreMemory: scoreMem };
}

export interface Allocatable {
  cpuMilli: number;
  memory: number;
  pods: number;
}

/** Parsed per stored Node version: stored objects never change, so a version's figures never do. */
const allocatableCache = new WeakMap<object, Allocatable>();

export function nodeAllocatable(node: Node): Allocatable {
  const a = node.status?.allocatable ?? {};
  let parsed = allocatableCache.get(a);
  if (!parsed) {
    parsed = { cpuMilli: milli(a.cpu ?? '0'), memory: Math.ceil(milli(a.memory ?? '0') / 1000), pods: parseInt(a.pods ?? '110', 10) };
    allocatableCache.set(a, parsed);
  }
  return parsed;
}

export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key === undefined || toleration.key === '') return toleration.operator === 'Exists';
  if (toleration.key !== taint.key) return false;
  if (toleration.operator === 'Exists') return true;
  return (toleration.value ?? '') === (taint.value ?? '');
}

export function isTolerated(taint: Taint, tolerations: readonly Toleration[] | undefined): boolean {
  return (tolerations ?? []).some((t) => tolerates(t, taint));
}

const FILTERING_EFFECTS = ['NoSchedule', 'NoExecute'];

/** The first NoSchedule/NoExecute taint the pod does not tolerate. */
export function untoleratedTaint(node: Node, tolerations: readonly Toleration[] | undefined, effects = FILTERING_EFFECTS): Taint | undefined {
  const taints = node.spec?.taints;
  if (!taints) return undefined;
  for (const t of taints) if (effects.includes(t.effect) && !isTolerated(t, tolerations)) return t;
  return undefined;
}

function matchesNodeRequirement(req: NodeSelectorRequirement, node: Node, byField: boolean): boolean {
  const labels = byField ? { 'metadata.name': node.metadata.name } : node.metadata.labels;
  return matchesRequirement({ key: req.key, operator: req.operator as Operator, values: req.values ?? [] }, labels);
}

export function matchesNodeSelectorTerm(term: NodeSelectorTerm | undefined, node: Node): boolean {
  const exprs = term?.matchExpressions ?? [];
  const fields = term?.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  return exprs.every((r) => matchesNodeRequirement(r, node, false)) && fields.every((r) => matchesNodeRequirement(r, node, true));
}

/** nodeSelector AND required node affinity (its terms ORed). */
export function matchesNodeAffinity(pod: Pick<Pod, 'spec'>, node: Node): boolean {
  const selector = pod.spec?.nodeSelector;
  if (selector) {
    const labels = node.metadata.labels ?? {};
    for (const k in selector) if (labels[k] !== selector[k]) return false;
  }
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required) return (required.nodeSelectorTerms ?? []).some((t) => matchesNodeSelectorTerm(t, node));
  return true;
}

/**
 * NodeAffinity PreFilter: the node names a pod's required affinity pins it to with
 * `matchFields: metadata.name In [...]` (how DaemonSet pods are pinned) — the union over terms of
 * each term's intersection — or undefined when some term does not pin, so every node is a candidate.
 */
export function affinityNodeNames(pod: Pick<Pod, 'spec'>): string[] | undefined {
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return undefined;
  const names = new Set<string>();
  for (const term of terms) {
    let termNames: Set<string> | undefined;
    for (const r of term.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const values = new Set(r.values ?? []);
      termNames = termNames ? new Set([...termNames].filter((n) => values.has(n))) : values;
    }
    if (!termNames) return undefined;
    for (const n of termNames) names.add(n);
  }
  return [...names];
}

/** The reason recorded for the nodes a PreFilter result left out. */
export const PREFILTERED_OUT = "node(s) didn't satisfy plugin(s) [NodeAffinity]";

const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

/** Run the filters in the default profile's order; the first failure is the node's reason. */
export function filterNode(pod: Pod, node: Node, usage: NodeUsage, req: PodRequests, alloc = nodeAllocatable(node)): string | undefined {
  if (node.spec?.unschedulable && !isTolerated(UNSCHEDULABLE_TAINT, pod.spec?.tolerations)) return 'node(s) were unschedulable';
  const taint = untoleratedTaint(node, pod.spec?.tolerations);
  if (taint) return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
  if (!matchesNodeAffinity(pod, node)) return "node(s) didn't match Pod's node affinity/selector";
  return filterResources(usage, req, alloc);
}

/**
 * Whether only the resource filter can turn a node down for any pod without a node selector or
 * required affinity: the node is schedulable and has no taints.
 */
export function onlyResourcesFilter(node: Node): boolean {
  return !node.spec?.unschedulable && (node.spec?.taints?.length ?? 0) === 0;
}

/** Whether a pod's filtering depends on node labels (nodeSelector or required node affinity). */
export function selectsNodes(pod: Pod): boolean {
  return pod.spec?.nodeSelector !== undefined || pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution !== undefined;
}

/** NodeResourcesFit's filter: pod count, cpu and memory requests against allocatable. */
export function filterResources(usage: NodeUsage, req: PodRequests, alloc: Allocatable): string | undefined {
  if (usage.pods + 1 > alloc.pods) return 'Too many pods';
  if (req.cpuMilli > 0 && usage.cpuMilli + req.cpuMilli > alloc.cpuMilli) return 'Insufficient cpu';
  if (req.memory > 0 && usage.memory + req.memory > alloc.memory) return 'Insufficient memory';
  return undefined;
}

/** Whether a filter failure could be fixed by preempting lower-priority pods (resource shortages). */
export function preemptionMightHelp(reason: string): boolean {
  return reason.startsWith('Insufficient') || reason === 'Too many pods';
}

/** A node as the score plugins see it. */
export interface ScoredNode {
  node: Node;
  usage: NodeUsage;
  alloc: Allocatable;
}

/** The default profile's score weights (pkg/scheduler/apis/config/v1 default plugins). */
const WEIGHT = { fit: 1, balanced: 1, taintToleration: 3, nodeAffinity: 2 };

function freePercent(used: number, capacity: number): number {
  return capacity > 0 ? Math.max(0, Math.floor(((capacity - used) * 100) / capacity)) : 0;
}

/** NodeResourcesFit (LeastAllocated): the average free share of cpu and memory after placing the pod, 0–100. */
function leastAllocated(usage: NodeUsage, req: PodRequests, alloc: Allocatable): number {
  return Math.floor((freePercent(usage.scoreCpuMilli + req.scoreCpuMilli, alloc.cpuMilli) + freePercent(usage.scoreMemory + req.scoreMemory, alloc.memory)) / 2);
}

/** NodeResourcesBalancedAllocation: 100 × (1 − the standard deviation of the cpu and memory fractions). */
function balancedAllocation(usage: NodeUsage, req: PodRequests, alloc: Allocatable): number {
  const cpu = alloc.cpuMilli > 0 ? Math.min(1, (usage.scoreCpuMilli + req.scoreCpuMilli) / alloc.cpuMilli) : 1;
  const mem = alloc.memory > 0 ? Math.min(1, (usage.scoreMemory + req.scoreMemory) / alloc.memory) : 1;
  return Math.floor((1 - Math.abs(cpu - mem) / 2) * 100);
}

function intolerablePreferNoSchedule(pod: Pod, node: Node): number {
  let n = 0;
  for (const t of node.spec?.taints ?? []) if (t.effect === 'PreferNoSchedule' && !isTolerated(t, pod.spec?.tolerations)) n++;
  return n;
}

function preferredAffinityWeight(pod: Pod, node: Node): number {
  let sum = 0;
  for (const p of pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) if (matchesNodeSelectorTerm(p.preference, node)) sum += p.weight;
  return sum;
}

/** What normalising TaintToleration and NodeAffinity needs from the whole candidate set. */
export interface ScoreNorms {
  maxIntolerableTaints: number;
  maxAffinityWeight: number;
}

/** One pass over the first `count` candidates (no arrays: this runs for every pod on hundreds of nodes). */
export function scoreNorms(pod: Pod, nodes: readonly ScoredNode[], count = nodes.length): ScoreNorms {
  let maxIntolerableTaints = 0;
  let maxAffinityWeight = 0;
  const preferred = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  for (let i = 0; i < count; i++) {
    const n = nodes[i]!;
    if (n.node.spec?.taints) maxIntolerableTaints = Math.max(maxIntolerableTaints, intolerablePreferNoSchedule(pod, n.node));
    if (preferred) maxAffinityWeight = Math.max(maxAffinityWeight, preferredAffinityWeight(pod, n.node));
  }
  return { maxIntolerableTaints, maxAffinityWeight };
}

/**
 * A candidate's score: NodeResourcesFit (LeastAllocated) + BalancedAllocation, plus TaintToleration
 * (fewer intolerable PreferNoSchedule taints is better) and preferred NodeAffinity, both normalised
 * across the candidates to 0–100 as upstream's NormalizeScore, each times its default weight.
 * (ImageLocality, InterPodAffinity and default PodTopologySpread are not modelled.)
 */
export function nodeScore(pod: Pod, n: ScoredNode, req: PodRequests, norms: ScoreNorms): number {
  const taintScore = norms.maxIntolerableTaints === 0 ? 100 : 100 - Math.floor((intolerablePreferNoSchedule(pod, n.node) * 100) / norms.maxIntolerableTaints);
  const affinityScore = norms.maxAffinityWeight === 0 ? 0 : Math.floor((preferredAffinityWeight(pod, n.node) * 100) / norms.maxAffinityWeight);
  return (
    WEIGHT.fit * leastAllocated(n.usage, req, n.alloc) +
    WEIGHT.balanced * balancedAllocation(n.usage, req, n.alloc) +
    WEIGHT.taintToleration * taintScore +
    WEIGHT.nodeAffinity * affinityScore
  );
}

/** Every candidate's score, in order (for tests and explanations). */
export function scoreNodes(pod: Pod, nodes: readonly ScoredNode[], req: PodRequests): number[] {
  const norms = scoreNorms(pod, nodes);
  return nodes.map((n) => nodeScore(pod, n, req, norms));
}
