/**
 * Ownership layout with dagre (left to right: CronJob → Job, Deployment → ReplicaSet). Deterministic
 * for a given model, and cached by the model's topology key, so it reruns only when cards appear,
 * disappear or change size — never because a pod changed status.
 */
import dagre from '@dagrejs/dagre';
import { CARD_WIDTH, type GraphModel } from './model.ts';

export type Positions = Map<string, { x: number; y: number }>;

export function dagreLayout(model: GraphModel): Positions {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 70, marginx: 10, marginy: 10 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const c of model.cards) g.setNode(c.id, { width: CARD_WIDTH, height: c.height });
  for (const e of model.edges) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const out: Positions = new Map();
  for (const c of model.cards) {
    const n = g.node(c.id);
    out.set(c.id, { x: Math.round(n.x - CARD_WIDTH / 2), y: Math.round(n.y - c.height / 2) });
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
