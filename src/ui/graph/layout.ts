/**
 * Ownership layout: each connected group of cards (a CronJob with its Jobs, a Deployment with its
 * ReplicaSets) is laid out left to right by dagre; groups are then packed in rows, in model order,
 * into a roughly 16:10 area — so a hundred unrelated Jobs make a grid, not one endless column.
 * Deterministic for a given model, and cached by the model's topology key, so it reruns only when
 * cards appear, disappear or change size — never because a pod changed status.
 */
import dagre from '@dagrejs/dagre';
import { type Card, GAP, type GraphModel, type Positions } from './model.ts';

export type { Positions };

interface Group {
  cards: Card[];
  /** Positions relative to the group's top-left corner. */
  local: Positions;
  width: number;
  height: number;
}

/** Connected components of the card graph, each in model order, ordered by their first card. */
function groups(model: GraphModel): Card[][] {
  const parent = new Map(model.cards.map((c) => [c.id, c.id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  for (const e of model.edges) if (parent.has(e.source) && parent.has(e.target)) parent.set(find(e.target), find(e.source));
  const byRoot = new Map<string, Card[]>();
  for (const c of model.cards) {
    const root = find(c.id);
    let list = byRoot.get(root);
    if (!list) byRoot.set(root, (list = []));
    list.push(c);
  }
  return [...byRoot.values()];
}

function layoutGroup(cards: Card[], model: GraphModel): Group {
  if (cards.length === 1) {
    const c = cards[0]!;
    return { cards, local: new Map([[c.id, { x: 0, y: 0 }]]), width: c.width, height: c.height };
  }
  const ids = new Set(cards.map((c) => c.id));
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 90, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const c of cards) g.setNode(c.id, { width: c.width, height: c.height });
  for (const e of model.edges) if (ids.has(e.source) && ids.has(e.target)) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const local: Positions = new Map();
  let width = 0;
  let height = 0;
  for (const c of cards) {
    const n = g.node(c.id);
    const x = Math.round(n.x - c.width / 2);
    const y = Math.round(n.y - c.height / 2);
    local.set(c.id, { x, y });
    width = Math.max(width, x + c.width);
    height = Math.max(height, y + c.height);
  }
  return { cards, local, width, height };
}

export function ownershipLayout(model: GraphModel): Positions {
  const laidOut = groups(model).map((cards) => layoutGroup(cards, model));
  const area = laidOut.reduce((a, g) => a + (g.width + GAP) * (g.height + GAP), 0);
  const rowWidth = Math.max(Math.sqrt(area * 1.6), ...laidOut.map((g) => g.width));
  const out: Positions = new Map();
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const g of laidOut) {
    if (x > 0 && x + g.width > rowWidth) {
      x = 0;
      y += rowHeight + GAP;
      rowHeight = 0;
    }
    for (const c of g.cards) {
      const p = g.local.get(c.id)!;
      out.set(c.id, { x: x + p.x, y: y + p.y });
    }
    x += g.width + GAP;
    rowHeight = Math.max(rowHeight, g.height);
  }
  return out;
}

/** Memoises one layout per topology key. */
export function cachedLayout(compute: (m: GraphModel) => Positions): (m: GraphModel) => Positions {
  let key = '';
  let last: Positions = new Map();
  return (m) => {
    if (m.topologyKey !== key) {
      key = m.topologyKey;
      last = compute(m);
    }
    return last;
  };
}
