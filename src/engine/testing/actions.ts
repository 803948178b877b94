/**
 * Random cluster actions for property tests: what users and the world do to a cluster (create and
 * delete pods and owners, add / remove / fail / recover / cordon / label / taint nodes, let time
 * pass, make containers exit, delete namespaces). Names come from small pools so actions collide
 * with each other — deleting what another action created, binding to a node that just went away.
 *
 * `applyAction` goes through the same entry points as kubectl and the `sim` commands; API errors
 * (NotFound, AlreadyExists, Invalid...) are part of the game and are returned, anything else thrown
 * is a bug and propagates.
 */
import fc from 'fast-check';
import type { Toleration } from 'kubernetes-types/core/v1';
import type { Manifest, Node } from '../api/objects.ts';
import { clone } from '../api/objects.ts';
import type { PropagationPolicy } from '../api/kinds.ts';
import { StatusError } from '../apiserver/errors.ts';
import type { Simulation } from '../sim/simulation.ts';

const PODS = ['p0', 'p1', 'p2', 'p3'];
const OWNERS = ['o0', 'o1'];
const NAMESPACES = ['default', 'default', 'team-a'];
const NODES = ['worker-1', 'worker-2', 'worker-3', 'control-plane', 'extra-1', 'extra-2'];
const POLICIES: PropagationPolicy[] = ['Background', 'Foreground', 'Orphan'];
const PROGRAMS = {
  forever: ['sleep', 'infinity'],
  exit0: ['sh', '-c', 'sleep 5; exit 0'],
  exit1: ['sh', '-c', 'sleep 3; exit 1'],
  quick: ['sh', '-c', 'echo hi'],
  sleepLong: ['sleep', '600'],
} as const;

export type Action =
  | {
      op: 'createPod';
      ns: string;
      name: string;
      program: keyof typeof PROGRAMS;
      restartPolicy: 'Always' | 'OnFailure' | 'Never';
      cpu?: string;
      zone?: string;
      tolerateAll?: boolean;
      tolerationSeconds?: number;
      nodeName?: string;
      owner?: string;
      grace?: number;
    }
  | { op: 'deletePod'; ns: string; name: string; grace?: number; policy?: PropagationPolicy }
  | { op: 'createOwner'; ns: string; name: string; owner?: string }
  | { op: 'deleteOwner'; ns: string; name: string; policy: PropagationPolicy }
  | { op: 'addNode'; name: string; zone: string; cpu: string; taint?: 'NoSchedule' | 'NoExecute' }
  | { op: 'removeNode'; name: string }
  | { op: 'failNode'; name: string }
  | { op: 'recoverNode'; name: string }
  | { op: 'cordon'; name: string; unschedulable: boolean }
  | { op: 'labelNode'; name: string; zone: string | null }
  | { op: 'taintNode'; name: string; effect: 'NoSchedule' | 'NoExecute' | 'PreferNoSchedule'; remove: boolean }
  | { op: 'exitContainer'; ns: string; name: string; code: number }
  | { op: 'createNamespace'; name: string }
  | { op: 'deleteNamespace'; name: string }
  | { op: 'advance'; ms: number };

const pick = <T>(items: readonly T[]) => fc.constantFrom(...items);
const zone = pick(['a', 'b']);
/** `arb` in about `percent` % of the cases, undefined otherwise. */
const sometimes = <T>(percent: number, arb: fc.Arbitrary<T>) =>
  fc.oneof({ weight: percent, arbitrary: arb }, { weight: 100 - percent, arbitrary: fc.constant(undefined) });

/** Drop keys whose value is undefined, so actions print compactly and compare exactly. */
function compact<T extends object>(a: T): T {
  return Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)) as T;
}

export const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({
        op: fc.constant('createPod' as const),
        ns: pick(NAMESPACES),
        name: pick(PODS),
        program: pick(Object.keys(PROGRAMS) as (keyof typeof PROGRAMS)[]),
        restartPolicy: pick(['Always', 'OnFailure', 'Never'] as const),
        cpu: sometimes(50, pick(['100m', '1', '3'])),
        zone: sometimes(20, zone),
        tolerateAll: sometimes(15, fc.constant(true)),
        tolerationSeconds: sometimes(25, pick([0, 30, 120])),
        nodeName: sometimes(10, pick(NODES)),
        owner: sometimes(40, pick(OWNERS)),
        grace: sometimes(50, pick([0, 5, 30])),
      })
      .map(compact),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('deletePod' as const), ns: pick(NAMESPACES), name: pick(PODS), grace: sometimes(40, pick([0, 1, 10])), policy: sometimes(30, pick(POLICIES)) }).map(compact) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('createOwner' as const), ns: pick(NAMESPACES), name: pick(OWNERS), owner: sometimes(30, pick(OWNERS)) }).map(compact) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('deleteOwner' as const), ns: pick(NAMESPACES), name: pick(OWNERS), policy: pick(POLICIES) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('addNode' as const), name: pick(NODES), zone, cpu: pick(['2', '4']), taint: sometimes(30, pick(['NoSchedule', 'NoExecute'] as const)) }).map(compact) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('removeNode' as const), name: pick(NODES) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('failNode' as const), name: pick(NODES) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('recoverNode' as const), name: pick(NODES) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cordon' as const), name: pick(NODES), unschedulable: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('labelNode' as const), name: pick(NODES), zone: fc.option(zone, { nil: null }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('taintNode' as const), name: pick(NODES), effect: pick(['NoSchedule', 'NoExecute', 'PreferNoSchedule'] as const), remove: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('exitContainer' as const), ns: pick(NAMESPACES), name: pick(PODS), code: pick([0, 1, 137]) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('createNamespace' as const), name: fc.constant('team-a') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteNamespace' as const), name: fc.constant('team-a') }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.oneof(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 5_000, max: 400_000 })) }) },
);

function podManifest(sim: Simulation, a: Extract<Action, { op: 'createPod' }>): Manifest {
  const tolerations: Toleration[] = [];
  if (a.tolerateAll) tolerations.push({ operator: 'Exists' });
  if (a.tolerationSeconds !== undefined) tolerations.push({ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: a.tolerationSeconds });
  const command = PROGRAMS[a.program];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: a.name, namespace: a.ns, ...(a.owner ? { ownerReferences: [ownerRef(sim, a.ns, a.owner)] } : {}) },
    spec: {
      restartPolicy: a.restartPolicy,
      ...(a.grace !== undefined ? { terminationGracePeriodSeconds: a.grace } : {}),
      ...(a.zone ? { nodeSelector: { zone: a.zone } } : {}),
      ...(tolerations.length > 0 ? { tolerations } : {}),
      ...(a.nodeName ? { nodeName: a.nodeName } : {}),
      containers: [{ name: 'main', image: 'busybox:1.36', ...(command ? { command: [...command] } : {}), ...(a.cpu ? { resources: { requests: { cpu: a.cpu } } } : {}) }],
    },
  };
}

/** A reference to the owner ConfigMap, or to a uid nobody has when it does not exist. */
function ownerRef(sim: Simulation, ns: string, name: string) {
  const owner = sim.store.get('ConfigMap', `${ns}/${name}`);
  return { apiVersion: 'v1', kind: 'ConfigMap', name, uid: owner?.metadata.uid ?? `00000000-0000-4000-8000-${name.padStart(12, '0')}`, controller: true, blockOwnerDeletion: true };
}

function updateNode(sim: Simulation, name: string, change: (node: Node) => void): void {
  const node = clone(sim.api.get<Node>('Node', undefined, name));
  change(node);
  sim.api.update(node);
}

/** Perform one action. Returns the API error it met, if any; other exceptions propagate. */
export function applyAction(sim: Simulation, a: Action): StatusError | undefined {
  try {
    perform(sim, a);
  } catch (e) {
    if (e instanceof StatusError) {
      sim.settle();
      return e;
    }
    throw e;
  }
  sim.settle();
  return undefined;
}

function perform(sim: Simulation, a: Action): void {
  switch (a.op) {
    case 'createPod':
      sim.api.create(podManifest(sim, a));
      return;
    case 'deletePod':
      sim.api.delete('Pod', a.ns, a.name, { ...(a.grace !== undefined ? { gracePeriodSeconds: a.grace } : {}), ...(a.policy ? { propagationPolicy: a.policy } : {}) });
      return;
    case 'createOwner':
      sim.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: a.name, namespace: a.ns, ...(a.owner && a.owner !== a.name ? { ownerReferences: [ownerRef(sim, a.ns, a.owner)] } : {}) } });
      return;
    case 'deleteOwner':
      sim.api.delete('ConfigMap', a.ns, a.name, { propagationPolicy: a.policy });
      return;
    case 'addNode':
      sim.addNode({ name: a.name, labels: { zone: a.zone }, cpu: a.cpu, ...(a.taint ? { taints: [{ key: 'dedicated', value: 'x', effect: a.taint }] } : {}) });
      return;
    case 'removeNode':
      sim.removeNode(a.name);
      return;
    case 'failNode':
      sim.failNode(a.name);
      return;
    case 'recoverNode':
      sim.recoverNode(a.name);
      return;
    case 'cordon':
      updateNode(sim, a.name, (n) => {
        n.spec = { ...n.spec, unschedulable: a.unschedulable };
      });
      return;
    case 'labelNode':
      updateNode(sim, a.name, (n) => {
        const labels = { ...n.metadata.labels };
        if (a.zone === null) delete labels.zone;
        else labels.zone = a.zone;
        n.metadata.labels = labels;
      });
      return;
    case 'taintNode':
      updateNode(sim, a.name, (n) => {
        const others = (n.spec?.taints ?? []).filter((t) => !(t.key === 'dedicated' && t.effect === a.effect));
        n.spec = { ...n.spec, taints: a.remove ? others : [...others, { key: 'dedicated', value: 'x', effect: a.effect }] };
      });
      return;
    case 'exitContainer':
      sim.exitContainer(a.ns, a.name, a.code);
      return;
    case 'createNamespace':
      sim.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: a.name } });
      return;
    case 'deleteNamespace':
      sim.api.delete('Namespace', undefined, a.name);
      return;
    case 'advance':
      sim.advance(a.ms);
      return;
  }
}
