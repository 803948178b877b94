/**
 * The graphs' models, derived purely from the cluster mirror (tested without a browser):
 *
 * - Ownership: one card per controller object (CronJob, Job, Deployment, ReplicaSet, DaemonSet,
 *   StatefulSet) holding its pods as chips, edges from owner to owned controller, and one card per
 *   namespace for pods no controller owns.
 * - Placement: one card per node holding the pods bound to it, plus an "Unscheduled" lane.
 *
 * Pods are chips inside cards rather than graph nodes, so pods coming and going never move the
 * layout; a card above COLLAPSE_AT pods shows counts per status instead of chips.
 */
import type { ObjectRecord } from '../../worker/protocol.ts';

export const COLLAPSE_AT = 50;
export const CHIPS_PER_ROW = 10;
export const CARD_WIDTH = 264;
export const NODE_CARD_WIDTH = 300;

const CONTROLLER_KINDS = ['CronJob', 'Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'Job'] as const;
const CONTROLLER_NAMES: Record<string, string> = { CronJob: 'cronjob-controller', Deployment: 'deployment-controller' };

export interface Card {
  /** The object's uid, or `orphans:<namespace>` / `unscheduled`. */
  id: string;
  kind: string;
  podIds: readonly string[];
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
}

type Records = ReadonlyMap<string, ObjectRecord>;
type Ids = Readonly<Record<string, readonly string[]>>;

function chipRows(n: number): number {
  if (n === 0) return 0;
  return n > COLLAPSE_AT ? 1 : Math.ceil(n / CHIPS_PER_ROW);
}

export function cardHeight(kind: string, pods: number): number {
  const base = kind === 'Job' ? 92 : kind === 'CronJob' ? 84 : kind === 'Node' ? 104 : 64;
  return base + Math.max(chipRows(pods), kind === 'Node' || kind === 'Unscheduled' ? 1 : 0) * 22;
}

function finish(cards: Card[], edges: ModelEdge[]): GraphModel {
  const topologyKey = `${cards.map((c) => `${c.id}:${c.height}`).join(',')}|${edges.map((e) => e.id).join(',')}`;
  return { cards, edges, topologyKey };
}

export function ownershipModel(records: Records, ids: Ids): GraphModel {
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
  const cards: Card[] = [];
  const edges: ModelEdge[] = [];
  for (const kind of CONTROLLER_KINDS) {
    for (const uid of ids[kind] ?? []) {
      const r = records.get(uid)!;
      const pods = podsOf.get(uid) ?? [];
      cards.push({ id: uid, kind, podIds: pods, height: cardHeight(kind, pods.length) });
      if (r.ownerUid && controllerIds.has(r.ownerUid)) {
        const owner = records.get(r.ownerUid)!;
        const label = CONTROLLER_NAMES[owner.kind];
        edges.push({ id: `${r.ownerUid}>${uid}`, source: r.ownerUid, target: uid, ...(label ? { label } : {}) });
      }
    }
  }
  for (const [id, pods] of [...podsOf].filter(([id]) => id.startsWith('orphans:')).sort(([a], [b]) => (a < b ? -1 : 1))) {
    cards.push({ id, kind: 'Pods', podIds: pods, height: cardHeight('Pods', pods.length) });
  }
  return finish(cards, edges);
}

export function placementModel(records: Records, ids: Ids): GraphModel {
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
  const cards: Card[] = nodeIds.map((uid) => {
    const pods = byNode.get(records.get(uid)!.name) ?? [];
    return { id: uid, kind: 'Node', podIds: pods, height: cardHeight('Node', pods.length) };
  });
  cards.push({ id: 'unscheduled', kind: 'Unscheduled', podIds: unscheduled, height: cardHeight('Unscheduled', unscheduled.length) });
  return finish(cards, []);
}

function nodeOrder(r: ObjectRecord): number {
  return r.summary.kind === 'Node' && r.summary.role.includes('control-plane') ? 0 : 1;
}

/** Placement layout: the Unscheduled lane on top, then nodes in a grid (control plane first). */
export function gridLayout(model: GraphModel, columns = 2, gap = 24): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  const nodes = model.cards.filter((c) => c.kind === 'Node');
  const lane = model.cards.find((c) => c.kind === 'Unscheduled');
  const left = 0;
  if (lane) out.set(lane.id, { x: 0, y: 0 });
  let y = lane ? lane.height + gap : 0;
  for (let i = 0; i < nodes.length; i += columns) {
    const row = nodes.slice(i, i + columns);
    row.forEach((c, j) => out.set(c.id, { x: left + j * (NODE_CARD_WIDTH + gap), y }));
    y += Math.max(...row.map((c) => c.height)) + gap;
  }
  return out;
}
