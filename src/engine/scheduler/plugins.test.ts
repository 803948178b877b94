import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import type { Node, Pod } from '../api/objects.ts';
import { type NodeUsage, filterNode, matchesNodeAffinity, nodeAllocatable, podRequests, scoreNodes, tolerates } from './plugins.ts';

function node(name: string, opts: { labels?: Record<string, string>; taints?: Taint[]; unschedulable?: boolean; cpu?: string; memory?: string; pods?: string } = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: name, resourceVersion: '1', creationTimestamp: '2025-01-01T00:00:00Z', labels: { 'kubernetes.io/hostname': name, ...opts.labels } },
    spec: { ...(opts.taints ? { taints: opts.taints } : {}), ...(opts.unschedulable ? { unschedulable: true } : {}) },
    status: { allocatable: { cpu: opts.cpu ?? '4', memory: opts.memory ?? '8Gi', pods: opts.pods ?? '110' } },
  };
}

function pod(spec: Partial<NonNullable<Pod['spec']>> = {}, requests?: Record<string, string>): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', uid: 'p', resourceVersion: '1', creationTimestamp: '2025-01-01T00:00:00Z' },
    spec: { containers: [{ name: 'c', image: 'i', ...(requests ? { resources: { requests } } : {}) }], ...spec },
  };
}

const idle: NodeUsage = { cpuMilli: 0, memory: 0, pods: 0, scoreCpuMilli: 0, scoreMemory: 0 };
const used = (cpuMilli: number, memory = 0, pods = 1): NodeUsage => ({ cpuMilli, memory, pods, scoreCpuMilli: cpuMilli, scoreMemory: memory });
const controlPlaneTaint: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

describe('filterNode', () => {
  // Rows follow the default profile's filter order: the first failing filter names the node's reason.
  it.each<[string, Pod, Node, NodeUsage, string | undefined]>([
    ['an empty node fits a plain pod', pod(), node('n'), idle, undefined],
    ['cordoned', pod(), node('n', { unschedulable: true }), idle, 'node(s) were unschedulable'],
    ['cordoned but tolerated', pod({ tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] }), node('n', { unschedulable: true }), idle, undefined],
    ['unschedulable wins over taints', pod(), node('n', { unschedulable: true, taints: [controlPlaneTaint] }), idle, 'node(s) were unschedulable'],
    ['a NoSchedule taint', pod(), node('n', { taints: [controlPlaneTaint] }), idle, 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'],
    ['a NoExecute taint with a value', pod(), node('n', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }] }), idle, 'node(s) had untolerated taint {dedicated: gpu}'],
    ['PreferNoSchedule never filters', pod(), node('n', { taints: [{ key: 'soft', effect: 'PreferNoSchedule' }] }), idle, undefined],
    ['a tolerated taint', pod({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu' }] }), node('n', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }), idle, undefined],
    ['a toleration with the wrong value', pod({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'cpu' }] }), node('n', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }), idle, 'node(s) had untolerated taint {dedicated: gpu}'],
    ['taints before affinity', pod({ nodeSelector: { disk: 'ssd' } }), node('n', { taints: [controlPlaneTaint] }), idle, 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'],
    ['nodeSelector mismatch', pod({ nodeSelector: { disk: 'ssd' } }), node('n', { labels: { disk: 'hdd' } }), idle, "node(s) didn't match Pod's node affinity/selector"],
    ['nodeSelector match', pod({ nodeSelector: { disk: 'ssd' } }), node('n', { labels: { disk: 'ssd' } }), idle, undefined],
    ['affinity before resources', pod({ nodeSelector: { disk: 'ssd' } }, { cpu: '8' }), node('n'), idle, "node(s) didn't match Pod's node affinity/selector"],
    ['too many pods', pod(), node('n', { pods: '2' }), used(0, 0, 2), 'Too many pods'],
    ['pod count before cpu', pod({}, { cpu: '8' }), node('n', { pods: '1' }), used(0, 0, 1), 'Too many pods'],
    ['insufficient cpu', pod({}, { cpu: '1' }), node('n'), used(3500), 'Insufficient cpu'],
    ['cpu that just fits', pod({}, { cpu: '500m' }), node('n'), used(3500), undefined],
    ['insufficient memory', pod({}, { memory: '1Gi' }), node('n', { memory: '1Gi' }), used(0, 512 * 2 ** 20), 'Insufficient memory'],
    ['no requests always fit by resources', pod(), node('n', { cpu: '1' }), used(1000, 8 * 2 ** 30), undefined],
  ])('%s', (_name, p, n, usage, reason) => {
    expect(filterNode(p, n, usage, podRequests(p))).toBe(reason);
  });
});

describe('node affinity', () => {
  const term = (key: string, operator: string, values?: string[]) => ({ matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] });
  const withAffinity = (...terms: ReturnType<typeof term>[]) => pod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });
  const ssd = node('n', { labels: { disk: 'ssd', gen: '5' } });

  it.each<[string, Pod, boolean]>([
    ['In', withAffinity(term('disk', 'In', ['ssd', 'nvme'])), true],
    ['NotIn', withAffinity(term('disk', 'NotIn', ['ssd'])), false],
    ['NotIn an absent key', withAffinity(term('zone', 'NotIn', ['a'])), true],
    ['Exists', withAffinity(term('disk', 'Exists')), true],
    ['DoesNotExist', withAffinity(term('disk', 'DoesNotExist')), false],
    ['Gt', withAffinity(term('gen', 'Gt', ['4'])), true],
    ['Lt', withAffinity(term('gen', 'Lt', ['4'])), false],
    ['terms are ORed', withAffinity(term('disk', 'In', ['hdd']), term('gen', 'In', ['5'])), true],
    ['matchFields on the node name', pod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n'] }] }] } } } }), true],
    ['an empty term matches nothing', pod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{}] } } } }), false],
  ])('%s', (_name, p, expected) => {
    expect(matchesNodeAffinity(p, ssd)).toBe(expected);
  });
});

describe('tolerations', () => {
  const taint: Taint = { key: 'k', value: 'v', effect: 'NoExecute' };
  it.each<[string, Toleration, boolean]>([
    ['Equal with the same value', { key: 'k', operator: 'Equal', value: 'v' }, true],
    ['Equal with another value', { key: 'k', operator: 'Equal', value: 'w' }, false],
    ['Exists on the key', { key: 'k', operator: 'Exists' }, true],
    ['Exists on everything', { operator: 'Exists' }, true],
    ['another effect', { key: 'k', operator: 'Exists', effect: 'NoSchedule' }, false],
    ['the same effect', { key: 'k', operator: 'Exists', effect: 'NoExecute' }, true],
    ['an empty key without Exists', { key: '', operator: 'Equal' }, false],
  ])('%s', (_name, toleration, expected) => {
    expect(tolerates(toleration, taint)).toBe(expected);
  });
});

describe('scoreNodes', () => {
  const scored = (n: Node, usage: NodeUsage = idle) => ({ node: n, usage, alloc: nodeAllocatable(n) });

  it('prefers the less allocated node (LeastAllocated + BalancedAllocation)', () => {
    const p = pod({}, { cpu: '500m', memory: '512Mi' });
    const [free, busy] = scoreNodes(p, [scored(node('a')), scored(node('b'), used(2000, 4 * 2 ** 30))], podRequests(p));
    expect(free).toBeGreaterThan(busy!);
  });

  it('gives an empty 4-cpu 8Gi node the upstream figures for a 500m / 512Mi pod', () => {
    const p = pod({}, { cpu: '500m', memory: '512Mi' });
    // LeastAllocated: cpu 87, memory 93 → 90; Balanced: 1 − |0.125 − 0.0625| / 2 → 96;
    // TaintToleration 100 × 3; no preferred affinity.
    expect(scoreNodes(p, [scored(node('a'))], podRequests(p))).toEqual([90 + 96 + 300]);
  });

  it('counts pods without requests as 100m / 200Mi for scoring only', () => {
    expect(podRequests(pod())).toEqual({ cpuMilli: 0, memory: 0, scoreCpuMilli: 100, scoreMemory: 200 * 2 ** 20 });
  });

  it('takes the larger of the init containers and the sum of the app containers', () => {
    const p = pod({ initContainers: [{ name: 'init', image: 'i', resources: { requests: { cpu: '2' } } }], containers: [{ name: 'a', image: 'i', resources: { requests: { cpu: '500m' } } }, { name: 'b', image: 'i', resources: { requests: { cpu: '700m' } } }] });
    expect(podRequests(p).cpuMilli).toBe(2000);
  });

  it('normalises TaintToleration across the candidates: the most tainted node scores 0 of 300', () => {
    const p = pod();
    const soft = (n: number) => node(`t${n}`, { taints: Array.from({ length: n }, (_, i) => ({ key: `k${i}`, effect: 'PreferNoSchedule' as const })) });
    const [none, one, two] = scoreNodes(p, [scored(soft(0)), scored(soft(1)), scored(soft(2))], podRequests(p));
    expect(none! - two!).toBe(300);
    expect(none! - one!).toBe(150);
  });

  it('normalises preferred node affinity across the candidates, weight 2', () => {
    const p = pod({ affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
      { weight: 80, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
      { weight: 20, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } },
    ] } } });
    const [ssd, zoneA, plain] = scoreNodes(p, [scored(node('s', { labels: { disk: 'ssd' } })), scored(node('z', { labels: { zone: 'a' } })), scored(node('p'))], podRequests(p));
    expect(ssd! - plain!).toBe(200);
    expect(zoneA! - plain!).toBe(50);
  });
});
