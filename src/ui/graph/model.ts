/**
 * The graphs' models, derived purely from the cluster mirror (tested without a browser):
 *
 * - Ownership: one card per controller object (CronJob, Job, Deployment, ReplicaSet, DaemonSet,
 *   StatefulSet) holding its pods as chips, edges from owner to owned controller labelled with the
 *   controller that owns the link, and one card per namespace for pods no controller owns.
 * - Placement: one card per node holding the pods bound to it, plus an "Unscheduled" lane.
 *
 * Pods are chips inside cards rather than graph nodes, so pods coming and going never move the
 * layout; a card above COLLAPSE_AT pods shows counts per status instead of chips, and so does every
 * card once the cluster holds DENSE_AT pods (per-pod chips and their animations give way to counts).
 *
 * Card heights are computed here from what the card shows (rows of details, label and taint lines,
 * chip rows) and the cards render at exactly that height, so layouts never overlap and React Flow
 * can paint every card in its first frame.
 */
import type { ObjectRecord } from '../../worker/protocol.ts';

export const COLLAPSE_AT = 50;
export const DENSE_AT = 1000;
export const CHIPS_PER_ROW = 10;
export const CARD_WIDTH = 264;
export const NODE_CARD_WIDTH = 300;
export const GAP = 24;

const CONTROLLER_KINDS = ['CronJob', 'Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'Job'] as const;
/** The controller that maintains each owner → owned link (the edge's label). */
const LINK_CONTROLLERS: Record<string, string> = { CronJob: 'cronjob-controller', Deployment: 'deployment-controller' };

/** Labels every node carries (hostname, os, arch, roles): noise on a card. */
const ROUTINE_NODE_LABEL = /^(kubernetes\.io\/(hostname|os|arch)|beta\.kubernetes\.io\/|node-role\.kubernetes\.io\/|node\.kubernetes\.io\/exclude-from-external-load-balancers)/;

/** The labels a node card shows (and lets you drag), in key order. */
export function visibleNodeLabels(labels: Readonly<Record<string, string>> | undefined): [string, string][] {
  return Object.entries(labels ?? {})
    .filter(([k]) => !ROUTINE_NODE_LABEL.test(k))
    .sort(([a], [b]) => (a < b ? -1 : 1));
}

export interface Card {
  /** The object's uid, or `orphans:<namespace>` / `unscheduled`. */
  id: string;
  kind: string;
  podIds: readonly string[];
  /** Counts per status instead of one chip per pod. */
  collapsed: boolean;
  width: number;
  height: number;
}

export interface ModelEdge {
  id: string;
  source: string;
  target: string;
  label?: string;
}

export interface GraphModel {
  cards: Card[];
  edges: ModelEdge[];
  /** Changes only when cards, their sizes or edges change: the layout's cache key. */
  topologyKey: string;
  totalPods: number;
}

type Records = ReadonlyMap<string, ObjectRecord>;
type Ids = Readonly<Record<string, readonly string[]>>;

// Card geometry (px), matched by styles.css: padding + border, then one entry per row a card shows.
const FRAME = 18;
const HEAD = 22;
const ROW = 18;
const CHIP_ROW = 22;
const CHIPS_MARGIN = 6;
const DETAIL_ROWS: Record<string, number> = { Job: 3, CronJob: 3, Deployment: 1, ReplicaSet: 1, DaemonSet: 1, StatefulSet: 1, Pods: 0, Unscheduled: 1 };

/** Whether a card shows counts rather than chips. */
export function collapsedCard(pods: number, totalPods: number): boolean {
  return pods > COLLAPSE_AT || totalPods >= DENSE_AT;
}

function chipsHeight(pods: number, collapsed: boolean, reserveRow: boolean): number {
  const rows = pods === 0 ? (reserveRow ? 1 : 0) : collapsed ? 1 : Math.ceil(pods / CHIPS_PER_ROW);
  return rows === 0 ? 0 : CHIPS_MARGIN + rows * CHIP_ROW;
}

/** Height of an ownership card (or the Unscheduled lane). */
export function cardHeight(kind: string, pods: number, collapsed = pods > COLLAPSE_AT): number {
  return FRAME + HEAD + (DETAIL_ROWS[kind] ?? 1) * ROW + chipsHeight(pods, collapsed, false);
}

/** Height of a node card: head, label and taint lines when it has them, three capacity bars, pods. */
export function nodeCardHeight(r: ObjectRecord | undefined, pods: number, collapsed: boolean): number {
  const labels = visibleNodeLabels(r?.labels).length > 0 ? ROW + 2 : 0;
  const taints = r?.summary.kind === 'Node' && r.summary.taints.length > 0 ? ROW + 2 : 0;
  return FRAME + HEAD + labels + taints + 3 * 15 + chipsHeight(pods, collapsed, true);
}

function finish(cards: Card[], edges: ModelEdge[], totalPods: number): GraphModel {
  const topologyKey = `${cards.map((c) => `${c.id}:${c.width}x${c.height}`).join(',')}|${edges.map((e) => e.id).join(',')}`;
  return { cards, edges, topologyKey, totalPods };
}

export function ownershipModel(records: Records, ids: Ids): GraphModel {
  const total = ids.Pod?.length ?? 0;
  const controllerIds = new Set<string>();
  const podsOf = new Map<string, string[]>();
  for (const kind of CONTROLLER_KINDS) for (const uid of ids[kind] ?? []) controllerIds.add(uid);
  for (const uid of ids.Pod ?? []) {
    const pod = records.get(uid)!;
    const owner = pod.ownerUid && controllerIds.has(pod.ownerUid) ? pod.ownerUid : `orphans:${pod.namespace ?? 'default'}`;
    let list = podsOf.get(owner);
    if (!list) podsOf.set(owner, (list = []));
    list.push(uid);
  }
  const card = (id: string, kind: string): Card => {
    const podIds = podsOf.get(id) ?? [];
    const collapsed = collapsedCard(podIds.length, total);
    return { id, kind, podIds, collapsed, width: CARD_WIDTH, height: cardHeight(kind, podIds.length, collapsed) };
  };
  const cards: Card[] = [];
  const edges: ModelEdge[] = [];
  for (const kind of CONTROLLER_KINDS) {
    for (const uid of ids[kind] ?? []) {
      const r = records.get(uid)!;
      cards.push(card(uid, kind));
      if (r.ownerUid && controllerIds.has(r.ownerUid)) {
        const label = LINK_CONTROLLERS[records.get(r.ownerUid)!.kind];
        edges.push({ id: `${r.ownerUid}>${uid}`, source: r.ownerUid, target: uid, ...(label ? { label } : {}) });
      }
    }
  }
  for (const id of [...podsOf.keys()].filter((k) => k.startsWith('orphans:')).sort()) cards.push(card(id, 'Pods'));
  return finish(cards, edges, total);
}

export function placementModel(records: Records, ids: Ids): GraphModel {
  const total = ids.Pod?.length ?? 0;
  const byNode = new Map<string, string[]>();
  const unscheduled: string[] = [];
  for (const uid of ids.Pod ?? []) {
    const s = records.get(uid)!.summary;
    const node = s.kind === 'Pod' ? s.nodeName : undefined;
    if (!node) {
      unscheduled.push(uid);
      continue;
    }
    let list = byNode.get(node);
    if (!list) byNode.set(node, (list = []));
    list.push(uid);
  }
  const nodeIds = [...(ids.Node ?? [])].sort((a, b) => nodeOrder(records.get(a)!) - nodeOrder(records.get(b)!) || (records.get(a)!.name < records.get(b)!.name ? -1 : 1));
  const columns = placementColumns(nodeIds.length);
  const cards: Card[] = nodeIds.map((uid) => {
    const r = records.get(uid)!;
    const podIds = byNode.get(r.name) ?? [];
    const collapsed = collapsedCard(podIds.length, total);
    return { id: uid, kind: 'Node', podIds, collapsed, width: NODE_CARD_WIDTH, height: nodeCardHeight(r, podIds.length, collapsed) };
  });
  const laneCollapsed = collapsedCard(unscheduled.length, total);
  cards.push({
    id: 'unscheduled',
    kind: 'Unscheduled',
    podIds: unscheduled,
    collapsed: laneCollapsed,
    width: columns * (NODE_CARD_WIDTH + GAP) - GAP,
    height: unscheduled.length === 0 ? FRAME + HEAD : cardHeight('Unscheduled', unscheduled.length, laneCollapsed),
  });
  return finish(cards, [], total);
}

function nodeOrder(r: ObjectRecord): number {
  return r.summary.kind === 'Node' && r.summary.role.includes('control-plane') ? 0 : 1;
}

/** Two columns for a small cluster, a squarish grid for a big one. */
export function placementColumns(nodes: number): number {
  return Math.max(2, Math.ceil(Math.sqrt(nodes)));
}

export type Positions = Map<string, { x: number; y: number }>;

/** Placement layout: the Unscheduled lane on top, then nodes in a grid (control plane first). */
export function gridLayout(model: GraphModel): Positions {
  const out: Positions = new Map();
  const nodes = model.cards.filter((c) => c.kind === 'Node');
  const columns = placementColumns(nodes.length);
  const lane = model.cards.find((c) => c.kind === 'Unscheduled');
  if (lane) out.set(lane.id, { x: 0, y: 0 });
  let y = lane ? lane.height + GAP : 0;
  for (let i = 0; i < nodes.length; i += columns) {
    const row = nodes.slice(i, i + columns);
    row.forEach((c, j) => out.set(c.id, { x: j * (NODE_CARD_WIDTH + GAP), y }));
    y += Math.max(...row.map((c) => c.height)) + GAP;
  }
  return out;
}
