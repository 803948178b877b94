/**
 * Invariant checkers: properties that must hold whenever the controllers have settled, whatever
 * sequence of actions led there (TigerBeetle / FoundationDB style checkers). Tests run them after
 * every step; a violation names the invariant, the object and the virtual time.
 *
 * Two families:
 * - snapshot checks look at one settled state (indexes agree with a rebuild, counts are not
 *   negative, owners exist, pods are bound to nodes that run them...);
 * - history checks need to have watched the run (resourceVersion strictly increases, terminal
 *   phases are final, restart counts never go down, pods on a vanished node are collected in time).
 *
 * Checkers only read: they never write through the API, so attaching them cannot change a run.
 */
import type { KubeObject, Pod } from '../api/objects.ts';
import { keyOf } from '../api/objects.ts';
import { kindDef } from '../api/kinds.ts';
import { formatTime, parseTime, SECOND_MS } from '../api/time.ts';
import { ORPHAN_POD_DELAY_MS } from '../controllers/podGC.ts';
import type { Simulation } from '../sim/simulation.ts';
import type { WatchEvent } from '../store/store.ts';

export interface Violation {
  invariant: string;
  message: string;
}

/** How late past its deadline a terminating pod on a running node may still be stored. */
const TERMINATION_SLACK_MS = 2 * SECOND_MS;
/** How long after the pod GC's delay a pod may stay bound to a node that does not exist. */
const ORPHAN_SLACK_MS = 2 * SECOND_MS;

const isTerminal = (pod: Pod): boolean => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/** Every negative number under `value`, with its path (statuses are counts, times and codes). */
function negativeNumbers(value: unknown, path: string, out: string[]): void {
  if (typeof value === 'number') {
    if (value < 0) out.push(`${path}=${value}`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => negativeNumbers(v, `${path}[${i}]`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) negativeNumbers(v, `${path}.${k}`, out);
  }
}

function allObjects(sim: Simulation): KubeObject[] {
  const out: KubeObject[] = [];
  for (const def of sim.api.kinds()) for (const obj of sim.store.list(def.kind)) out.push(obj);
  return out;
}

const label = (obj: KubeObject): string => `${obj.kind} ${keyOf(obj)}`;

/** Checks that need nothing but the current, settled state. */
export function checkSnapshot(sim: Simulation): Violation[] {
  const out: Violation[] = [];
  const add = (invariant: string, message: string) => out.push({ invariant, message });
  for (const p of sim.store.verifyIndexes()) add('store-indexes', p);
  for (const p of sim.scheduler.verifyCache()) add('scheduler-cache', p);
  for (const p of sim.kubelets.verifyWorkers()) add('kubelet-workers', p);
  if (sim.clock.pending < 0) add('non-negative', `clock has ${sim.clock.pending} live timers`);

  const podIPs = new Map<string, string>();
  for (const obj of allObjects(sim)) {
    const meta = obj.metadata;
    const negatives: string[] = [];
    negativeNumbers(obj.status, 'status', negatives);
    for (const n of negatives) add('non-negative', `${label(obj)}: ${n}`);

    const def = kindDef(obj.kind);
    if (def?.namespaced && !sim.store.get('Namespace', meta.namespace ?? '')) add('namespace-exists', `${label(obj)} lives in a namespace that does not exist`);

    // The garbage collector settles with the controllers: nothing live points at a missing owner.
    if (!meta.deletionTimestamp) {
      for (const ref of meta.ownerReferences ?? []) {
        if (!sim.store.getByUid(ref.uid)) add('owners-exist', `${label(obj)} is owned by missing ${ref.kind} ${ref.name} (${ref.uid})`);
      }
    }
    const controllers = (meta.ownerReferences ?? []).filter((r) => r.controller).length;
    if (controllers > 1) add('owners-exist', `${label(obj)} has ${controllers} controller owner references`);

    if (def?.tracksGeneration) {
      const generation = meta.generation ?? 0;
      const observed = (obj.status as { observedGeneration?: number } | undefined)?.observedGeneration ?? 0;
      if (generation < 1) add('generation', `${label(obj)} has generation ${generation}`);
      if (observed > generation) add('generation', `${label(obj)} observed generation ${observed} > generation ${generation}`);
    }
    if (obj.kind === 'Pod') checkPod(sim, obj as unknown as Pod, podIPs, add);
  }
  for (const node of sim.store.list('Node')) {
    const taints = ((node.spec as { taints?: { key: string; effect: string }[] } | undefined)?.taints ?? []).map((t) => `${t.key}:${t.effect}`);
    if (new Set(taints).size !== taints.length) add('node-taints', `Node ${node.metadata.name} has duplicate taints [${taints.join(' ')}]`);
  }
  return out;
}

function checkPod(sim: Simulation, pod: Pod, podIPs: Map<string, string>, add: (invariant: string, message: string) => void): void {
  const key = keyOf(pod);
  const meta = pod.metadata;
  const status = pod.status ?? {};
  const nodeName = pod.spec?.nodeName;
  if (meta.deletionTimestamp) {
    const grace = meta.deletionGracePeriodSeconds;
    if (grace === undefined || grace < 0) add('terminating-pods', `Pod ${key} is terminating without a grace period`);
    if (!nodeName) add('terminating-pods', `Pod ${key} is terminating but was never scheduled (pod GC deletes those at once)`);
    const deadline = parseTime(meta.deletionTimestamp) ?? 0;
    const agent = nodeName ? sim.kubelets.agent(nodeName) : undefined;
    // Finalizers legitimately keep a killed pod around (upstream too).
    if (agent?.alive && !meta.finalizers?.length && sim.now() > deadline + TERMINATION_SLACK_MS) {
      add('terminating-pods', `Pod ${key} is still stored at ${formatTime(sim.now())}, past its deletion deadline ${meta.deletionTimestamp} on running node ${nodeName}`);
    }
  }
  if (nodeName === '') add('pod-binding', `Pod ${key} has an empty nodeName`);
  const ready = status.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  if (ready && status.phase !== 'Running') add('pod-status', `Pod ${key} is Ready in phase ${status.phase}`);
  const containersReady = status.conditions?.find((c) => c.type === 'ContainersReady')?.status === 'True';
  if (containersReady && (status.containerStatuses ?? []).some((c) => !c.ready)) add('pod-status', `Pod ${key} has ContainersReady=True with an unready container`);
  if (ready && !containersReady) add('pod-status', `Pod ${key} is Ready without ContainersReady`);
  if (!nodeName && status.phase && status.phase !== 'Pending' && status.phase !== 'Failed') add('pod-status', `Pod ${key} is ${status.phase} without a node`);
  if (status.podIP && !isTerminal(pod) && !pod.spec?.hostNetwork) {
    const other = podIPs.get(status.podIP);
    if (other) add('pod-ips', `Pods ${other} and ${key} share IP ${status.podIP}`);
    podIPs.set(status.podIP, key);
  }
}

interface PodHistory {
  phase?: string;
  /** Restart counts are kept by one node's kubelet; a re-registered node (new Node uid) starts over, as upstream. */
  nodeUid?: string;
  restarts: Map<string, number>;
}

/**
 * Watches a simulation from construction on, and checks snapshot and history invariants on demand.
 * Attach it right after creating the simulation so it sees every write.
 */
export class InvariantChecker {
  private lastRv = 0;
  private readonly pods = new Map<string, PodHistory>();
  /** uid of a pod → when it was first seen bound to a node that does not exist. */
  private readonly orphanedSince = new Map<string, number>();
  private readonly streamViolations: Violation[] = [];
  private readonly stop: () => void;

  constructor(private readonly sim: Simulation) {
    this.lastRv = sim.store.resourceVersion;
    this.stop = sim.store.watch('*', (e) => this.observe(e));
  }

  private observe(e: WatchEvent): void {
    const add = (invariant: string, message: string) => {
      if (this.streamViolations.length < 100) this.streamViolations.push({ invariant, message: `${message} (at ${formatTime(this.sim.now())})` });
    };
    const obj = e.object;
    const rv = Number(obj.metadata.resourceVersion);
    if (!(rv > this.lastRv)) add('resource-version', `${e.type} ${label(obj)} has resourceVersion ${obj.metadata.resourceVersion} after ${this.lastRv}`);
    this.lastRv = Math.max(this.lastRv, rv);
    if (e.old) {
      if (Number(e.old.metadata.resourceVersion) >= rv) add('resource-version', `${e.type} ${label(obj)} did not advance its resourceVersion`);
      if (e.old.metadata.uid !== obj.metadata.uid) add('identity', `${e.type} ${label(obj)} changed uid`);
      if (e.old.metadata.creationTimestamp !== obj.metadata.creationTimestamp) add('identity', `${e.type} ${label(obj)} changed creationTimestamp`);
      if (e.old.metadata.deletionTimestamp && !obj.metadata.deletionTimestamp) add('identity', `${e.type} ${label(obj)} lost its deletionTimestamp`);
    }
    if (obj.kind === 'Pod') this.observePod(e, add);
    if (obj.kind === 'Node') this.observeNode(e);
  }

  /** Pods of a vanished node start their pod-GC clock; a node (re)appearing stops it. */
  private observeNode(e: WatchEvent): void {
    if (e.type === 'MODIFIED') return;
    for (const pod of this.sim.store.byIndex<Pod>('Pod', 'nodeName', e.object.metadata.name)) {
      if (e.type === 'DELETED') {
        if (!this.orphanedSince.has(pod.metadata.uid)) this.orphanedSince.set(pod.metadata.uid, this.sim.now());
      } else this.orphanedSince.delete(pod.metadata.uid);
    }
  }

  private observePod(e: WatchEvent, add: (invariant: string, message: string) => void): void {
    const pod = e.object as Pod;
    const uid = pod.metadata.uid;
    if (e.type === 'DELETED') {
      this.pods.delete(uid);
      this.orphanedSince.delete(uid);
      return;
    }
    const history = this.pods.get(uid) ?? { restarts: new Map<string, number>() };
    const phase = pod.status?.phase;
    if ((history.phase === 'Succeeded' || history.phase === 'Failed') && phase !== history.phase) {
      add('terminal-phase', `Pod ${keyOf(pod)} went from ${history.phase} to ${phase}`);
    }
    history.phase = phase;
    const nodeName = pod.spec?.nodeName;
    if (nodeName && !this.sim.store.get('Node', nodeName) && !this.orphanedSince.has(uid)) this.orphanedSince.set(uid, this.sim.now());
    const nodeUid = nodeName ? this.sim.store.get('Node', nodeName)?.metadata.uid : undefined;
    if (nodeUid !== undefined && nodeUid !== history.nodeUid) {
      if (history.nodeUid !== undefined) history.restarts.clear();
      history.nodeUid = nodeUid;
    }
    for (const cs of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
      const before = history.restarts.get(cs.name) ?? 0;
      if (cs.restartCount < before) add('restart-count', `Pod ${keyOf(pod)} container ${cs.name} restartCount went from ${before} to ${cs.restartCount}`);
      history.restarts.set(cs.name, Math.max(before, cs.restartCount));
    }
    this.pods.set(uid, history);
  }

  /** Every violation so far: those seen on the watch stream, then the current snapshot's. */
  check(): Violation[] {
    const out = [...this.streamViolations, ...checkSnapshot(this.sim)];
    const now = this.sim.now();
    for (const pod of this.sim.store.list<Pod>('Pod')) {
      const nodeName = pod.spec?.nodeName;
      if (!nodeName || this.sim.store.get('Node', nodeName)) continue;
      const since = this.orphanedSince.get(pod.metadata.uid);
      if (since === undefined) out.push({ invariant: 'pod-binding', message: `Pod ${keyOf(pod)} is bound to missing node ${nodeName}, unnoticed by the checker` });
      else if (now - since > ORPHAN_POD_DELAY_MS + ORPHAN_SLACK_MS) {
        out.push({ invariant: 'pod-binding', message: `Pod ${keyOf(pod)} has been bound to missing node ${nodeName} since ${formatTime(since)}` });
      }
    }
    return out;
  }

  dispose(): void {
    this.stop();
  }
}

/** One line per violation, for test failures. */
export function formatViolations(violations: readonly Violation[]): string {
  return violations.map((v) => `[${v.invariant}] ${v.message}`).join('\n');
}
