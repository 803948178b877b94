/**
 * The DaemonSet controller (pkg/controller/daemon/daemon_controller.go and update.go, in our
 * words): one daemon pod on every node that should run one.
 *
 * A sync of a DaemonSet:
 *  1. finds (or records) the ControllerRevision of its current template (history.ts);
 *  2. for each node to examine, claims the daemon pods pinned to it and decides
 *     (podsShouldBeOnNode): create the missing pod; delete failed (with back-off) and succeeded
 *     pods and extra ones; delete every pod from a node that should no longer keep one (label,
 *     affinity or an untolerated NoExecute taint changed). A pod still terminating counts as
 *     present, so its replacement waits for it to go;
 *  3. with RollingUpdate and out-of-date pods somewhere, replaces them (rolling.ts); OnDelete
 *     waits for the user to delete them;
 *  4. writes status (desired, current, ready, up-to-date, available, misscheduled).
 * Pods are created pinned to their node by a `matchFields metadata.name` affinity term, with the
 * daemon tolerations (util.ts); the scheduler binds them — cordoned nodes included.
 *
 * Performance: upstream re-examines every node on every sync. Here each DaemonSet remembers the
 * nodes' contributions to its status; node and pod events mark just their node dirty, and a
 * template or spec change marks all. So a pod turning ready costs O(1), not O(nodes), which keeps a
 * 5,000-node DaemonSet cheap — with the same decisions, since a node's decision depends only on
 * that node, its pods and the DaemonSet (checked by a property test against full passes).
 */
import type { PodTemplateSpec, Toleration } from 'kubernetes-types/core/v1';
import { type Controller, type ControllerContext, type ReconcileResult, selfKey } from '../../client/controller.ts';
import type { Store, WatchEvent } from '../../store/store.ts';
import { type ControllerRevision, type DaemonSet, type KubeObject, type Node, type Pod, controllerRef, isBeingDeleted, keyOf, deepEqual } from '../../api/objects.ts';
import { type Selector, fromLabelSelector, matches } from '../../api/labels.ts';
import { CONTROLLER_REVISION_HASH_LABEL } from '../../api/kinds/apps.ts';
import { sameJson } from '../../api/canonical.ts';
import { MINUTE_MS, SECOND_MS } from '../../api/time.ts';
import { StatusError } from '../../apiserver/errors.ts';
import { BURST_REPLICAS, PodControl, podFromTemplate } from '../shared/podControl.ts';
import { claimObjects } from '../shared/refManager.ts';
import { ensureClaimIndexes, orphans } from '../shared/listers.ts';
import { availableAtMs, isPodTerminal, readySince } from '../shared/podState.ts';
import { FailureBackoff } from '../shared/backoff.ts';
import { cleanupHistory, constructHistory } from './history.ts';
import { type NodePods, planRollingUpdate } from './rolling.ts';
import { type ShouldRun, daemonPodTemplate, daemonTolerations, isPodUpdated, nodeShouldRunDaemonPod, pinToNode, targetNodeName, templateGeneration } from './util.ts';
import { type NodeCounts, ZERO, nodeCounts, podsShouldBeOnNode } from './nodes.ts';

export { nodeCounts, podsShouldBeOnNode };

export const DAEMONSET_CONTROLLER = 'daemonset-controller';
const TARGET_NODE_INDEX = 'daemonPodTargetNode';
/** Back-off between deletions of failed daemon pods on one node: 1 s doubling to 15 min. */
const FAILED_POD_BACKOFF_MS = SECOND_MS;
const FAILED_POD_BACKOFF_MAX_MS = 15 * MINUTE_MS;

interface NodeEntry extends ShouldRun {
  counts: NodeCounts;
  /** The node has a daemon pod (not being deleted) from an older revision. */
  hasOld: boolean;
  /** What shouldRun was decided from: the node's spec and labels and the pods' tolerations (heartbeats change none). */
  decidedFor: readonly [unknown, unknown, unknown];
}

/** What the controller remembers about one DaemonSet between syncs. */
class DaemonSetState {
  generation = -1;
  current: ControllerRevision | undefined;
  old: ControllerRevision[] = [];
  readonly nodes = new Map<string, NodeEntry>();
  totals: NodeCounts = { ...ZERO };
  oldNodes = 0;
  full = true;
  dirty = new Set<string>();
  /**
   * Dirty nodes a sync left waiting for their pod (past the burst limit) that nothing has touched
   * since: the next sync creates their pods without looking at them again. A rollout on 5,000
   * nodes takes ten syncs, and looking again at every waiting node each time was most of its work.
   */
  carried = new Set<string>();
  /** node → when to look at it again (availability after minReadySeconds, failed-pod back-off). */
  readonly timed = new Map<string, number>();
  readonly failedBackoff = new Map<string, { backoffMs: number; lastMs: number }>();
  private templateKey = '';
  private podTemplate: { template: PodTemplateSpec; tolerations: Toleration[] } | undefined;

  constructor(readonly uid: string) {}

  /** The daemon pods' template and tolerations, built again only when the template or revision changes. */
  templateFor(ds: DaemonSet, hash: string): { template: PodTemplateSpec; tolerations: Toleration[] } {
    const key = `${ds.metadata.generation}/${hash}/${templateGeneration(ds)}`;
    if (!this.podTemplate || this.templateKey !== key) {
      this.templateKey = key;
      this.podTemplate = { template: daemonPodTemplate(ds, hash), tolerations: daemonTolerations(ds.spec?.template?.spec ?? { containers: [] }) };
    }
    return this.podTemplate;
  }

  setEntry(name: string, entry: NodeEntry | undefined): void {
    const prev = this.nodes.get(name);
    if (prev) {
      addCounts(this.totals, prev.counts, -1);
      if (prev.hasOld) this.oldNodes--;
    }
    if (!entry) {
      this.nodes.delete(name);
      return;
    }
    this.nodes.set(name, entry);
    addCounts(this.totals, entry.counts, 1);
    if (entry.hasOld) this.oldNodes++;
  }

  wakeAt(name: string, atMs: number): void {
    const t = this.timed.get(name);
    if (t === undefined || atMs < t) this.timed.set(name, atMs);
  }
}

/** `total += sign × counts`, field by field (this runs for every node a sync looks at). */
function addCounts(total: NodeCounts, counts: NodeCounts, sign: 1 | -1): void {
  total.desired += sign * counts.desired;
  total.current += sign * counts.current;
  total.misscheduled += sign * counts.misscheduled;
  total.ready += sign * counts.ready;
  total.available += sign * counts.available;
  total.updated += sign * counts.updated;
}

const indexedStores = new WeakSet<Store>();

function ensureTargetNodeIndex(store: Store): void {
  if (indexedStores.has(store)) return;
  indexedStores.add(store);
  store.addIndex(
    'Pod',
    TARGET_NODE_INDEX,
    (obj) => {
      const n = targetNodeName(obj as Pod);
      return n ? [n] : [];
    },
    (obj) => (obj as Pod).spec,
  );
}

export function daemonSetController(ctx: ControllerContext): Controller {
  const { store, api } = ctx;
  const podControl = new PodControl(ctx, DAEMONSET_CONTROLLER);
  const backoff = new FailureBackoff();
  const states = new Map<string, DaemonSetState>();
  ensureClaimIndexes(store);
  ensureTargetNodeIndex(store);

  const markDirty = (key: string, node: string | undefined) => {
    const st = node ? states.get(key) : undefined;
    if (!st) return;
    st.dirty.add(node!);
    st.carried.delete(node!);
  };

  /** Whether a pod update can change a DaemonSet's sync: ownership, labels, node, deletion, phase, readiness. */
  const podUpdateMatters = (old: Pod | undefined, pod: Pod): boolean => {
    if (!old) return true;
    // (The controller reference is among the owner references compared last.)
    return (
      readySince(old) !== readySince(pod) ||
      old.status?.phase !== pod.status?.phase ||
      old.spec?.nodeName !== pod.spec?.nodeName ||
      old.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp ||
      !sameJson(old.metadata.labels, pod.metadata.labels) ||
      !sameJson(old.metadata.ownerReferences, pod.metadata.ownerReferences)
    );
  };

  const daemonSetsMatching = (pod: Pod): string[] =>
    [...store.list<DaemonSet>('DaemonSet')]
      .filter((ds) => {
        if (ds.metadata.namespace !== pod.metadata.namespace) return false;
        const sel = fromLabelSelector(ds.spec?.selector);
        return !(sel instanceof Error) && sel !== null && sel.length > 0 && matches(sel, pod.metadata.labels);
      })
      .map(keyOf);

  const podKeys = (e: WatchEvent): string | string[] | undefined => {
    const pod = e.object as Pod;
    const old = e.old as Pod | undefined;
    // Pods of other controllers never concern a DaemonSet (orphans might: they can be adopted,
    // but only when there is a DaemonSet to adopt them).
    const ref = controllerRef(pod);
    const oldRef = old && controllerRef(old);
    if (ref?.kind !== 'DaemonSet' && oldRef?.kind !== 'DaemonSet' && (ref || store.count('DaemonSet') === 0)) return undefined;
    if (e.type === 'MODIFIED' && !podUpdateMatters(old, pod)) return undefined;
    // Most writes are to a pod its DaemonSet keeps controlling: that one key.
    if (ref?.kind === 'DaemonSet' && (!oldRef || (oldRef.kind === ref.kind && oldRef.name === ref.name))) {
      const key = `${pod.metadata.namespace}/${ref.name}`;
      markDirty(key, targetNodeName(pod));
      if (old) markDirty(key, targetNodeName(old));
      return key;
    }
    const keys = new Set<string>();
    for (const p of [pod, old]) {
      const ref = p && controllerRef(p);
      if (ref?.kind !== 'DaemonSet') continue;
      const key = `${p!.metadata.namespace}/${ref.name}`;
      keys.add(key);
      markDirty(key, targetNodeName(p!));
    }
    if (e.type !== 'DELETED' && !controllerRef(pod)) {
      for (const key of daemonSetsMatching(pod)) {
        keys.add(key);
        markDirty(key, targetNodeName(pod));
      }
    }
    return [...keys];
  };

  const nodeKeys = (e: WatchEvent): string[] | undefined => {
    const node = e.object as Node;
    const old = e.old as Node | undefined;
    // Only what NodeShouldRunDaemonPod reads: existence, labels and taints.
    if (e.type === 'MODIFIED' && deepEqual(node.metadata.labels ?? {}, old?.metadata.labels ?? {}) && deepEqual(node.spec?.taints ?? [], old?.spec?.taints ?? [])) return undefined;
    const keys = [...store.list<DaemonSet>('DaemonSet')].map(keyOf);
    for (const key of keys) markDirty(key, node.metadata.name);
    return keys;
  };

  /** The daemon pods targeting `node` that this DaemonSet controls or adopts now. */
  const claimNode = (ds: DaemonSet, selector: Selector, node: string): Pod[] => {
    const candidates: Pod[] = [];
    for (const pod of store.byIndex<Pod>('Pod', TARGET_NODE_INDEX, node)) {
      if (pod.metadata.namespace !== ds.metadata.namespace) continue;
      const ref = controllerRef(pod);
      if (!ref || ref.uid === ds.metadata.uid) candidates.push(pod);
    }
    return candidates.length === 0 ? candidates : claimObjects(ctx, ds as KubeObject, selector, candidates).claimed;
  };

  /** Every node a full pass looks at: existing nodes, remembered ones, and nodes daemon pods target. */
  const allNodeNames = (st: DaemonSetState, ds: DaemonSet, selector: Selector): string[] => {
    const names = new Set<string>();
    for (const n of store.list<Node>('Node')) names.add(n.metadata.name);
    for (const n of st.nodes.keys()) names.add(n);
    for (const obj of store.dependents(ds.metadata.uid)) {
      const target = obj.kind === 'Pod' ? targetNodeName(obj as Pod) : undefined;
      if (target) names.add(target);
    }
    for (const pod of orphans<Pod>(store, 'Pod', ds.metadata.namespace ?? '')) {
      const target = targetNodeName(pod);
      if (target && matches(selector, pod.metadata.labels)) names.add(target);
    }
    return [...names];
  };

  /** Whether a failed pod on `node` may be deleted now (and start or extend the back-off). */
  const failedPodAllowed = (st: DaemonSetState, node: string, nowMs: number): boolean => {
    const entry = st.failedBackoff.get(node);
    if (entry && nowMs - entry.lastMs < entry.backoffMs) {
      st.wakeAt(node, nowMs + entry.backoffMs);
      return false;
    }
    const expired = !entry || nowMs - entry.lastMs > 2 * FAILED_POD_BACKOFF_MAX_MS;
    st.failedBackoff.set(node, { backoffMs: expired ? FAILED_POD_BACKOFF_MS : Math.min(entry.backoffMs * 2, FAILED_POD_BACKOFF_MAX_MS), lastMs: nowMs });
    return true;
  };

  /** syncNodes: create on `nodes`, delete `pods`, at most 500 of each; returns the nodes left for the next sync (those still to create on first). */
  const syncNodes = (ds: DaemonSet, template: PodTemplateSpec, pods: Pod[], nodes: string[]): { leftover: string[]; uncreated: string[]; failed: boolean } => {
    const createNodes = nodes.slice(0, BURST_REPLICAS);
    const { created, error } = podControl.createPods(ds as KubeObject, createNodes.length, (i) => {
      const manifest = podFromTemplate({ ...template, spec: { ...template.spec!, affinity: pinToNode(template.spec?.affinity, createNodes[i]!) } }, ds as KubeObject);
      return manifest;
    });
    const uncreated = nodes.slice(created.length);
    const leftover = [...uncreated];
    let failed = Boolean(error);
    for (const pod of pods.slice(0, BURST_REPLICAS)) if (podControl.deletePod(ds as KubeObject, pod)) failed = true;
    for (const pod of pods.slice(BURST_REPLICAS)) leftover.push(targetNodeName(pod) ?? '');
    return { leftover: leftover.filter((n) => n), uncreated, failed };
  };

  const reconcile = (key: string): ReconcileResult => {
    const ds = store.get<DaemonSet>('DaemonSet', key);
    if (!ds) {
      states.delete(key);
      backoff.forget(key);
      return;
    }
    let st = states.get(key);
    if (!st || st.uid !== ds.metadata.uid) states.set(key, (st = new DaemonSetState(ds.metadata.uid)));
    const selector = fromLabelSelector(ds.spec?.selector);
    if (selector instanceof Error || !selector || selector.length === 0 || isBeingDeleted(ds)) return;
    if (st.generation !== ds.metadata.generation || !st.current || !store.getByUid(st.current.metadata.uid)) {
      try {
        ({ current: st.current, old: st.old } = constructHistory(ctx, ds));
      } catch (e) {
        if (!(e instanceof StatusError)) throw e;
        return { requeueAfterMs: backoff.next(key) };
      }
      st.generation = ds.metadata.generation ?? 0;
      st.full = true;
    }
    const hash = st.current.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '';
    const generation = templateGeneration(ds);
    const minReady = ds.spec?.minReadySeconds ?? 0;
    const now = ctx.now();
    const { template, tolerations } = st.templateFor(ds, hash);
    for (const [node, at] of st.timed) {
      if (at > now) continue;
      st.dirty.add(node);
      st.carried.delete(node);
      st.timed.delete(node);
    }
    const names = st.full ? allNodeNames(st, ds, selector) : [...st.dirty];
    const carried = st.full ? new Set<string>() : st.carried;
    st.full = false;
    st.dirty = new Set();
    st.carried = new Set();

    // manage: decide per node.
    const needing: string[] = [];
    const toDelete: Pod[] = [];
    /** The pods each examined node had; reused by the recount for nodes the sync did not act on. */
    const examined = new Map<string, Pod[]>();
    for (const name of names) {
      if (carried.has(name)) {
        needing.push(name);
        continue;
      }
      const pods = claimNode(ds, selector, name).filter((p) => !(isPodTerminal(p) && p.metadata.deletionTimestamp));
      examined.set(name, pods);
      const node = store.get<Node>('Node', name);
      if (!node) {
        // Pods pinned to a node that is gone and never scheduled are deleted; bound ones are pod GC's.
        toDelete.push(...pods.filter((p) => !p.spec?.nodeName && !p.metadata.deletionTimestamp));
        st.setEntry(name, undefined);
        continue;
      }
      const known = st.nodes.get(name);
      const decided = known?.decidedFor;
      const same = decided !== undefined && decided[0] === node.spec && decided[1] === node.metadata.labels && decided[2] === tolerations;
      const r = same ? known! : nodeShouldRunDaemonPod(node, ds, tolerations);
      const decidedFor = same ? decided : ([node.spec, node.metadata.labels, tolerations] as const);
      st.setEntry(name, { shouldRun: r.shouldRun, shouldContinueRunning: r.shouldContinueRunning, counts: known?.counts ?? { ...ZERO }, hasOld: known?.hasOld ?? false, decidedFor });
      const decision = podsShouldBeOnNode(r, pods, ds, hash, now);
      if (decision.create) needing.push(name);
      toDelete.push(...decision.delete);
      for (const pod of decision.failed) {
        if (!failedPodAllowed(st, name, now)) continue;
        ctx.events.record(ds as KubeObject, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${name}, will try to kill it`, { component: DAEMONSET_CONTROLLER });
        toDelete.push(pod);
      }
      for (const pod of decision.succeeded) {
        ctx.events.record(ds as KubeObject, 'Normal', 'SucceededDaemonPod', `Found succeeded daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${name}, will try to delete it`, { component: DAEMONSET_CONTROLLER });
        toDelete.push(pod);
      }
    }
    const managed = syncNodes(ds, template, toDelete, needing);
    let { leftover, failed } = managed;
    /** Recounts nodes: `acted` ones are claimed again (pods were created or deleted there), the others reuse `known`. */
    const recount = (list: Iterable<string>, acted: ReadonlySet<string>, known?: ReadonlyMap<string, Pod[]>) => {
      for (const name of list) {
        const entry = st.nodes.get(name);
        if (!entry) continue;
        const reuse = acted.has(name) ? undefined : known?.get(name);
        const pods = reuse ?? claimNode(ds, selector, name).filter((p) => !(isPodTerminal(p) && p.metadata.deletionTimestamp));
        const hasOld = pods.some((p) => !p.metadata.deletionTimestamp && !isPodUpdated(p, hash, generation));
        st.setEntry(name, { ...entry, counts: nodeCounts(entry.shouldRun, pods, hash, generation, minReady, now), hasOld });
        for (const pod of pods) {
          const at = availableAtMs(pod, minReady);
          if (at !== undefined && at > now && Number.isFinite(at)) st.wakeAt(name, at);
        }
      }
    };
    const acted = new Set<string>(needing.slice(0, BURST_REPLICAS));
    for (const pod of toDelete) acted.add(targetNodeName(pod) ?? '');
    recount(examined.keys(), acted, examined);
    recount([...carried].filter((n) => acted.has(n)), acted);

    // rollingUpdate: only when some node still runs an old pod.
    if (ds.spec?.updateStrategy?.type === 'RollingUpdate' && st.oldNodes > 0) {
      const nodePods: NodePods[] = [];
      for (const [name, entry] of st.nodes) {
        const pods = claimNode(ds, selector, name).filter((p) => !(isPodTerminal(p) && p.metadata.deletionTimestamp));
        if (entry.shouldRun || pods.length > 0) nodePods.push({ node: name, pods, shouldRun: entry.shouldRun });
      }
      const plan = planRollingUpdate(ds, nodePods, hash, now);
      if (plan.deletePods.length > 0 || plan.createOn.length > 0) {
        const result = syncNodes(ds, template, plan.deletePods, plan.createOn);
        leftover = [...leftover, ...result.leftover];
        failed ||= result.failed;
        const rolled = [...plan.createOn, ...plan.deletePods.map((p) => targetNodeName(p) ?? '')];
        recount(rolled, new Set(rolled));
      }
    }
    if (st.old.length > (ds.spec?.revisionHistoryLimit ?? 10)) {
      const live = store.dependents(ds.metadata.uid).filter((o): o is Pod => o.kind === 'Pod');
      cleanupHistory(ctx, ds, st.old, live);
      st.old = st.old.filter((h) => store.getByUid(h.metadata.uid));
    }
    writeStatus(ds, st);

    for (const n of leftover) st.dirty.add(n);
    for (const n of managed.uncreated) st.carried.add(n);
    if (failed) return { requeueAfterMs: backoff.next(key) };
    backoff.forget(key);
    if (leftover.length > 0) return { requeueAfterMs: 0 };
    let next = Number.POSITIVE_INFINITY;
    for (const at of st.timed.values()) next = Math.min(next, at);
    return Number.isFinite(next) ? { requeueAfterMs: Math.max(0, next - now) } : undefined;
  };

  const writeStatus = (ds: DaemonSet, st: DaemonSetState) => {
    const current = store.get<DaemonSet>('DaemonSet', keyOf(ds)) ?? ds;
    const t = st.totals;
    const status = {
      currentNumberScheduled: t.current,
      numberMisscheduled: t.misscheduled,
      desiredNumberScheduled: t.desired,
      numberReady: t.ready,
      ...(ds.metadata.generation ? { observedGeneration: ds.metadata.generation } : {}),
      ...(t.updated ? { updatedNumberScheduled: t.updated } : {}),
      ...(t.available ? { numberAvailable: t.available } : {}),
      ...(t.desired - t.available ? { numberUnavailable: t.desired - t.available } : {}),
      ...(current.status?.collisionCount !== undefined ? { collisionCount: current.status.collisionCount } : {}),
      ...(current.status?.conditions ? { conditions: current.status.conditions } : {}),
    };
    if (deepEqual(status, current.status ?? {})) return;
    api.updateStatus({ ...current, status });
  };

  return {
    name: 'daemonset',
    watches: [
      { kind: 'DaemonSet', keys: selfKey },
      { kind: 'Pod', keys: podKeys },
      { kind: 'Node', keys: nodeKeys },
    ],
    reconcile,
  };
}
